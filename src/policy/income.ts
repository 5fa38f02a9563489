// Monthly per-capita income of an assessment unit (the co-resident household, the
// single-person applicant, or one destitute candidate). One pass over the income items,
// integer cents, aggregated per type; deduction lines per member.
//
// Sources: 豫民〔2021〕5号 (12 months before application, net incomes); N1 Art.13
// (income types, exclusions, deductions for disability / serious illness and employment
// cost); seed 二(四)5 (employment cost = 30% of the place of work's URBAN standard).
import type { HouseholdFacts, IncomeType } from '../contracts/household-facts';
import { INCOME_TYPES } from '../contracts/household-facts';
import type { IncomeAssessment, IncomeLine, IncomeLineKind } from '../contracts/policy-determination';
import { monthIndexOf, monthOfIndex } from './dates';
import { mulCents, toCents, toYuan } from './money';
import type { PolicySnapshot } from './parameters/snapshot';
import { urbanStandardAt } from './parameters/snapshot';
import type { ParameterStore } from './parameters/store';
import type { ParameterRef } from './parameters/types';
import { memberIndex } from './rules/person';

const N_TYPES = INCOME_TYPES.length;

export interface IncomeOptions {
  /** unit[i] = members[i] belongs to the assessment unit. */
  unit: readonly boolean[];
  unitSize: number;
  /** Income types not counted (N1 Art.13 list, N2 Art.6 list, …). */
  exempt: readonly string[];
  /** Extra exempt types and why (single-person rule). */
  extraExempt?: readonly string[];
  extraExemptWhy?: LineWhy;
  /** Deduct employment cost (seed 二(四)5) and disability / illness expenses (N1 Art.13). */
  deductions: boolean;
}


/** Kind and explanation of an income line (shared constants, never per household). */
export interface LineWhy {
  readonly kind: IncomeLineKind;
  readonly zh: string;
  readonly en: string;
}

const WHY = {
  COUNTED: { kind: 'COUNTED', zh: '计入家庭收入（河南省豫民〔2021〕5号、N1 第十三条）', en: 'counted as household income (豫民〔2021〕5号, N1 Art.13)' },
  EXEMPT: { kind: 'EXEMPT', zh: '不计入家庭收入（N1 第十三条 / N2 第六条）', en: 'not counted (N1 Art.13 / N2 Art.6)' },
  EMPLOYMENT_COST: { kind: 'DEDUCTED', zh: '扣减就业成本：务工地同期城市低保标准的 30%（安政办〔2024〕1号 二(四)5）', en: 'employment cost deducted: share of the urban standard of the place of work (seed 二(四)5)' },
  ILLNESS: { kind: 'DEDUCTED', zh: '扣减因残疾、患重病增加的刚性支出（N1 第十三条）', en: 'extra spending due to disability or serious illness deducted (N1 Art.13)' },
  OUTSIDE_WINDOW: { kind: 'EXCLUDED', zh: '不在申请前 12 个月内，不计算', en: 'outside the months before application, not considered' },
  OUTSIDE_UNIT: { kind: 'EXCLUDED', zh: '非本次核算对象的收入（非共同生活成员或单人户之外成员）', en: 'income of a person outside the assessment unit' },
} as const satisfies Record<string, LineWhy>;

/**
 * Income of one household by member, type and month, from ONE pass over its items: every
 * assessment unit (household, single-person applicant, each 特困 candidate) is then a sum
 * over its members, instead of a re-scan of all items per unit. Amounts are integer cents
 * held in doubles, so the sums are exact whatever the order of addition.
 *
 * The buffers are reused (evaluation is synchronous): a ledger is valid until the next
 * call of incomeLedger, i.e. for one household evaluation.
 */
export interface IncomeLedger {
  readonly facts: HouseholdFacts;
  readonly windowMonths: number;
  /** First and last month index of the window. */
  readonly from: number;
  readonly to: number;
  /** The same as 'YYYY-MM', formatted once per household (kept by the results). */
  readonly window: IncomeWindow;
  /** In-window cents by member and type, [member * N_TYPES + type]. */
  readonly byMemberType: Float64Array;
  /** Out-of-window cents by member. */
  readonly outsideWindow: Float64Array;
  /** All cents by member, in or out of the window. */
  readonly allByMember: Float64Array;
  /** Cents of items naming no member. */
  readonly noMember: number;
  /** In-window WAGE cents by member and month, [member * windowMonths + (month - from)]. */
  readonly wage: Float64Array;
}

const TYPE_NUMBER = new Map<string, number>(INCOME_TYPES.map((t, i) => [t, i]));
const WAGE = TYPE_NUMBER.get('WAGE') ?? -1;

