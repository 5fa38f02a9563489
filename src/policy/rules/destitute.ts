// 特困 (DESTITUTE), N2 Art.4: all three of no capacity to work (Art.5), no means of living
// (Art.6: own income below the 低保 standard, basic pension and 优待抚恤金 not counted,
// assets within the limits the city sets, Art.7), and no legal supporter able to support
// (Art.8). Assessed per person: 特困 is individual, not whole-household.
import { RELATIONS, type HouseholdFacts, type Member, type Relation } from '../../core/contracts/household-facts';
import { ageAtMonth } from '../dates';
import { CategoryResult, NO_MEMBERS, type Explainer } from '../results';
import { memberIncome, ownMonthlyIncome, type IncomeLedger, type IncomeResult } from '../income';
import { formatYuan } from '../money';
import type { PolicySnapshot } from '../parameters/snapshot';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import { AssetHoldings, assetReasons, assetsPass, markOwners, measureAssets } from './assets';
import { destituteSupportCents, destituteSupportReason } from './benefit';
import { singleMember, type Unit } from './household';
import { isSeverelyDisabled } from './person';
import { NameIndex } from '../names';
import { cite, citeEn, citeZh } from '../sources';

const N2_ART5_ZH = citeZh(cite.destitute('第五条'));
const N2_ART5_EN = citeEn(cite.destitute('第五条'));

const CAPACITY: ReasonTemplate = {
  ruleId: 'DESTITUTE.NO_WORK_CAPACITY',
  zh: (a) =>
    a[1] === 'ELDERLY'
      ? `成员 ${a[0]} 年满 ${a[2]} 周岁（${a[3]} 周岁），无劳动能力`
      : a[1] === 'MINOR'
        ? `成员 ${a[0]} 未满 ${a[2]} 周岁（${a[3]} 周岁），无劳动能力`
        : a[1] === 'DISABILITY'
          ? `成员 ${a[0]} 残疾类别和等级属${N2_ART5_ZH}所列，无劳动能力`
          : a[1] === 'REVIEW'
            ? `成员 ${a[0]} 经评估无劳动能力，但不属${N2_ART5_ZH}所列年龄或残疾情形，需按省规定复核`
            : a[1] === 'MINOR_COVERED'
              ? `成员 ${a[0]}（${a[3]} 周岁）为特困人员中的未成年人，继续享受救助供养至 ${a[2]} 周岁（在校就读的可延长）`
              : a[1] === 'STUDENT_COVERED'
                ? `成员 ${a[0]}（${a[3]} 周岁）为特困人员，年满 ${a[2]} 周岁仍在校就读：在义务教育、普通高中或中等职业学校就读的继续享受救助供养，须核实`
                : `成员 ${a[0]}（${a[3]} 周岁）具有劳动能力（不满 ${a[2]} 周岁、非未成年人、残疾等级不在${N2_ART5_ZH}所列范围）`,
  en: (a) =>
    a[1] === 'ELDERLY'
      ? `member ${a[0]} is at least ${a[2]} (aged ${a[3]}): no capacity to work`
      : a[1] === 'MINOR'
        ? `member ${a[0]} is under ${a[2]} (aged ${a[3]}): no capacity to work`
        : a[1] === 'DISABILITY'
          ? `member ${a[0]} has a disability type and grade listed in ${N2_ART5_EN}: no capacity to work`
          : a[1] === 'REVIEW'
            ? `member ${a[0]} was assessed without capacity to work but not on ${N2_ART5_EN} grounds: needs review under provincial rules`
            : a[1] === 'MINOR_COVERED'
              ? `member ${a[0]} (aged ${a[3]}) is a destitute minor: covered until ${a[2]} (longer while in school)`
              : a[1] === 'STUDENT_COVERED'
                ? `member ${a[0]} (aged ${a[3]}) is destitute and still in school after ${a[2]}: covered while in compulsory, upper-secondary or vocational school, to be verified`
                : `member ${a[0]} (aged ${a[3]}) has capacity to work (not elderly, not a minor, disability not listed in ${N2_ART5_EN})`,
};
const MEANS: ReasonTemplate = {
  ruleId: 'DESTITUTE.NO_MEANS_OF_LIVING',
  zh: (a) =>
    `成员 ${a[0]} 本人月均收入 ${formatYuan(+a[1])} 元 ${a[3] === 1 ? '<' : '≥'} 低保标准 ${formatYuan(+a[2])} 元，财产${a[4] === 1 ? '符合' : '不符合'}规定`,
  en: (a) =>
    `member ${a[0]} own monthly income ¥${formatYuan(+a[1])} ${a[3] === 1 ? '<' : '≥'} standard ¥${formatYuan(+a[2])}, assets ${a[4] === 1 ? 'within' : 'over'} the limits`,
};
const SUPPORTER: ReasonTemplate = {
  ruleId: 'DESTITUTE.NO_CAPABLE_SUPPORTER',
  zh: (a) =>
    a[1] === 0
      ? `成员 ${a[0]} 无法定义务人或法定义务人无履行义务能力`
      : `成员 ${a[0]} 有 ${a[1]} 名有履行能力的法定赡养、抚养、扶养义务人`,
  en: (a) =>
    a[1] === 0
      ? `member ${a[0]} has no legal supporter able to support`
      : `member ${a[0]} has ${a[1]} legal supporter(s) able to support`,
};

