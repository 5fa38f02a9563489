import type { Prisma } from '../../prisma/prisma-client';

type CreditRecordRow = Prisma.CreditRecordGetPayload<object>;

/** A credit record as staff read it (on the household and on the household's later applications). */
export function creditRecordView(r: CreditRecordRow, now = Date.now()) {
  return {
    id: r.id,
    householdId: r.householdId,
    source: { kind: r.sourceKind, id: r.sourceId },
    recoveryId: r.recoveryId,
    finding: r.finding,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt,
    expiresAt: r.expiresAt,
    expired: r.expiresAt.getTime() <= now,
  };
}
