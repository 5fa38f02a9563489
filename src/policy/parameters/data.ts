// The shipped parameter set: the ONLY place where policy numbers are written down.
// Each record carries its legal source; figures not taken from a public Anyang source are
// `placeholder: true` and must be replaced by the municipal civil affairs bureau through
// the parameter admin (the store accepts any array, so the database can supply them).
//
// Source abbreviations (domain.md): N1 = 最低生活保障审核确认办法 (民发〔2021〕57号);
// N2 = 特困人员认定办法 (民发〔2021〕43号); N3 = 刚性支出困难家庭认定办法 (2025);
// N7 = 关于进一步加强和改进临时救助工作的意见 (2018); seed = 安政办〔2024〕1号.
import { ANYANG_CITY_CODE, ANYANG_COUNTY_CODES } from '../../contracts/household-facts';
import { P } from './ids';
import type { ParameterUnit, ParameterValue, ParameterVersion } from './types';

const CITY = ANYANG_CITY_CODE;
const SINCE = '2021-07-01'; // N1 and N2 took effect on 2021-07-01 (N1 Art.42, N2 Art.29)
/** The 12-month income window of the first applications under N1 starts a year earlier: the urban standard of those wage months is read for the employment cost (同期). */
const WINDOW_SINCE = '2020-07-01';
const PLACEHOLDER_NOTE = 'Henan 2023 provincial minimum used as placeholder (also for dates before 2023): Anyang value not found in public sources';

function rec(
  id: string,
  value: ParameterValue,
  unit: ParameterUnit,
  source: string,
  extra: Partial<ParameterVersion> = {},
): ParameterVersion {
  return { id, version: '2021', validFrom: SINCE, division: CITY, value, unit, source, ...extra };
}

