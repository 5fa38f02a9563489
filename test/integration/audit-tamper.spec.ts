import { Client } from 'pg';
import { createAuditCheckpointActivities } from '../../src/audit/audit-checkpoint.activities';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log';
import { verifyAuditTrail } from '../../src/audit/audit-verification';
import { readChainHeads } from '../../src/audit/chain-heads';
import type { AuditCheckpointState } from '../../src/core/contracts/audit';
import { DEFAULT_PARAMETERS, ParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// What an attacker holding the database role could do to the audit trail, against the real
// PostgreSQL: empty it (refused by the statement trigger), or, as a superuser who disables
// the row trigger, delete the newest rows of a chain, which leaves a shorter chain that still
// verifies: only the heads recorded outside the database (the checkpoint) show it.

describe('audit trail tampering (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let sql: Client;
  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    for (let i = 0; i < 24; i++)
      await prisma.$transaction((tx) =>
        appendAudit(tx, {
          actorId: `user-${i % 4}`,
          role: 'COUNTY_OFFICER',
          action: 'TEST_ACTION',
          targetType: 'Application',
          targetId: `target-${i % 6}`, // four rows per target: some chain holds more than two
          requestId: `req-${i}`,
        }),
      );
  });
  afterAll(async () => {
    await sql.end();
    await prisma.$disconnect();
    await db.stop();
  });

  const state = (latest: AuditCheckpointState['latest']): AuditCheckpointState => ({
    workflowId: 'audit-checkpoint',
    runId: 'run-1',
    latest,
    findings: [],
  });

  it('refuses TRUNCATE audit_log, for the owner role as for any other', async () => {
    await expect(sql.query('TRUNCATE audit_log')).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    await expect(sql.query('TRUNCATE audit_log CASCADE')).rejects.toThrow(/append-only/);
    expect(await prisma.auditLog.count()).toBe(24);
  });

  it('reads the heads and the period for a checkpoint, and names a recorded head that is gone', async () => {
    const activities = createAuditCheckpointActivities({ prisma, parameters: new ParameterStore(DEFAULT_PARAMETERS) });
    const first = await activities.recordAuditCheckpoint(null);
    expect(first.periodMinutes).toBe(60);
    expect(first.findings).toEqual([]);
    expect(first.heads).toEqual(await readChainHeads(prisma));
    expect(first.heads.length).toBeGreaterThan(1);
    // Each head is the newest row of its chain.
    for (const h of first.heads) {
      const newest = await prisma.auditLog.findFirst({ where: { chain: h.chain }, orderBy: { seq: 'desc' } });
      expect({ seq: newest!.seq.toString(), hash: newest!.hash }).toEqual({ seq: h.seq, hash: h.hash });
    }
    const forged = { ...first.heads[0]!, seq: '999999' };
    const second = await activities.recordAuditCheckpoint({ id: 'audit-checkpoint/1', heads: [forged] });
    expect(second.findings).toEqual([{ ...forged, found: 'MISSING', checkpointId: 'audit-checkpoint/1' }]);
  });

  it('detects the newest rows of a chain deleted behind the trigger, through the checkpoint', async () => {
    const heads = await readChainHeads(prisma);
    const checkpoint = { id: 'audit-checkpoint/7', number: 7, at: new Date().toISOString(), heads };
    await expect(verifyAuditTrail(prisma, state(checkpoint))).resolves.toMatchObject({
      rows: 24,
      valid: true,
      chainsValid: true,
      checkpointStatus: 'VERIFIED',
      checkpoint: { id: 'audit-checkpoint/7', workflowId: 'audit-checkpoint', runId: 'run-1', chains: heads.length },
      brokenChains: [],
    });

    // The attacker: the two newest rows of the longest chain go.
    const counts = await prisma.auditLog.groupBy({ by: ['chain'], _count: { _all: true } });
    const victim = counts.sort((a, b) => b._count._all - a._count._all)[0]!.chain;
    expect(counts.find((c) => c.chain === victim)!._count._all).toBeGreaterThan(2);
    const head = heads.find((h) => h.chain === victim)!;
    await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
    try {
      const deleted = await sql.query(
        'DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 2)',
        [victim],
      );
      expect(deleted.rowCount).toBe(2);
    } finally {
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    }

    // The chains alone still verify: every remaining row links to its predecessor.
    await expect(verifyAuditChain(prisma)).resolves.toEqual({ rows: 22, valid: true, brokenAtSeq: null });
    // Against the checkpoint, the chain is broken at its recorded head.
    const result = await verifyAuditTrail(prisma, state(checkpoint));
    expect(result).toMatchObject({ rows: 22, valid: false, chainsValid: true, brokenAtSeq: head.seq });
    expect(result.brokenChains).toEqual([{ ...head, found: 'MISSING', checkpointId: 'audit-checkpoint/7' }]);

    // A forged replacement row under the same seq does not pass either.
    await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
    try {
      await sql.query(
        `INSERT INTO audit_log (seq, at, actor_id, role, action, target_type, target_id, chain, prev_hash, hash)
         VALUES ($1, now(), 'forger', 'ADMINISTRATOR', 'TEST_ACTION', 'Application', 'x', $2, $3, $4)`,
        [head.seq, victim, '0'.repeat(64), 'f'.repeat(64)],
      );
    } finally {
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    }
    const forged = await verifyAuditTrail(prisma, state(checkpoint));
    expect(forged.valid).toBe(false);
    expect(forged.brokenChains).toEqual([{ ...head, found: 'CHANGED', checkpointId: 'audit-checkpoint/7' }]);
  });

  it('reports the checkpoint as unavailable rather than passing silently when Temporal does not answer', async () => {
    await expect(verifyAuditTrail(prisma, null)).resolves.toMatchObject({
      checkpointStatus: 'UNAVAILABLE',
      checkpoint: null,
      brokenChains: [],
    });
  });
});
