// What a warning routed to a department asks of it (domain.md §4.6, plan 二(三)4 and 二(四)):
// the item of the entitlement matrix that department delivers. The person of a warning is in
// no category yet, so the matrix is read by department (and by area when the household is
// known); the verifier names the item when the department delivers several. Pure: the API
// checks the verification with it before the Update, the warning's activity opens the referral.
import { DEPARTMENT_NAMES_ZH, type Department } from '../core/contracts/deliberation';
import type { AreaType } from '../core/contracts/household-facts';
import { ENTITLEMENT_NAMES_ZH, type Entitlement, type EntitlementRule } from '../core/contracts/referral';

export type WarningReferralRule =
  { ok: true; rule: EntitlementRule } | { ok: false; path: 'department' | 'entitlement'; message: string };

export function warningReferralRule(
  matrix: readonly EntitlementRule[],
  department: Department,
  requested: Entitlement | undefined,
  area: AreaType | null,
): WarningReferralRule {
  const dept = DEPARTMENT_NAMES_ZH[department];
  const candidates = matrix.filter((r) => r.department === department && (area === null || r.area === area));
  if (candidates.length === 0)
    return {
      ok: false,
      path: 'department',
      message: `救助帮扶事项清单中没有由${dept}部门落实的事项，请转介其他部门或建议申请`,
    };
  if (requested !== undefined) {
    const rule = candidates.find((r) => r.entitlement === requested);
    return rule
      ? { ok: true, rule }
      : {
          ok: false,
          path: 'entitlement',
          message: `${ENTITLEMENT_NAMES_ZH[requested]}不由${dept}部门落实${area === null ? '' : '（按该户城乡类型）'}`,
        };
  }
  const items = [...new Set(candidates.map((r) => r.entitlement))];
  if (items.length === 1) return { ok: true, rule: candidates[0]! };
  return {
    ok: false,
    path: 'entitlement',
    message: `${dept}部门落实多项事项，须选择其一：${items.map((e) => `${e}（${ENTITLEMENT_NAMES_ZH[e]}）`).join('、')}`,
  };
}
