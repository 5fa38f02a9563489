// Recovery (追缴, plan 三(三)): the overpaid amount month by month. For each PAID month from
// the first the finding affects, what the household was entitled to under the corrected facts,
// by the policy engine with the parameters in force that month, and the difference. A death
// removes the member from the month after it; a job that lifted the income leaves the months
// of the phase-out (seed 二(四)5) entitled as before. Pure: the caller reads the rows.
import type { HouseholdFacts, IncomeItem } from '../core/contracts/household-facts';
import type { DeterminedCategory } from '../core/contracts/policy-determination';
import type { RecoveryFinding } from '../core/contracts/recovery';
import { monthIndexOf, monthOfIndex } from './dates';
import { evaluateHousehold } from './evaluate';
import { formatYuan, toCents } from './money';
import type { ParameterStore } from './parameters/store';
import { phaseOutMonthsRemaining } from './rules/phase-out';
import { ParameterStoreAsOf } from './simulation';

export interface PaidMonth {
  /** YYYY-MM */
  month: string;
  amountCents: number;
}

export interface OverpaidMonth {
  month: string;
  paidCents: number;
  entitledCents: number;
  overpaidCents: number;
  /** Why, in Chinese: the figures, then the policy engine's reasons for the entitled amount. */
  explanation: string[];
}

export interface Overpayment {
  /** The first month the finding affects (YYYY-MM). */
  firstMonth: string;
  months: OverpaidMonth[];
  totalCents: number;
}

export interface OverpaymentInput {
  /** The facts the case was decided on (its application's). */
  facts: HouseholdFacts;
  category: DeterminedCategory;
  finding: RecoveryFinding;
  /** The case's PAID payment rows (any order). */
  paid: readonly PaidMonth[];
}

const FINDING_ZH: Record<RecoveryFinding['kind'], string> = {
  DEATH: '家庭成员死亡',
  INCOME: '家庭收入变化',
  ASSETS: '家庭财产超过规定',
  MEMBERS: '家庭成员迁出',
  OTHER: '其他不符合保障条件的情况',
};

/** The first month affected: the month after a death, otherwise the month the finding starts. */
export function firstAffectedMonth(f: RecoveryFinding): string {
  const month = f.effectiveFrom.slice(0, 7);
  return f.kind === 'DEATH' ? monthOfIndex(monthIndexOf(month) + 1) : month;
}

/** The 12 income-window months before the facts' application month (YYYY-MM, oldest first). */
function windowMonths(applicationDate: string): string[] {
  const k = monthIndexOf(applicationDate.slice(0, 7));
  return Array.from({ length: 12 }, (_, i) => monthOfIndex(k - 12 + i));
}

/** The facts as the finding corrects them (only what it names changes). */
export function correctedFacts(
  facts: HouseholdFacts,
  f: RecoveryFinding,
  category: DeterminedCategory,
): HouseholdFacts {
  const base: HouseholdFacts = { ...facts, currentCategories: [category] };
  switch (f.kind) {
    case 'DEATH':
    case 'MEMBERS':
      return {
        ...base,
        members: facts.members.filter((m) => m.id !== f.memberId),
        income: facts.income.filter((i) => i.memberId !== f.memberId),
      };
    case 'INCOME': {
      const named = new Set((f.income ?? []).map((i) => i.memberId));
      const months = windowMonths(facts.applicationDate);
      const income: IncomeItem[] = [
        ...facts.income.filter((i) => i.memberId === undefined || !named.has(i.memberId)),
        ...(f.income ?? []).flatMap((i) =>
          months.map((month) => ({ memberId: i.memberId, type: i.type, month, amount: i.monthlyAmount })),
        ),
      ];
      const employed = f.employment === true;
      return {
        ...base,
        income,
        members: facts.members.map((m) =>
          employed && named.has(m.id) ? { ...m, employment: { ...m.employment, employed: true } } : m,
        ),
      };
    }
    default:
      return base;
  }
}

/** The amount a category pays under these facts, with the parameters of `date`, and the reasons that decide it. */
function entitlement(
  facts: HouseholdFacts,
  category: DeterminedCategory,
  params: ParameterStore,
  date: string,
): { cents: number; reasons: string[] } {
  const store = new ParameterStoreAsOf(params.all(), date, params.legalSources(), params.cityCode);
  const d = evaluateHousehold(facts, store).categories[category];
  const eligible = d.status === 'eligible';
  const reasons = d.reasons
    .filter((r) => (eligible ? r.ruleId.startsWith('BENEFIT.') : r.outcome === 'fail'))
    .map((r) => r.zh);
  return { cents: eligible ? toCents(d.proposedMonthlyBenefit) : 0, reasons };
}

/** Every PAID month from the first the finding affects (to its end, if any), oldest first. */
export function computeOverpayment(inp: OverpaymentInput, params: ParameterStore): Overpayment {
  const { facts, category, finding } = inp;
  const firstMonth = firstAffectedMonth(finding);
  const lastMonth = finding.effectiveTo?.slice(0, 7) ?? null;
  const corrected = correctedFacts(facts, finding, category);
  const { county, area } = facts.residence;
  const phaseOut =
    finding.kind === 'INCOME' && finding.employment === true && category === 'MINIMUM_LIVING'
      ? phaseOutMonthsRemaining({ phaseOutStart: `${firstMonth}-01`, date: `${firstMonth}-01`, county, area }, params)
      : null;
  const months = [...inp.paid]
    .filter((p) => p.month >= firstMonth && (lastMonth === null || p.month <= lastMonth))
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((p): OverpaidMonth => {
      const date = `${p.month}-01`;
      let entitled: { cents: number; reasons: string[] };
      if (phaseOut !== null && date < phaseOut.endDate) {
        const before = entitlement({ ...facts, currentCategories: [category] }, category, params, date);
        const k = monthIndexOf(p.month) - monthIndexOf(firstMonth) + 1;
        entitled = {
          cents: before.cents,
          reasons: [
            `就业后收入超过标准，渐退期第 ${k} 个月（共 ${phaseOut.grantedMonths} 个月，${phaseOut.endDate} 起结束）仍按原保障金额享受（参数 ${phaseOut.parameter.id}，版本 ${phaseOut.parameter.version}）`,
            ...before.reasons,
          ],
        };
      } else if (finding.kind === 'ASSETS' || finding.kind === 'OTHER') {
        // No corrected figure to compute from: the finding itself says the household did not qualify.
        entitled = { cents: 0, reasons: [`经查实：${finding.description}，该月不符合保障条件`] };
      } else {
        entitled = entitlement(corrected, category, params, date);
      }
      const overpaid = Math.max(p.amountCents - entitled.cents, 0);
      return {
        month: p.month,
        paidCents: p.amountCents,
        entitledCents: entitled.cents,
        overpaidCents: overpaid,
        explanation: [
          `${p.month}：已发放 ${formatYuan(p.amountCents)} 元，按查实情况（${FINDING_ZH[finding.kind]}）应享受 ${formatYuan(entitled.cents)} 元，多发 ${formatYuan(overpaid)} 元`,
          ...entitled.reasons,
        ],
      };
    });
  return { firstMonth, months, totalCents: months.reduce((s, m) => s + m.overpaidCents, 0) };
}