export interface IncomeWindow {
  readonly fromText: string;
  readonly toText: string;
  readonly windowMonths: number;
}

type MutableLedger = { -readonly [K in keyof IncomeLedger]: IncomeLedger[K] };
const scratch: MutableLedger = {
  facts: undefined as unknown as HouseholdFacts,
  windowMonths: 0,
  from: 0,
  to: 0,
  window: { fromText: '', toText: '', windowMonths: 0 },
  byMemberType: new Float64Array(8 * N_TYPES),
  outsideWindow: new Float64Array(8),
  allByMember: new Float64Array(8),
  noMember: 0,
  wage: new Float64Array(8 * 12),
};


function sized(a: Float64Array, n: number): Float64Array {
  const b = a.length >= n ? a : new Float64Array(n);
  b.fill(0, 0, n);
  return b;
}

export function incomeLedger(facts: HouseholdFacts, snap: PolicySnapshot): IncomeLedger {
  const W = snap.incomeWindowMonths.value;
  const from = monthIndexOf(facts.applicationDate) - W;
  const to = from + W - 1;
  const n = facts.members.length;
  const l = scratch;
  l.facts = facts;
  l.windowMonths = W;
  l.from = from;
  l.to = to;
  l.window = { fromText: monthOfIndex(from), toText: monthOfIndex(to), windowMonths: W };
  const byMemberType = (l.byMemberType = sized(l.byMemberType, n * N_TYPES));
  const outside = (l.outsideWindow = sized(l.outsideWindow, n));
  const all = (l.allByMember = sized(l.allByMember, n));
  const wage = (l.wage = sized(l.wage, n * W));
  let noMember = 0;
  const items = facts.income;
  // Items usually come in runs (one member, one source, month after month).
  let lastId: string | undefined;
  let lastMi = -1;
  let lastType: string | undefined;
  let lastT: number | undefined;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const cents = toCents(it.amount);
    if (it.memberId !== lastId) {
      lastId = it.memberId;
      lastMi = memberIndex(facts, lastId);
    }
    const mi = lastMi;
    if (mi < 0) {
      noMember += cents;
      continue;
    }
    all[mi] += cents;
    const m = monthIndexOf(it.month);
    if (m < from || m > to) {
      outside[mi] += cents;
      continue;
    }
    // An unknown type (outside the schema) is in no line, as before.
    if (it.type !== lastType) {
      lastType = it.type;
      lastT = TYPE_NUMBER.get(lastType);
    }
    const t = lastT;
    if (t === undefined) continue;
    byMemberType[mi * N_TYPES + t] += cents;
    if (t === WAGE) wage[mi * W + (m - from)] += cents;
  }
  l.noMember = noMember;
  return l;
}

const countedByType = new Float64Array(N_TYPES);
const exemptByType = new Float64Array(N_TYPES);
const extraExemptByType = new Float64Array(N_TYPES);
const EXEMPT = 1;
const EXTRA_EXEMPT = 2;

// Classes per exemption list (lists are shared parameter values, so identity is a good key).
const classesOf = new WeakMap<readonly string[], WeakMap<readonly string[], Uint8Array>>();
const NO_EXTRA: readonly string[] = [];

/** Per income type: counted (0), exempt (1) or extra-exempt (2); the extra list wins. */
function typeClasses(exempt: readonly string[], extra: readonly string[] = NO_EXTRA): Uint8Array {
  let byExtra = classesOf.get(exempt);
  if (byExtra === undefined) classesOf.set(exempt, (byExtra = new WeakMap()));
  let c = byExtra.get(extra);
  if (c === undefined) {
    c = new Uint8Array(N_TYPES);
    for (let t = 0; t < N_TYPES; t++) {
      if (extra.includes(INCOME_TYPES[t])) c[t] = EXTRA_EXEMPT;
      else if (exempt.includes(INCOME_TYPES[t])) c[t] = EXEMPT;
    }
    byExtra.set(extra, c);
  }
  return c;
}

/**
 * Lines of an assessment in compact form, LINE_STRIDE entries per line (why, code, cents,
 * memberId): the line objects are built only when the assessment is read.
 */
type LineData = (LineWhy | string | number | undefined)[];
const LINE_STRIDE = 4;

function pushLine(data: LineData, why: LineWhy, code: string, cents: number, memberId?: string): void {
  data.push(why, code, cents, memberId);
}

/**
 * The income of one assessment unit: the numbers the rules compare, computed eagerly; the
 * assessment with its lines and the parameters cited, built on first read.
 */
