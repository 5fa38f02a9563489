// 低保 (MINIMUM_LIVING): per-capita income below the local standard and assets within
// limits (seed 二(一)1, 二(二)1; N1 Art.12–14, 23), assessed on the whole household or,
// under 单人户, on the applicant alone.
import type { HouseholdFacts } from '../../core/contracts/household-facts';
import { CategoryResult, NO_MEMBERS, type Explainer } from '../results';
import { assessIncome, type IncomeLedger, type IncomeResult, type IncomeRule } from '../income';
import { formatYuan } from '../money';
import type { PolicySnapshot } from '../parameters/snapshot';
import type { ParameterStore } from '../parameters/store';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { assetReasons, assetsPass, measureAssets, type AssetHoldings } from './assets';
import { minimumLivingBenefit, minimumLivingBenefitCents, minimumLivingBenefitReason } from './benefit';
import { singleMemberUnit, wholeHouseholdReason, type Unit } from './household';
import { singlePersonRule, type SinglePersonResult } from './single-person';
import { cite, citeEn, citeZh } from '../sources';

export const INCOME_BELOW_STANDARD: ReasonTemplate = {
  ruleId: 'MINIMUM_LIVING.INCOME',
  zh: (a) => `家庭月人均收入 ${formatYuan(+a[0])} 元 ${a[2] === 1 ? '<' : '≥'} 低保标准 ${formatYuan(+a[1])} 元`,
  en: (a) =>
    `monthly per-capita income ¥${formatYuan(+a[0])} ${a[2] === 1 ? '<' : '≥'} minimum-living standard ¥${formatYuan(+a[1])}`,
};
const ASSETS_OK: ReasonTemplate = {
  ruleId: 'MINIMUM_LIVING.ASSETS',
  zh: (a) => (a[0] === 1 ? '家庭财产状况符合低保规定' : '家庭财产状况不符合低保规定'),
  en: (a) => (a[0] === 1 ? 'assets within the minimum-living limits' : 'assets exceed the minimum-living limits'),
};

/** The applicant alone: support from siblings or people aged 60+ is exempt under the single-person rule. */
const SINGLE_PERSON_INCOME: IncomeRule = {
  classes: (snap) => snap.singlePersonClasses,
  extraExemptWhy: {
    kind: 'EXEMPT',
    zh: `兄弟姐妹或 60 周岁及以上老年人给付的供养费用豁免（单人户，${citeZh(cite.plan('二(二)1'))}）`,
    en: `support from siblings or people aged 60+ exempt (single-person rule, ${citeEn(cite.plan('二(二)1'))})`,
  },
  deductions: true,
};

export function evaluateMinimumLiving(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  store: ParameterStore,
  ledger: IncomeLedger,
  householdIncome: IncomeResult,
  household: Unit,
  householdAssets: AssetHoldings,
): MinimumLivingResult {
  const sp = singlePersonRule(facts, snap);
  let unit = household;
  let income = householdIncome;
  if (sp.applies) {
    unit = singleMemberUnit(facts, sp.index);
    income = assessIncome(ledger, snap, store, unit, SINGLE_PERSON_INCOME);
  }
  const pc = income.monthlyPerCapitaCents;
  const incomePass = pc < snap.standard.value;
  // Under 单人户 only the applicant's own assets count.
  const assets = sp.applies ? measureAssets(facts, snap, unit, false) : householdAssets;
  const assetsOk = assetsPass(assets, snap, 'MINIMUM_LIVING');
  const eligible = incomePass && assetsOk && unit.size > 0;
  const benefitCents = eligible ? minimumLivingBenefitCents(snap, pc, unit.size) : 0;
  const reasons = new MinimumLivingReasons(snap, sp, income, unit.size, assets, incomePass, assetsOk, eligible);
  return {
    det: new CategoryResult(
      'MINIMUM_LIVING',
      facts.categoriesRequested.includes('MINIMUM_LIVING'),
      eligible ? 'eligible' : 'ineligible',
      sp.applies ? 'SINGLE_PERSON' : 'WHOLE_HOUSEHOLD',
      eligible ? unit.ids : NO_MEMBERS,
      income,
      benefitCents,
      reasons,
    ),
    reasons,
  };
}

/** The 低保 decision and its test results (read next by the evaluation). */
export interface MinimumLivingResult {
  det: CategoryResult;
  reasons: MinimumLivingReasons;
}

/** What the 低保 reasons print. */
class MinimumLivingReasons implements Explainer {
  constructor(
    private readonly snap: PolicySnapshot,
    private readonly singlePerson: SinglePersonResult,
    readonly income: IncomeResult,
    private readonly unitSize: number,
    private readonly assets: AssetHoldings,
    readonly incomePass: boolean,
    readonly assetsPass: boolean,
    private readonly eligible: boolean,
  ) {}

  explain(): Reason[] {
    const snap = this.snap;
    const sp = this.singlePerson;
    const pc = this.income.monthlyPerCapitaCents;
    const reasons: Reason[] = [];
    if (sp.reason !== undefined) reasons.push(sp.reason);
    if (!sp.applies) reasons.push(wholeHouseholdReason(this.unitSize));
    reasons.push(
      reason(
        INCOME_BELOW_STANDARD,
        this.incomePass ? 'pass' : 'fail',
        [pc, snap.standard.value, this.incomePass ? 1 : 0],
        snap.standard.refs,
      ),
    );
    for (const r of assetReasons(this.assets, 'MINIMUM_LIVING', snap)) reasons.push(r);
    reasons.push(
      reason(
        ASSETS_OK,
        this.assetsPass ? 'pass' : 'fail',
        [this.assetsPass ? 1 : 0],
        snap.minimumLivingFinancialMonths.refs,
      ),
    );
    if (this.eligible) reasons.push(minimumLivingBenefitReason(snap, minimumLivingBenefit(snap, pc, this.unitSize)));
    return reasons;
  }
}
