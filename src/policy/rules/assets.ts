// Asset tests. NEAR_MINIMUM (and RIGID_EXPENSE, which borrows it) follows the Henan test of
// 豫民〔2022〕4号: per-capita financial assets below 3 × the annual standard; at most one
// home (two if per-capita floor area ≤ last year's local figure); no non-residential
// property except the only home converted to business; only a sole-livelihood small
// vehicle, an ordinary motorcycle or a disability vehicle; enterprise capital < 200000.
// MINIMUM_LIVING (N1 Art.14, local limits) and DESTITUTE (N2 Art.7, city sets) use the
// same structure with their own financial-asset parameter (placeholders, see data.ts).
import type { HouseholdFacts } from '../../core/contracts/household-facts';
import { formatYuan, toCents } from '../money';
import type { Param, PolicySnapshot } from '../parameters/snapshot';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import type { AssessedMembers } from './household';
import { memberIndex, ownedByUnit } from './person';

export type AssetProfile = 'MINIMUM_LIVING' | 'NEAR_MINIMUM';

const FINANCIAL: ReasonTemplate = {
  ruleId: 'ASSETS.FINANCIAL',
  zh: (a) =>
    `人均金融资产 ${formatYuan(+a[0])} 元 ${a[3] === 1 ? '<' : '≥'} 限额 ${formatYuan(+a[1])} 元（低保标准 × ${a[2]} 个月）`,
  en: (a) =>
    `per-capita financial assets ¥${formatYuan(+a[0])} ${a[3] === 1 ? '<' : '≥'} limit ¥${formatYuan(+a[1])} (standard × ${a[2]} months)`,
};
const HOMES: ReasonTemplate = {
  ruleId: 'ASSETS.HOMES',
  zh: (a) =>
    `住房 ${a[0]} 套，人均面积 ${a[1]} 平方米（上年度当地人均 ${a[2]} 平方米）：${a[3] === 1 ? '符合' : '超过'}规定`,
  en: (a) =>
    `${a[0]} home(s), ${a[1]} m² per person (local figure ${a[2]} m²): ${a[3] === 1 ? 'within' : 'over'} the limit`,
};
const VEHICLES: ReasonTemplate = {
  ruleId: 'ASSETS.VEHICLES',
  zh: (a) =>
    a[0] === 0
      ? '无规定之外的机动车辆'
      : `拥有规定之外的机动车辆 ${a[0]} 辆（仅允许唯一生计用小型车、普通摩托车、残疾人功能性补偿代步车）`,
  en: (a) => (a[0] === 0 ? 'no vehicle beyond those allowed' : `${a[0]} vehicle(s) beyond the allowed kinds`),
};
const ENTERPRISE: ReasonTemplate = {
  ruleId: 'ASSETS.ENTERPRISE',
  zh: (a) => `认缴企业出资 ${formatYuan(+a[0])} 元 ${a[2] === 1 ? '<' : '≥'} ${formatYuan(+a[1])} 元`,
  en: (a) => `subscribed enterprise capital ¥${formatYuan(+a[0])} ${a[2] === 1 ? '<' : '≥'} ¥${formatYuan(+a[1])}`,
};
const NON_RESIDENTIAL: ReasonTemplate = {
  ruleId: 'ASSETS.NON_RESIDENTIAL',
  zh: (a) => (a[0] === 0 ? '无非居住类房屋' : `拥有非居住类房屋 ${a[0]} 处（唯一住房改作经营的除外）`),
  en: (a) =>
    a[0] === 0
      ? 'no non-residential property'
      : `${a[0]} non-residential propert(y/ies) (only home converted to business excepted)`,
};

/** What a unit owns, as the asset tests compare it; the verdicts follow from the snapshot. */
export class AssetHoldings {
  /** Cents per member of the unit. */
  financialPerCapita = 0;
  homes = 0;
  /** Square metres per member, to the hundredth. */
  areaPerPerson = 0;
  /** Vehicles of a kind not allowed. */
  badVehicles = 0;
  /** Subscribed enterprise capital, cents. */
  capital = 0;
  nonResidential = 0;

  copy(): AssetHoldings {
    const c = new AssetHoldings();
    c.financialPerCapita = this.financialPerCapita;
    c.homes = this.homes;
    c.areaPerPerson = this.areaPerPerson;
    c.badVehicles = this.badVehicles;
    c.capital = this.capital;
    c.nonResidential = this.nonResidential;
    return c;
  }
}

/**
 * One pass over the assets owned by the unit, into `out`.
 * @param householdPropertyCounts whether assets without an owner list count for this unit
 *   (false under the single-person rule and for a 特困 candidate: only their own assets).
 */
export function measureAssets(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  unit: AssessedMembers,
  householdPropertyCounts: boolean,
  out: AssetHoldings = new AssetHoldings(),
): AssetHoldings {
  const a = facts.assets;
  const mask = unit.mask;

  let fin = 0;
  for (const f of a.financial) if (ownedByUnit(f.memberId, facts, mask, true)) fin += toCents(f.amount);
  out.financialPerCapita = unit.size > 0 ? Math.round(fin / unit.size) : 0;

  let homes = 0;
  let area = 0;
  for (const h of a.homes) {
    if (ownedByUnit(h.ownerMemberIds, facts, mask, householdPropertyCounts)) {
      homes++;
      area += h.floorArea;
    }
  }
  out.homes = homes;
  out.areaPerPerson = unit.size > 0 ? Math.round((area / unit.size) * 100) / 100 : 0;

  let badVehicles = 0;
  for (const v of a.vehicles) {
    if (
      ownedByUnit(v.ownerMemberId, facts, mask, householdPropertyCounts) &&
      !snap.allowedVehicleKinds.value.includes(v.kind)
    )
      badVehicles++;
  }
  out.badVehicles = badVehicles;

  let capital = 0;
  for (const e of a.enterprises)
    if (ownedByUnit(e.ownerMemberId, facts, mask, householdPropertyCounts)) capital += toCents(e.subscribedCapital);
  out.capital = capital;

  let nonResidential = 0;
  for (const p of a.nonResidentialProperties) {
    if (!p.onlyHomeConvertedToBusiness && ownedByUnit(p.ownerMemberId, facts, mask, householdPropertyCounts))
      nonResidential++;
  }
  out.nonResidential = nonResidential;
  return out;
}

