// The 零就业家庭 register (zero_employment_household): written when a case is enrolled (next to
// its referrals) and cleared when an employment referral delivers a job. One row per household,
// keyed by its id, so a retried enrolment or delivery writes nothing twice.
import { cstDate } from '../core/clock';
import type { ZeroEmploymentClearedReason } from '../core/contracts/employment';
import { P } from '../core/parameter-ids';
import type { ParameterStore } from '../policy';
import type { Prisma, PrismaClient } from '../prisma/prisma-client';
import { ageOn, checkZeroEmployment } from './zero-employment';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Reads the enrolled case's members from the registry: a 零就业 household is tracked from today
 * (a cleared one is tracked again), and a tracked household where someone is now employed is
 * cleared. The case's included members are read, as for its referrals (all members when the case
 * names them otherwise). Returns whether the household is tracked as 零就业.
 */
export async function trackZeroEmployment(
  deps: { prisma: PrismaClient; parameters: Pick<ParameterStore, 'lookupNumber'> },
  enrolledCaseId: string,
  now = new Date(),
): Promise<boolean> {
  const { prisma, parameters } = deps;
  const c = await prisma.enrolledCase.findUniqueOrThrow({
    where: { id: enrolledCaseId },
    select: { id: true, countyCode: true, townshipCode: true, membersIncluded: true, householdId: true },
  });
  const members = await prisma.member.findMany({ where: { householdId: c.householdId }, orderBy: { id: 'asc' } });
  const date = cstDate(now.toISOString());
  const ctx = { date, county: c.countyCode };
  const included = new Set(c.membersIncluded as string[]);
  const matched = members.filter((m) => included.has(m.id));
  const check = checkZeroEmployment(
    (matched.length > 0 ? matched : members).map((m) => ({
      memberRef: m.id,
      age: ageOn(m.birthDate.toISOString().slice(0, 10), date),
      labourCapacity: m.labourCapacity,
      employed: m.employed,
      student: m.student,
    })),
    {
      adultAge: parameters.lookupNumber(P.ADULT_AGE, ctx).value,
      elderlyAge: parameters.lookupNumber(P.ELDERLY_AGE, ctx).value,
    },
  );
  if (!check.zero) {
    if (check.anyoneEmployed) await clearZeroEmployment(prisma, c.householdId, 'REGISTRY_EMPLOYED', null, now);
    return false;
  }
  const tracked = { enrolledCaseId: c.id, countyCode: c.countyCode, townshipCode: c.townshipCode };
  const existing = await prisma.zeroEmploymentHousehold.findUnique({ where: { householdId: c.householdId } });
  if (!existing) {
    await prisma.zeroEmploymentHousehold.createMany({
      data: [
        {
          householdId: c.householdId,
          ...tracked,
          membersCapable: check.capable.length,
          since: new Date(date),
          updatedAt: now,
        },
      ],
      skipDuplicates: true,
    });
  } else {
    await prisma.zeroEmploymentHousehold.update({
      where: { householdId: c.householdId },
      data: {
        ...tracked,
        membersCapable: check.capable.length,
        updatedAt: now,
        // Cleared before and without work again: tracked anew from today.
        ...(existing.clearedAt !== null
          ? { since: new Date(date), clearedAt: null, clearedReason: null, clearedByReferralId: null }
          : {}),
      },
    });
  }
  return true;
}

/** Clears a tracked household (someone works); nothing when it is not tracked or already cleared. */
export async function clearZeroEmployment(
  db: Db,
  householdId: string,
  reason: ZeroEmploymentClearedReason,
  referralId: string | null,
  now = new Date(),
): Promise<boolean> {
  const cleared = await db.zeroEmploymentHousehold.updateMany({
    where: { householdId, clearedAt: null },
    data: { clearedAt: now, clearedReason: reason, clearedByReferralId: referralId, updatedAt: now },
  });
  return cleared.count > 0;
}
