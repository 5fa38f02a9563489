// A category whose own parameter has no version in force on the date: it is neither
// granted nor refused, but sent for review with the parameter named, while the other
// categories of the same household are decided as usual.
import { AREA_NAMES_ZH, type AreaType } from '../../core/contracts/household-facts';
import type { DeterminedCategory } from '../../core/contracts/policy-determination';
import type { IncomeResult } from '../income';
import type { PolicySnapshot } from '../parameters/snapshot';
import { reason, type ReasonTemplate } from '../reason';
import { explainedResult, NO_MEMBERS, type CategoryResult } from '../results';

const PARAMETER_MISSING: ReasonTemplate = {
  ruleId: 'PARAMETER.MISSING',
  zh: (a) =>
    `参数 ${a[0]} 在 ${a[1]}（${a[2]} ${AREA_NAMES_ZH[a[3] as AreaType]}）没有生效的版本，本类别暂无法认定，须复核；请管理员补录该参数`,
  en: (a) =>
    `parameter ${a[0]} has no version in force on ${a[1]} (${a[2]} ${a[3]}): this category cannot be decided and needs review`,
};

export function parameterMissing(
  category: DeterminedCategory,
  requested: boolean,
  income: IncomeResult,
  id: string,
  snap: PolicySnapshot,
): CategoryResult {
  return explainedResult(category, requested, 'needs_review', 'WHOLE_HOUSEHOLD', NO_MEMBERS, income, 0, () => [
    reason(PARAMETER_MISSING, 'review', [id, snap.date, snap.county, snap.area], snap.citing.none),
  ]);
}
