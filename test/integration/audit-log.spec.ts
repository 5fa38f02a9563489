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

  it('chains rows appended concurrently into one verifiable chain', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => prisma.$transaction((tx) => appendAudit(tx, entry(i)))));
    const rows = await prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(20);
    rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]!.hash));
    await expect(verifyAuditChain(prisma)).resolves.toEqual({ rows: 20, valid: true, brokenAtSeq: null });
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
      await client.query(`UPDATE audit_log SET reason = '篡改' WHERE seq = 3`);
    } finally {
      await client.end();
    }
    await expect(verifyAuditChain(prisma)).resolves.toEqual({ rows: 2, valid: false, brokenAtSeq: '3' });
  });
});
