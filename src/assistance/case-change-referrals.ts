// Referrals after a recheck that keeps the case (domain.md §4.6): the members included and the
// facts on file may have changed (a child now at school, a member newly ill or out of work, a
// member added), so the matrix is applied again and what is newly owed is referred. What the
// person already has is not referred twice: an open referral, an item delivered (this year for
// a yearly one, ever for a one-off), or one the department declined this year.
import { cstDate } from '../core/clock';
import type { AreaType, Category, HouseholdFacts } from '../core/contracts/household-facts';
import { P } from '../core/parameter-ids';
import type { ParameterStore } from '../policy';
import { derivedReferralId } from './derived-id';
import { owedEntitlements, type MemberSituations } from './entitlements';
import { memberSituations, type SituationLimits } from './member-situations';
import { openReferral, type ReferralActivityDeps } from './referral.activities';

type Deps = ReferralActivityDeps & { parameters: Pick<ParameterStore, 'lookupTable' | 'lookupNumber'> };

/** Whether a person's earlier referral of an item means it is not owed again now. */
export function alreadyServed(
  r: { stage: string; outcome: string | null; periodicity: string; year: number },
  year: number,
): boolean {
  if (r.stage !== 'CLOSED') return true;
  if (r.outcome === 'DELIVERED') return r.periodicity === 'ONCE' || r.year >= year;
  return r.outcome === 'DECLINED' && r.year >= year;
}

/**
 * Opens what the case now owes and no earlier referral covers; returns how many opened. The
 * ids derive from the recheck, so a retried activity opens the same referrals.
 */
export async function openCaseChangeReferrals(
  deps: Deps,
  change: { enrolledCaseId: string; recheckId: string; membersIncluded: readonly string[] | null },
  now = new Date(),
): Promise<number> {
  const { prisma, parameters } = deps;
  const c = await prisma.enrolledCase.findUniqueOrThrow({
    where: { id: change.enrolledCaseId },
    select: {
      id: true,
      status: true,
      category: true,
      countyCode: true,
      townshipCode: true,
      membersIncluded: true,
      householdId: true,
      applicationId: true,
    },
  });
  if (c.status === 'EXITED') return 0;
  const [household, application] = await Promise.all([
    prisma.household.findUniqueOrThrow({
      where: { id: c.householdId },
      select: { area: true, members: { select: { id: true, relation: true, idNumberMasked: true } } },
    }),
    prisma.application.findUniqueOrThrow({ where: { id: c.applicationId }, select: { facts: true } }),
  ]);
  const date = cstDate(now.toISOString());
  const ctx = { date, county: c.countyCode };
  const limits: SituationLimits = {
    severeMaxGrade: parameters.lookupNumber(P.SEVERE_DISABILITY_MAX_GRADE, ctx).value,
    adultAge: parameters.lookupNumber(P.ADULT_AGE, ctx).value,
    elderlyAge: parameters.lookupNumber(P.ELDERLY_AGE, ctx).value,
  };
  const included = new Set(change.membersIncluded ?? (c.membersIncluded as string[]));
  const facts = application.facts as HouseholdFacts | null;
  const registered = new Map(household.members.map((m) => [m.id, m]));
  // The facts name members by the registry's ids when the application came from the registry
  // (as the enrolment's referrals do); a case whose facts name them otherwise has nothing to compare.
  const members = (facts?.members ?? []).filter((m) => included.has(m.id) && registered.has(m.id));
  if (members.length === 0) return 0;
  const first = (r: string) => Number(r === 'HEAD' || r === 'APPLICANT');
  members.sort((a, b) => first(b.relation) - first(a.relation));
  const situations: MemberSituations[] = members.map((m) => ({
    memberRef: m.id,
    situations: memberSituations(
      {
        birthDate: m.birthDate,
        student: m.student,
        seriousIllness: m.seriousIllness,
        disabilityGrade: m.disability?.grade ?? null,
        labourCapacity: m.labourCapacity,
        employed: m.employment.employed,
      },
      date,
      limits,
    ),
  }));
  const { owed } = owedEntitlements(parameters, {
    date,
    county: c.countyCode,
    area: household.area as AreaType,
    category: c.category as Category,
    members: situations,
  });
  const year = Number(date.slice(0, 4));
  const earlier = await prisma.referral.findMany({
    where: { memberRef: { in: members.map((m) => m.id) } },
    select: { id: true, memberRef: true, entitlement: true, stage: true, outcome: true, periodicity: true, year: true },
  });
  const idOf = (memberRef: string, entitlement: string) =>
    derivedReferralId('case-change', c.id, change.recheckId, memberRef, entitlement);
  // This change's own referrals (a retried activity) are opened again: a workflow not yet started starts.
  const served = new Set(
    earlier
      .filter((r) => r.id !== idOf(r.memberRef, r.entitlement) && alreadyServed(r, year))
      .map((r) => `${r.memberRef}|${r.entitlement}`),
  );
  let opened = 0;
  for (const o of owed) {
    if (served.has(`${o.memberRef}|${o.rule.entitlement}`)) continue;
    const isNew = await openReferral(
      deps,
      {
        referralId: idOf(o.memberRef, o.rule.entitlement),
        origin: 'CASE_CHANGE',
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
      { category: c.category, idNumberMasked: registered.get(o.memberRef)?.idNumberMasked ?? null },
    );
    if (isNew) opened++;
  }
  return opened;
}
