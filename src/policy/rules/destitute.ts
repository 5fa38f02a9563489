// 特困 (DESTITUTE), N2 Art.4: all three of no capacity to work (Art.5), no means of living
// (Art.6: own income below the 低保 standard, basic pension and 优待抚恤金 not counted,
// assets within the limits the city sets, Art.7), and no legal supporter able to support
// (Art.8). Assessed per person: 特困 is individual, not whole-household.
import type { HouseholdFacts, Member } from '../../contracts/household-facts';
import { CategoryResult, NO_MEMBERS } from '../results';
import { memberIncome, ownMonthlyIncome, type IncomeLedger, type IncomeResult } from '../income';
import { formatYuan } from '../money';
import type { PolicySnapshot } from '../parameters/snapshot';
import type { ParameterStore } from '../parameters/store';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { AssetHoldings, assetReasons, assetsPass, measureAssets } from './assets';
import { destituteSupportCents, destituteSupportReason } from './benefit';
import { singleMember } from './household';
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

/** Relations (to the applicant) who owe support to a member of a given relation. */
const SUPPORTERS_OF: Record<string, readonly string[]> = {
  APPLICANT: ['SPOUSE', 'CHILD', 'PARENT'],
  SPOUSE: ['APPLICANT', 'CHILD'],
  CHILD: ['APPLICANT', 'SPOUSE'],
  GRANDCHILD: ['CHILD', 'APPLICANT', 'SPOUSE'],
  PARENT: ['APPLICANT', 'SIBLING'],
  GRANDPARENT: ['APPLICANT', 'PARENT'],
  SIBLING: ['PARENT'],
  OTHER: [],
};

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
  const owing = SUPPORTERS_OF[m.relation] ?? [];
  for (let j = 0; j < facts.members.length; j++) {
    if (j !== index && able[j] === 1 && owing.includes(facts.members[j].relation)) n++;
  }
  return n;
}

/** What the three conditions found for one co-resident member; its reasons are built from it. */
interface Candidate {
  id: string;
  ground: CapacityGround;
  age: number;
  /** Own monthly income, N2 Art.6 (cents); -1 when the member can work (means and supporters not assessed). */
  incomeCents: number;
  /** Own assets when over the limits (N2 Art.7), else undefined. */
  failedAssets: AssetHoldings | undefined;
  supporters: number;
}

export function evaluateDestitute(facts: HouseholdFacts, snap: PolicySnapshot, store: ParameterStore, ledger: IncomeLedger, householdIncome: IncomeResult): CategoryResult {
  const candidates: Candidate[] = [];
  let included: string[] | undefined;
  let review = false;
  const date = facts.applicationDate;
  const ms = facts.members;
  let firstIncome: IncomeResult | undefined;
  let able: Uint8Array | undefined;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (!m.coResident) continue;
    const a = age(m, date);
    const ground = noWorkCapacity(m, a, snap);
    if (ground === 'CAPABLE') {
      candidates.push({ id: m.id, ground, age: a, incomeCents: -1, failedAssets: undefined, supporters: 0 });
      continue;
    }
    // N2 Art.6–7: own income (N2 exclusions) below the standard, own assets within limits.
    const incomeCents = ownMonthlyIncome(ledger, i, snap.destituteClasses);
    const failedAssets = failedOwnAssets(facts, i, snap);
    firstIncome ??= memberIncome(ledger, i, snap, snap.destituteClasses);
    const sup = capableSupporters(facts, i, (able ??= ableToSupport(facts, snap)));
    candidates.push({ id: m.id, ground, age: a, incomeCents, failedAssets, supporters: sup });
    if (incomeCents >= snap.standard.value || failedAssets !== undefined || sup > 0) continue;
    if (ground === 'REVIEW') review = true;
    else (included ??= []).push(m.id);
  }
  const persons = included?.length ?? 0;
  return new CategoryResult(
    'DESTITUTE',
    facts.categoriesRequested.includes('DESTITUTE'),
    persons > 0 ? 'eligible' : review ? 'needs_review' : 'ineligible',
    'INDIVIDUAL',
    included ?? NO_MEMBERS,
    firstIncome ?? householdIncome,
    persons > 0 ? destituteSupportCents(snap, persons) : 0,
    () => destituteReasons(candidates, persons, snap),
  );
}

/** Per co-resident member: capacity, then (unless able to work) means and supporters; then the amount. */
function destituteReasons(candidates: readonly Candidate[], persons: number, snap: PolicySnapshot): Reason[] {
  const reasons: Reason[] = [];
  for (const c of candidates) {
    const limit = c.ground === 'MINOR' ? snap.destituteMinorAge.value : snap.elderlyAge.value;
    reasons.push(reason(CAPACITY, c.ground === 'CAPABLE' ? 'fail' : c.ground === 'REVIEW' ? 'review' : 'pass', [c.id, c.ground, limit, c.age], snap.citing.destituteCapacity));
    if (c.ground === 'CAPABLE') continue;
    const incomeOk = c.incomeCents < snap.standard.value;
    const assetsOk = c.failedAssets === undefined;
    reasons.push(reason(MEANS, incomeOk && assetsOk ? 'pass' : 'fail', [c.id, c.incomeCents, snap.standard.value, incomeOk ? 1 : 0, assetsOk ? 1 : 0], snap.citing.destituteMeans));
    // Only failed asset reasons are reported for a candidate.
    if (c.failedAssets !== undefined) for (const r of assetReasons(c.failedAssets, 'MINIMUM_LIVING', snap, true)) reasons.push(r);
    reasons.push(reason(SUPPORTER, c.supporters === 0 ? 'pass' : 'fail', [c.id, c.supporters], snap.citing.destituteSupporter));
  }
  if (persons > 0) reasons.push(destituteSupportReason(snap, persons));
  return reasons;
}
