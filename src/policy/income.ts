// Monthly per-capita income of an assessment unit (the co-resident household, the
// single-person applicant, or one destitute candidate). One pass over the income items
// and one over the expenses per household, integer cents, aggregated per member and type;
// every unit is then a sum over its members. Deduction lines per member.
//
// Sources: 豫民〔2021〕5号 (12 months before application, net incomes); N1 Art.13
// (income types, exclusions, deductions for disability / serious illness and employment
// cost); seed 二(四)5 (employment cost = 30% of the place of work's URBAN standard).
import type { HouseholdFacts, IncomeType } from '../core/contracts/household-facts';
import { INCOME_TYPES } from '../core/contracts/household-facts';
import type { IncomeAssessment, IncomeLine, IncomeLineKind } from '../core/contracts/policy-determination';
import { monthIndexOf } from './dates';
import { toCents, toYuan } from './money';
import { NameIndex } from './names';
import { COUNTED, EXEMPT, EXTRA_EXEMPT, type IncomeWindow } from './parameters/derived';
import type { PolicySnapshot } from './parameters/snapshot';
import { employmentCostsAt } from './parameters/snapshot';
import type { ParameterStore } from './parameters/store';
import type { ParameterRef } from './parameters/types';
import type { AssessedMembers } from './rules/household';
import { memberIndex } from './rules/person';
import { cite, citationsZh, citeEn, citeZh } from './sources';

const N_TYPES = INCOME_TYPES.length;

/** How a unit's income is assessed: one shared constant per rule, never per household. */
export interface IncomeRule {
  /** Class of each income type (snapshot: N1 Art.13 list, plus the single-person list). */
  classes(snap: PolicySnapshot): Uint8Array;
  /** Why the EXTRA_EXEMPT types are exempt (single-person rule). */
  readonly extraExemptWhy?: LineWhy;
  /** Deduct employment cost (seed 二(四)5) and disability / illness expenses (N1 Art.13). */
  readonly deductions: boolean;
}

/** The co-resident household (N1 Art.13 exclusions, both deductions). */
export const HOUSEHOLD_INCOME: IncomeRule = { classes: (snap) => snap.householdClasses, deductions: true };

/** Kind and explanation of an income line (shared constants, never per household). */
export interface LineWhy {
  readonly kind: IncomeLineKind;
  readonly zh: string;
  readonly en: string;
  /** The parameter version the line relies on beyond the window's (employment cost base). */
  readonly ref?: ParameterRef;
}

const WHY = {
  COUNTED: {
    kind: 'COUNTED',
    zh: `计入家庭收入（${citationsZh([cite.henanIncome(), cite.minimumLiving('第十三条')])}）`,
    en: `counted as household income (${citeEn(cite.henanIncome())}, ${citeEn(cite.minimumLiving('第十三条'))})`,
  },
  EXEMPT: {
    kind: 'EXEMPT',
    zh: `不计入家庭收入（${citationsZh([cite.minimumLiving('第十三条'), cite.destitute('第六条')])}）`,
    en: `not counted (${citeEn(cite.minimumLiving('第十三条'))} / ${citeEn(cite.destitute('第六条'))})`,
  },
  EMPLOYMENT_COST: {
    kind: 'DEDUCTED',
    zh: `扣减就业成本：务工地同期城市低保标准的 30%（${citeZh(cite.plan('二(四)5'))}）`,
    en: `employment cost deducted: share of the urban standard of the place of work (${citeEn(cite.plan('二(四)5'))})`,
  },
  ILLNESS: {
    kind: 'DEDUCTED',
    zh: `扣减因残疾、患重病增加的刚性支出（${citeZh(cite.minimumLiving('第十三条'))}）`,
    en: `extra spending due to disability or serious illness deducted (${citeEn(cite.minimumLiving('第十三条'))})`,
  },
  OUTSIDE_WINDOW: {
    kind: 'EXCLUDED',
    zh: '不在申请前 12 个月内，不计算',
    en: 'outside the months before application, not considered',
  },
  OUTSIDE_UNIT: {
    kind: 'EXCLUDED',
    zh: '非本次核算对象的收入（非共同生活成员或单人户之外成员）',
    en: 'income of a person outside the assessment unit',
  },
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
  /** The same with its 'YYYY-MM' texts, shared per snapshot (kept by the results). */
  readonly window: IncomeWindow;
  /** In-window cents by member and type, [member * N_TYPES + type]. */
  readonly byMemberType: Float64Array;
  /** By member, bit t set when the member has an in-window item of type t (the rows' cells worth reading). */
  readonly typesByMember: Uint16Array;
  /** Out-of-window cents by member. */
  readonly outsideWindow: Float64Array;
  /** All cents by member, in or out of the window. */
  readonly allByMember: Float64Array;
  /** Cents of items naming no member. */
  readonly noMember: number;
  /** In-window WAGE cents by member and month, [member * windowMonths + (month - from)]. */
  readonly wage: Float64Array;
  /** In-window spending due to serious illness or disability, by member (N1 Art.13 deduction). */
  readonly illness: Float64Array;
  /** Necessary spending of the rigid-expense window and types (seed 二(二)5), by member and naming none. */
  readonly necessary: Float64Array;
  readonly necessaryNoMember: number;
}