/** Time limits of domain.md §4 / processes.md; '(local)' ones are county parameters with a default. */
const timeLimits: ParameterVersion[] = [
  rec(P.TL_ACCEPTANCE, 5, 'WORKING_DAYS', 'processes.md §1 SUBMITTED (local default; N1 Art.10 sets no figure)', { placeholder: true, note: 'local default' }),
  rec(P.TL_SUPPLEMENT, 15, 'NATURAL_DAYS', 'processes.md §1 AWAITING_SUPPLEMENT (local default)', { placeholder: true, note: 'local default' }),
  rec(P.TL_INVESTIGATION_START, 3, 'WORKING_DAYS', 'N1 Art.15'),
  // The home visit counted from the investigation's start (N1 Art.15 sets only the 3-working-day start).
  rec(P.TL_HOME_VISIT, 10, 'WORKING_DAYS', 'processes.md §1 INVESTIGATION (local default; N1 Art.15 sets no figure for the home visit)', { placeholder: true, note: 'local default' }),
  rec(P.TL_CROSS_CHECK_START, 3, 'WORKING_DAYS', 'N1 Art.17'),
  rec(P.TL_REVIEW, 5, 'WORKING_DAYS', 'processes.md §1 REVIEW (local default)', { placeholder: true, note: 'local default' }),
  rec(P.TL_PUBLICITY, 7, 'NATURAL_DAYS', 'N1 Art.19; N2 Art.15'),
  rec(P.TL_OBJECTION_HANDLING, 5, 'WORKING_DAYS', 'processes.md §1 OBJECTION_HANDLING (local default)', { placeholder: true, note: 'local default' }),
  rec(P.TL_APPRAISAL, 10, 'WORKING_DAYS', 'processes.md §1 APPRAISAL (local default)', { placeholder: true, note: 'local default' }),
  rec(P.TL_CONFIRMATION, 10, 'WORKING_DAYS', 'N1 Art.20'),
  rec(P.TL_DESTITUTE_INVESTIGATION, 15, 'WORKING_DAYS', 'N2 Art.13'),
  rec(P.TL_DESTITUTE_CONFIRMATION, 15, 'WORKING_DAYS', 'N2 Art.16'),
  rec(P.TL_WHOLE_PROCESS, 30, 'WORKING_DAYS', 'N1 Art.22'),
  rec(P.TL_WHOLE_PROCESS_DELEGATED, 20, 'WORKING_DAYS', 'domain.md §4.1 (delegated confirmation)'),
  rec(P.TL_WHOLE_PROCESS_EXTENDED, 45, 'WORKING_DAYS', 'N1 Art.22'),
  rec(P.TL_RIGID_EXPENSE_DECISION, 30, 'WORKING_DAYS', 'N3; domain.md §2.5'),
  rec(P.TL_RIGID_EXPENSE_DECISION_EXTENDED, 45, 'WORKING_DAYS', 'N3; domain.md §2.5'),
  rec(P.TL_REFUSAL_NOTICE, 3, 'WORKING_DAYS', 'N1 Art.21; N2 Art.18'),
  rec(P.TL_REMINDER_SHARE, 0.8, 'RATIO', 'processes.md §1 SLA behaviour (local default)', { placeholder: true, note: 'local default' }),
  rec(P.TL_DEATH_PROCESSING, 3, 'MONTHS', 'domain.md §4.2; processes.md §2'),
  rec(P.TL_EMERGENCY_EXPLANATION, 10, 'WORKING_DAYS', 'processes.md §3 EXPLANATION_DUE (local default); seed 二(四)7', { placeholder: true, note: 'local default' }),
  rec(P.TL_EMERGENCY_PAPERWORK, 20, 'WORKING_DAYS', 'processes.md §3 PAPERWORK_DUE (local default); N7', { placeholder: true, note: 'local default' }),
  rec(P.DESTITUTE_SPOT_CHECK_SHARE, 0.3, 'RATIO', 'N2 Art.16'),
  // Rechecks (复核): the township re-investigates, the county decides. N1 Art.31 and N2 Art.19 set the
  // rhythm of rechecks but no step limits; the defaults follow each category's first determination.
  rec(P.TL_RECHECK_INVESTIGATION_MINIMUM_LIVING, 10, 'WORKING_DAYS', 'N1 Art.31 (定期核查；步骤时限由县级确定) — local default', { placeholder: true, note: 'local default' }),
  rec(P.TL_RECHECK_INVESTIGATION_DESTITUTE, 15, 'WORKING_DAYS', 'N2 Art.19 (特困人员定期核查); N2 Art.13 (调查核实 15 个工作日) — local default', { placeholder: true, note: 'local default' }),
  rec(P.TL_RECHECK_INVESTIGATION_NEAR_MINIMUM, 10, 'WORKING_DAYS', '安政办〔2024〕1号 二(二)4 (年度复核) — local default', { placeholder: true, note: 'local default' }),
  rec(P.TL_RECHECK_INVESTIGATION_RIGID_EXPENSE, 10, 'WORKING_DAYS', 'N3 (有效期内复核) — local default', { placeholder: true, note: 'local default' }),
  rec(P.TL_RECHECK_DECISION_MINIMUM_LIVING, 10, 'WORKING_DAYS', 'N1 Art.31; N1 Art.20 (审核确认 10 个工作日) — local default', { placeholder: true, note: 'local default' }),
  rec(P.TL_RECHECK_DECISION_DESTITUTE, 15, 'WORKING_DAYS', 'N2 Art.19; N2 Art.16 (确认 15 个工作日) — local default', { placeholder: true, note: 'local default' }),
  rec(P.TL_RECHECK_DECISION_NEAR_MINIMUM, 10, 'WORKING_DAYS', '安政办〔2024〕1号 二(二)4 — local default', { placeholder: true, note: 'local default' }),
  rec(P.TL_RECHECK_DECISION_RIGID_EXPENSE, 10, 'WORKING_DAYS', 'N3 — local default', { placeholder: true, note: 'local default' }),
];