export type CapacityGround =
  'ELDERLY' | 'MINOR' | 'DISABILITY' | 'REVIEW' | 'CAPABLE' | 'MINOR_COVERED' | 'STUDENT_COVERED';
const GROUNDS: readonly CapacityGround[] = [
  'ELDERLY',
  'MINOR',
  'DISABILITY',
  'REVIEW',
  'CAPABLE',
  'MINOR_COVERED',
  'STUDENT_COVERED',
];
const ELDERLY = 0;
const MINOR = 1;
const DISABILITY = 2;
const REVIEW = 3;
const CAPABLE = 4;
const MINOR_COVERED = 5;
const STUDENT_COVERED = 6;

/** The age limits of N2 Art.5 and Art.8, read from the snapshot once per household (not per member). */
interface AgeLimits {
  readonly adult: number;
  readonly elderly: number;
  readonly minor: number;
  /** A 特困 minor's coverage age; 0 when the household holds no 特困 person (nothing to continue). */
  readonly coverage: number;
}

/**
 * N2 Art.5, no capacity to work (`a` is the member's age on the application date): aged
 * 60+, under 16, or a listed disability type and grade (parameters). The ground as an
 * index in GROUNDS (what the findings keep).
 */
function capacityGround(m: Member, a: number, limits: AgeLimits, snap: PolicySnapshot): number {
  if (a >= limits.elderly) return ELDERLY;
  if (a < limits.minor) return MINOR;
  const d = m.disability;
  if (d !== undefined && d.grade <= (snap.noCapacityMaxGrade.get(d.type) ?? -Infinity)) return DISABILITY;
  // N2 Art.5: a 特困 minor stays covered to the coverage age, and beyond it while in school.
  if (limits.coverage > 0 && a < limits.coverage) return MINOR_COVERED;
  if (limits.coverage > 0 && m.student) return STUDENT_COVERED;
  return m.labourCapacity === 'NONE' ? REVIEW : CAPABLE;
}

// Own assets of the candidate being assessed; kept (copied) only when they fail the test.
const ownAssets = new AssetHoldings();
// What a member owning nothing in their own name measures (all zero).
const NOTHING_OWNED = new AssetHoldings();
// Members owning some asset in their own name (markOwners), found at the household's first candidate.
let ownerMarks = new Uint8Array(8);

/**
 * N2 Art.6–7 own assets, within the limits the city sets (the 低保 ones): undefined when
 * they pass, else what the refusal reports. Assets without an owner list are not theirs.
 */
function failedOwnAssets(
  facts: HouseholdFacts,
  index: number,
  snap: PolicySnapshot,
  owners: Uint8Array,
): AssetHoldings | undefined {
  const own =
    owners[index] === 1
      ? measureAssets(facts, snap, singleMember(facts.members.length, index), false, ownAssets)
      : NOTHING_OWNED;
  return assetsPass(own, snap, 'MINIMUM_LIVING') ? undefined : own.copy();
}

/** Relations (to the applicant) who owe support to a member of a given relation. */
const SUPPORTERS_OF: readonly (readonly [Relation, readonly Relation[]])[] = [
  ['APPLICANT', ['SPOUSE', 'CHILD', 'PARENT']],
  ['SPOUSE', ['APPLICANT', 'CHILD']],
  ['CHILD', ['APPLICANT', 'SPOUSE']],
  ['GRANDCHILD', ['CHILD', 'APPLICANT', 'SPOUSE']],
  ['PARENT', ['APPLICANT', 'SIBLING']],
  ['GRANDPARENT', ['APPLICANT', 'PARENT']],
  ['SIBLING', ['PARENT']],
  ['OTHER', []],
];
/** Relations found without hashing their texts (see NameIndex); bit i is RELATIONS[i]. */
const RELATION_INDEX = new NameIndex(RELATIONS, 'relations');
/** The SUPPORTERS_OF relations as a mask by relation index (an unknown relation: owed by nobody). */
const OWING_MASK = RELATIONS.map((of) =>
  (SUPPORTERS_OF.find(([r]) => r === of)?.[1] ?? []).reduce((mask, r) => mask | relationBit(r), 0),
);

