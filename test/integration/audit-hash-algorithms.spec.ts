import { Client } from 'pg';
import { appendAudit, useAuditSuite, verifyAuditChain } from '../../src/audit/audit-log';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// The audit chain across a switch of CRYPTO_SUITE (real PostgreSQL): rows written under
// sha256, then sm3 (hashed in Node under the chain's lock); each row verified with its own
// algorithm, the chain carrying on across the switch; an edited sm3 row breaks it.

describe('audit chain under sha256 then sm3 (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    useAuditSuite('INTERNATIONAL');
    await prisma.$disconnect();
    await db.stop();
  });

  const entry = (i: number) => ({
    actorId: `user-${i % 3}`,
    role: 'ADMINISTRATOR',
    action: 'TEST_ACTION',
    // One target: every row in the same chain, so the switch happens inside a chain.
    targetId: 'crypto-suite-switch',
    targetType: 'Test',
    reason: i % 2 ? '测试' : null,
    requestId: `req-${i}`,
    details: { i, nested: { b: [1, '二'], a: null } },
  });

  it('verifies a chain that switched from sha256 to sm3, and an edited sm3 row breaks it', async () => {
    useAuditSuite('INTERNATIONAL');
    for (let i = 0; i < 3; i++) await prisma.$transaction((tx) => appendAudit(tx, entry(i)));
    useAuditSuite('NATIONAL');
    // Concurrent appends: the lock still serialises the Node-side hashing (no forks).
    await Promise.all(Array.from({ length: 6 }, (_, i) => prisma.$transaction((tx) => appendAudit(tx, entry(10 + i)))));
    const rows = await prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.hashAlg)).toEqual([...Array(3).fill('sha256'), ...Array(6).fill('sm3')]);
    expect(new Set(rows.map((r) => r.chain)).size).toBe(1);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    // The first sm3 row covers the last sha256 row's hash.
    expect(rows[3]!.prevHash).toBe(rows[2]!.hash);
    await expect(verifyAuditChain(prisma)).resolves.toEqual({ rows: 9, valid: true, brokenAtSeq: null });

    // As a superuser behind the disabled trigger: one sm3 row's reason edited.
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await sql.query(`UPDATE audit_log SET reason = '篡改' WHERE seq = $1`, [rows[5]!.seq.toString()]);
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    } finally {
      await sql.end();
    }
    await expect(verifyAuditChain(prisma)).resolves.toEqual({
      rows: 5,
      valid: false,
      brokenAtSeq: rows[5]!.seq.toString(),
    });
  });

  it('a row relabelled to the other algorithm breaks the chain', async () => {
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await sql.query('DELETE FROM audit_log');
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
      useAuditSuite('NATIONAL');
      for (let i = 0; i < 2; i++) await prisma.$transaction((tx) => appendAudit(tx, entry(i)));
      await expect(verifyAuditChain(prisma)).resolves.toMatchObject({ valid: true });
      const [first] = await prisma.auditLog.findMany({ orderBy: { seq: 'asc' }, take: 1 });
      await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await sql.query(`UPDATE audit_log SET hash_alg = 'sha256' WHERE seq = $1`, [first!.seq.toString()]);
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
    } finally {
      await sql.end();
    }
    await expect(verifyAuditChain(prisma)).resolves.toMatchObject({ valid: false });
  });
});