const WAGE = INCOME_TYPES.indexOf('WAGE');
// typesByMember holds one bit per income type.
if (N_TYPES > 16) throw new Error(`${N_TYPES} income types do not fit the 16-bit type masks of the ledger`);

/** Income types found without hashing their texts (see NameIndex). */
const TYPE_INDEX = new NameIndex(INCOME_TYPES, 'income types');

/** Index of an income type in INCOME_TYPES, undefined for anything else (outside the schema). */
function typeNumber(type: unknown): number | undefined {
  const t = TYPE_INDEX.indexOf(type);
  return t >= 0 ? t : undefined;
}

type MutableLedger = { -readonly [K in keyof IncomeLedger]: IncomeLedger[K] };
const scratch: MutableLedger = {
  facts: undefined as unknown as HouseholdFacts,
  windowMonths: 0,
  from: 0,
  to: 0,
  window: { from: 0, to: 0, fromText: '', toText: '', windowMonths: 0 },
  byMemberType: new Float64Array(8 * N_TYPES),
  typesByMember: new Uint16Array(8),
  outsideWindow: new Float64Array(8),
  allByMember: new Float64Array(8),
  noMember: 0,
  wage: new Float64Array(8 * 12),
  illness: new Float64Array(8),
  necessary: new Float64Array(8),
  necessaryNoMember: 0,
};

/** Lowest set bit's index (types are visited in INCOME_TYPES order by clearing bits from the bottom). */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/** The buffer (grown if needed) with its first n cells zeroed; a plain loop: n is small, a fill call costs more. */
function cleared(a: Float64Array, n: number): Float64Array {
  const b = a.length >= n ? a : new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = 0;
  return b;
}

// Members whose by-type and wage cells the last household may have written.
let writtenMembers = 0;

/**
 * Zeroes the by-type and wage cells the last household wrote, found from its type masks
 * (a member's bit is set with every write to its row): a few cells, not whole rows.
 */
function clearWritten(l: MutableLedger): void {
  const W = l.windowMonths;
  for (let mi = 0; mi < writtenMembers; mi++) {
    for (let bits = l.typesByMember[mi]; bits !== 0; bits &= bits - 1) {
      const t = lowestBit(bits);
      l.byMemberType[mi * N_TYPES + t] = 0;
      if (t === WAGE) for (let k = 0; k < W; k++) l.wage[mi * W + k] = 0;
    }
    l.typesByMember[mi] = 0;
  }
  writtenMembers = 0;
}

// The cents of the items of one household, read in a loop of their own before the items
// are sorted into the ledger: the items are cold in memory, and a short loop lets the CPU
// fetch many of them at once.
let itemCents = new Float64Array(64);

