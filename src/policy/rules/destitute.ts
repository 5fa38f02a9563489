// 特困 (DESTITUTE), N2 Art.4: all three of no capacity to work (Art.5), no means of living
// (Art.6: own income below the 低保 standard, basic pension and 优待抚恤金 not counted,
// assets within the limits the city sets, Art.7), and no legal supporter able to support
// (Art.8). Assessed per person: 特困 is individual, not whole-household.
import type { HouseholdFacts, Member } from '../../contracts/household-facts';
import { CategoryResult, NO_MEMBERS, type Explainer } from '../results';
import { memberIncome, ownMonthlyIncome, type IncomeLedger, type IncomeResult } from '../income';
import { formatYuan } from '../money';
import type { PolicySnapshot } from '../parameters/snapshot';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { AssetHoldings, assetReasons, assetsPass, measureAssets } from './assets';
import { destituteSupportCents, destituteSupportReason } from './benefit';
import { singleMember, type Unit } from './household';
import { age, isSeverelyDisabled } from './person';

const CAPACITY: ReasonTemplate = {
  ruleId: 'DESTITUTE.NO_WORK_CAPACITY',
  zh: (a) =>
    a[1] === 'ELDERLY' ? `成员 ${a[0]} 年满 ${a[2]} 周岁（${a[3]} 周岁），无劳动能力`
    : a[1] === 'MINOR' ? `成员 ${a[0]} 未满 ${a[2]} 周岁（${a[3]} 周岁），无劳动能力`
    : a[1] === 'DISABILITY' ? `成员 ${a[0]} 残疾类别和等级属 N2 第五条所列，无劳动能力`
    : a[1] === 'REVIEW' ? `成员 ${a[0]} 经评估无劳动能力，但不属 N2 第五条所列年龄或残疾情形，需按省规定复核`
    : `成员 ${a[0]}（${a[3]} 周岁）具有劳动能力（不满 ${a[2]} 周岁、非未成年人、残疾等级不在 N2 第五条所列范围）`,
  en: (a) =>
    a[1] === 'ELDERLY' ? `member ${a[0]} is at least ${a[2]} (aged ${a[3]}): no capacity to work`
    : a[1] === 'MINOR' ? `member ${a[0]} is under ${a[2]} (aged ${a[3]}): no capacity to work`
    : a[1] === 'DISABILITY' ? `member ${a[0]} has a disability type and grade listed in N2 Art.5: no capacity to work`
    : a[1] === 'REVIEW' ? `member ${a[0]} was assessed without capacity to work but not on N2 Art.5 grounds: needs review under provincial rules`
    : `member ${a[0]} (aged ${a[3]}) has capacity to work (not elderly, not a minor, disability not listed in N2 Art.5)`,
};
const MEANS: ReasonTemplate = {
  ruleId: 'DESTITUTE.NO_MEANS_OF_LIVING',
  zh: (a) => `成员 ${a[0]} 本人月均收入 ${formatYuan(+a[1])} 元 ${a[3] === 1 ? '<' : '≥'} 低保标准 ${formatYuan(+a[2])} 元，财产${a[4] === 1 ? '符合' : '不符合'}规定`,
  en: (a) => `member ${a[0]} own monthly income ¥${formatYuan(+a[1])} ${a[3] === 1 ? '<' : '≥'} standard ¥${formatYuan(+a[2])}, assets ${a[4] === 1 ? 'within' : 'over'} the limits`,
};
const SUPPORTER: ReasonTemplate = {
  ruleId: 'DESTITUTE.NO_CAPABLE_SUPPORTER',
  zh: (a) => (a[1] === 0 ? `成员 ${a[0]} 无法定义务人或法定义务人无履行义务能力` : `成员 ${a[0]} 有 ${a[1]} 名有履行能力的法定赡养、抚养、扶养义务人`),
  en: (a) => (a[1] === 0 ? `member ${a[0]} has no legal supporter able to support` : `member ${a[0]} has ${a[1]} legal supporter(s) able to support`),
};

export type CapacityGround = 'ELDERLY' | 'MINOR' | 'DISABILITY' | 'REVIEW' | 'CAPABLE';

