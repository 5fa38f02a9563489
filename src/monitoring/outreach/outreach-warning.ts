import { OUTREACH_WARNING_SOURCE } from '../../core/contracts/outreach';
import type { WarningClass } from '../../core/contracts/warning';
import type { Prisma } from '../../prisma/prisma-client';

export interface OutreachWarningSpec {
  warningId: string;
  memberId: string;
  idNumberHmac: string;
  householdId: string;
  /** The household's running case: class (d); none: class (b). */
  enrolledCaseId: string | null;
  villageCode: string;
  visitedOn: string;
  visitId: string;
  changes: string;
}

export const outreachWarningClass = (enrolledCaseId: string | null): WarningClass =>
  enrolledCaseId ? 'POSSIBLY_NO_LONGER_ELIGIBLE' : 'NOT_COVERED';

/**
 * Raises the warning a visit found, in the visit's transaction, as a batch raises one: one open
 * warning per person, class and source, so a warning of this person still open from an earlier
 * visit is the one returned (and nothing is raised twice). Returns the warning's id and whether
 * it was raised now (then its workflow is to be started).
 */
export async function raiseOutreachWarning(
  tx: Prisma.TransactionClient,
  s: OutreachWarningSpec,
): Promise<{ warningId: string; raised: boolean }> {
  const warningClass = outreachWarningClass(s.enrolledCaseId);
  const openKey = `${s.idNumberHmac}|${warningClass}|${OUTREACH_WARNING_SOURCE}`;
  const open = await tx.warning.findUnique({ where: { openKey }, select: { id: true } });
  if (open) return { warningId: open.id, raised: false };
  const now = new Date();
  await tx.warning.create({
    data: {
      id: s.warningId,
      openKey,
      warningClass,
      source: OUTREACH_WARNING_SOURCE,
      idNumberHmac: s.idNumberHmac,
      memberId: s.memberId,
      householdId: s.householdId,
      enrolledCaseId: s.enrolledCaseId,
      countyCode: s.villageCode.slice(0, 6),
      townshipCode: s.villageCode.slice(0, 9),
      stage: 'RAISED',
      eventDate: new Date(`${s.visitedOn}T00:00:00Z`),
      details: { outreachVisitId: s.visitId, changes: s.changes },
      raisedAt: now,
      updatedAt: now,
    },
  });
  await tx.warningEvent.create({
    data: { warningId: s.warningId, eventKey: 'RAISED', type: 'RAISED', stage: 'RAISED', at: now },
  });
  return { warningId: s.warningId, raised: true };
}