export function incomeLedger(facts: HouseholdFacts, snap: PolicySnapshot): IncomeLedger {
  const window = snap.incomeWindow;
  const W = window.windowMonths;
  const from = window.from;
  const to = window.to;
  const n = facts.members.length;
  const l = scratch;
  clearWritten(l);
  l.facts = facts;
  l.windowMonths = W;
  l.from = from;
  l.to = to;
  l.window = window;
  // By-type and wage cells are all zero here (clearWritten); new ones are too.
  if (l.byMemberType.length < n * N_TYPES) l.byMemberType = new Float64Array(n * N_TYPES);
  if (l.typesByMember.length < n) l.typesByMember = new Uint16Array(n);
  if (l.wage.length < n * W) l.wage = new Float64Array(n * W);
  writtenMembers = n;
  const byMemberType = l.byMemberType;
  const types = l.typesByMember;
  const wage = l.wage;
  const outside = (l.outsideWindow = cleared(l.outsideWindow, n));
  const all = (l.allByMember = cleared(l.allByMember, n));
  let noMember = 0;
  const items = facts.income;
  if (itemCents.length < items.length) itemCents = new Float64Array(items.length);
  const centsOf = itemCents;
  for (let k = 0; k < items.length; k++) centsOf[k] = toCents(items[k].amount);
  // Items usually come in runs (one member, one source, month after month).
  let lastId: string | undefined;
  let lastMi = -1;
  let lastType: string | undefined;
  let lastT: number | undefined;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const cents = centsOf[k];
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
      lastT = typeNumber(lastType);
    }
    const t = lastT;
    if (t === undefined) continue;
    byMemberType[mi * N_TYPES + t] += cents;
    types[mi] |= 1 << t;
    if (t === WAGE) wage[mi * W + (m - from)] += cents;
  }
  l.noMember = noMember;
  expensePass(l, facts, snap);
  return l;
}

/**
 * The expenses, once: the N1 Art.13 illness / disability deduction (MEDICAL spending of a
 * seriously ill member, DISABILITY_REHAB of a disabled one, inside the income window) and
 * the necessary spending of 刚性支出 (parameter types, the months before application).
 */
function expensePass(l: MutableLedger, facts: HouseholdFacts, snap: PolicySnapshot): void {
  const n = facts.members.length;
  const illness = (l.illness = cleared(l.illness, n));
  const necessary = (l.necessary = cleared(l.necessary, n));
  let necessaryNoMember = 0;
  const rigidTypes = snap.rigidExpenseTypes.value;
  const rigidFrom = snap.rigidFromMonth;
  const app = snap.applicationMonth;
  const ex = facts.expenses;
  let lastId: string | undefined;
  let lastMi = -1;
  for (let k = 0; k < ex.length; k++) {
    const e = ex[k];
    const mo = monthIndexOf(e.month);
    const id = e.memberId;
    if (id !== undefined && id !== lastId) {
      lastId = id;
      lastMi = memberIndex(facts, id);
    }
    const mi = id === undefined ? -1 : lastMi;
    // A named member who is not in the household counts for no unit.
    if (id !== undefined && mi < 0) continue;
    const cents = toCents(e.amount);
    if (mo >= rigidFrom && mo < app && rigidTypes.includes(e.type)) {
      if (mi < 0) necessaryNoMember += cents;
      else necessary[mi] += cents;
    }
    if (mi >= 0 && mo >= l.from && mo <= l.to) {
      const m = facts.members[mi];
      if ((e.type === 'MEDICAL' && m.seriousIllness) || (e.type === 'DISABILITY_REHAB' && m.disability !== undefined))
        illness[mi] += cents;
    }
  }
  l.necessaryNoMember = necessaryNoMember;
}

