import { Client } from 'pg';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit-log';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

describe('audit log (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.stop();
  });

  const entry = (i: number) => ({
    actorId: `user-${i % 3}`,
    role: 'TOWNSHIP_CASEWORKER',
    action: 'TEST_ACTION',
    targetType: 'Application',
    targetId: `target-${i}`,
    reason: i % 2 ? '补充材料' : null,
    requestId: `req-${i}`,
    details: { z: i, a: { nested: [1, 'x'] } },
  });

  it('links rows appended concurrently into parallel chains, one per transaction, all verifiable', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          await appendAudit(tx, entry(i));
          await appendAudit(tx, { ...entry(i), targetId: `other-${i}`, action: 'TEST_SECOND' });
        }),
      ),
    );
    const rows = await prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(40);
    // Each row names the previous row of its own chain (the first one, the genesis).
    const last = new Map<number, string>();
    for (const row of rows) {
      expect(row.prevHash).toBe(last.get(row.chain) ?? '0'.repeat(64));
      last.set(row.chain, row.hash);
    }
    expect(last.size).toBeGreaterThan(1); // the transactions did not all queue behind one lock
    // Both rows of a transaction are in the same chain, whatever their targets.
    for (let i = 0; i < 20; i++) {
      const pair = rows.filter((r) => r.targetId === `target-${i}` || r.targetId === `other-${i}`);
      expect(new Set(pair.map((r) => r.chain)).size).toBe(1);
    }
    await expect(verifyAuditChain(prisma)).resolves.toEqual({ rows: 40, valid: true, brokenAtSeq: null });
  });

  it('is written with its change or not at all', async () => {
    const before = await prisma.auditLog.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await appendAudit(tx, entry(99));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await prisma.auditLog.count()).toBe(before);
  });

  it('refuses UPDATE and DELETE, and detects a row edited behind the trigger', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE audit_log SET reason = '篡改' WHERE seq = 3`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow(/append-only/);
      // A superuser can bypass the trigger; the hash chain still shows the edit.
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      const original = await client.query<{ reason: string | null }>('SELECT reason FROM audit_log WHERE seq = 3');
      await client.query(`UPDATE audit_log SET reason = '篡改' WHERE seq = 3`);
      await expect(verifyAuditChain(prisma)).resolves.toEqual({ rows: 2, valid: false, brokenAtSeq: '3' });
      // Put back, the chain holds again (the next test tampers differently).
      await client.query('UPDATE audit_log SET reason = $1 WHERE seq = 3', [original.rows[0]!.reason]);
      await expect(verifyAuditChain(prisma)).resolves.toMatchObject({ valid: true });
    } finally {
      await client.end();
    }
  });

  it('detects a row moved to another chain', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`UPDATE audit_log SET chain = (chain + 1) % 16 WHERE seq = 5`); // the trigger is still off
    } finally {
      await client.end();
    }
    // The chain is part of the row's hash: found at the moved row itself.
    await expect(verifyAuditChain(prisma)).resolves.toEqual({ rows: 4, valid: false, brokenAtSeq: '5' });
  });
});
