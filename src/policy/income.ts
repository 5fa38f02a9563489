// Monthly per-capita income of an assessment unit (the co-resident household, the
// single-person applicant, or one destitute candidate). One pass over the income items,
// integer cents, aggregated per type; deduction lines per member.
//
// Sources: 豫民〔2021〕5号 (12 months before application, net incomes); N1 Art.13
// (income types, exclusions, deductions for disability / serious illness and employment
// cost); seed 二(四)5 (employment cost = 30% of the place of work's URBAN standard).
import type { HouseholdFacts, IncomeType } from '../contracts/household-facts';
import { INCOME_TYPES } from '../contracts/household-facts';
import type { IncomeAssessment, IncomeLine } from '../contracts/policy-determination';
import { monthIndexOf, monthOfIndex } from './dates';
import { mulCents, toCents, toYuan } from './money';
import type { PolicySnapshot } from './parameters/snapshot';
import { urbanStandardAt } from './parameters/snapshot';
import type { ParameterStore } from './parameters/store';
import type { ParameterRef } from './parameters/types';

const TYPE_INDEX: Record<string, number> = Object.fromEntries(INCOME_TYPES.map((t, i) => [t, i]));
const N_TYPES = INCOME_TYPES.length;

export interface IncomeOptions {
  /** unit[i] = members[i] belongs to the assessment unit. */
  unit: readonly boolean[];
  unitSize: number;
  /** Income types not counted (N1 Art.13 list, N2 Art.6 list, …). */
  exempt: readonly string[];
  /** Extra exempt types and why (single-person rule). */
  extraExempt?: readonly string[];
  extraExemptWhy?: { zh: string; en: string };
  /** Deduct employment cost (seed 二(四)5) and disability / illness expenses (N1 Art.13). */
  deductions: boolean;
}

export interface IncomeResult {
  assessment: IncomeAssessment;
  /** Counted income over the window after deductions, cents. */
  totalCents: number;
  /** Counted income before the illness/disability deduction (家庭总收入 for 刚性支出), cents. */
  grossCents: number;
  monthlyPerCapitaCents: number;
  windowFrom: number;
  windowTo: number;
  /** Parameters relied on (employment cost base and share, exemption lists, window). */
  refs: ParameterRef[];
}

const WHY = {
  COUNTED: { zh: '计入家庭收入（河南省豫民〔2021〕5号、N1 第十三条）', en: 'counted as household income (豫民〔2021〕5号, N1 Art.13)' },
  EXEMPT: { zh: '不计入家庭收入（N1 第十三条 / N2 第六条）', en: 'not counted (N1 Art.13 / N2 Art.6)' },
  EMPLOYMENT_COST: { zh: '扣减就业成本：务工地同期城市低保标准的 30%（安政办〔2024〕1号 二(四)5）', en: 'employment cost deducted: share of the urban standard of the place of work (seed 二(四)5)' },
  ILLNESS: { zh: '扣减因残疾、患重病增加的刚性支出（N1 第十三条）', en: 'extra spending due to disability or serious illness deducted (N1 Art.13)' },
  OUTSIDE_WINDOW: { zh: '不在申请前 12 个月内，不计算', en: 'outside the months before application, not considered' },
  OUTSIDE_UNIT: { zh: '非本次核算对象的收入（非共同生活成员或单人户之外成员）', en: 'income of a person outside the assessment unit' },
} as const;

// Reused scratch buffers (evaluation is synchronous, so one set per process is safe).
let wageByMemberMonth = new Float64Array(8 * 12);
const countedByType = new Float64Array(N_TYPES);
const exemptByType = new Float64Array(N_TYPES);
let outsideUnit = 0;
let outsideWindow = 0;

function memberIndex(facts: HouseholdFacts, id: string): number {
  const ms = facts.members;
  for (let i = 0; i < ms.length; i++) if (ms[i].id === id) return i;
  return -1;
}