/** Necessary spending of a unit (刚性支出, seed 二(二)5), cents: items naming no member count for the household. */
export function necessaryExpenses(ledger: IncomeLedger, unit: readonly boolean[]): number {
  let sum = ledger.necessaryNoMember;
  for (let i = 0; i < ledger.facts.members.length; i++) if (unit[i]) sum += ledger.necessary[i];
  return sum;
}

const countedByType = new Float64Array(N_TYPES);
const exemptByType = new Float64Array(N_TYPES);
const extraExemptByType = new Float64Array(N_TYPES);
/**
 * Lines of an assessment in compact form, LINE_STRIDE entries per line (why, code, cents,
 * memberId): the line objects are built only when the assessment is read.
 */
type LineData = (LineWhy | string | number | undefined)[];
const LINE_STRIDE = 4;

/** Line k of an array made for the lines known in advance (new Array(count * LINE_STRIDE): no growth). */
function setLine(data: LineData, k: number, why: LineWhy, code: string, cents: number, memberId?: string): number {
  const at = k * LINE_STRIDE;
  data[at] = why;
  data[at + 1] = code;
  data[at + 2] = cents;
  data[at + 3] = memberId;
  return k + 1;
}

// The employment-cost explanation citing one urban standard version, shared per version.
const employmentWhy = new WeakMap<ParameterRef, LineWhy>();