const rechecks: ParameterVersion[] = [
  rec(P.RECHECK_MINIMUM_LIVING_STABLE, 12, 'MONTHS', 'N1 Art.31'),
  rec(P.RECHECK_MINIMUM_LIVING_UNSTABLE, 6, 'MONTHS', 'N1 Art.31'),
  rec(P.RECHECK_DESTITUTE, 12, 'MONTHS', 'processes.md §2'),
  rec(P.RECHECK_NEAR_MINIMUM, 12, 'MONTHS', 'seed 二(二)4 (年度复核)'),
  rec(P.RIGID_EXPENSE_VALIDITY, 12, 'MONTHS', 'N3; domain.md §2.5'),
];

/**
 * 低保 standard and payment floor: Henan 2023 minimums (urban 630 / rural 440, floors
 * 315 / 220), then an illustrative 2024-07-01 raise so that boundary tests on a change
 * date mean something. BOTH are placeholders for Anyang's published standards.
 */
const standards: ParameterVersion[] = [
  { id: P.MINIMUM_LIVING_STANDARD, version: '2023', validFrom: WINDOW_SINCE, validTo: '2024-07-01', division: CITY, area: 'URBAN', value: 630, unit: 'YUAN_PER_PERSON_MONTH', source: 'Henan 2023 minimum standard (domain.md §3); N1 Art.23', placeholder: true, note: PLACEHOLDER_NOTE },
  { id: P.MINIMUM_LIVING_STANDARD, version: '2023', validFrom: WINDOW_SINCE, validTo: '2024-07-01', division: CITY, area: 'RURAL', value: 440, unit: 'YUAN_PER_PERSON_MONTH', source: 'Henan 2023 minimum standard (domain.md §3); N1 Art.23', placeholder: true, note: PLACEHOLDER_NOTE },
  { id: P.MINIMUM_LIVING_STANDARD, version: '2024-07', validFrom: '2024-07-01', division: CITY, area: 'URBAN', value: 660, unit: 'YUAN_PER_PERSON_MONTH', source: 'illustrative 2024 adjustment (placeholder)', placeholder: true, note: 'invented raise to exercise effective dating; replace with the Anyang standard' },
  { id: P.MINIMUM_LIVING_STANDARD, version: '2024-07', validFrom: '2024-07-01', division: CITY, area: 'RURAL', value: 470, unit: 'YUAN_PER_PERSON_MONTH', source: 'illustrative 2024 adjustment (placeholder)', placeholder: true, note: 'invented raise to exercise effective dating; replace with the Anyang standard' },
  { id: P.MINIMUM_LIVING_PAYMENT_FLOOR, version: '2023', validFrom: SINCE, validTo: '2024-07-01', division: CITY, area: 'URBAN', value: 315, unit: 'YUAN_PER_PERSON_MONTH', source: 'Henan 2023 minimum payment (domain.md §3)', placeholder: true, note: PLACEHOLDER_NOTE },
  { id: P.MINIMUM_LIVING_PAYMENT_FLOOR, version: '2023', validFrom: SINCE, validTo: '2024-07-01', division: CITY, area: 'RURAL', value: 220, unit: 'YUAN_PER_PERSON_MONTH', source: 'Henan 2023 minimum payment (domain.md §3)', placeholder: true, note: PLACEHOLDER_NOTE },
  { id: P.MINIMUM_LIVING_PAYMENT_FLOOR, version: '2024-07', validFrom: '2024-07-01', division: CITY, area: 'URBAN', value: 330, unit: 'YUAN_PER_PERSON_MONTH', source: 'illustrative 2024 adjustment (placeholder)', placeholder: true, note: 'invented; replace with the Anyang floor' },
  { id: P.MINIMUM_LIVING_PAYMENT_FLOOR, version: '2024-07', validFrom: '2024-07-01', division: CITY, area: 'RURAL', value: 235, unit: 'YUAN_PER_PERSON_MONTH', source: 'illustrative 2024 adjustment (placeholder)', placeholder: true, note: 'invented; replace with the Anyang floor' },
  { id: P.MINIMUM_LIVING_PAYMENT_METHOD, version: '2023', validFrom: SINCE, division: CITY, value: 'GAP', unit: 'ENUM', source: 'N1 Art.23 (gap or tiers, county chooses)', placeholder: true, note: 'GAP assumed for every county until the county chooses' },
  {
    id: P.MINIMUM_LIVING_PAYMENT_TIERS, version: '2023', validFrom: SINCE, division: CITY, unit: 'TABLE',
    // Tiers by the per-capita gap as a share of the standard: the first row whose
    // minGapShare the household's gap reaches gives the payment as a share of the standard.
    value: [
      { minGapShare: 0.8, payShare: 1 },
      { minGapShare: 0.5, payShare: 0.7 },
      { minGapShare: 0, payShare: 0.5 },
    ],
    source: 'N1 Art.23 (分档)', placeholder: true, note: 'illustrative tier table; no Anyang table found',
  },
];