export function assessIncome(facts: HouseholdFacts, snap: PolicySnapshot, store: ParameterStore, opt: IncomeOptions): IncomeResult {
  const W = snap.incomeWindowMonths.value;
  const appMonth = monthIndexOf(facts.applicationDate);
  const from = appMonth - W;
  const to = appMonth - 1;
  const nMembers = facts.members.length;
  if (wageByMemberMonth.length < nMembers * W) wageByMemberMonth = new Float64Array(nMembers * W);
  wageByMemberMonth.fill(0, 0, nMembers * W);
  countedByType.fill(0);
  exemptByType.fill(0);
  outsideUnit = 0;
  outsideWindow = 0;
  const exempt = opt.exempt;
  const extra = opt.extraExempt;
  const extraExemptByType = extra !== undefined ? new Float64Array(N_TYPES) : undefined;
  const wageIdx = TYPE_INDEX.WAGE;

  const items = facts.income;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const cents = toCents(it.amount);
    const mi = memberIndex(facts, it.memberId);
    if (mi < 0 || !opt.unit[mi]) {
      outsideUnit += cents;
      continue;
    }
    const m = monthIndexOf(it.month);
    if (m < from || m > to) {
      outsideWindow += cents;
      continue;
    }
    const t = TYPE_INDEX[it.type];
    if (extra !== undefined && extraExemptByType !== undefined && extra.includes(it.type)) extraExemptByType[t] += cents;
    else if (exempt.includes(it.type)) exemptByType[t] += cents;
    else {
      countedByType[t] += cents;
      if (t === wageIdx) wageByMemberMonth[mi * W + (m - from)] += cents;
    }
  }

  const lines: IncomeLine[] = [];
  const refs: ParameterRef[] = [snap.incomeWindowMonths.ref, snap.incomeExemptTypes.ref];
  let counted = 0;
  for (let t = 0; t < N_TYPES; t++) {
    const c = countedByType[t];
    if (c > 0) {
      counted += c;
      lines.push({ kind: 'COUNTED', code: INCOME_TYPES[t], amount: toYuan(c), zh: WHY.COUNTED.zh, en: WHY.COUNTED.en });
    }
    if (exemptByType[t] > 0) lines.push({ kind: 'EXEMPT', code: INCOME_TYPES[t], amount: toYuan(exemptByType[t]), zh: WHY.EXEMPT.zh, en: WHY.EXEMPT.en });
    if (extraExemptByType !== undefined && extraExemptByType[t] > 0) {
      const why = opt.extraExemptWhy ?? WHY.EXEMPT;
      lines.push({ kind: 'EXEMPT', code: INCOME_TYPES[t], amount: toYuan(extraExemptByType[t]), zh: why.zh, en: why.en });
    }
  }
  if (outsideWindow > 0) lines.push({ kind: 'EXCLUDED', code: 'OUTSIDE_WINDOW', amount: toYuan(outsideWindow), zh: WHY.OUTSIDE_WINDOW.zh, en: WHY.OUTSIDE_WINDOW.en });
  if (outsideUnit > 0) lines.push({ kind: 'EXCLUDED', code: 'OUTSIDE_UNIT', amount: toYuan(outsideUnit), zh: WHY.OUTSIDE_UNIT.zh, en: WHY.OUTSIDE_UNIT.en });

  let total = counted;
  if (opt.deductions) {
    total -= employmentCostDeduction(facts, snap, store, opt, W, lines, refs);
  }
  const gross = total;
  if (opt.deductions) {
    const d = Math.min(total, illnessDisabilityDeduction(facts, opt, from, to));
    if (d > 0) {
      total -= d;
      lines.push({ kind: 'DEDUCTED', code: 'ILLNESS_DISABILITY_EXPENSE', amount: toYuan(d), zh: WHY.ILLNESS.zh, en: WHY.ILLNESS.en });
    }
  }
  const perCapita = opt.unitSize > 0 ? Math.round(total / (W * opt.unitSize)) : 0;
  return {
    assessment: {
      windowFrom: monthOfIndex(from),
      windowTo: monthOfIndex(to),
      windowMonths: W,
      memberCount: opt.unitSize,
      total: toYuan(total),
      monthlyPerCapita: toYuan(perCapita),
      lines,
    },
    totalCents: total,
    grossCents: gross,
    monthlyPerCapitaCents: perCapita,
    windowFrom: from,
    windowTo: to,
    refs,
  };
}

/**
 * Employment cost (seed 二(四)5; N1 Art.13 "扣除必要的就业成本"): for each employed member
 * of the unit, in every month with wage income, deduct the configured share of the URBAN
 * 低保 standard of the place of work (residence county when not given), never more than
 * that month's wage. "同期" is read as the standard in force on the application date.
 */
export function employmentCostDeduction(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  store: ParameterStore,
  opt: IncomeOptions,
  W: number,
  lines: IncomeLine[],
  refs: ParameterRef[],
): number {
  let sum = 0;
  const ms = facts.members;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (!opt.unit[i] || !m.employment.employed) continue;
    const base = urbanStandardAt(store, m.employment.placeOfWorkCounty ?? facts.residence.county, facts.applicationDate);
    const perMonth = mulCents(base.value, snap.employmentCostShare.value);
    let d = 0;
    for (let k = 0; k < W; k++) {
      const w = wageByMemberMonth[i * W + k];
      if (w > 0) d += w < perMonth ? w : perMonth;
    }
    if (d > 0) {
      sum += d;
      lines.push({ kind: 'DEDUCTED', code: 'EMPLOYMENT_COST', memberId: m.id, amount: toYuan(d), zh: WHY.EMPLOYMENT_COST.zh, en: WHY.EMPLOYMENT_COST.en });
      if (!refs.includes(base.ref)) refs.push(base.ref);
      if (!refs.includes(snap.employmentCostShare.ref)) refs.push(snap.employmentCostShare.ref);
    }
  }
  return sum;
}

/**
 * Extra rigid spending caused by disability or serious illness (N1 Art.13 "因残疾、患重病
 * 等增加的刚性支出 … 适当扣减"): medical spending of seriously ill members and
 * rehabilitation spending of disabled members of the unit, inside the window.
 */
export function illnessDisabilityDeduction(facts: HouseholdFacts, opt: IncomeOptions, from: number, to: number): number {
  let sum = 0;
  const ex = facts.expenses;
  for (let k = 0; k < ex.length; k++) {
    const e = ex[k];
    if (e.memberId === undefined) continue;
    const mi = memberIndex(facts, e.memberId);
    if (mi < 0 || !opt.unit[mi]) continue;
    const mo = monthIndexOf(e.month);
    if (mo < from || mo > to) continue;
    const m = facts.members[mi];
    if ((e.type === 'MEDICAL' && m.seriousIllness) || (e.type === 'DISABILITY_REHAB' && m.disability !== undefined)) {
      sum += toCents(e.amount);
    }
  }
  return sum;
}

export type { IncomeType };