/** N2 Art.5 (`a` is the member's age on the application date): aged 60+, under 16, or a listed disability type and grade (parameters). */
export function noWorkCapacity(m: Member, a: number, snap: PolicySnapshot): CapacityGround {
  if (a >= snap.elderlyAge.value) return 'ELDERLY';
  if (a < snap.destituteMinorAge.value) return 'MINOR';
  const d = m.disability;
  if (d !== undefined && d.grade <= (snap.noCapacityMaxGrade.get(d.type) ?? -Infinity)) return 'DISABILITY';
  return m.labourCapacity === 'NONE' ? 'REVIEW' : 'CAPABLE';
}

// Own assets of the candidate being assessed; kept (copied) only when they fail the test.
const ownAssets = new AssetHoldings();

/**
 * N2 Art.6–7 own assets, within the limits the city sets (the 低保 ones): undefined when
 * they pass, else what the refusal reports. Assets without an owner list are not theirs.
 */
function failedOwnAssets(facts: HouseholdFacts, index: number, snap: PolicySnapshot): AssetHoldings | undefined {
  measureAssets(facts, snap, singleMember(facts.members.length, index), false, ownAssets);
  return assetsPass(ownAssets, snap, 'MINIMUM_LIVING') ? undefined : ownAssets.copy();
}

/** Relations (to the applicant) who owe support to a member of a given relation (a Map: no keyed property lookups). */
const SUPPORTERS_OF = new Map<string, readonly string[]>([
  ['APPLICANT', ['SPOUSE', 'CHILD', 'PARENT']],
  ['SPOUSE', ['APPLICANT', 'CHILD']],
  ['CHILD', ['APPLICANT', 'SPOUSE']],
  ['GRANDCHILD', ['CHILD', 'APPLICANT', 'SPOUSE']],
  ['PARENT', ['APPLICANT', 'SIBLING']],
  ['GRANDPARENT', ['APPLICANT', 'PARENT']],
  ['SIBLING', ['PARENT']],
  ['OTHER', []],
]);
const NOBODY: readonly string[] = [];

/**
 * N2 Art.8(二)–(四): co-resident members who could support someone, i.e. adults below the
 * elderly age, not severely disabled and not without labour capacity (the others count as
 * unable). Computed once per household into a reused buffer (valid until the next call).
 */
let ableBuffer = new Uint8Array(8);
export function ableToSupport(facts: HouseholdFacts, snap: PolicySnapshot): Uint8Array {
  const ms = facts.members;
  if (ableBuffer.length < ms.length) ableBuffer = new Uint8Array(ms.length);
  const date = facts.applicationDate;
  for (let j = 0; j < ms.length; j++) {
    const o = ms[j];
    const a = o.coResident ? age(o, date) : -1;
    ableBuffer[j] = o.coResident && a >= snap.adultAge.value && a < snap.elderlyAge.value && o.labourCapacity !== 'NONE' && !isSeverelyDisabled(o, snap) ? 1 : 0;
  }
  return ableBuffer;
}

/**
 * N2 Art.8: legal supporters able to support this member: those listed in
 * facts.legalSupporters with ableToSupport, plus co-resident relatives owing support
 * (by relation to the applicant) who are able to support (see ableToSupport).
 */
export function capableSupporters(facts: HouseholdFacts, index: number, able: Uint8Array): number {
  const m = facts.members[index];
  let n = 0;
  for (const s of facts.legalSupporters) {
    if (s.ableToSupport && (s.forMemberIds === undefined || s.forMemberIds.includes(m.id))) n++;
  }
  const owing = SUPPORTERS_OF.get(m.relation) ?? NOBODY;
  for (let j = 0; j < facts.members.length; j++) {
    if (j !== index && able[j] === 1 && owing.includes(facts.members[j].relation)) n++;
  }
  return n;
}

/**
 * What the three conditions found for each co-resident member (household order), FIELDS
 * numbers per member in one array (not an object per member): capacity ground (index in
 * GROUNDS), age, own monthly income in cents and capable supporters (both -1 when the
 * member can work: means and supporters are then not assessed). Own assets are kept only
 * for a member whose assets fail.
 */
const FIELDS = 4;
const GROUNDS: readonly CapacityGround[] = ['ELDERLY', 'MINOR', 'DISABILITY', 'REVIEW', 'CAPABLE'];

class Findings implements Explainer {
  constructor(
    private readonly snap: PolicySnapshot,
    readonly ids: readonly string[],
    readonly numbers: readonly number[],
    readonly failedAssets: readonly (AssetHoldings | undefined)[] | undefined,
    /** Members included (the amount's multiplier). */
    readonly persons: number,
  ) {}

