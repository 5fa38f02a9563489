// The drill parameter set (SAFETYNET_DRILL, embedded demo only): every limit counted in
// natural days or months, shortened to minutes so a person can follow publicity, objection,
// recheck and phase-out live. Layered over the shipped set as county versions (a county
// overrides the city), so decisions cite them like any other version. Minutes are written
// as fractions of a natural day: the time-limit code counts natural days as 24-hour periods.
import { ANYANG_COUNTY_CODES } from '../../core/contracts/household-facts';
import { DEFAULT_PARAMETERS } from './data';
import { P } from '../../core/parameter-ids';
import { cite, citationsZh } from '../sources';
import { ParameterStore } from './store';
import type { ParameterVersion } from './types';

const DRILL_CITATIONS = [cite.drill()];
/** How a drill version's source reads (the registry's DRILL_MODE entry). */
export const DRILL_SOURCE = citationsZh(DRILL_CITATIONS);

/** Each natural-day or month limit and its drill length in minutes (one month or one day becomes about a minute). */
export const DRILL_MINUTES: Readonly<Record<string, number>> = {
  [P.TL_PUBLICITY]: 3, // 7 days
  [P.TL_SUPPLEMENT]: 15, // 15 days
  [P.TL_DEATH_PROCESSING]: 3, // 3 months
  [P.RECHECK_MINIMUM_LIVING_UNSTABLE]: 6, // 6 months
  [P.RECHECK_MINIMUM_LIVING_STABLE]: 12, // 12 months
  [P.RECHECK_DESTITUTE]: 12,
  [P.RECHECK_NEAR_MINIMUM]: 12,
  [P.RIGID_EXPENSE_VALIDITY]: 12,
  [P.PHASE_OUT_MAX_MONTHS]: 6, // at most 6 months
};

/**
 * Natural-day and month parameters that are not waits, so the drill keeps them: the months
 * of income an evaluation averages and the months of the standard assets are compared with.
 * A new natural-day or month parameter must be listed here or in DRILL_MINUTES (a test checks).
 */
export const NOT_A_WAIT: Readonly<Record<string, string>> = {
  [P.INCOME_WINDOW_MONTHS]: '收入计算期（申请前 12 个月）',
  [P.RIGID_EXPENSE_WINDOW_MONTHS]: '刚性支出计算期',
  [P.MINIMUM_LIVING_FINANCIAL_ASSET_MONTHS]: '金融资产限额（标准的月数）',
  [P.NEAR_MINIMUM_FINANCIAL_ASSET_MONTHS]: '金融资产限额（标准的月数）',
  [P.CREDIT_RECORD_VALIDITY_MONTHS]: '信用记录有效期（记录上的到期日，不是等待）',
  [P.CORRECTION_TIMELY_MONTHS]: '容错纠错的及时期限（开立追缴时比较的月数）',
  [P.APPEAL_RECONSIDERATION_DAYS]: '申请行政复议的法定期限（告知书所载）',
  [P.APPEAL_LITIGATION_MONTHS]: '提起行政诉讼的法定期限（告知书所载）',
  // The round runs daily and compares visit dates: a drill would have to age the visits, not shorten a timer.
  [P.MONITORING_OUTREACH_INTERVAL_DAYS]: '重点家庭走访间隔（比较走访日期，不是等待）',
  [P.MONITORING_OUTREACH_EMERGENCY_WINDOW_DAYS]: '急难事项后列为重点走访家庭的期间（回溯期）',
};

const MINUTES_PER_DAY = 1440;

/**
 * The drill versions, one per county and limit, in force from 2020 on. `scale` multiplies the
 * minutes (a test runs the same set at a fraction of them so its real-time wait stays short).
 */
export function drillParameterVersions(
  opts: { scale?: number; counties?: readonly string[] } = {},
): ParameterVersion[] {
  const scale = opts.scale ?? 1;
  const out: ParameterVersion[] = [];
  for (const county of opts.counties ?? ANYANG_COUNTY_CODES) {
    for (const [id, minutes] of Object.entries(DRILL_MINUTES)) {
      out.push({
        id,
        version: 'drill',
        validFrom: '2020-01-01',
        division: county,
        value: (minutes * scale) / MINUTES_PER_DAY,
        unit: 'NATURAL_DAYS',
        citations: DRILL_CITATIONS,
        placeholder: true,
        note: `演练：约 ${Math.round(minutes * scale * 10) / 10} 分钟`,
      });
    }
  }
  return out;
}

/** The shipped set with the drill layered over it. */
export function drillParameterStore(opts: { scale?: number } = {}): ParameterStore {
  return new ParameterStore([...DEFAULT_PARAMETERS, ...drillParameterVersions(opts)]);
}
