// Benefit amount (N1 Art.23): the gap method (standard − per-capita income) or tiers
// (分档) chosen by the county, never below the local minimum payment per person; 特困
// basic support is the standard × the Henan multiplier (≥ 1.3, domain.md §2.2).
import { formatRatio, formatYuan, mulCents } from '../money';
import type { PolicySnapshot } from '../parameters/snapshot';
import { reason, type Reason, type ReasonTemplate } from '../reason';

const GAP: ReasonTemplate = {
  ruleId: 'BENEFIT.GAP',
  zh: (a) =>
    `补差：人均 max(低保标准 ${formatYuan(+a[0])} − 人均收入 ${formatYuan(+a[1])}, 最低发放 ${formatYuan(+a[2])}) = ${formatYuan(+a[3])} 元 × ${a[4]} 人 = ${formatYuan(+a[5])} 元/月`,
  en: (a) =>
    `gap method: per person max(standard ¥${formatYuan(+a[0])} − income ¥${formatYuan(+a[1])}, floor ¥${formatYuan(+a[2])}) = ¥${formatYuan(+a[3])} × ${a[4]} = ¥${formatYuan(+a[5])}/month`,
};
const TIERS: ReasonTemplate = {
  ruleId: 'BENEFIT.TIERS',
  zh: (a) =>
    `分档：人均差额占标准 ${a[0]}，按标准的 ${a[1]} 发放，人均 ${formatYuan(+a[2])} 元（不低于 ${formatYuan(+a[3])} 元）× ${a[4]} 人 = ${formatYuan(+a[5])} 元/月`,
  en: (a) =>
    `tiers: gap share ${a[0]}, paid at ${a[1]} of the standard, ¥${formatYuan(+a[2])} per person (floor ¥${formatYuan(+a[3])}) × ${a[4]} = ¥${formatYuan(+a[5])}/month`,
};
const DESTITUTE_SUPPORT: ReasonTemplate = {
  ruleId: 'BENEFIT.DESTITUTE',
  zh: (a) =>
    `特困基本生活标准：低保标准 ${formatYuan(+a[0])} 元 × ${a[1]} = ${formatYuan(+a[2])} 元 × ${a[3]} 人 = ${formatYuan(+a[4])} 元/月`,
  en: (a) =>
    `destitute basic support: standard ¥${formatYuan(+a[0])} × ${a[1]} = ¥${formatYuan(+a[2])} × ${a[3]} = ¥${formatYuan(+a[4])}/month`,
};

export interface Benefit {
  perPersonCents: number;
  totalCents: number;
  members: number;
  /** Tier method: gap share and pay share; gap method: per-capita income. */
  method: 'GAP' | 'TIERS';
  perCapitaIncome: number;
  gapShare: number;
  payShare: number;
}

/** Monthly 低保 amount for `members` persons with the given per-capita income (cents). */
export function minimumLivingBenefit(snap: PolicySnapshot, perCapitaIncome: number, members: number): Benefit {
  const per = perPersonCents(snap, perCapitaIncome);
  if (snap.paymentMethod.value === 'TIERS') {
    const share = gapShare(snap, perCapitaIncome);
    return {
      perPersonCents: per,
      totalCents: per * members,
      members,
      method: 'TIERS',
      perCapitaIncome,
      gapShare: share,
      payShare: tierPayShare(snap, share),
    };
  }
  return {
    perPersonCents: per,
    totalCents: per * members,
    members,
    method: 'GAP',
    perCapitaIncome,
    gapShare: 0,
    payShare: 0,
  };
}

/** The total of minimumLivingBenefit alone: what the decision needs (the explanation builds the rest). */
export function minimumLivingBenefitCents(snap: PolicySnapshot, perCapitaIncome: number, members: number): number {
  return perPersonCents(snap, perCapitaIncome) * members;
}

/** Gap method: the gap to the standard; tiers: the tier's share of the standard; never below the floor. */
function perPersonCents(snap: PolicySnapshot, perCapitaIncome: number): number {
  const std = snap.standard.value;
  const floor = snap.floor.value;
  if (snap.paymentMethod.value === 'TIERS')
    return Math.max(mulCents(std, tierPayShare(snap, gapShare(snap, perCapitaIncome))), floor);
  return Math.max(std - perCapitaIncome, floor);
}

/** The gap as a share of the standard (0 when income reaches it). */
function gapShare(snap: PolicySnapshot, perCapitaIncome: number): number {
  const std = snap.standard.value;
  const gap = std - perCapitaIncome;
  return gap > 0 ? gap / std : 0;
}

/** Pay share of the first tier whose minimum gap share is reached (0 when none is). */
function tierPayShare(snap: PolicySnapshot, share: number): number {
  for (const t of snap.tiers.value) if (share >= t.minGapShare) return t.payShare;
  return 0;
}

/** How the 低保 amount was computed (built when the explanation is read). */
export function minimumLivingBenefitReason(snap: PolicySnapshot, b: Benefit): Reason {
  const floor = snap.floor.value;
  if (b.method === 'TIERS') {
    return reason(
      TIERS,
      'info',
      [formatRatio(b.gapShare), formatRatio(b.payShare), b.perPersonCents, floor, b.members, b.totalCents],
      snap.citing.benefitTiers,
    );
  }
  return reason(
    GAP,
    'info',
    [snap.standard.value, b.perCapitaIncome, floor, b.perPersonCents, b.members, b.totalCents],
    snap.citing.benefitGap,
  );
}

/** 特困 basic support per month for `persons` destitute persons, cents. */
export function destituteSupportCents(snap: PolicySnapshot, persons: number): number {
  return snap.destituteSupportPerPerson * persons;
}

export function destituteSupportReason(snap: PolicySnapshot, persons: number): Reason {
  const per = snap.destituteSupportPerPerson;
  return reason(
    DESTITUTE_SUPPORT,
    'info',
    [snap.standard.value, formatRatio(snap.destituteMultiplier.value), per, persons, per * persons],
    snap.citing.destituteSupport,
  );
}