const multipliers: ParameterVersion[] = [
  rec(P.DESTITUTE_SUPPORT_MULTIPLIER, 1.3, 'RATIO', 'Henan: 特困 basic support ≥ 1.3 × 低保 standard (domain.md §2.2)'),
  rec(P.NEAR_MINIMUM_INCOME_MULTIPLIER, 1.5, 'RATIO', 'seed 二(一)4; N1 Art.8'),
  rec(P.RIGID_EXPENSE_RATIO, 0.5, 'RATIO', 'seed 二(二)5'),
  rec(P.RIGID_EXPENSE_WINDOW_MONTHS, 12, 'MONTHS', 'seed 二(二)5'),
  rec(P.RIGID_EXPENSE_TYPES, ['MEDICAL', 'EDUCATION', 'BASIC_LIVING', 'DISABILITY_REHAB'], 'LIST', 'seed 二(二)5 (医疗、教育等); N3 (basic living, disability rehabilitation)'),
  rec(P.INCOME_WINDOW_MONTHS, 12, 'MONTHS', '豫民〔2021〕5号 (12 months before application)'),
  rec(P.INCOME_EXEMPT_TYPES, ['SPECIAL_CARE_PENSION', 'AWARD', 'SCHOLARSHIP', 'GOV_ASSISTANCE'], 'LIST', 'N1 Art.13 (不计入家庭收入)'),
  rec(P.DESTITUTE_INCOME_EXEMPT_TYPES, ['PENSION_BASIC', 'SPECIAL_CARE_PENSION', 'AWARD', 'SCHOLARSHIP', 'GOV_ASSISTANCE'], 'LIST', 'N2 Art.6 (基础养老金、优待抚恤金 不计入)'),
  rec(P.SINGLE_PERSON_EXEMPT_TYPES, ['SIBLING_SUPPORT', 'ELDERLY_SUPPORT'], 'LIST', 'seed 二(二)1 (供养费用可予以豁免)'),
  rec(P.EMPLOYMENT_COST_SHARE, 0.3, 'RATIO', 'seed 二(四)5 (务工地同期城市低保标准的 30%); N1 Art.13'),
  rec(P.PHASE_OUT_MAX_MONTHS, 6, 'MONTHS', 'seed 二(四)5 (不超过 6 个月的渐退期); N1 Art.33'),
  rec(P.WORK_REFUSAL_LIMIT, 3, 'COUNT', 'seed 二(四)5; N1 (无正当理由三次拒绝就业的，减发或停发其本人保障金)'),
  rec(P.ADULT_AGE, 18, 'YEARS', 'seed 二(二)1 (成年)'),
  rec(P.ELDERLY_AGE, 60, 'YEARS', 'N2 Art.5(一); seed 二(二)1 (60 周岁及以上)'),
  rec(P.DESTITUTE_MINOR_AGE, 16, 'YEARS', 'N2 Art.5(二)'),
  rec(P.DESTITUTE_MINOR_COVERAGE_AGE, 18, 'YEARS', 'N2 Art.5 (特困人员中的未成年人，可继续享受救助供养待遇至 18 周岁；年满 18 周岁仍在接受义务教育或者在普通高中、中等职业学校就读的，可继续享受)'),
  rec(
    P.DESTITUTE_DISABILITY_NO_CAPACITY,
    [
      { type: 'INTELLECTUAL', maxGrade: 3 },
      { type: 'MENTAL', maxGrade: 3 },
      { type: 'PHYSICAL', maxGrade: 2 },
      { type: 'VISUAL', maxGrade: 1 },
    ],
    'TABLE',
    'N2 Art.5(三)',
  ),
  rec(P.SEVERE_DISABILITY_MAX_GRADE, 2, 'COUNT', 'N1 Art.8(一) (一级、二级重度残疾人; 三级智力、精神 also)'),
  rec(P.MINIMUM_LIVING_FINANCIAL_ASSET_MONTHS, 24, 'MONTHS', 'N1 Art.14 (local limit)', { placeholder: true, note: 'no Anyang figure found: per-capita financial assets below 24 months of the standard assumed' }),
  rec(P.NEAR_MINIMUM_FINANCIAL_ASSET_MONTHS, 36, 'MONTHS', '豫民〔2022〕4号 (per-capita financial assets < 3 × annual standard)'),
  rec(P.ASSET_MAX_HOMES, 1, 'COUNT', '豫民〔2022〕4号'),
  rec(P.ASSET_MAX_HOMES_SMALL_AREA, 2, 'COUNT', '豫民〔2022〕4号 (two if per-capita floor area ≤ last year local figure)'),
  rec(P.ASSET_ALLOWED_VEHICLE_KINDS, ['LIVELIHOOD_SMALL_VEHICLE', 'ORDINARY_MOTORCYCLE', 'DISABILITY_VEHICLE'], 'LIST', '豫民〔2022〕4号'),
  rec(P.ASSET_ENTERPRISE_CAPITAL_LIMIT, 200000, 'YUAN', '豫民〔2022〕4号 (subscribed capital < 200000)'),
];