function employmentCostWhy(base: ParameterRef): LineWhy {
  let why = employmentWhy.get(base);
  if (why === undefined) employmentWhy.set(base, (why = { ...WHY.EMPLOYMENT_COST, ref: base }));
  return why;
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

  /** Parameters relied on: window, exemption list, then each employment cost's base and share. */
  get refs(): ParameterRef[] {
    const refs: ParameterRef[] = [this.snap.incomeWindowMonths.ref, this.snap.incomeExemptTypes.ref];
    const employment: ParameterRef[] = [];
    const data = this.lineData;
    for (let k = 0; k < data.length; k += LINE_STRIDE) {
      const base = (data[k] as LineWhy).ref;
      if (base === undefined) continue;
      if (!employment.includes(base)) employment.push(base);
      if (!employment.includes(this.snap.employmentCostShare.ref)) employment.push(this.snap.employmentCostShare.ref);
    }
    for (const r of employment) refs.push(r);
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

export function assessIncome(
  ledger: IncomeLedger,
  snap: PolicySnapshot,
  store: ParameterStore,
  unit: AssessedMembers,
  rule: IncomeRule,
): IncomeResult {
  const facts = ledger.facts;
  const W = ledger.windowMonths;
  const cls = rule.classes(snap);
  const mask = unit.mask;
  let outsideUnit = ledger.noMember;
  let outsideWindow = 0;
  // Types any unit member has income of: only their sums are reset, added and laid out.
  let present = 0;
  const nMembers = facts.members.length;
  for (let mi = 0; mi < nMembers; mi++) if (mask[mi]) present |= ledger.typesByMember[mi];
  for (let bits = present; bits !== 0; bits &= bits - 1) {
    const t = lowestBit(bits);
    countedByType[t] = 0;
    exemptByType[t] = 0;
    extraExemptByType[t] = 0;
  }
  for (let mi = 0; mi < nMembers; mi++) {
    if (!mask[mi]) {
      outsideUnit += ledger.allByMember[mi];
      continue;
    }
    outsideWindow += ledger.outsideWindow[mi];
    const row = mi * N_TYPES;
    for (let bits = ledger.typesByMember[mi]; bits !== 0; bits &= bits - 1) {
      const t = lowestBit(bits);
      const c = ledger.byMemberType[row + t];
      if (c === 0) continue;
      if (cls[t] === EXTRA_EXEMPT) extraExemptByType[t] += c;
      else if (cls[t] === EXEMPT) exemptByType[t] += c;
      else countedByType[t] += c;
    }
  }
  let counted = 0;
  let n = (outsideWindow > 0 ? 1 : 0) + (outsideUnit > 0 ? 1 : 0);
  for (let bits = present; bits !== 0; bits &= bits - 1) {
    const t = lowestBit(bits);
    if (countedByType[t] > 0) counted += countedByType[t];
    n += (countedByType[t] > 0 ? 1 : 0) + (exemptByType[t] > 0 ? 1 : 0) + (extraExemptByType[t] > 0 ? 1 : 0);
  }

  // The deductions, before the lines: then the line array is made at its final size.
  let total = counted;
  // Wages count towards the employment cost only where WAGE is counted for this unit.
  const employed = rule.deductions && cls[WAGE] === COUNTED ? employmentCosts(ledger, snap, store, mask) : 0;
  for (let i = 0; i < employed; i++) total -= employmentCost.cents[i];
  const gross = total;
  const illness = rule.deductions ? Math.min(total, illnessDisabilityDeduction(ledger, mask)) : 0;
  if (illness > 0) total -= illness;
  n += employed + (illness > 0 ? 1 : 0);

  const lines: LineData = new Array(n * LINE_STRIDE);
  let k = 0;
  for (let bits = present; bits !== 0; bits &= bits - 1) {
    const t = lowestBit(bits);
    if (countedByType[t] > 0) k = setLine(lines, k, WHY.COUNTED, INCOME_TYPES[t], countedByType[t]);
    if (exemptByType[t] > 0) k = setLine(lines, k, WHY.EXEMPT, INCOME_TYPES[t], exemptByType[t]);
    if (extraExemptByType[t] > 0)
      k = setLine(lines, k, rule.extraExemptWhy ?? WHY.EXEMPT, INCOME_TYPES[t], extraExemptByType[t]);
  }
  if (outsideWindow > 0) k = setLine(lines, k, WHY.OUTSIDE_WINDOW, 'OUTSIDE_WINDOW', outsideWindow);
  if (outsideUnit > 0) k = setLine(lines, k, WHY.OUTSIDE_UNIT, 'OUTSIDE_UNIT', outsideUnit);
  for (let i = 0; i < employed; i++)
    k = setLine(
      lines,
      k,
      employmentCost.why[i],
      'EMPLOYMENT_COST',
      employmentCost.cents[i],
      employmentCost.memberIds[i],
    );
  if (illness > 0) setLine(lines, k, WHY.ILLNESS, 'ILLNESS_DISABILITY_EXPENSE', illness);
  const perCapita = unit.size > 0 ? Math.round(total / (W * unit.size)) : 0;
  return new IncomeResult(total, gross, perCapita, unit.size, ledger.window, lines, snap);
}

/**
 * Own monthly income of one member without deductions (N2 Art.6 for a 特困 candidate):
 * the same sum as assessIncome over a unit of that member alone, without building lines.
 */
export function ownMonthlyIncome(ledger: IncomeLedger, index: number, cls: Uint8Array): number {
  const row = index * N_TYPES;
  let total = 0;
  for (let bits = ledger.typesByMember[index]; bits !== 0; bits &= bits - 1) {
    const t = lowestBit(bits);
    const c = ledger.byMemberType[row + t];
    if (c > 0 && cls[t] === COUNTED) total += c;
  }
  return Math.round(total / ledger.windowMonths);
}

/**
 * The assessment of one member alone, without deductions (the own income of a 特困
 * candidate, N2 Art.6): what assessIncome gives for that one-member unit, read straight
 * from the member's row of the ledger.
 */
export function memberIncome(ledger: IncomeLedger, index: number, snap: PolicySnapshot, cls: Uint8Array): IncomeResult {
  const row = index * N_TYPES;
  let outsideUnit = ledger.noMember;
  for (let mi = 0; mi < ledger.facts.members.length; mi++) if (mi !== index) outsideUnit += ledger.allByMember[mi];
  const outsideWindow = ledger.outsideWindow[index];
  const types = ledger.typesByMember[index];
  let n = (outsideWindow > 0 ? 1 : 0) + (outsideUnit > 0 ? 1 : 0);
  for (let bits = types; bits !== 0; bits &= bits - 1) if (ledger.byMemberType[row + lowestBit(bits)] > 0) n++;
  const lines: LineData = new Array(n * LINE_STRIDE);
  let k = 0;
  let counted = 0;
  for (let bits = types; bits !== 0; bits &= bits - 1) {
    const t = lowestBit(bits);
    const c = ledger.byMemberType[row + t];
    if (c <= 0) continue;
    if (cls[t] === COUNTED) counted += c;
    k = setLine(lines, k, cls[t] === COUNTED ? WHY.COUNTED : WHY.EXEMPT, INCOME_TYPES[t], c);
  }
  if (outsideWindow > 0) k = setLine(lines, k, WHY.OUTSIDE_WINDOW, 'OUTSIDE_WINDOW', outsideWindow);
  if (outsideUnit > 0) setLine(lines, k, WHY.OUTSIDE_UNIT, 'OUTSIDE_UNIT', outsideUnit);
  return new IncomeResult(counted, counted, Math.round(counted / ledger.windowMonths), 1, ledger.window, lines, snap);
}

/** The employment-cost deductions of the last unit assessed, in member order (reused buffers). */
const employmentCost = { cents: new Float64Array(8), why: new Array<LineWhy>(8), memberIds: new Array<string>(8) };

/**
 * Employment cost (seed 二(四)5; N1 Art.13 "扣除必要的就业成本"): for each employed member
 * of the unit, in every month with wage income, deduct the configured share of the URBAN
 * 低保 standard of the place of work (residence county when not given), never more than
 * that month's wage. "同期": the standard in force in that wage month, so a window across
 * a standard change deducts under each. One line per member and standard version, citing
 * it. Returns how many lines there are (their amounts and explanation in employmentCost).
 */
function employmentCosts(
  ledger: IncomeLedger,
  snap: PolicySnapshot,
  store: ParameterStore,
  unit: readonly boolean[],
): number {
  const facts = ledger.facts;
  const W = ledger.windowMonths;
  const ms = facts.members;
  if (employmentCost.cents.length < ms.length * 2) employmentCost.cents = new Float64Array(ms.length * 2);
  let count = 0;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (!unit[i] || !m.employment.employed) continue;
    // No wage in the window: every month's wage is 0, nothing to deduct.
    if ((ledger.typesByMember[i] & (1 << WAGE)) === 0) continue;
    const bases = employmentCostsAt(
      store,
      snap,
      m.employment.placeOfWorkCounty ?? facts.residence.county,
      ledger.window.from,
      W,
    );
    let base = bases[0];
    let d = 0;
    for (let k = 0; k < W; k++) {
      if (bases[k] !== base) {
        count = deductionLine(count, d, base, m.id);
        base = bases[k];
        d = 0;
      }
      const w = ledger.wage[i * W + k];
      if (w > 0) d += w < base.perMonth ? w : base.perMonth;
    }
    count = deductionLine(count, d, base, m.id);
  }
  return count;
}

function deductionLine(count: number, cents: number, base: { ref: ParameterRef }, memberId: string): number {
  if (cents <= 0) return count;
  if (employmentCost.cents.length <= count) {
    const grown = new Float64Array(count * 2);
    grown.set(employmentCost.cents);
    employmentCost.cents = grown;
  }
  employmentCost.cents[count] = cents;
  employmentCost.why[count] = employmentCostWhy(base.ref);
  employmentCost.memberIds[count] = memberId;
  return count + 1;
}

/**
 * Extra rigid spending caused by disability or serious illness (N1 Art.13 "因残疾、患重病
 * 等增加的刚性支出 … 适当扣减"): medical spending of seriously ill members and
 * rehabilitation spending of disabled members of the unit, inside the window (ledger).
 */
function illnessDisabilityDeduction(ledger: IncomeLedger, unit: readonly boolean[]): number {
  let sum = 0;
  for (let i = 0; i < ledger.facts.members.length; i++) if (unit[i]) sum += ledger.illness[i];
  return sum;
}

export type { IncomeType };
