// Expense-type temporary assistance (支出型临时救助, domain.md §4.3, N7): the household's
// per-capita income over the last 12 months, after its rigid expenses (medical, education…),
// is compared with the previous-year per-capita disposable income of the county and area
// (statistics.previous_year_disposable_income, the same parameter as 刚性支出 uses).
import { AREA_NAMES_ZH, type AreaType } from '../../core/contracts/household-facts';
import type { IsoDate } from '../dates';
import { P } from '../../core/parameter-ids';
import type { ParameterStore } from '../parameters/store';
import type { ParameterRef } from '../parameters/types';
import { reason, type ReasonTemplate } from '../reason';

export interface TemporaryAssistanceIncomeInput {
  date: IsoDate;
  county: string;
  area: AreaType;
  householdSize: number;
  /** Net household income of the last 12 months (yuan). */
  annualIncome: number;
  /** Rigid expenses of the same 12 months (yuan). */
  rigidExpenses: number;
}

export interface TemporaryAssistanceIncomeResult {
  eligible: boolean;
  /** (income − rigid expenses) / members, per year, rounded to cents; never below 0. */
  perCapitaIncome: number;
  threshold: number;
  reasonZh: string;
  parameter: ParameterRef;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Args: per-capita income, threshold, 1 when below it, area name (Chinese). */
const INCOME: ReasonTemplate = {
  ruleId: 'TEMPORARY_ASSISTANCE.INCOME',
  zh: (a) =>
    a[2] === 1
      ? `家庭扣除刚性支出后的人均年收入 ${(+a[0]).toFixed(2)} 元，低于上年度当地${a[3]}居民人均可支配收入 ${(+a[1]).toFixed(2)} 元，符合支出型临时救助收入条件`
      : `家庭扣除刚性支出后的人均年收入 ${(+a[0]).toFixed(2)} 元，不低于上年度当地${a[3]}居民人均可支配收入 ${(+a[1]).toFixed(2)} 元，不符合支出型临时救助收入条件`,
  en: (a) =>
    `per-capita income after rigid expenses ¥${(+a[0]).toFixed(2)} ${a[2] === 1 ? '<' : '≥'} previous-year local per-capita disposable income ¥${(+a[1]).toFixed(2)}`,
};

export function temporaryAssistanceIncomeTest(
  input: TemporaryAssistanceIncomeInput,
  params: ParameterStore,
): TemporaryAssistanceIncomeResult {
  const r = params.lookupNumber(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, {
    date: input.date,
    county: input.county,
    area: input.area,
  });
  const perCapitaIncome = round2(Math.max(input.annualIncome - input.rigidExpenses, 0) / input.householdSize);
  const eligible = perCapitaIncome < r.value;
  // Through Reason, as every determination's reason: a stale figure's note comes with the sentence.
  const why = reason(
    INCOME,
    eligible ? 'pass' : 'fail',
    [perCapitaIncome, r.value, eligible ? 1 : 0, AREA_NAMES_ZH[input.area]],
    [r.ref],
  );
  return { eligible, perCapitaIncome, threshold: r.value, reasonZh: why.zh, parameter: r.ref };
}
