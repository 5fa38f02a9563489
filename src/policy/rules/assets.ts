// Asset tests. NEAR_MINIMUM (and RIGID_EXPENSE, which borrows it) follows the Henan test of
// 豫民〔2022〕4号: per-capita financial assets below 3 × the annual standard; at most one
// home (two if per-capita floor area ≤ last year's local figure); no non-residential
// property except the only home converted to business; only a sole-livelihood small
// vehicle, an ordinary motorcycle or a disability vehicle; enterprise capital < 200000.
// MINIMUM_LIVING (N1 Art.14, local limits) and DESTITUTE (N2 Art.7, city sets) use the
// same structure with their own financial-asset parameter (placeholders, see data.ts).
import type { HouseholdFacts } from '../../contracts/household-facts';
import { formatYuan, toCents } from '../money';
import type { Param, PolicySnapshot } from '../parameters/snapshot';
import { reason, type Reason, type ReasonTemplate } from '../reason';
import type { AssessedMembers } from './household';
import { ownedByUnit } from './person';

export type AssetProfile = 'MINIMUM_LIVING' | 'NEAR_MINIMUM';

const FINANCIAL: ReasonTemplate = {
  ruleId: 'ASSETS.FINANCIAL',
  zh: (a) => `人均金融资产 ${formatYuan(+a[0])} 元 ${a[3] === 1 ? '<' : '≥'} 限额 ${formatYuan(+a[1])} 元（低保标准 × ${a[2]} 个月）`,
  en: (a) => `per-capita financial assets ¥${formatYuan(+a[0])} ${a[3] === 1 ? '<' : '≥'} limit ¥${formatYuan(+a[1])} (standard × ${a[2]} months)`,
};
const HOMES: ReasonTemplate = {
  ruleId: 'ASSETS.HOMES',
  zh: (a) => `住房 ${a[0]} 套，人均面积 ${a[1]} 平方米（上年度当地人均 ${a[2]} 平方米）：${a[3] === 1 ? '符合' : '超过'}规定`,
  en: (a) => `${a[0]} home(s), ${a[1]} m² per person (local figure ${a[2]} m²): ${a[3] === 1 ? 'within' : 'over'} the limit`,
};
const VEHICLES: ReasonTemplate = {
  ruleId: 'ASSETS.VEHICLES',
  zh: (a) => (a[0] === 0 ? '无规定之外的机动车辆' : `拥有规定之外的机动车辆 ${a[0]} 辆（仅允许唯一生计用小型车、普通摩托车、残疾人功能性补偿代步车）`),
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
  en: (a) => (a[0] === 0 ? 'no non-residential property' : `${a[0]} non-residential propert(y/ies) (only home converted to business excepted)`),
};

/** The numbers of the asset test; reasons are built from them only when reported. */
export interface AssetFigures {
  profile: AssetProfile;
  pass: boolean;
  financialPerCapita: number;
  financialLimit: number;
  financialOk: boolean;
  homes: number;
  areaPerPerson: number;
  homesOk: boolean;
  badVehicles: number;
  capital: number;
  capitalOk: boolean;
  nonResidential: number;
}

/**
 * @param householdPropertyCounts whether assets without an owner list count for this unit
 *   (false under the single-person rule: only the applicant's own assets are assessed).
 */
export function assetFigures(
  facts: HouseholdFacts,
  snap: PolicySnapshot,
  unit: AssessedMembers,
  profile: AssetProfile,
  householdPropertyCounts = true,
): AssetFigures {
  const a = facts.assets;

  // Financial assets, per capita, against standard × N months.
  const months = financialMonths(snap, profile);
  let fin = 0;
  for (const f of a.financial) if (ownedByUnit(f.memberId, facts, unit.mask, true)) fin += toCents(f.amount);
  const financialPerCapita = unit.size > 0 ? Math.round(fin / unit.size) : 0;
  const financialLimit = snap.standard.value * months.value;
  const financialOk = financialPerCapita < financialLimit;

  // Homes: one, or two when the floor area per person is small.
  let homes = 0;
  let area = 0;
  for (const h of a.homes) {
    if (ownedByUnit(h.ownerMemberIds, facts, unit.mask, householdPropertyCounts)) {
      homes++;
      area += h.floorArea;
    }
  }
  const areaPerPerson = unit.size > 0 ? Math.round((area / unit.size) * 100) / 100 : 0;
  const homesOk =
    homes <= snap.maxHomes.value || (homes <= snap.maxHomesSmallArea.value && areaPerPerson <= snap.housingFloorArea.value);

  // Vehicles of a kind not allowed.
  let badVehicles = 0;
  for (const v of a.vehicles) {
    if (ownedByUnit(v.ownerMemberId, facts, unit.mask, householdPropertyCounts) && !snap.allowedVehicleKinds.value.includes(v.kind)) badVehicles++;
  }

  // Enterprise capital.
  let capital = 0;
  for (const e of a.enterprises) if (ownedByUnit(e.ownerMemberId, facts, unit.mask, householdPropertyCounts)) capital += toCents(e.subscribedCapital);
  const capitalOk = capital < snap.enterpriseCapitalLimit.value;

  // Non-residential property.
  let nonResidential = 0;
  for (const p of a.nonResidentialProperties) {
    if (!p.onlyHomeConvertedToBusiness && ownedByUnit(p.ownerMemberId, facts, unit.mask, householdPropertyCounts)) nonResidential++;
  }

  const pass = financialOk && homesOk && badVehicles === 0 && capitalOk && nonResidential === 0;
  return { profile, pass, financialPerCapita, financialLimit, financialOk, homes, areaPerPerson, homesOk, badVehicles, capital, capitalOk, nonResidential };
}

function financialMonths(snap: PolicySnapshot, profile: AssetProfile): Param<number> {
  return profile === 'NEAR_MINIMUM' ? snap.nearMinimumFinancialMonths : snap.minimumLivingFinancialMonths;
}

/** The five asset reasons, in order (or only the failed ones). */
export function assetReasons(f: AssetFigures, snap: PolicySnapshot, onlyFailed = false): Reason[] {
  const reasons: Reason[] = [];
  const months = financialMonths(snap, f.profile);
  if (!onlyFailed || !f.financialOk) {
    const refs = f.profile === 'NEAR_MINIMUM' ? snap.citing.nearMinimumFinancial : snap.citing.minimumLivingFinancial;
    reasons.push(reason(FINANCIAL, f.financialOk ? 'pass' : 'fail', [f.financialPerCapita, f.financialLimit, months.value, f.financialOk ? 1 : 0], refs));
  }
  if (!onlyFailed || !f.homesOk) {
    reasons.push(reason(HOMES, f.homesOk ? 'pass' : 'fail', [f.homes, f.areaPerPerson, snap.housingFloorArea.value, f.homesOk ? 1 : 0], snap.citing.homes));
  }
  if (!onlyFailed || f.badVehicles > 0) reasons.push(reason(VEHICLES, f.badVehicles === 0 ? 'pass' : 'fail', [f.badVehicles], snap.allowedVehicleKinds.refs));
  if (!onlyFailed || !f.capitalOk) {
    reasons.push(reason(ENTERPRISE, f.capitalOk ? 'pass' : 'fail', [f.capital, snap.enterpriseCapitalLimit.value, f.capitalOk ? 1 : 0], snap.enterpriseCapitalLimit.refs));
  }
  if (!onlyFailed || f.nonResidential > 0) reasons.push(reason(NON_RESIDENTIAL, f.nonResidential === 0 ? 'pass' : 'fail', [f.nonResidential], snap.citing.none));
  return reasons;
}
