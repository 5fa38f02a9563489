import { auditCountSql, auditPageSql, searchAudit } from '../../src/audit/audit-search';
import { AuditQuery } from '../../src/core/contracts/audit';
import { Prisma, createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// The auditor's search at a realistic size (200 000 rows, about a year of a county's steps):
// each filter is served by its index, newest first, without sorting the table. The rows are
// inserted in bulk (the append-only trigger lets INSERT through; their hashes are not chained,
// which the search does not read).

const ROWS = 200_000;

describe('audit search (real PostgreSQL, realistic size)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
    await prisma.$executeRawUnsafe(`
      INSERT INTO audit_log (at, actor_id, role, action, target_type, target_id, chain, prev_hash, hash)
      SELECT timestamptz '2026-01-01 00:00:00+08' + i * interval '150 seconds',
             'user-' || (i % 200), 'TOWNSHIP_CASEWORKER',
             CASE WHEN i % 5000 = 0 THEN 'PARAMETER_VERSION_APPROVED' ELSE 'ACTION_' || (i % 40) END,
             'Application', 'case-' || (i % 20000), (i % 16)::int2, repeat('0', 64), md5(i::text) || md5((-i)::text)
      FROM generate_series(1, ${ROWS}) AS i`);
    await prisma.$executeRawUnsafe('ANALYZE audit_log');
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.stop();
  });

  const query = (q: Record<string, unknown>) => AuditQuery.parse(q);
  /** The plan's text: index names and node types, from EXPLAIN of the exact statement served. */
  const plan = async (sql: Prisma.Sql) =>
    JSON.stringify(await prisma.$queryRaw<unknown[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`));

  it.each([
    ['by actor', { actor: 'user-7' }, 'audit_log_actor_id_at_idx'],
    // A rare action from its own index; a common one (1 row in 40) may equally be read newest first from (at) and filtered.
    ['by a rare action', { action: 'PARAMETER_VERSION_APPROVED' }, 'audit_log_action_at_idx'],
    ['by a common action', { action: 'ACTION_3' }, 'audit_log_'],
    [
      'by actor in a month',
      { actor: 'user-7', from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T23:59:59+08:00' },
      'audit_log_actor_id_at_idx',
    ],
    ['by time only', { from: '2026-03-01T00:00:00+08:00' }, 'audit_log_at_idx'],
    ['the whole trail', {}, 'audit_log_at_idx'],
    ['by target', { targetType: 'Application', target: 'case-42' }, 'audit_log_target_type_target_id_idx'],
  ])('serves a page %s from its index, without a sequential scan', async (_, q, index) => {
    const page = await plan(auditPageSql(query(q)));
    expect(page).toContain(index);
    expect(page).not.toContain('Seq Scan');
    // The total of a selective filter is counted from the same index (the whole trail's total is a scan by nature).
    if (Object.keys(q).some((k) => ['actor', 'action', 'target'].includes(k)))
      expect(await plan(auditCountSql(query(q)))).not.toContain('Seq Scan');
  });

  it('pages newest first over the filtered rows', async () => {
    const first = await searchAudit(prisma, query({ actor: 'user-7', pageSize: 3 }));
    expect(first.total).toBe(ROWS / 200);
    const ats = first.items.map((r) => r.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const second = await searchAudit(prisma, query({ actor: 'user-7', pageSize: 3, page: 2 }));
    expect(second.items[0]!.at < first.items[2]!.at).toBe(true);
    expect(first.items.every((r) => r.actorId === 'user-7' && !('details' in r))).toBe(true);
  });
});
