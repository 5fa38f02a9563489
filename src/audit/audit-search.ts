import type { AuditQuery } from '../core/contracts/audit';
import { Prisma, type PrismaClient } from '../prisma/prisma-client';

// The auditor's search, newest first, from the indexes of migration audit_search_indexes
// ((actor_id, at), (action, at), (at); (target_type, target_id) was there). Written as SQL so
// the integration test can EXPLAIN exactly what runs. `details` is left out: several
// actions put amounts, user names or household data there.

interface AuditRowRecord {
  seq: bigint;
  at: Date;
  actorId: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  requestId: string | null;
  chain: number;
  hash: string;
}

function whereOf(q: AuditQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (q.actor !== undefined) conditions.push(Prisma.sql`actor_id = ${q.actor}`);
  if (q.action !== undefined) conditions.push(Prisma.sql`action = ${q.action}`);
  if (q.targetType !== undefined) conditions.push(Prisma.sql`target_type = ${q.targetType}`);
  if (q.target !== undefined) conditions.push(Prisma.sql`target_id = ${q.target}`);
  if (q.from !== undefined) conditions.push(Prisma.sql`at >= ${new Date(q.from)}::timestamptz`);
  if (q.to !== undefined) conditions.push(Prisma.sql`at <= ${new Date(q.to)}::timestamptz`);
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

/** The page's rows: newest first (seq breaks ties of the same millisecond). */
export function auditPageSql(q: AuditQuery): Prisma.Sql {
  return Prisma.sql`
    SELECT seq, at, actor_id AS "actorId", role, action, target_type AS "targetType", target_id AS "targetId",
           reason, request_id AS "requestId", chain, hash
    FROM audit_log ${whereOf(q)}
    ORDER BY at DESC, seq DESC
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
}

export function auditCountSql(q: AuditQuery): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS total FROM audit_log ${whereOf(q)}`;
}

export async function searchAudit(prisma: PrismaClient, q: AuditQuery) {
  const [rows, counted] = await prisma.$transaction([
    prisma.$queryRaw<AuditRowRecord[]>(auditPageSql(q)),
    prisma.$queryRaw<{ total: number }[]>(auditCountSql(q)),
  ]);
  return {
    items: rows.map((r) => ({ ...r, seq: r.seq.toString(), chain: Number(r.chain), at: r.at.toISOString() })),
    page: q.page,
    pageSize: q.pageSize,
    total: counted[0]?.total ?? 0,
  };
}
