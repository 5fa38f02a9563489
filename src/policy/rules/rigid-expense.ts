// 刚性支出困难 (RIGID_EXPENSE), seed 二(二)5 — all four: per-capita income below last
// year's local per-capita disposable income; assets within the near-minimum limits; in the
// 12 months before application, necessary spending (medical, education; N3 adds basic
// living and disability rehabilitation) ≥ 50% of total household income; not already
// 低保, 特困 or 边缘 (nor a co-resident member of such). Decided by civil affairs; the
// amount is temporary assistance, so no monthly benefit is proposed here.
import { CATEGORY_NAMES_ZH, type Category, type HouseholdFacts } from '../../core/contracts/household-facts';
import { CategoryResult, NO_MEMBERS, type Explainer } from '../results';
import { necessaryExpenses, type IncomeLedger, type IncomeResult } from '../income';
import { formatPercent, formatYuan } from '../money';
import { P } from '../../core/parameter-ids';
import type { PolicySnapshot } from '../parameters/snapshot';
import { parameterMissing } from './parameter-missing';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { assetReasons, assetsPass, type AssetHoldings } from './assets';
import type { Unit } from './household';

const INCOME: ReasonTemplate = {
  ruleId: 'RIGID_EXPENSE.INCOME',
  zh: (a) =>
    `家庭年人均收入 ${formatYuan(+a[0])} 元 ${a[2] === 1 ? '<' : '≥'} 上年度当地居民人均可支配收入 ${formatYuan(+a[1])} 元`,
  en: (a) =>
    `annual per-capita income ¥${formatYuan(+a[0])} ${a[2] === 1 ? '<' : '≥'} previous-year local per-capita disposable income ¥${formatYuan(+a[1])}`,
};
const ASSETS: ReasonTemplate = {
  ruleId: 'RIGID_EXPENSE.ASSETS',
  zh: (a) => (a[0] === 1 ? '家庭财产符合当地低保边缘家庭标准' : '家庭财产不符合当地低保边缘家庭标准'),
  en: (a) => (a[0] === 1 ? 'assets within the near-minimum limits' : 'assets exceed the near-minimum limits'),
};
const EXPENSE: ReasonTemplate = {
  ruleId: 'RIGID_EXPENSE.EXPENSE_RATIO',
  zh: (a) =>
    `申请前 ${a[4]} 个月必需支出 ${formatYuan(+a[0])} 元，占家庭总收入 ${formatYuan(+a[1])} 元的 ${a[2]}，${a[5] === 1 ? '达到' : '未达到'} ${a[3]}`,
  en: (a) =>
    `necessary spending in the ${a[4]} months before application ¥${formatYuan(+a[0])} is ${a[2]} of total household income ¥${formatYuan(+a[1])}: ${a[5] === 1 ? 'reaches' : 'below'} ${a[3]}`,
};
const NOT_OTHER: ReasonTemplate = {
  ruleId: 'RIGID_EXPENSE.NOT_OTHER_CATEGORY',
  zh: (a) =>
    a[0] === 0
      ? '未认定为低保对象、特困人员、低保边缘家庭成员及其共同生活家庭成员'
      : `已属于或符合${otherCategories(+a[0])
          .map((c) => CATEGORY_NAMES_ZH[c])
          .join('、')}，不再认定为刚性支出困难家庭`,
  en: (a) =>
    a[0] === 0
      ? 'not a minimum-living, destitute or near-minimum household member'
      : `already in or eligible for ${otherCategories(+a[0]).join('、')}: not a rigid-expense household`,
};
const NO_BENEFIT: ReasonTemplate = {
  ruleId: 'RIGID_EXPENSE.NO_MONTHLY_BENEFIT',
  zh: () => '刚性支出困难家庭按临时救助程序给予救助，不发放按月基本生活金',
  en: () => 'assistance follows the temporary-assistance procedure, no monthly benefit',
};

const NO_ARGS: readonly never[] = [];

/** Bits of evaluateRigidExpense's otherCategories, named in this order in the reason. */
export const OTHER_MINIMUM_LIVING = 1;
export const OTHER_DESTITUTE = 2;
export const OTHER_NEAR_MINIMUM = 4;

/** The categories of the OTHER_* bits, in this order (the reason keeps the bits and names them when read). */
function otherCategories(bits: number): Category[] {
  const categories: Category[] = [];
  if ((bits & OTHER_MINIMUM_LIVING) !== 0) categories.push('MINIMUM_LIVING');
  if ((bits & OTHER_DESTITUTE) !== 0) categories.push('DESTITUTE');
  if ((bits & OTHER_NEAR_MINIMUM) !== 0) categories.push('NEAR_MINIMUM');
  return categories;
}

