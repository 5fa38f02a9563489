import type { AuditQuery } from '../core/contracts/audit';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';

/**
 * The auditor's search, newest first, from the indexes of migration audit_search_indexes
 * ((actor_id, at), (action, at), (at); (target_type, target_id) was there). `details` is
 * left out: several actions put names, addresses or amounts of a household there.
 */
export async function searchAudit(prisma: PrismaClient, q: AuditQuery) {
  const at: Prisma.DateTimeFilter = {
    ...(q.from !== undefined ? { gte: new Date(q.from) } : {}),
    ...(q.to !== undefined ? { lte: new Date(q.to) } : {}),
  };
  const where: Prisma.AuditLogWhereInput = {
    ...(q.actor !== undefined ? { actorId: q.actor } : {}),
    ...(q.action !== undefined ? { action: q.action } : {}),
    ...(q.targetType !== undefined ? { targetType: q.targetType } : {}),
    ...(q.target !== undefined ? { targetId: q.target } : {}),
    ...(q.from !== undefined || q.to !== undefined ? { at } : {}),
  };
  const [rows, total] = await prisma.$transaction([
    prisma.auditLog.findMany({
      where,
      orderBy: [{ at: 'desc' }, { seq: 'desc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        seq: true,
        at: true,
        actorId: true,
        role: true,
        action: true,
        targetType: true,
        targetId: true,
        reason: true,
        requestId: true,
        chain: true,
        hash: true,
      },
    }),
    prisma.auditLog.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({ ...r, seq: r.seq.toString(), at: r.at.toISOString() })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}
