// Which referrals a case owes (domain.md §4.6): the entitlement matrix in force on the date,
// read for the case's category and area, applied to each member's situations. Pure, so the
// enrolment hook, the warning route and the coverage count derive the same thing.
import type { AreaType, Category } from '../core/contracts/household-facts';
import { EntitlementRule, type MemberSituation } from '../core/contracts/referral';
import { P } from '../core/parameter-ids';
import type { ParameterRef, ParameterStore } from '../policy';

/** The members of a case, the applicant first (HOUSEHOLD entitlements are referred to them). */
export interface MemberSituations {
  /** The case's own reference of the member (never a name or an ID number). */
  memberRef: string;
  situations: readonly MemberSituation[];
}

export interface OwedEntitlement {
  memberRef: string;
  rule: EntitlementRule;
}

export function owedEntitlements(
  params: Pick<ParameterStore, 'lookupTable'>,
  input: { date: string; county: string; area: AreaType; category: Category; members: readonly MemberSituations[] },
): { owed: OwedEntitlement[]; ref: ParameterRef } {
  const table = params.lookupTable(P.ASSISTANCE_ENTITLEMENT_MATRIX, {
    date: input.date,
    county: input.county,
    area: input.area,
  });
  const rules = table.value
    .map((r) => EntitlementRule.parse(r))
    .filter((r) => r.category === input.category && r.area === input.area);
  const owed: OwedEntitlement[] = [];
  const seen = new Set<string>();
  input.members.forEach((m, i) => {
    for (const rule of rules) {
      const applies =
        rule.situation === 'ALL_MEMBERS' ||
        (rule.situation === 'HOUSEHOLD' ? i === 0 : m.situations.includes(rule.situation));
      if (!applies) continue;
      // One referral per entitlement and person, however many situations lead to it.
      const key = `${m.memberRef}|${rule.entitlement}`;
      if (seen.has(key)) continue;
      seen.add(key);
      owed.push({ memberRef: m.memberRef, rule });
    }
  });
  return { owed, ref: table.ref };
}