export class IncomeResult {
  private built: IncomeAssessment | undefined;
  constructor(
    /** Counted income over the window after deductions, cents. */
    readonly totalCents: number,
    /** Counted income before the illness/disability deduction (家庭总收入 for 刚性支出), cents. */
    readonly grossCents: number,
    readonly monthlyPerCapitaCents: number,
    private readonly unitSize: number,
    private readonly window: IncomeWindow,
    private readonly lineData: LineData,
    private readonly snap: PolicySnapshot,
    /** Employment-cost parameters cited, in order of first use (undefined: none deducted). */
    private readonly employmentRefs: ParameterRef[] | undefined,
  ) {}

  get assessment(): IncomeAssessment {
    return (this.built ??= {
      windowFrom: this.window.fromText,
      windowTo: this.window.toText,
      windowMonths: this.window.windowMonths,
      memberCount: this.unitSize,
      total: toYuan(this.totalCents),
      monthlyPerCapita: toYuan(this.monthlyPerCapitaCents),
      lines: incomeLines(this.lineData),
    });
  }

  /** Parameters relied on (window, exemption list, employment cost base and share). */
  get refs(): ParameterRef[] {
    const refs: ParameterRef[] = [this.snap.incomeWindowMonths.ref, this.snap.incomeExemptTypes.ref];
    if (this.employmentRefs !== undefined) for (const r of this.employmentRefs) refs.push(r);
    return refs;
  }
}

function incomeLines(data: LineData): IncomeLine[] {
  const lines: IncomeLine[] = [];
  for (let k = 0; k < data.length; k += LINE_STRIDE) {
    const why = data[k] as LineWhy;
    const code = data[k + 1] as string;
    const amount = toYuan(data[k + 2] as number);
    const memberId = data[k + 3] as string | undefined;
    // Key order as serialised: memberId (employment cost only) sits between code and amount.
    lines.push(
      memberId === undefined
        ? { kind: why.kind, code, amount, zh: why.zh, en: why.en }
        : { kind: why.kind, code, memberId, amount, zh: why.zh, en: why.en },
    );
  }
  return lines;
}

export function assessIncome(ledger: IncomeLedger, snap: PolicySnapshot, store: ParameterStore, opt: IncomeOptions): IncomeResult {
  const facts = ledger.facts;
  const W = ledger.windowMonths;
  const cls = typeClasses(opt.exempt, opt.extraExempt);
  countedByType.fill(0);
  exemptByType.fill(0);
  extraExemptByType.fill(0);
  let outsideUnit = ledger.noMember;
  let outsideWindow = 0;
  const nMembers = facts.members.length;
  for (let mi = 0; mi < nMembers; mi++) {
    if (!opt.unit[mi]) {
      outsideUnit += ledger.allByMember[mi];
      continue;
    }
    outsideWindow += ledger.outsideWindow[mi];
    const row = mi * N_TYPES;
    for (let t = 0; t < N_TYPES; t++) {
      const c = ledger.byMemberType[row + t];
      if (c === 0) continue;
      if (cls[t] === EXTRA_EXEMPT) extraExemptByType[t] += c;
      else if (cls[t] === EXEMPT) exemptByType[t] += c;
      else countedByType[t] += c;
    }
  }

  const lines: LineData = [];
  let counted = 0;
  for (let t = 0; t < N_TYPES; t++) {
    const c = countedByType[t];
    if (c > 0) {
      counted += c;
      pushLine(lines, WHY.COUNTED, INCOME_TYPES[t], c);
    }
    if (exemptByType[t] > 0) pushLine(lines, WHY.EXEMPT, INCOME_TYPES[t], exemptByType[t]);
    if (extraExemptByType[t] > 0) pushLine(lines, opt.extraExemptWhy ?? WHY.EXEMPT, INCOME_TYPES[t], extraExemptByType[t]);
  }
  if (outsideWindow > 0) pushLine(lines, WHY.OUTSIDE_WINDOW, 'OUTSIDE_WINDOW', outsideWindow);
  if (outsideUnit > 0) pushLine(lines, WHY.OUTSIDE_UNIT, 'OUTSIDE_UNIT', outsideUnit);

  let total = counted;
  let employmentRefs: ParameterRef[] | undefined;
  // Wages count towards the employment cost only where WAGE is counted for this unit.
  if (opt.deductions && cls[WAGE] === 0) {
    const e = employmentCostDeduction(ledger, snap, store, opt.unit, lines);
    total -= e.cents;
    employmentRefs = e.refs;
  }
  const gross = total;
  if (opt.deductions) {
    const d = Math.min(total, illnessDisabilityDeduction(facts, opt.unit, ledger.from, ledger.to));
    if (d > 0) {
      total -= d;
      pushLine(lines, WHY.ILLNESS, 'ILLNESS_DISABILITY_EXPENSE', d);
    }
  }
  const perCapita = opt.unitSize > 0 ? Math.round(total / (W * opt.unitSize)) : 0;
  return new IncomeResult(total, gross, perCapita, opt.unitSize, ledger.window, lines, snap, employmentRefs);
}

