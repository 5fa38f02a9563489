// evaluateHousehold: facts + parameters → Determination. Pure and synchronous; the order
// of rules follows the precedence of seed 二(一): 特困 and 低保 first, then 边缘 (which
// requires not being 低保/特困), then 刚性支出 (which requires none of the three).
import type { HouseholdFacts } from '../core/contracts/household-facts';
import type { Determination, DeterminedCategory } from '../core/contracts/policy-determination';
import { CATEGORY_PRECEDENCE } from '../core/contracts/policy-determination';
import { assessIncome, HOUSEHOLD_INCOME, incomeLedger, type IncomeResult } from './income';
import { policySnapshot, type PolicySnapshot } from './parameters/snapshot';
import type { ParameterStore } from './parameters/store';
import { reason, type Reason, type ReasonTemplate } from './reason';
import { type CategoryResult, DeterminationResult, explainedResult } from './results';
import { measureAssets, type AssetHoldings } from './rules/assets';
import { minimumLivingBenefit, minimumLivingBenefitCents, minimumLivingBenefitReason } from './rules/benefit';
import { evaluateDestitute } from './rules/destitute';
import { coResidentUnit, type Unit } from './rules/household';
import { evaluateMinimumLiving } from './rules/minimum-living';
import { evaluateNearMinimum, INDIVIDUAL_INCLUSION, individualInclusionCandidates } from './rules/near-minimum';
import { evaluateRigidExpense, OTHER_DESTITUTE, OTHER_MINIMUM_LIVING, OTHER_NEAR_MINIMUM } from './rules/rigid-expense';
import { limitLengthZh } from './time-limits';
import { cite, citeEn, citeZh } from './sources';

const PLAN_PHASE_OUT_ZH = citeZh(cite.plan('二(四)5'));
const PLAN_PHASE_OUT_EN = citeEn(cite.plan('二(四)5'));

const PHASE_OUT: ReasonTemplate = {
  ruleId: 'MINIMUM_LIVING.PHASE_OUT',
  zh: (a) => `已是低保家庭，就业后人均收入超过低保标准，可给予不超过 ${a[0]} 个月的渐退期（${PLAN_PHASE_OUT_ZH}）`,
  en: (a) =>
    `enrolled household whose income rose above the standard through employment: a phase-out of at most ${a[0]} months may be granted (${PLAN_PHASE_OUT_EN})`,
};

/** The same rule when the maximum is not in months (a drill's minutes): the length is given in words. */
const PHASE_OUT_SHORTENED: ReasonTemplate = {
  ruleId: PHASE_OUT.ruleId,
  zh: (a) => `已是低保家庭，就业后人均收入超过低保标准，可给予不超过 ${a[0]}的渐退期（${PLAN_PHASE_OUT_ZH}；演练缩短）`,
  en: (a) =>
    `enrolled household whose income rose above the standard through employment: a phase-out of at most ${a[0]} may be granted (${PLAN_PHASE_OUT_EN}; shortened for a drill)`,
};

const NOT_DETERMINED = [
  {
    category: 'RELAPSE_MONITORED' as const,
    zh: `防止返贫监测对象由乡村振兴部门认定，本系统只导入（${citeZh(cite.plan('二(二)3、二(三)'))}）`,
    en: `poverty-relapse monitoring households are determined by rural revitalisation and imported only (${citeEn(cite.plan('二(二)3'))})`,
  },
  {
    category: 'OTHER_HARDSHIP' as const,
    zh: `其他困难人员由县级以上人民政府确定（${citeZh(cite.plan('二(一)6'))}）`,
    en: `other persons in hardship are designated by a county or higher government (${citeEn(cite.plan('二(一)6'))})`,
  },
];

