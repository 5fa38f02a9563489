// What a proposed parameter version must satisfy before anyone may approve it: the unit of
// its parameter, a plausible range (metadata per parameter id, here), a positive standard,
// a tier table covering every gap share from 0 to 1. Pure: the API turns each finding into a
// field-level refusal.
import { EmergencyReferralRoute, EntitlementRule } from '../../core/contracts/referral';
import { P } from '../../core/parameter-ids';
import type { ParameterUnit, ParameterValue } from './types';

/** Bounds a value of the parameter must lie within (inclusive), and why, as a person reads it. */
export interface PlausibleRange {
  min: number;
  max: number;
}

/** Ranges of the multipliers and shares (a figure outside is a typing error, not a policy). */
export const PLAUSIBLE_RANGES: Readonly<Record<string, PlausibleRange>> = {
  [P.DESTITUTE_SUPPORT_MULTIPLIER]: { min: 1, max: 3 },
  [P.NEAR_MINIMUM_INCOME_MULTIPLIER]: { min: 1, max: 3 },
  [P.RIGID_EXPENSE_RATIO]: { min: 0.1, max: 1 },
  [P.EMPLOYMENT_COST_SHARE]: { min: 0, max: 0.5 },
  [P.TL_REMINDER_SHARE]: { min: 0.1, max: 0.99 },
  // A checkpoint every 5 minutes to once a day: shorter floods the history, longer widens the unseen window.
  [P.AUDIT_CHECKPOINT_PERIOD_MINUTES]: { min: 5, max: 1440 },
  // A day every month has (February included).
  [P.PAYMENT_MONTHLY_DEADLINE_DAY]: { min: 1, max: 28 },
  [P.DESTITUTE_SPOT_CHECK_SHARE]: { min: 0, max: 1 },
  [P.DELIBERATION_QUORUM_SHARE]: { min: 0.5, max: 1 },
  [P.DELIBERATION_MAJORITY_SHARE]: { min: 0.5, max: 1 },
};

/** Money units: a standard or an amount is never zero or negative. */
const POSITIVE_UNITS: ReadonlySet<ParameterUnit> = new Set(['YUAN_PER_PERSON_MONTH', 'YUAN_PER_PERSON_YEAR', 'YUAN']);

export interface ProposalFinding {
  /** The request field at fault ('value', 'unit', 'value.2.payShare' …). */
  path: string;
  code: string;
  message: string;
}

/**
 * Findings on a proposed value and unit for a parameter whose versions so far have
 * `expectedUnit` (undefined: an unknown parameter id).
 */
export function checkProposedValue(
  parameterId: string,
  expectedUnit: ParameterUnit | undefined,
  unit: string,
  value: ParameterValue,
): ProposalFinding[] {
  if (expectedUnit === undefined)
    return [{ path: 'parameterId', code: 'UNKNOWN_PARAMETER', message: `参数 ${parameterId} 不存在` }];
  if (unit !== expectedUnit)
    return [
      { path: 'unit', code: 'UNIT_MISMATCH', message: `参数 ${parameterId} 的单位为 ${expectedUnit}，不能为 ${unit}` },
    ];
  const shape = shapeFinding(unit, value);
  if (shape) return [shape];
  const out: ProposalFinding[] = [];
  if (typeof value === 'number') {
    if (POSITIVE_UNITS.has(unit) && !(value > 0))
      out.push({ path: 'value', code: 'NOT_POSITIVE', message: '标准或金额须大于 0' });
    if (unit !== 'RATIO' && !POSITIVE_UNITS.has(unit) && value < 0)
      out.push({ path: 'value', code: 'NEGATIVE', message: '取值不能为负数' });
    const range = PLAUSIBLE_RANGES[parameterId];
    if (range && (value < range.min || value > range.max))
      out.push({
        path: 'value',
        code: 'OUT_OF_RANGE',
        message: `取值 ${value} 超出合理范围 ${range.min}～${range.max}，请核对`,
      });
  }
  if (parameterId === P.MINIMUM_LIVING_PAYMENT_TIERS && Array.isArray(value)) out.push(...tierFindings(value));
  if (parameterId === P.ASSISTANCE_ENTITLEMENT_MATRIX && Array.isArray(value)) out.push(...matrixFindings(value));
  if (parameterId === P.ASSISTANCE_EMERGENCY_REFERRAL_ROUTES && Array.isArray(value)) out.push(...routeFindings(value));
  return out;
}

