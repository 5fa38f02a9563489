// The referrals an enrolment opens (domain.md §4.6): each included member's situations read
// from the registry, the entitlement matrix in force applied, one referral per entitlement and
// person. Run by the enrolment starter after the enrolled case's workflow started, so no
// workflow's command sequence changes. The ids are derived from the case, member, entitlement
// and year: a retried start finds its rows and starts the same workflows.
import { cstDate } from '../core/clock';
import type { AreaType, Category } from '../core/contracts/household-facts';
import { P } from '../core/parameter-ids';
import type { ParameterStore } from '../policy';
import { derivedReferralId } from './derived-id';
import { owedEntitlements } from './entitlements';
import { memberSituations } from './member-situations';
import { openReferral, type ReferralActivityDeps } from './referral.activities';

/**
 * Opens the enrolled case's referrals; returns how many were new. Situations the registry
 * does not hold (disaster, an elderly person unable to care for themselves) come from warnings.
 */
export async function openEnrolmentReferrals(
  deps: ReferralActivityDeps & { parameters: Pick<ParameterStore, 'lookupTable' | 'lookupNumber'> },
  enrolledCaseId: string,
  now = new Date(),
): Promise<number> {
  const { c, owed, situations, date } = await caseOwedEntitlements(deps, enrolledCaseId, now);
  const year = Number(date.slice(0, 4));
  let opened = 0;
  for (const o of owed) {
    const referralId = derivedReferralId('enrolment', c.id, o.memberRef, o.rule.entitlement, String(year));
    const isNew = await openReferral(
      deps,
      {
        referralId,
        origin: 'ENROLMENT',
        countyCode: c.countyCode,
        townshipCode: c.townshipCode,
        memberRef: o.memberRef,
        enrolledCaseId: c.id,
        warningId: null,
        entitlement: o.rule.entitlement,
        department: o.rule.department,
        timeLimitWorkingDays: o.rule.timeLimitWorkingDays,
        periodicity: o.rule.periodicity,
        amountRequired: o.rule.amountRequired === 'YES',
        year,
      },
      { category: c.category, idNumberMasked: situations.find((s) => s.memberRef === o.memberRef)?.masked ?? null },
    );
    if (isNew) opened++;
  }
  return opened;
}

/**
 * What an enrolled case owes today: the matrix in force applied to its included members as the
 * registry describes them (the enrolment's referrals, and the class (a) check of those never
 * referred, derive the same list).
 */
export async function caseOwedEntitlements(
  deps: Pick<ReferralActivityDeps, 'prisma'> & { parameters: Pick<ParameterStore, 'lookupTable' | 'lookupNumber'> },
  enrolledCaseId: string,
  now = new Date(),
) {
  const { prisma, parameters } = deps;
  const c = await prisma.enrolledCase.findUniqueOrThrow({
    where: { id: enrolledCaseId },
    select: {
      id: true,
      category: true,
      countyCode: true,
      townshipCode: true,
      membersIncluded: true,
      householdId: true,
    },
  });
  const household = await prisma.household.findUniqueOrThrow({
    where: { id: c.householdId },
    select: { area: true, members: { orderBy: { id: 'asc' } } },
  });
  const date = cstDate(now.toISOString());
  const ctx = { date, county: c.countyCode };
  const severeMax = parameters.lookupNumber(P.SEVERE_DISABILITY_MAX_GRADE, ctx).value;
  const adult = parameters.lookupNumber(P.ADULT_AGE, ctx).value;
  const elderly = parameters.lookupNumber(P.ELDERLY_AGE, ctx).value;
  const included = new Set(c.membersIncluded as string[]);
  // Included members by registry id; a case that names them otherwise covers the household.
  const matched = household.members.filter((m) => included.has(m.id));
  // The head (or applicant) first: a household-wide entitlement is referred to them.
  const first = (r: string) => Number(r === 'HEAD' || r === 'APPLICANT');
  const members = (matched.length > 0 ? matched : household.members).sort(
    (a, b) => first(b.relation) - first(a.relation),
  );
  const limits = { severeMaxGrade: severeMax, adultAge: adult, elderlyAge: elderly };
  const situations = members.map((m) => ({
    memberRef: m.id,
    situations: memberSituations({ ...m, birthDate: m.birthDate.toISOString().slice(0, 10) }, date, limits),
    masked: m.idNumberMasked,
  }));
  const { owed } = owedEntitlements(parameters, {
    date,
    county: c.countyCode,
    area: household.area as AreaType,
    category: c.category as Category,
    members: situations,
  });
  return { c, owed, situations, date };
}
