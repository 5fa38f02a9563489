import type { CaseKind } from '../core/contracts/case-document';
import type { PrismaClient } from '../prisma/prisma-client';

/** A case of any kind, found by its UUID: what the archive needs to file and guard its documents. */
export interface ArchivedCase {
  kind: CaseKind;
  id: string;
  /** The most specific division known (village, township or county): jurisdiction is checked against it. */
  divisionCode: string;
  /** The household of an application or enrolled case (its members may be named on a document). */
  householdId: string | null;
  /** The application whose notices belong to this case (an enrolled case keeps its application's). */
  applicationId: string | null;
}

/** One id space over the case tables (UUIDs do not collide); null when no table holds it. */
export async function findCase(prisma: PrismaClient, id: string): Promise<ArchivedCase | null> {
  const [application, enrolled, emergency, deliberation, warning, referral, complaint, recovery] = await Promise.all([
    prisma.application.findUnique({
      where: { id },
      select: { household: { select: { id: true, divisionCode: true } } },
    }),
    prisma.enrolledCase.findUnique({
      where: { id },
      select: { applicationId: true, householdId: true, villageCode: true, townshipCode: true, countyCode: true },
    }),
    prisma.emergencyCase.findUnique({ where: { id }, select: { villageCode: true, townshipCode: true } }),
    prisma.deliberation.findUnique({ where: { id }, select: { townshipCode: true, countyCode: true } }),
    prisma.warning.findUnique({ where: { id }, select: { townshipCode: true, countyCode: true, householdId: true } }),
    prisma.referral.findUnique({ where: { id }, select: { townshipCode: true, countyCode: true } }),
    prisma.complaint.findUnique({ where: { id }, select: { countyCode: true } }),
    prisma.recovery.findUnique({ where: { id }, select: { countyCode: true, householdId: true } }),
  ]);
  if (application)
    return {
      kind: 'APPLICATION',
      id,
      divisionCode: application.household.divisionCode,
      householdId: application.household.id,
      applicationId: id,
    };
  if (enrolled)
    return {
      kind: 'ENROLLED_CASE',
      id,
      divisionCode: enrolled.villageCode ?? enrolled.townshipCode ?? enrolled.countyCode,
      householdId: enrolled.householdId,
      applicationId: enrolled.applicationId,
    };
  if (emergency)
    return {
      kind: 'EMERGENCY',
      id,
      divisionCode: emergency.villageCode ?? emergency.townshipCode,
      householdId: null,
      applicationId: null,
    };
  if (deliberation)
    return {
      kind: 'DELIBERATION',
      id,
      divisionCode: deliberation.townshipCode ?? deliberation.countyCode,
      householdId: null,
      applicationId: null,
    };
  if (warning)
    // A verification's home-visit record and photos are filed on the warning itself.
    return {
      kind: 'WARNING',
      id,
      divisionCode: warning.townshipCode ?? warning.countyCode,
      householdId: warning.householdId,
      applicationId: null,
    };
  // A department's feedback (e.g. its decision letter) is filed on the referral.
  if (referral)
    return {
      kind: 'REFERRAL',
      id,
      divisionCode: referral.townshipCode ?? referral.countyCode,
      householdId: null,
      applicationId: null,
    };
  // A complaint's evidence and the county's findings; its contact details stay sealed on the row.
  if (complaint)
    return { kind: 'COMPLAINT', id, divisionCode: complaint.countyCode, householdId: null, applicationId: null };
  // Repayment receipts and the write-off decision; the recovery notice belongs to the application.
  if (recovery)
    return {
      kind: 'RECOVERY',
      id,
      divisionCode: recovery.countyCode,
      householdId: recovery.householdId,
      applicationId: null,
    };
  return null;
}
