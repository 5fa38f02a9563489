// 特困 (DESTITUTE), N2 Art.4: all three of no capacity to work (Art.5), no means of living
// (Art.6: own income below the 低保 standard, basic pension and 优待抚恤金 not counted,
// assets within the limits the city sets, Art.7), and no legal supporter able to support
// (Art.8). Assessed per person: 特困 is individual, not whole-household.
import type { HouseholdFacts, Member } from '../../contracts/household-facts';
import type { CategoryDetermination } from '../../contracts/policy-determination';
import { assessIncome, type IncomeLedger, type IncomeResult } from '../income';
import { formatYuan, toYuan } from '../money';
import type { PolicySnapshot } from '../parameters/snapshot';
import type { ParameterStore } from '../parameters/store';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { assetFigures, assetReasons } from './assets';
import { destituteSupport } from './benefit';
import { singleMemberUnit } from './household';
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

/** N2 Art.5: aged 60+, under 16, or a listed disability type and grade (parameters). */
export function noWorkCapacity(m: Member, date: string, snap: PolicySnapshot): CapacityGround {
  const a = age(m, date);
  if (a >= snap.elderlyAge.value) return 'ELDERLY';
  if (a < snap.destituteMinorAge.value) return 'MINOR';
  const d = m.disability;
  if (d !== undefined && snap.destituteDisability.value.some((r) => r.type === d.type && d.grade <= r.maxGrade)) return 'DISABILITY';
  return m.labourCapacity === 'NONE' ? 'REVIEW' : 'CAPABLE';
}

/** N2 Art.6–7: own income (N2 exclusions) below the standard, own assets within limits. */
export function noMeansOfLiving(facts: HouseholdFacts, ledger: IncomeLedger, index: number, snap: PolicySnapshot, store: ParameterStore): { pass: boolean; income: IncomeResult; assetsPass: boolean; assetReasons: () => Reason[] } {
  const unit = singleMemberUnit(facts, index);
  const income = assessIncome(ledger, snap, store, { unit: unit.mask, unitSize: 1, exempt: snap.destituteExemptTypes.value, deductions: false });
  const assets = assetFigures(facts, snap, unit, 'MINIMUM_LIVING', false);
  // Only failed asset reasons are reported for a candidate: built when needed.
  return { pass: income.monthlyPerCapitaCents < snap.standard.value && assets.pass, income, assetsPass: assets.pass, assetReasons: () => assetReasons(assets, snap, true) };
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
 * N2 Art.8: legal supporters able to support this member: those listed in
 * facts.legalSupporters with ableToSupport, plus co-resident relatives owing support
 * (by relation to the applicant) who are adults below the elderly age, not severely
 * disabled and not without labour capacity (N2 Art.8(二)–(四) treat the others as unable).
 */
export function capableSupporters(facts: HouseholdFacts, index: number, snap: PolicySnapshot): number {
  const m = facts.members[index];
  let n = 0;
  for (const s of facts.legalSupporters) {
    if (s.ableToSupport && (s.forMemberIds === undefined || s.forMemberIds.includes(m.id))) n++;
  }
  const owing = SUPPORTERS_OF[m.relation] ?? [];
  const date = facts.applicationDate;
  for (let j = 0; j < facts.members.length; j++) {
    const o = facts.members[j];
    if (j === index || !o.coResident || !owing.includes(o.relation)) continue;
    const a = age(o, date);
    if (a >= snap.adultAge.value && a < snap.elderlyAge.value && o.labourCapacity !== 'NONE' && !isSeverelyDisabled(o, snap)) n++;
  }
  return n;
}

export function evaluateDestitute(facts: HouseholdFacts, snap: PolicySnapshot, store: ParameterStore, ledger: IncomeLedger, householdIncome: IncomeResult): CategoryDetermination {
  const reasons: Reason[] = [];
  const included: string[] = [];
  let review = false;
  const date = facts.applicationDate;
  const ms = facts.members;
  const capRefs = snap.citing.destituteCapacity;
  const meansRefs = snap.citing.destituteMeans;
  const supRefs = snap.citing.destituteSupporter;
  let firstIncome: IncomeResult | undefined;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (!m.coResident) continue;
    const ground = noWorkCapacity(m, date, snap);
    const a = age(m, date);
    const limit = ground === 'MINOR' ? snap.destituteMinorAge.value : snap.elderlyAge.value;
    reasons.push(reason(CAPACITY, ground === 'CAPABLE' ? 'fail' : ground === 'REVIEW' ? 'review' : 'pass', [m.id, ground, limit, a], capRefs));
    if (ground === 'CAPABLE') continue;
    const means = noMeansOfLiving(facts, ledger, i, snap, store);
    firstIncome ??= means.income;
    const incomeOk = means.income.monthlyPerCapitaCents < snap.standard.value;
    reasons.push(reason(MEANS, means.pass ? 'pass' : 'fail', [m.id, means.income.monthlyPerCapitaCents, snap.standard.value, incomeOk ? 1 : 0, means.assetsPass ? 1 : 0], meansRefs));
    if (!means.assetsPass) for (const r of means.assetReasons()) reasons.push(r);
    const sup = capableSupporters(facts, i, snap);
    reasons.push(reason(SUPPORTER, sup === 0 ? 'pass' : 'fail', [m.id, sup], supRefs));
    if (!means.pass || sup > 0) continue;
    if (ground === 'REVIEW') review = true;
    else included.push(m.id);
  }
  let benefit = 0;
  if (included.length > 0) {
    const b = destituteSupport(snap, included.length);
    benefit = b.totalCents;
    reasons.push(b.reason);
  }
  const income = firstIncome ?? householdIncome;
  return {
    category: 'DESTITUTE',
    requested: facts.categoriesRequested.includes('DESTITUTE'),
    status: included.length > 0 ? 'eligible' : review ? 'needs_review' : 'ineligible',
    basis: 'INDIVIDUAL',
    membersIncluded: included,
    monthlyPerCapitaIncome: income.assessment.monthlyPerCapita,
    income: income.assessment,
    proposedMonthlyBenefit: toYuan(benefit),
    reasons,
  };
}