/** A relation as one bit, so "owes support" is a mask test (an unknown relation: no bit). */
function relationBit(relation: string): number {
  const i = RELATION_INDEX.indexOf(relation);
  return i >= 0 ? 1 << i : 0;
}

/** Mask of the relations owing support to a member of this relation. */
function owingMask(relation: string): number {
  const i = RELATION_INDEX.indexOf(relation);
  return i >= 0 ? OWING_MASK[i] : 0;
}

/**
 * What the three conditions read of each co-resident member, found in one pass over the
 * members per household (reused buffers, valid until the next call): age on the
 * application date, capacity ground (N2 Art.5), whether they could support someone
 * (N2 Art.8(二)–(四): adults below the elderly age, not severely disabled, not without
 * labour capacity) and, for those, their relationBit.
 */
const figures = {
  age: new Float64Array(8),
  ground: new Uint8Array(8),
  able: new Uint8Array(8),
  relation: new Uint16Array(8),
};

function memberFigures(facts: HouseholdFacts, snap: PolicySnapshot): typeof figures {
  const ms = facts.members;
  const n = ms.length;
  if (figures.age.length < n) {
    figures.age = new Float64Array(n);
    figures.ground = new Uint8Array(n);
    figures.able = new Uint8Array(n);
    figures.relation = new Uint16Array(n);
  }
  const { age, ground, able, relation } = figures;
  const month = snap.applicationMonth;
  const monthDay = snap.applicationMonthDay;
  const continuing = facts.currentCategories?.includes('DESTITUTE') === true;
  const limits: AgeLimits = {
    adult: snap.adultAge.value,
    elderly: snap.elderlyAge.value,
    minor: snap.destituteMinorAge.value,
    coverage: continuing ? snap.destituteMinorCoverageAge.value : 0,
  };
  for (let i = 0; i < n; i++) {
    const m = ms[i];
    if (!m.coResident) {
      able[i] = 0;
      continue;
    }
    const a = ageAtMonth(m.birthDate, month, monthDay);
    age[i] = a;
    ground[i] = capacityGround(m, a, limits, snap);
    able[i] =
      a >= limits.adult && a < limits.elderly && m.labourCapacity !== 'NONE' && !isSeverelyDisabled(m, snap) ? 1 : 0;
    // Only the relations of those able to support are read (capableSupporters).
    relation[i] = able[i] === 1 ? relationBit(m.relation) : 0;
  }
  return figures;
}

/**
 * N2 Art.8: legal supporters able to support this member: those listed in
 * facts.legalSupporters with ableToSupport, plus co-resident relatives owing support
 * (by relation to the applicant) who are able to support (see memberFigures).
 */