/**
 * Own monthly income of one member without deductions (N2 Art.6 for a 特困 candidate):
 * the same sum as assessIncome over a unit of that member alone, without building lines.
 */
export function ownMonthlyIncome(ledger: IncomeLedger, index: number, exempt: readonly string[]): number {
  const cls = typeClasses(exempt);
  const row = index * N_TYPES;
  let total = 0;
  for (let t = 0; t < N_TYPES; t++) {
    const c = ledger.byMemberType[row + t];
    if (c > 0 && cls[t] === 0) total += c;
  }
  return Math.round(total / ledger.windowMonths);
}

/**
 * The assessment of one member alone, without deductions (the own income of a 特困
 * candidate, N2 Art.6): what assessIncome gives for that one-member unit, read straight
 * from the member's row of the ledger.
 */
export function memberIncome(ledger: IncomeLedger, index: number, snap: PolicySnapshot, exempt: readonly string[]): IncomeResult {
  const cls = typeClasses(exempt);
  const row = index * N_TYPES;
  const lines: LineData = [];
  let counted = 0;
  for (let t = 0; t < N_TYPES; t++) {
    const c = ledger.byMemberType[row + t];
    if (c <= 0) continue;
    if (cls[t] === 0) counted += c;
    pushLine(lines, cls[t] === 0 ? WHY.COUNTED : WHY.EXEMPT, INCOME_TYPES[t], c);
  }
  let outsideUnit = ledger.noMember;
  for (let mi = 0; mi < ledger.facts.members.length; mi++) if (mi !== index) outsideUnit += ledger.allByMember[mi];
  if (ledger.outsideWindow[index] > 0) pushLine(lines, WHY.OUTSIDE_WINDOW, 'OUTSIDE_WINDOW', ledger.outsideWindow[index]);
  if (outsideUnit > 0) pushLine(lines, WHY.OUTSIDE_UNIT, 'OUTSIDE_UNIT', outsideUnit);
  return new IncomeResult(counted, counted, Math.round(counted / ledger.windowMonths), 1, ledger.window, lines, snap, undefined);
}

/**
 * Employment cost (seed 二(四)5; N1 Art.13 "扣除必要的就业成本"): for each employed member
 * of the unit, in every month with wage income, deduct the configured share of the URBAN
 * 低保 standard of the place of work (residence county when not given), never more than
 * that month's wage. "同期" is read as the standard in force on the application date.
 */
export function employmentCostDeduction(
  ledger: IncomeLedger,
  snap: PolicySnapshot,
  store: ParameterStore,
  unit: readonly boolean[],
  lines: LineData,
): { cents: number; refs: ParameterRef[] | undefined } {
  let sum = 0;
  let refs: ParameterRef[] | undefined;
  const facts = ledger.facts;
  const W = ledger.windowMonths;
  const ms = facts.members;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (!unit[i] || !m.employment.employed) continue;
    const base = urbanStandardAt(store, m.employment.placeOfWorkCounty ?? facts.residence.county, facts.applicationDate);
    const perMonth = mulCents(base.value, snap.employmentCostShare.value);
    let d = 0;
    for (let k = 0; k < W; k++) {
      const w = ledger.wage[i * W + k];
      if (w > 0) d += w < perMonth ? w : perMonth;
    }
    if (d > 0) {
      sum += d;
      pushLine(lines, WHY.EMPLOYMENT_COST, 'EMPLOYMENT_COST', d, m.id);
      refs ??= [];
      if (!refs.includes(base.ref)) refs.push(base.ref);
      if (!refs.includes(snap.employmentCostShare.ref)) refs.push(snap.employmentCostShare.ref);
    }
  }
  return { cents: sum, refs };
}

/**
 * Extra rigid spending caused by disability or serious illness (N1 Art.13 "因残疾、患重病
 * 等增加的刚性支出 … 适当扣减"): medical spending of seriously ill members and
 * rehabilitation spending of disabled members of the unit, inside the window.
 */
export function illnessDisabilityDeduction(facts: HouseholdFacts, unit: readonly boolean[], from: number, to: number): number {
  let sum = 0;
  const ex = facts.expenses;
  for (let k = 0; k < ex.length; k++) {
    const e = ex[k];
    if (e.memberId === undefined) continue;
    const mi = memberIndex(facts, e.memberId);
    if (mi < 0 || !unit[mi]) continue;
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