function shapeFinding(unit: ParameterUnit, value: ParameterValue): ProposalFinding | undefined {
  const bad = (what: string): ProposalFinding => ({ path: 'value', code: 'VALUE_SHAPE', message: `取值须为${what}` });
  if (unit === 'ENUM') return typeof value === 'string' && value !== '' ? undefined : bad('非空文本');
  if (unit === 'LIST')
    return Array.isArray(value) && value.every((x) => typeof x === 'string') ? undefined : bad('文本列表');
  if (unit === 'TABLE')
    return Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'object' && x !== null)
      ? undefined
      : bad('非空表格');
  return typeof value === 'number' && Number.isFinite(value) ? undefined : bad('数值');
}

/**
 * The tier table (rule: the first row whose minGapShare the household's gap share reaches
 * gives payShare): every share a number in 0–1, minGapShare strictly decreasing and the last
 * row starting at 0, so every gap share from 0 to 1 falls in exactly one tier.
 */
function tierFindings(rows: readonly unknown[]): ProposalFinding[] {
  const out: ProposalFinding[] = [];
  let previous = Infinity;
  rows.forEach((row, i) => {
    const r = row as Record<string, unknown>;
    for (const key of ['minGapShare', 'payShare'] as const) {
      const v = r[key];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1))
        out.push({ path: `value.${i}.${key}`, code: 'TIER_SHARE', message: '分档比例须为 0 至 1 之间的数' });
    }
    const min = r.minGapShare;
    if (typeof min === 'number') {
      if (!(min < previous))
        out.push({ path: `value.${i}.minGapShare`, code: 'TIER_ORDER', message: '分档起点须从高到低排列且不重复' });
      previous = min;
    }
  });
  const last = rows[rows.length - 1] as Record<string, unknown> | undefined;
  if (out.length === 0 && (last === undefined || last.minGapShare !== 0))
    out.push({
      path: `value.${rows.length - 1}.minGapShare`,
      code: 'TIER_COVERAGE',
      message: '分档须覆盖 0 至 1 的全部差额比例：最后一档的起点须为 0',
    });
  return out;
}

/**
 * The entitlement matrix: every row a valid EntitlementRule (codes from the code tables, a
 * time limit in working days), and no category × area × situation × entitlement twice, so
 * a person is never referred twice for the same thing by one version.
 */
function matrixFindings(rows: readonly unknown[]): ProposalFinding[] {
  const out: ProposalFinding[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const parsed = EntitlementRule.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        out.push({ path: ['value', i, ...issue.path].join('.'), code: 'MATRIX_ROW', message: issue.message });
      return;
    }
    const r = parsed.data;
    const key = `${r.category}|${r.area}|${r.situation}|${r.entitlement}`;
    if (seen.has(key))
      out.push({ path: `value.${i}`, code: 'MATRIX_DUPLICATE', message: '同一类别、城乡、成员情形的事项重复' });
    seen.add(key);
  });
  return out;
}

/** The emergency referral routes: every row valid, each target once (a case is referred to one department per target). */
function routeFindings(rows: readonly unknown[]): ProposalFinding[] {
  const out: ProposalFinding[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const parsed = EmergencyReferralRoute.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        out.push({ path: ['value', i, ...issue.path].join('.'), code: 'ROUTE_ROW', message: issue.message });
      return;
    }
    if (seen.has(parsed.data.target))
      out.push({ path: `value.${i}`, code: 'ROUTE_DUPLICATE', message: '同一转介去向重复' });
    seen.add(parsed.data.target);
  });
  return out;
}