/**
 * @param assets the household's assets, judged by the near-minimum limits (seed 二(二)5)
 * @param otherCategories categories the household holds or qualifies for in this evaluation (OTHER_* bits)
 * (arguments, not an input object: nothing to allocate per household)
 */
export function evaluateRigidExpense(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  household: Unit,
  ledger: IncomeLedger,
  income: IncomeResult,
  assets: AssetHoldings,
  otherCategories: number,
): CategoryResult {
  const requested = facts.categoriesRequested.includes('RIGID_EXPENSE');
  if (snap.disposableIncome === null)
    return parameterMissing('RIGID_EXPENSE', requested, income, P.PREVIOUS_YEAR_DISPOSABLE_INCOME, snap);
  const n = household.size;
  // 家庭总收入: counted income before the illness deduction, so the same spending is not
  // used twice (once to lower income, once as necessary spending).
  const exp = necessaryExpenses(ledger, household.mask);
  const eligible =
    incomeOk(snap, income, n) &&
    assetsPass(assets, snap, 'NEAR_MINIMUM') &&
    expenseOk(snap, income, exp) &&
    otherCategories === 0 &&
    n > 0;
  return new CategoryResult(
    'RIGID_EXPENSE',
    requested,
    eligible ? 'eligible' : 'ineligible',
    'WHOLE_HOUSEHOLD',
    eligible ? household.ids : NO_MEMBERS,
    income,
    0,
    new RigidExpenseReasons(snap, income, assets, n, exp, otherCategories, eligible),
  );
}

// The income and spending tests (the same functions decide and explain).

/** Annual per-capita income from the window total (12-month window → the total itself). */
function annualPerCapita(snap: PolicySnapshot, income: IncomeResult, n: number): number {
  return n > 0 ? Math.round((income.totalCents * 12) / (snap.incomeWindowMonths.value * n)) : 0;
}

/** Only called once disposableIncome is known to be in force. */
function disposableIncome(snap: PolicySnapshot) {
  if (snap.disposableIncome === null) throw new Error('disposable income read before its presence was checked');
  return snap.disposableIncome;
}

function incomeOk(snap: PolicySnapshot, income: IncomeResult, n: number): boolean {
  return annualPerCapita(snap, income, n) < disposableIncome(snap).value;
}

function expenseOk(snap: PolicySnapshot, income: IncomeResult, exp: number): boolean {
  const gross = income.grossCents;
  return gross > 0 ? exp >= gross * snap.rigidRatio.value : exp > 0;
}

/** What the 刚性支出 reasons print. */
class RigidExpenseReasons implements Explainer {
  constructor(
    private readonly snap: PolicySnapshot,
    private readonly income: IncomeResult,
    private readonly assets: AssetHoldings,
    private readonly householdSize: number,
    /** Necessary spending in the window, cents. */
    private readonly expenses: number,
    private readonly otherCategories: number,
    private readonly eligible: boolean,
  ) {}

  explain(): Reason[] {
    const snap = this.snap;
    const exp = this.expenses;
    const gross = this.income.grossCents;
    const ratio = snap.rigidRatio.value;
    const annualPc = annualPerCapita(snap, this.income, this.householdSize);
    const incomePass = incomeOk(snap, this.income, this.householdSize);
    const expensePass = expenseOk(snap, this.income, exp);
    const assetsOk = assetsPass(this.assets, snap, 'NEAR_MINIMUM');
    const other = this.otherCategories;
    const reasons: Reason[] = [];
    reasons.push(
      reason(
        INCOME,
        incomePass ? 'pass' : 'fail',
        [annualPc, disposableIncome(snap).value, incomePass ? 1 : 0],
        disposableIncome(snap).refs,
      ),
    );
    reasons.push(reason(ASSETS, assetsOk ? 'pass' : 'fail', [assetsOk ? 1 : 0], snap.nearMinimumFinancialMonths.refs));
    if (!assetsOk) for (const r of assetReasons(this.assets, 'NEAR_MINIMUM', snap, true)) reasons.push(r);
    reasons.push(
      reason(
        EXPENSE,
        expensePass ? 'pass' : 'fail',
        [
          exp,
          gross,
          gross > 0 ? formatPercent(exp / gross) : '—',
          formatPercent(ratio),
          snap.rigidWindowMonths.value,
          expensePass ? 1 : 0,
        ],
        snap.citing.rigidExpense,
      ),
    );
    reasons.push(reason(NOT_OTHER, other === 0 ? 'pass' : 'fail', [other], snap.citing.none));
    if (this.eligible) reasons.push(reason(NO_BENEFIT, 'info', NO_ARGS, snap.citing.none));
    return reasons;
  }
}