/**
 * Marks (1 by member index) the members who own some asset in their own name, for the
 * own-asset test of a 特困 candidate (measureAssets without household property): a member
 * marked 0 owns nothing of their own and measures as empty, with no pass over the assets.
 * A financial asset naming no member counts for every unit (see measureAssets): it marks all.
 */
export function markOwners(facts: HouseholdFacts, marks: Uint8Array): void {
  const n = facts.members.length;
  const a = facts.assets;
  for (let i = 0; i < n; i++) marks[i] = 0;
  for (const f of a.financial) {
    if (f.memberId === undefined) {
      marks.fill(1, 0, n);
      return;
    }
    markOwner(facts, f.memberId, marks);
  }
  for (const h of a.homes) markOwner(facts, h.ownerMemberIds, marks);
  for (const v of a.vehicles) markOwner(facts, v.ownerMemberId, marks);
  for (const e of a.enterprises) markOwner(facts, e.ownerMemberId, marks);
  for (const p of a.nonResidentialProperties) markOwner(facts, p.ownerMemberId, marks);
}

/** The members an owner list names, as ownedByUnit finds them (the first member with the id). */
function markOwner(facts: HouseholdFacts, owners: readonly string[] | string | undefined, marks: Uint8Array): void {
  if (owners === undefined) return;
  if (typeof owners === 'string') {
    const i = memberIndex(facts, owners);
    if (i >= 0) marks[i] = 1;
    return;
  }
  for (const o of owners) {
    const i = memberIndex(facts, o);
    if (i >= 0) marks[i] = 1;
  }
}

function financialMonths(snap: PolicySnapshot, profile: AssetProfile): Param<number> {
  return profile === 'NEAR_MINIMUM' ? snap.nearMinimumFinancialMonths : snap.minimumLivingFinancialMonths;
}

/** Financial assets per capita must stay below standard × N months (N by profile). */
function financialLimit(snap: PolicySnapshot, profile: AssetProfile): number {
  return profile === 'NEAR_MINIMUM' ? snap.nearMinimumFinancialLimit : snap.minimumLivingFinancialLimit;
}

function homesOk(h: AssetHoldings, snap: PolicySnapshot): boolean {
  return (
    h.homes <= snap.maxHomes.value ||
    (h.homes <= snap.maxHomesSmallArea.value && h.areaPerPerson <= snap.housingFloorArea.value)
  );
}

/** All five tests of the profile pass. */
export function assetsPass(h: AssetHoldings, snap: PolicySnapshot, profile: AssetProfile): boolean {
  return (
    h.financialPerCapita < financialLimit(snap, profile) &&
    homesOk(h, snap) &&
    h.badVehicles === 0 &&
    h.capital < snap.enterpriseCapitalLimit.value &&
    h.nonResidential === 0
  );
}

/** The five asset reasons, in order (or only the failed ones). */
export function assetReasons(
  h: AssetHoldings,
  profile: AssetProfile,
  snap: PolicySnapshot,
  onlyFailed = false,
): Reason[] {
  const reasons: Reason[] = [];
  const months = financialMonths(snap, profile);
  const limit = financialLimit(snap, profile);
  const financialOk = h.financialPerCapita < limit;
  if (!onlyFailed || !financialOk) {
    const refs = profile === 'NEAR_MINIMUM' ? snap.citing.nearMinimumFinancial : snap.citing.minimumLivingFinancial;
    reasons.push(
      reason(
        FINANCIAL,
        financialOk ? 'pass' : 'fail',
        [h.financialPerCapita, limit, months.value, financialOk ? 1 : 0],
        refs,
      ),
    );
  }
  const homesPass = homesOk(h, snap);
  if (!onlyFailed || !homesPass) {
    reasons.push(
      reason(
        HOMES,
        homesPass ? 'pass' : 'fail',
        [h.homes, h.areaPerPerson, snap.housingFloorArea.value, homesPass ? 1 : 0],
        snap.citing.homes,
      ),
    );
  }
  if (!onlyFailed || h.badVehicles > 0)
    reasons.push(
      reason(VEHICLES, h.badVehicles === 0 ? 'pass' : 'fail', [h.badVehicles], snap.allowedVehicleKinds.refs),
    );
  const capitalOk = h.capital < snap.enterpriseCapitalLimit.value;
  if (!onlyFailed || !capitalOk) {
    reasons.push(
      reason(
        ENTERPRISE,
        capitalOk ? 'pass' : 'fail',
        [h.capital, snap.enterpriseCapitalLimit.value, capitalOk ? 1 : 0],
        snap.enterpriseCapitalLimit.refs,
      ),
    );
  }
  if (!onlyFailed || h.nonResidential > 0)
    reasons.push(
      reason(NON_RESIDENTIAL, h.nonResidential === 0 ? 'pass' : 'fail', [h.nonResidential], snap.citing.none),
    );
  return reasons;
}