function capableSupporters(facts: HouseholdFacts, index: number, f: typeof figures): number {
  const m = facts.members[index];
  let n = 0;
  for (const s of facts.legalSupporters) {
    if (s.ableToSupport && (s.forMemberIds === undefined || s.forMemberIds.includes(m.id))) n++;
  }
  const owing = owingMask(m.relation);
  if (owing === 0) return n;
  for (let j = 0; j < facts.members.length; j++) {
    if (j !== index && f.able[j] === 1 && (f.relation[j] & owing) !== 0) n++;
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

// Indices of the members included (then their ids, in an array of its final size).
let includedIndex = new Int32Array(8);

export function evaluateDestitute(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  ledger: IncomeLedger,
  householdIncome: IncomeResult,
  household: Unit,
): CategoryResult {
  const numbers = new Array<number>(household.size * FIELDS);
  let failed: (AssetHoldings | undefined)[] | undefined;
  let persons = 0;
  let review = false;
  const ms = facts.members;
  let firstIncome: IncomeResult | undefined;
  const f = memberFigures(facts, snap);
  if (includedIndex.length < ms.length) includedIndex = new Int32Array(ms.length);
  if (ownerMarks.length < ms.length) ownerMarks = new Uint8Array(ms.length);
  let ownersMarked = false;
  for (let i = 0, k = 0; i < ms.length; i++) {
    if (!ms[i].coResident) continue;
    const at = FIELDS * k++;
    const ground = f.ground[i];
    numbers[at] = ground;
    numbers[at + 1] = f.age[i];
    if (ground === CAPABLE) {
      numbers[at + 2] = -1;
      numbers[at + 3] = -1;
      continue;
    }
    // N2 Art.6–7: own income (N2 exclusions) below the standard, own assets within limits.
    const incomeCents = ownMonthlyIncome(ledger, i, snap.destituteClasses);
    if (!ownersMarked) {
      markOwners(facts, ownerMarks);
      ownersMarked = true;
    }
    const failedAssets = failedOwnAssets(facts, i, snap, ownerMarks);
    if (failedAssets !== undefined)
      (failed ??= new Array<AssetHoldings | undefined>(household.size))[k - 1] = failedAssets;
    firstIncome ??= memberIncome(ledger, i, snap, snap.destituteClasses);
    const sup = capableSupporters(facts, i, f);
    numbers[at + 2] = incomeCents;
    numbers[at + 3] = sup;
    if (incomeCents >= snap.standard.value || failedAssets !== undefined || sup > 0) continue;
    // The school a grown 特困 student attends (义务教育、普通高中、中等职业学校) is for a person to verify.
    if (ground === REVIEW || ground === STUDENT_COVERED) review = true;
    else includedIndex[persons++] = i;
  }
  const status = persons > 0 ? 'eligible' : review ? 'needs_review' : 'ineligible';
  const support = persons > 0 ? destituteSupportCents(snap, persons) : 0;
  const findings = new Findings(snap, household.ids, numbers, failed, persons);
  const included = persons > 0 ? idsAt(ms, includedIndex, persons) : NO_MEMBERS;
  return new CategoryResult(
    'DESTITUTE',
    facts.categoriesRequested.includes('DESTITUTE'),
    status,
    'INDIVIDUAL',
    included,
    firstIncome ?? householdIncome,
    support,
    findings,
  );
}

function idsAt(ms: readonly Member[], index: Int32Array, count: number): string[] {
  const ids = new Array<string>(count);
  for (let k = 0; k < count; k++) ids[k] = ms[index[k]].id;
  return ids;
}

/** Per co-resident member: capacity, then (unless able to work) means and supporters; then the amount. */
function destituteReasons(f: Findings, snap: PolicySnapshot): Reason[] {
  const reasons: Reason[] = [];
  for (let k = 0; k < f.ids.length; k++) {
    const id = f.ids[k];
    const at = FIELDS * k;
    const ground = GROUNDS[f.numbers[at]];
    const age = f.numbers[at + 1];
    const covered = ground === 'MINOR_COVERED' || ground === 'STUDENT_COVERED';
    const limit =
      ground === 'MINOR'
        ? snap.destituteMinorAge.value
        : covered
          ? snap.destituteMinorCoverageAge.value
          : snap.elderlyAge.value;
    reasons.push(
      reason(
        CAPACITY,
        ground === 'CAPABLE' ? 'fail' : ground === 'REVIEW' || ground === 'STUDENT_COVERED' ? 'review' : 'pass',
        [id, ground, limit, age],
        covered ? snap.citing.destituteMinorCoverage : snap.citing.destituteCapacity,
      ),
    );
    if (ground === 'CAPABLE') continue;
    const incomeCents = f.numbers[at + 2];
    const supporters = f.numbers[at + 3];
    const failedAssets = f.failedAssets?.[k];
    const incomeOk = incomeCents < snap.standard.value;
    const assetsOk = failedAssets === undefined;
    reasons.push(
      reason(
        MEANS,
        incomeOk && assetsOk ? 'pass' : 'fail',
        [id, incomeCents, snap.standard.value, incomeOk ? 1 : 0, assetsOk ? 1 : 0],
        snap.citing.destituteMeans,
      ),
    );
    // Only failed asset reasons are reported for a candidate.
    if (failedAssets !== undefined)
      for (const r of assetReasons(failedAssets, 'MINIMUM_LIVING', snap, true)) reasons.push(r);
    reasons.push(
      reason(SUPPORTER, supporters === 0 ? 'pass' : 'fail', [id, supporters], snap.citing.destituteSupporter),
    );
  }
  if (f.persons > 0) reasons.push(destituteSupportReason(snap, f.persons));
  return reasons;
}