export function evaluateHousehold(facts: HouseholdFacts, params: ParameterStore): Determination {
  const { county, area } = facts.residence;
  const snap = policySnapshot(params, county, area, facts.applicationDate);
  const household = coResidentUnit(facts);
  const ledger = incomeLedger(facts, snap);
  const income = assessIncome(ledger, snap, params, household, HOUSEHOLD_INCOME);
  // The household's assets, judged by each category's limits.
  const householdAssets = measureAssets(facts, snap, household, true);

  const destitute = evaluateDestitute(facts, snap, ledger, income, household);
  const ml = evaluateMinimumLiving(facts, snap, params, ledger, income, household, householdAssets);
  let minimumLiving = ml.det;
  const taken = coveredMembers(destitute, minimumLiving);
  const wholeHouseholdML = minimumLiving.status === 'eligible' && minimumLiving.basis === 'WHOLE_HOUSEHOLD';
  let near = evaluateNearMinimum(facts, snap, household, income, householdAssets, wholeHouseholdML, taken);

  // Individual inclusion of seriously ill / severely disabled members of an 边缘 household.
  if (near.status === 'eligible' && minimumLiving.status !== 'eligible') {
    const inclusion = individualInclusion(facts, snap, household, income, householdAssets, minimumLiving, near, taken);
    minimumLiving = inclusion.minimumLiving;
    near = inclusion.near;
  }

  // Phase-out hint for an enrolled household lifted above the standard by employment.
  if (
    facts.currentCategories?.includes('MINIMUM_LIVING') === true &&
    minimumLiving.status !== 'eligible' &&
    !ml.reasons.incomePass &&
    ml.reasons.assetsPass &&
    facts.members.some((m) => m.coResident && m.employment.employed)
  ) {
    minimumLiving = withPhaseOutNote(minimumLiving, snap);
  }

  const held = facts.currentCategories;
  const other =
    (held?.includes('MINIMUM_LIVING') === true || minimumLiving.status === 'eligible' ? OTHER_MINIMUM_LIVING : 0) |
    (held?.includes('DESTITUTE') === true || destitute.status === 'eligible' ? OTHER_DESTITUTE : 0) |
    (held?.includes('NEAR_MINIMUM') === true || near.status === 'eligible' ? OTHER_NEAR_MINIMUM : 0);
  const rigid = evaluateRigidExpense(facts, snap, household, ledger, income, householdAssets, other);

  const categories = {
    DESTITUTE: destitute,
    MINIMUM_LIVING: minimumLiving,
    NEAR_MINIMUM: near,
    RIGID_EXPENSE: rigid,
  };
  let recommended: DeterminedCategory | null = null;
  for (const c of CATEGORY_PRECEDENCE) {
    if (categories[c].status === 'eligible') {
      recommended = c;
      break;
    }
  }
  return new DeterminationResult(
    facts.applicationDate,
    county,
    area,
    categories,
    recommended,
    NOT_DETERMINED,
    income,
    ml.reasons.income === income ? undefined : ml.reasons.income,
  );
}

const NO_ONE: readonly string[] = [];

/** Members already covered before 边缘 is assessed: 特困 persons, then 低保 members. */
function coveredMembers(destitute: CategoryResult, minimumLiving: CategoryResult): readonly string[] {
  const ml = minimumLiving.status === 'eligible' ? minimumLiving.membersIncluded : NO_ONE;
  // Without a copy when only one list has members (the usual case).
  if (ml.length === 0) return destitute.membersIncluded;
  if (destitute.membersIncluded.length === 0) return ml;
  const taken: string[] = [...destitute.membersIncluded];
  for (const id of ml) if (!taken.includes(id)) taken.push(id);
  return taken;
}

/**
 * Seed 二(四)1: the seriously ill / severely disabled members of an 边缘 household not yet
 * covered are included in 低保 when requested (and leave 边缘), otherwise noted as possible.
 */
function individualInclusion(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  household: Unit,
  income: IncomeResult,
  assets: AssetHoldings,
  prev: CategoryResult,
  near: CategoryResult,
  taken: readonly string[],
): { minimumLiving: CategoryResult; near: CategoryResult } {
  const candidates = individualInclusionCandidates(facts, snap, household).filter((id) => !taken.includes(id));
  if (candidates.length === 0) return { minimumLiving: prev, near };
  const requested = facts.individualInclusionRequested === true;
  const inclusion = (): Reason =>
    reason(
      INDIVIDUAL_INCLUSION,
      requested ? 'pass' : 'info',
      [candidates.join('、'), requested ? 1 : 0],
      snap.severeDisabilityMaxGrade.refs,
    );
  if (!requested) return { minimumLiving: prev.withMoreReasons(() => [inclusion()]), near };
  const total = minimumLivingBenefitCents(snap, income.monthlyPerCapitaCents, candidates.length);
  const minimumLiving = explainedResult(
    'MINIMUM_LIVING',
    prev.requested,
    'eligible',
    'INDIVIDUAL_INCLUSION',
    candidates,
    prev.incomeResult,
    total,
    () => [
      ...prev.reasons,
      inclusion(),
      minimumLivingBenefitReason(snap, minimumLivingBenefit(snap, income.monthlyPerCapitaCents, candidates.length)),
    ],
  );
  const rest = near.membersIncluded.filter((id) => !candidates.includes(id));
  return {
    minimumLiving,
    near:
      rest.length > 0
        ? near.withMembers(rest)
        : evaluateNearMinimum(facts, snap, household, income, assets, false, [...taken, ...candidates]),
  };
}

function withPhaseOutNote(minimumLiving: CategoryResult, snap: PolicySnapshot): CategoryResult {
  const max = snap.phaseOutMaxMonths;
  if (snap.phaseOutMaxUnit === 'MONTHS')
    return minimumLiving.withMoreReasons(() => [reason(PHASE_OUT, 'info', [max.value], max.refs)]);
  const length = limitLengthZh({
    value: max.value,
    unit: snap.phaseOutMaxUnit === 'WORKING_DAYS' ? 'WORKING_DAYS' : 'NATURAL_DAYS',
  });
  return minimumLiving.withMoreReasons(() => [reason(PHASE_OUT_SHORTENED, 'info', [length], max.refs)]);
}
