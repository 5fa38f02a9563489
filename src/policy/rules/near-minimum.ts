// 低保边缘 (NEAR_MINIMUM), seed 二(一)4 / 二(二)4, N1 Art.8: not eligible for 低保 or 特困,
// per-capita income below 1.5 × the standard, assets within the Henan limits
// (豫民〔2022〕4号). Its seriously ill or severely disabled members may be included in 低保
// individually (seed 二(四)1; N1 Art.8(一)(二)).
import type { HouseholdFacts } from '../../core/contracts/household-facts';
import { CategoryResult, NO_MEMBERS, type Explainer } from '../results';
import type { IncomeResult } from '../income';
import { formatRatio, formatYuan } from '../money';
import type { PolicySnapshot } from '../parameters/snapshot';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { assetReasons, assetsPass, type AssetHoldings } from './assets';
import type { Unit } from './household';
import { isSeverelyDisabled } from './person';
import { cite, citeEn, citeZh } from '../sources';

const NOT_OTHER: ReasonTemplate = {
  ruleId: 'NEAR_MINIMUM.NOT_MINIMUM_LIVING_OR_DESTITUTE',
  zh: (a) =>
    a[0] === 'ML'
      ? '家庭符合低保条件，不认定为低保边缘家庭'
      : a[0] === 'ALL'
        ? '全部成员已纳入低保或特困'
        : '家庭不符合低保、特困条件',
  en: (a) =>
    a[0] === 'ML'
      ? 'the household qualifies for minimum living: not near-minimum'
      : a[0] === 'ALL'
        ? 'every member is already covered by minimum living or destitute support'
        : 'the household does not qualify for minimum living or destitute support',
};
const INCOME: ReasonTemplate = {
  ruleId: 'NEAR_MINIMUM.INCOME',
  zh: (a) =>
    `家庭月人均收入 ${formatYuan(+a[0])} 元 ${a[4] === 1 ? '<' : '≥'} 低保标准 ${formatYuan(+a[1])} 元 × ${a[2]} = ${formatYuan(+a[3])} 元`,
  en: (a) =>
    `monthly per-capita income ¥${formatYuan(+a[0])} ${a[4] === 1 ? '<' : '≥'} standard ¥${formatYuan(+a[1])} × ${a[2]} = ¥${formatYuan(+a[3])}`,
};
const ASSETS: ReasonTemplate = {
  ruleId: 'NEAR_MINIMUM.ASSETS',
  zh: (a) =>
    a[0] === 1
      ? '家庭财产符合河南省低保边缘家庭财产规定（豫民〔2022〕4号）'
      : '家庭财产超出河南省低保边缘家庭财产规定（豫民〔2022〕4号）',
  en: (a) =>
    a[0] === 1 ? 'assets within the Henan near-minimum limits' : 'assets exceed the Henan near-minimum limits',
};
const NO_BENEFIT: ReasonTemplate = {
  ruleId: 'NEAR_MINIMUM.NO_CASH_BENEFIT',
  zh: () => '低保边缘家庭成员享受专项救助，不发放按月基本生活金',
  en: () => 'near-minimum members receive special assistance, no monthly cash benefit',
};
const PLAN_ZH = citeZh(cite.plan('二(四)1'));
const PLAN_EN = citeEn(cite.plan('二(四)1'));
export const INDIVIDUAL_INCLUSION: ReasonTemplate = {
  ruleId: 'MINIMUM_LIVING.INDIVIDUAL_INCLUSION',
  zh: (a) =>
    a[1] === 1
      ? `低保边缘家庭中的重病患者、重度残疾人 ${a[0]} 单独纳入低保（${PLAN_ZH}）`
      : `低保边缘家庭中的重病患者、重度残疾人 ${a[0]} 可申请单独纳入低保（${PLAN_ZH}）`,
  en: (a) =>
    a[1] === 1
      ? `seriously ill / severely disabled members ${a[0]} of a near-minimum household included individually (${PLAN_EN})`
      : `seriously ill / severely disabled members ${a[0]} of a near-minimum household may be included individually (${PLAN_EN})`,
};