/**
 * Previous-year statistics per county and year: in force during year Y with the figure of
 * year Y-1 (seed 二(二)5 "上年度"). All placeholders (Anyang statistical bulletins to be
 * entered): [county, urban disposable income, rural disposable income] for Y-1 = 2022, 2023.
 */
const disposableIncome: Record<string, readonly [number, number, number, number]> = {
  // county: [urban 2022, rural 2022, urban 2023, rural 2023] (yuan / person / year)
  '410502': [38500, 18600, 40000, 19700],
  '410503': [38300, 18500, 39800, 19600],
  '410505': [36900, 18200, 38300, 19300],
  '410506': [36500, 18100, 37900, 19200],
  '410522': [33800, 17900, 35100, 19000],
  '410523': [34200, 18300, 35500, 19400],
  '410526': [31900, 16200, 33100, 17200],
  '410527': [31500, 16000, 32700, 17000],
  '410581': [37400, 19600, 38800, 20800],
};
const statistics: ParameterVersion[] = [];
for (const county of ANYANG_COUNTY_CODES) {
  const [u22, r22, u23, r23] = disposableIncome[county];
  const base = { id: P.PREVIOUS_YEAR_DISPOSABLE_INCOME, division: county, unit: 'YUAN_PER_PERSON_YEAR' as const, placeholder: true, note: 'illustrative figure; enter the county statistical bulletin value' };
  statistics.push(
    { ...base, version: '2022-figure', figureYear: 2022, validFrom: SINCE, validTo: '2024-01-01', area: 'URBAN', value: u22, source: 'seed 二(二)5 (上年度当地居民人均可支配收入), 2022 figure' },
    { ...base, version: '2022-figure', figureYear: 2022, validFrom: SINCE, validTo: '2024-01-01', area: 'RURAL', value: r22, source: 'seed 二(二)5 (上年度当地居民人均可支配收入), 2022 figure' },
    { ...base, version: '2023-figure', figureYear: 2023, validFrom: '2024-01-01', area: 'URBAN', value: u23, source: 'seed 二(二)5 (上年度当地居民人均可支配收入), 2023 figure', note: 'illustrative; stays in force (marked stale) until the next year\'s figure is entered' },
    { ...base, version: '2023-figure', figureYear: 2023, validFrom: '2024-01-01', area: 'RURAL', value: r23, source: 'seed 二(二)5 (上年度当地居民人均可支配收入), 2023 figure', note: 'illustrative; stays in force (marked stale) until the next year\'s figure is entered' },
  );
}
statistics.push(
  { id: P.PREVIOUS_YEAR_HOUSING_FLOOR_AREA, version: '2023', figureYear: 2022, validFrom: SINCE, division: CITY, area: 'URBAN', value: 35, unit: 'SQUARE_METRES_PER_PERSON', source: '豫民〔2022〕4号 (上年度当地人均住房面积)', placeholder: true, note: 'illustrative; enter the local statistic' },
  { id: P.PREVIOUS_YEAR_HOUSING_FLOOR_AREA, version: '2023', figureYear: 2022, validFrom: SINCE, division: CITY, area: 'RURAL', value: 45, unit: 'SQUARE_METRES_PER_PERSON', source: '豫民〔2022〕4号 (上年度当地人均住房面积)', placeholder: true, note: 'illustrative; enter the local statistic' },
);