  explain(): Reason[] {
    return destituteReasons(this, this.snap);
  }
}

export function evaluateDestitute(facts: HouseholdFacts, snap: PolicySnapshot, ledger: IncomeLedger, householdIncome: IncomeResult, household: Unit): CategoryResult {
  const numbers = new Array<number>(household.size * FIELDS);
  let failed: (AssetHoldings | undefined)[] | undefined;
  let included: string[] | undefined;
  let review = false;
  const date = facts.applicationDate;
  const ms = facts.members;
  let firstIncome: IncomeResult | undefined;
  let able: Uint8Array | undefined;
  for (let i = 0, k = 0; i < ms.length; i++) {
    const m = ms[i];
    if (!m.coResident) continue;
    const at = FIELDS * k++;
    const a = age(m, date);
    const ground = noWorkCapacity(m, a, snap);
    numbers[at] = GROUNDS.indexOf(ground);
    numbers[at + 1] = a;
    if (ground === 'CAPABLE') {
      numbers[at + 2] = -1;
      numbers[at + 3] = -1;
      continue;
    }
    // N2 Art.6–7: own income (N2 exclusions) below the standard, own assets within limits.
    const incomeCents = ownMonthlyIncome(ledger, i, snap.destituteClasses);
    const failedAssets = failedOwnAssets(facts, i, snap);
    if (failedAssets !== undefined) (failed ??= new Array<AssetHoldings | undefined>(household.size))[k - 1] = failedAssets;
    firstIncome ??= memberIncome(ledger, i, snap, snap.destituteClasses);
    const sup = capableSupporters(facts, i, (able ??= ableToSupport(facts, snap)));
    numbers[at + 2] = incomeCents;
    numbers[at + 3] = sup;
    if (incomeCents >= snap.standard.value || failedAssets !== undefined || sup > 0) continue;
    if (ground === 'REVIEW') review = true;
    else (included ??= []).push(m.id);
  }
  const persons = included?.length ?? 0;
  const status = persons > 0 ? 'eligible' : review ? 'needs_review' : 'ineligible';
  const support = persons > 0 ? destituteSupportCents(snap, persons) : 0;
  const findings = new Findings(snap, household.ids, numbers, failed, persons);
  return new CategoryResult('DESTITUTE', facts.categoriesRequested.includes('DESTITUTE'), status, 'INDIVIDUAL', included ?? NO_MEMBERS, firstIncome ?? householdIncome, support, findings);
}

/** Per co-resident member: capacity, then (unless able to work) means and supporters; then the amount. */
function destituteReasons(f: Findings, snap: PolicySnapshot): Reason[] {
  const reasons: Reason[] = [];
  for (let k = 0; k < f.ids.length; k++) {
    const id = f.ids[k];
    const at = FIELDS * k;
    const ground = GROUNDS[f.numbers[at]];
    const age = f.numbers[at + 1];
    const limit = ground === 'MINOR' ? snap.destituteMinorAge.value : snap.elderlyAge.value;
    reasons.push(reason(CAPACITY, ground === 'CAPABLE' ? 'fail' : ground === 'REVIEW' ? 'review' : 'pass', [id, ground, limit, age], snap.citing.destituteCapacity));
    if (ground === 'CAPABLE') continue;
    const incomeCents = f.numbers[at + 2];
    const supporters = f.numbers[at + 3];
    const failedAssets = f.failedAssets?.[k];
    const incomeOk = incomeCents < snap.standard.value;
    const assetsOk = failedAssets === undefined;
    reasons.push(reason(MEANS, incomeOk && assetsOk ? 'pass' : 'fail', [id, incomeCents, snap.standard.value, incomeOk ? 1 : 0, assetsOk ? 1 : 0], snap.citing.destituteMeans));
    // Only failed asset reasons are reported for a candidate.
    if (failedAssets !== undefined) for (const r of assetReasons(failedAssets, 'MINIMUM_LIVING', snap, true)) reasons.push(r);
    reasons.push(reason(SUPPORTER, supporters === 0 ? 'pass' : 'fail', [id, supporters], snap.citing.destituteSupporter));
  }
  if (f.persons > 0) reasons.push(destituteSupportReason(snap, f.persons));
  return reasons;
}