const NO_ARGS: readonly never[] = [];

/**
 * @param taken members already covered (特困, single-person 低保)
 * (arguments, not an input object: nothing to allocate per household)
 */
export function evaluateNearMinimum(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  household: Unit,
  income: IncomeResult,
  assets: AssetHoldings,
  minimumLivingWholeHousehold: boolean,
  taken: readonly string[],
): CategoryResult {
  const uncovered = countNotTaken(household.ids, taken);
  const notOther = !minimumLivingWholeHousehold && uncovered > 0;
  const eligible =
    notOther && income.monthlyPerCapitaCents < snap.nearMinimumLimit && assetsPass(assets, snap, 'NEAR_MINIMUM');
  return new CategoryResult(
    'NEAR_MINIMUM',
    facts.categoriesRequested.includes('NEAR_MINIMUM'),
    eligible ? 'eligible' : 'ineligible',
    'WHOLE_HOUSEHOLD',
    eligible ? notTaken(household.ids, taken) : NO_MEMBERS,
    income,
    0,
    new NearMinimumReasons(snap, income, assets, minimumLivingWholeHousehold, uncovered, eligible),
  );
}

/** What the 边缘 reasons print (the tests are re-read from these, unchanged). */
class NearMinimumReasons implements Explainer {
  constructor(
    private readonly snap: PolicySnapshot,
    private readonly income: IncomeResult,
    private readonly assets: AssetHoldings,
    private readonly minimumLivingWholeHousehold: boolean,
    /** Co-resident members not covered by 特困 / 低保. */
    private readonly uncovered: number,
    private readonly eligible: boolean,
  ) {}

  explain(): Reason[] {
    const snap = this.snap;
    const pc = this.income.monthlyPerCapitaCents;
    const mlWhole = this.minimumLivingWholeHousehold;
    const notOther = !mlWhole && this.uncovered > 0;
    const limit = snap.nearMinimumLimit;
    const incomeOk = pc < limit;
    const assetsOk = assetsPass(this.assets, snap, 'NEAR_MINIMUM');
    const reasons: Reason[] = [];
    reasons.push(
      reason(
        NOT_OTHER,
        notOther ? 'pass' : 'fail',
        [mlWhole ? 'ML' : this.uncovered === 0 ? 'ALL' : 'NO'],
        snap.citing.none,
      ),
    );
    reasons.push(
      reason(
        INCOME,
        incomeOk ? 'pass' : 'fail',
        [pc, snap.standard.value, formatRatio(snap.nearMinimumMultiplier.value), limit, incomeOk ? 1 : 0],
        snap.citing.nearMinimumIncome,
      ),
    );
    for (const r of assetReasons(this.assets, 'NEAR_MINIMUM', snap)) reasons.push(r);
    reasons.push(reason(ASSETS, assetsOk ? 'pass' : 'fail', [assetsOk ? 1 : 0], snap.nearMinimumFinancialMonths.refs));
    if (this.eligible) reasons.push(reason(NO_BENEFIT, 'info', NO_ARGS, snap.citing.none));
    return reasons;
  }
}

/** How many of the household's members are not yet covered. */
function countNotTaken(ids: readonly string[], taken: readonly string[]): number {
  if (taken.length === 0) return ids.length;
  let n = 0;
  for (const id of ids) if (!taken.includes(id)) n++;
  return n;
}

/** The household's members not yet covered (the household's own list when none is). */
function notTaken(ids: readonly string[], taken: readonly string[]): readonly string[] {
  if (taken.length === 0) return ids;
  const rest: string[] = [];
  for (const id of ids) if (!taken.includes(id)) rest.push(id);
  return rest;
}

/** Co-resident members of a NEAR_MINIMUM household eligible for individual inclusion in 低保. */
export function individualInclusionCandidates(facts: HouseholdFacts, snap: PolicySnapshot, household: Unit): string[] {
  const out: string[] = [];
  for (let i = 0; i < facts.members.length; i++) {
    const m = facts.members[i];
    if (household.mask[i] && (m.seriousIllness || isSeverelyDisabled(m, snap))) out.push(m.id);
  }
  return out;
}