/**
 * Emergency aid and 一事一议. Approval limits are county parameters (N7: the county
 * sets the township's small-amount approval limit); no Anyang figures were found, so all are
 * placeholders. Quorum and majority are "more than the share" (过半数) rules.
 */
const emergencyAndDeliberation: ParameterVersion[] = [
  rec(P.EMERGENCY_TOWNSHIP_APPROVAL_LIMIT, 2000, 'YUAN', 'seed 二(四)7 (小金额先行救助); N7 (乡镇审批额度由县级民政部门确定)', { placeholder: true, note: 'no Anyang figure found; per-county override expected' }),
  rec(P.EMERGENCY_COUNTY_APPROVAL_LIMIT, 30000, 'YUAN', 'seed 二(四)7 (超出县级审批额度的通过“一事一议”); N7', { placeholder: true, note: 'no Anyang figure found; per-county override expected' }),
  rec(P.TL_EMERGENCY_EXPENSE_STEP, 5, 'WORKING_DAYS', 'processes.md §3 AID_FIRST / EXPENSE_TYPE: each emergency step (local default); N7', { placeholder: true, note: 'local default' }),
  rec(P.DELIBERATION_QUORUM_SHARE, 0.5, 'RATIO', 'seed 二(三)4 (一事一议 集体研究): more than this share of members must give an opinion (local rule)', { placeholder: true, note: 'local rule of the county coordination mechanism' }),
  rec(P.DELIBERATION_MAJORITY_SHARE, 0.5, 'RATIO', 'seed 二(三)4: approvals must exceed this share of approve + reject opinions (过半数; local rule)', { placeholder: true, note: 'local rule of the county coordination mechanism' }),
  rec(P.TL_DELIBERATION, 10, 'WORKING_DAYS', 'processes.md §4 OPINIONS deadline (local default)', { placeholder: true, note: 'local default' }),
  rec(P.TL_DELIBERATION_EXTENSION, 5, 'WORKING_DAYS', 'processes.md §4 extend once (local default)', { placeholder: true, note: 'local default' }),
  rec(P.TL_ESCALATION_RESPONSE, 3, 'WORKING_DAYS', 'seed 三(三) supervision: escalation answered by the county supervisor (local default)', { placeholder: true, note: 'local default; SLA of the escalation board' }),
];

export const DEFAULT_PARAMETERS: readonly ParameterVersion[] = [
  ...standards,
  ...multipliers,
  ...statistics,
  ...rechecks,
  ...timeLimits,
  ...emergencyAndDeliberation,
];
