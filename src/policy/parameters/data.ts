// The shipped parameter set: the ONLY place where policy numbers are written down.
// Each record cites its legal sources by registry id and article (../sources.ts: the
// Anyang plan 安政办〔2024〕1号, the national and Henan texts, or the local default when no
// document sets the figure); figures not taken from a public Anyang source are
// `placeholder: true` and must be replaced by the municipal civil affairs bureau through
// the parameter admin (the store accepts any array, so the database can supply them).
import { ANYANG_CITY_CODE, ANYANG_COUNTY_CODES } from '../../core/contracts/household-facts';
import { cite as c, type Citation } from '../sources';
import { P } from '../../core/parameter-ids';
import { monitoringParameters } from './monitoring';
import { supervisionParameters } from './supervision';
import { fundsParameters } from './funds';
import { assistanceParameters } from './assistance';
import { auditParameters } from './audit';
import type { ParameterUnit, ParameterValue, ParameterVersion } from './types';

const CITY = ANYANG_CITY_CODE;
const SINCE = '2021-07-01'; // N1 and N2 took effect on 2021-07-01 (N1 Art.42, N2 Art.29)
/** The 12-month income window of the first applications under N1 starts a year earlier: the urban standard of those wage months is read for the employment cost (同期). */
const WINDOW_SINCE = '2020-07-01';
const PLACEHOLDER_NOTE =
  'Henan 2023 provincial minimum used as placeholder (also for dates before 2023): Anyang value not found in public sources';

function rec(
  id: string,
  value: ParameterValue,
  unit: ParameterUnit,
  citations: readonly Citation[],
  extra: Partial<ParameterVersion> = {},
): ParameterVersion {
  return { id, version: '2021', validFrom: SINCE, division: CITY, value, unit, citations, ...extra };
}

/** Time limits of domain.md §4 / processes.md; '(local)' ones are county parameters with a default. */
const timeLimits: ParameterVersion[] = [
  rec(P.TL_ACCEPTANCE, 5, 'WORKING_DAYS', [c.localDefault('受理时限'), c.minimumLiving('第十条', '未规定天数')], {
    placeholder: true,
    note: 'local default',
  }),
  rec(
    P.TL_SUPPLEMENT,
    15,
    'NATURAL_DAYS',
    [c.localDefault('补齐材料期限'), c.minimumLiving('第十条', '一次性告知补齐所有规定材料')],
    { placeholder: true, note: 'local default' },
  ),
  rec(P.TL_INVESTIGATION_START, 3, 'WORKING_DAYS', [c.minimumLiving('第十五条')]),
  rec(
    P.TL_HOME_VISIT,
    10,
    'WORKING_DAYS',
    [c.localDefault('入户调查时限（自启动调查起算）'), c.minimumLiving('第十五条', '入户调查')],
    { placeholder: true, note: 'local default' },
  ),
  rec(P.TL_CROSS_CHECK_START, 3, 'WORKING_DAYS', [c.minimumLiving('第十七条')]),
  rec(P.TL_REVIEW, 5, 'WORKING_DAYS', [c.localDefault('初审时限'), c.minimumLiving('第十九条', '提出初审意见')], {
    placeholder: true,
    note: 'local default',
  }),
  rec(P.TL_PUBLICITY, 7, 'NATURAL_DAYS', [c.minimumLiving('第十九条'), c.destitute('第十五条')]),
  rec(
    P.TL_OBJECTION_HANDLING,
    5,
    'WORKING_DAYS',
    [c.localDefault('公示异议处理时限'), c.minimumLiving('第十九条', '重新调查或民主评议')],
    { placeholder: true, note: 'local default' },
  ),
  rec(P.TL_APPRAISAL, 10, 'WORKING_DAYS', [c.localDefault('民主评议时限'), c.minimumLiving('第十九条', '民主评议')], {
    placeholder: true,
    note: 'local default',
  }),
  rec(P.TL_CONFIRMATION, 10, 'WORKING_DAYS', [c.minimumLiving('第二十条')]),
  rec(P.TL_DESTITUTE_INVESTIGATION, 15, 'WORKING_DAYS', [c.destitute('第十三条')]),
  rec(P.TL_DESTITUTE_CONFIRMATION, 15, 'WORKING_DAYS', [c.destitute('第十六条')]),
  rec(P.TL_WHOLE_PROCESS, 30, 'WORKING_DAYS', [c.minimumLiving('第二十二条')]),
  rec(P.TL_WHOLE_PROCESS_DELEGATED, 20, 'WORKING_DAYS', [
    c.minimumLiving('第二条', '审核确认权限下放至乡镇的'),
    c.localDefault('下放审核确认权限的全流程时限'),
  ]),
  rec(P.TL_WHOLE_PROCESS_EXTENDED, 45, 'WORKING_DAYS', [c.minimumLiving('第二十二条')]),
  // A county choice (was the DELEGATED_CONFIRMATION_COUNTIES variable): a county version TOWNSHIP delegates it.
  rec(P.CONFIRMATION_AUTHORITY, 'COUNTY', 'ENUM', [c.minimumLiving('第二条', '审核确认权限可下放至乡镇')], {
    placeholder: true,
    note: 'COUNTY for every county until a county delegates confirmation to its townships',
  }),
  rec(P.TL_RIGID_EXPENSE_DECISION, 30, 'WORKING_DAYS', [c.rigidExpense('第八条')]),
  rec(P.TL_RIGID_EXPENSE_DECISION_EXTENDED, 45, 'WORKING_DAYS', [c.rigidExpense('第八条')]),
  rec(P.TL_REFUSAL_NOTICE, 3, 'WORKING_DAYS', [c.minimumLiving('第二十一条'), c.destitute('第十八条')]),
  rec(P.TL_REMINDER_SHARE, 0.8, 'RATIO', [c.localDefault('到期前提醒的时点')], {
    placeholder: true,
    note: 'local default',
  }),
  rec(P.TL_DEATH_PROCESSING, 3, 'MONTHS', [
    c.safetyNet('动态管理：死亡报告 3 个月内处理'),
    c.plan('二(二)4', '动态管理'),
  ]),
  rec(
    P.TL_EMERGENCY_EXPLANATION,
    10,
    'WORKING_DAYS',
    [c.localDefault('先行救助后补充说明的时限'), c.plan('二(四)7', '先行救助')],
    { placeholder: true, note: 'local default' },
  ),
  rec(
    P.TL_EMERGENCY_PAPERWORK,
    20,
    'WORKING_DAYS',
    [c.localDefault('先行救助后补齐手续的时限'), c.temporary('先行救助后补齐手续')],
    { placeholder: true, note: 'local default' },
  ),
  rec(P.DESTITUTE_SPOT_CHECK_SHARE, 0.3, 'RATIO', [c.destitute('第十六条')]),
  // Rechecks (复核): the township re-investigates, the county decides. N1 Art.31 and N2 Art.19 set the
  // rhythm of rechecks but no step limits; the defaults follow each category's first determination.
  rec(
    P.TL_RECHECK_INVESTIGATION_MINIMUM_LIVING,
    10,
    'WORKING_DAYS',
    [c.minimumLiving('第三十一条', '定期核查'), c.localDefault('复核调查时限')],
    { placeholder: true, note: 'local default' },
  ),
  rec(
    P.TL_RECHECK_INVESTIGATION_DESTITUTE,
    15,
    'WORKING_DAYS',
    [
      c.destitute('第十九条', '特困人员定期核查'),
      c.destitute('第十三条', '调查核实 15 个工作日'),
      c.localDefault('复核调查时限'),
    ],
    { placeholder: true, note: 'local default' },
  ),
  rec(
    P.TL_RECHECK_INVESTIGATION_NEAR_MINIMUM,
    10,
    'WORKING_DAYS',
    [c.plan('二(二)4', '年度复核'), c.localDefault('复核调查时限')],
    { placeholder: true, note: 'local default' },
  ),
  rec(
    P.TL_RECHECK_INVESTIGATION_RIGID_EXPENSE,
    10,
    'WORKING_DAYS',
    [c.rigidExpense('第十条', '有效期内复核'), c.localDefault('复核调查时限')],
    { placeholder: true, note: 'local default' },
  ),
  rec(
    P.TL_RECHECK_DECISION_MINIMUM_LIVING,
    10,
    'WORKING_DAYS',
    [
      c.minimumLiving('第三十一条'),
      c.minimumLiving('第二十条', '审核确认 10 个工作日'),
      c.localDefault('复核决定时限'),
    ],
    { placeholder: true, note: 'local default' },
  ),
  rec(
    P.TL_RECHECK_DECISION_DESTITUTE,
    15,
    'WORKING_DAYS',
    [c.destitute('第十九条'), c.destitute('第十六条', '确认 15 个工作日'), c.localDefault('复核决定时限')],
    { placeholder: true, note: 'local default' },
  ),
  rec(P.TL_RECHECK_DECISION_NEAR_MINIMUM, 10, 'WORKING_DAYS', [c.plan('二(二)4'), c.localDefault('复核决定时限')], {
    placeholder: true,
    note: 'local default',
  }),
  rec(
    P.TL_RECHECK_DECISION_RIGID_EXPENSE,
    10,
    'WORKING_DAYS',
    [c.rigidExpense('第十条'), c.localDefault('复核决定时限')],
    { placeholder: true, note: 'local default' },
  ),
];

const rechecks: ParameterVersion[] = [
  rec(P.RECHECK_MINIMUM_LIVING_STABLE, 12, 'MONTHS', [c.minimumLiving('第三十一条')]),
  rec(P.RECHECK_MINIMUM_LIVING_UNSTABLE, 6, 'MONTHS', [c.minimumLiving('第三十一条')]),
  rec(P.RECHECK_DESTITUTE, 12, 'MONTHS', [c.destitute('第十九条', '特困人员定期核查')]),
  rec(P.RECHECK_NEAR_MINIMUM, 12, 'MONTHS', [c.plan('二(二)4', '年度复核')]),
  rec(P.RIGID_EXPENSE_VALIDITY, 12, 'MONTHS', [c.rigidExpense('第八条')]),
  // Long enough for the renewal recheck's own limits (investigation 10 + decision 10 working days) to end before expiry.
  rec(
    P.RIGID_EXPENSE_RENEWAL_LEAD,
    20,
    'WORKING_DAYS',
    [c.localDefault('有效期届满前复核提前量'), c.rigidExpense('第八条', '有效期届满前复核')],
    { placeholder: true, note: 'local default' },
  ),
];

/**
 * 低保 standard and payment floor: Henan 2023 minimums (urban 630 / rural 440, floors
 * 315 / 220), then an illustrative 2024-07-01 raise so that boundary tests on a change
 * date mean something. BOTH are placeholders for Anyang's published standards.
 */
const standards: ParameterVersion[] = [
  {
    id: P.MINIMUM_LIVING_STANDARD,
    version: '2023',
    validFrom: WINDOW_SINCE,
    validTo: '2024-07-01',
    division: CITY,
    area: 'URBAN',
    value: 630,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.henanStandards(), c.minimumLiving('第二十三条')],
    placeholder: true,
    note: PLACEHOLDER_NOTE,
  },
  {
    id: P.MINIMUM_LIVING_STANDARD,
    version: '2023',
    validFrom: WINDOW_SINCE,
    validTo: '2024-07-01',
    division: CITY,
    area: 'RURAL',
    value: 440,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.henanStandards(), c.minimumLiving('第二十三条')],
    placeholder: true,
    note: PLACEHOLDER_NOTE,
  },
  {
    id: P.MINIMUM_LIVING_STANDARD,
    version: '2024-07',
    validFrom: '2024-07-01',
    division: CITY,
    area: 'URBAN',
    value: 660,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.illustrative('2024 年调标示例')],
    placeholder: true,
    note: 'invented raise to exercise effective dating; replace with the Anyang standard',
  },
  {
    id: P.MINIMUM_LIVING_STANDARD,
    version: '2024-07',
    validFrom: '2024-07-01',
    division: CITY,
    area: 'RURAL',
    value: 470,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.illustrative('2024 年调标示例')],
    placeholder: true,
    note: 'invented raise to exercise effective dating; replace with the Anyang standard',
  },
  {
    id: P.MINIMUM_LIVING_PAYMENT_FLOOR,
    version: '2023',
    validFrom: SINCE,
    validTo: '2024-07-01',
    division: CITY,
    area: 'URBAN',
    value: 315,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.henanStandards('最低补差')],
    placeholder: true,
    note: PLACEHOLDER_NOTE,
  },
  {
    id: P.MINIMUM_LIVING_PAYMENT_FLOOR,
    version: '2023',
    validFrom: SINCE,
    validTo: '2024-07-01',
    division: CITY,
    area: 'RURAL',
    value: 220,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.henanStandards('最低补差')],
    placeholder: true,
    note: PLACEHOLDER_NOTE,
  },
  {
    id: P.MINIMUM_LIVING_PAYMENT_FLOOR,
    version: '2024-07',
    validFrom: '2024-07-01',
    division: CITY,
    area: 'URBAN',
    value: 330,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.illustrative('2024 年调标示例')],
    placeholder: true,
    note: 'invented; replace with the Anyang floor',
  },
  {
    id: P.MINIMUM_LIVING_PAYMENT_FLOOR,
    version: '2024-07',
    validFrom: '2024-07-01',
    division: CITY,
    area: 'RURAL',
    value: 235,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [c.illustrative('2024 年调标示例')],
    placeholder: true,
    note: 'invented; replace with the Anyang floor',
  },
  {
    id: P.MINIMUM_LIVING_PAYMENT_METHOD,
    version: '2023',
    validFrom: SINCE,
    division: CITY,
    value: 'GAP',
    unit: 'ENUM',
    citations: [c.minimumLiving('第二十三条', '按差额或分档，由县级选择')],
    placeholder: true,
    note: 'GAP assumed for every county until the county chooses',
  },
  {
    id: P.MINIMUM_LIVING_PAYMENT_TIERS,
    version: '2023',
    validFrom: SINCE,
    division: CITY,
    unit: 'TABLE',
    // Tiers by the per-capita gap as a share of the standard: the first row whose
    // minGapShare the household's gap reaches gives the payment as a share of the standard.
    value: [
      { minGapShare: 0.8, payShare: 1 },
      { minGapShare: 0.5, payShare: 0.7 },
      { minGapShare: 0, payShare: 0.5 },
    ],
    citations: [c.minimumLiving('第二十三条', '分档')],
    placeholder: true,
    note: 'illustrative tier table; no Anyang table found',
  },
];

const multipliers: ParameterVersion[] = [
  rec(P.DESTITUTE_SUPPORT_MULTIPLIER, 1.3, 'RATIO', [c.henanDestituteSupport('基本生活标准不低于低保标准的 1.3 倍')]),
  rec(P.NEAR_MINIMUM_INCOME_MULTIPLIER, 1.5, 'RATIO', [c.plan('二(一)4'), c.minimumLiving('第八条')]),
  rec(P.RIGID_EXPENSE_RATIO, 0.5, 'RATIO', [c.plan('二(二)5')]),
  rec(P.RIGID_EXPENSE_WINDOW_MONTHS, 12, 'MONTHS', [c.plan('二(二)5')]),
  rec(P.RIGID_EXPENSE_TYPES, ['MEDICAL', 'EDUCATION', 'BASIC_LIVING', 'DISABILITY_REHAB'], 'LIST', [
    c.plan('二(二)5', '医疗、教育等'),
    c.rigidExpense('第五条', '生活、残疾康复支出'),
  ]),
  rec(P.INCOME_WINDOW_MONTHS, 12, 'MONTHS', [c.henanIncome('申请前 12 个月')]),
  rec(P.INCOME_EXEMPT_TYPES, ['SPECIAL_CARE_PENSION', 'AWARD', 'SCHOLARSHIP', 'GOV_ASSISTANCE'], 'LIST', [
    c.minimumLiving('第十三条', '不计入家庭收入'),
  ]),
  rec(
    P.DESTITUTE_INCOME_EXEMPT_TYPES,
    ['PENSION_BASIC', 'SPECIAL_CARE_PENSION', 'AWARD', 'SCHOLARSHIP', 'GOV_ASSISTANCE'],
    'LIST',
    [c.destitute('第六条', '基础养老金、优待抚恤金不计入')],
  ),
  rec(P.SINGLE_PERSON_EXEMPT_TYPES, ['SIBLING_SUPPORT', 'ELDERLY_SUPPORT'], 'LIST', [
    c.plan('二(二)1', '供养费用可予以豁免'),
  ]),
  rec(P.EMPLOYMENT_COST_SHARE, 0.3, 'RATIO', [
    c.plan('二(四)5', '务工地同期城市低保标准的 30%'),
    c.minimumLiving('第十三条'),
  ]),
  rec(P.PHASE_OUT_MAX_MONTHS, 6, 'MONTHS', [c.plan('二(四)5', '不超过 6 个月的渐退期'), c.minimumLiving('第三十三条')]),
  rec(P.WORK_REFUSAL_LIMIT, 3, 'COUNT', [
    c.plan('二(四)5'),
    c.minimumLiving('第三十四条', '无正当理由连续 3 次拒绝介绍的工作的，减发或停发其本人保障金'),
  ]),
  rec(P.ADULT_AGE, 18, 'YEARS', [c.plan('二(二)1', '成年')]),
  rec(P.ELDERLY_AGE, 60, 'YEARS', [c.destitute('第五条（一）'), c.plan('二(二)1', '60 周岁及以上')]),
  rec(P.DESTITUTE_MINOR_AGE, 16, 'YEARS', [c.destitute('第五条（二）')]),
  rec(P.DESTITUTE_MINOR_COVERAGE_AGE, 18, 'YEARS', [
    c.destitute(
      '第五条',
      '特困人员中的未成年人，可继续享受救助供养待遇至 18 周岁；年满 18 周岁仍在接受义务教育或者在普通高中、中等职业学校就读的，可继续享受',
    ),
  ]),
  rec(
    P.DESTITUTE_DISABILITY_NO_CAPACITY,
    [
      { type: 'INTELLECTUAL', maxGrade: 3 },
      { type: 'MENTAL', maxGrade: 3 },
      { type: 'PHYSICAL', maxGrade: 2 },
      { type: 'VISUAL', maxGrade: 1 },
    ],
    'TABLE',
    [c.destitute('第五条（三）')],
  ),
  rec(P.SEVERE_DISABILITY_MAX_GRADE, 2, 'COUNT', [
    c.minimumLiving('第八条（一）', '一级、二级重度残疾人和三级智力、精神残疾人'),
  ]),
  rec(
    P.MINIMUM_LIVING_FINANCIAL_ASSET_MONTHS,
    24,
    'MONTHS',
    [c.minimumLiving('第十四条'), c.localDefault('金融资产限额')],
    {
      placeholder: true,
      note: 'no Anyang figure found: per-capita financial assets below 24 months of the standard assumed',
    },
  ),
  rec(P.NEAR_MINIMUM_FINANCIAL_ASSET_MONTHS, 36, 'MONTHS', [c.henanNearMinimum('人均金融资产低于年低保标准的 3 倍')]),
  rec(P.ASSET_MAX_HOMES, 1, 'COUNT', [c.henanNearMinimum()]),
  rec(P.ASSET_MAX_HOMES_SMALL_AREA, 2, 'COUNT', [
    c.henanNearMinimum('人均住房面积不超过上年度当地人均住房面积的，可有两套'),
  ]),
  rec(
    P.ASSET_ALLOWED_VEHICLE_KINDS,
    ['LIVELIHOOD_SMALL_VEHICLE', 'ORDINARY_MOTORCYCLE', 'DISABILITY_VEHICLE'],
    'LIST',
    [c.henanNearMinimum()],
  ),
  rec(P.ASSET_ENTERPRISE_CAPITAL_LIMIT, 200000, 'YUAN', [c.henanNearMinimum('认缴出资额低于 20 万元')]),
];

/**
 * Previous-year statistics per county and year: in force during year Y with the figure of
 * year Y-1 (安政办〔2024〕1号 二(二)5 "上年度"). All placeholders (Anyang statistical bulletins to be
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
const INCOME_STAT_2022 = [c.plan('二(二)5', '上年度当地居民人均可支配收入，2022 年度数据')];
const INCOME_STAT_2023 = [c.plan('二(二)5', '上年度当地居民人均可支配收入，2023 年度数据')];
for (const county of ANYANG_COUNTY_CODES) {
  const [u22, r22, u23, r23] = disposableIncome[county];
  const base = {
    id: P.PREVIOUS_YEAR_DISPOSABLE_INCOME,
    division: county,
    unit: 'YUAN_PER_PERSON_YEAR' as const,
    placeholder: true,
    note: 'illustrative figure; enter the county statistical bulletin value',
  };
  statistics.push(
    {
      ...base,
      version: '2022-figure',
      figureYear: 2022,
      validFrom: SINCE,
      validTo: '2024-01-01',
      area: 'URBAN',
      value: u22,
      citations: INCOME_STAT_2022,
    },
    {
      ...base,
      version: '2022-figure',
      figureYear: 2022,
      validFrom: SINCE,
      validTo: '2024-01-01',
      area: 'RURAL',
      value: r22,
      citations: INCOME_STAT_2022,
    },
    {
      ...base,
      version: '2023-figure',
      figureYear: 2023,
      validFrom: '2024-01-01',
      area: 'URBAN',
      value: u23,
      citations: INCOME_STAT_2023,
      note: "illustrative; stays in force (marked stale) until the next year's figure is entered",
    },
    {
      ...base,
      version: '2023-figure',
      figureYear: 2023,
      validFrom: '2024-01-01',
      area: 'RURAL',
      value: r23,
      citations: INCOME_STAT_2023,
      note: "illustrative; stays in force (marked stale) until the next year's figure is entered",
    },
  );
}
statistics.push(
  {
    id: P.PREVIOUS_YEAR_HOUSING_FLOOR_AREA,
    version: '2023',
    figureYear: 2022,
    validFrom: SINCE,
    division: CITY,
    area: 'URBAN',
    value: 35,
    unit: 'SQUARE_METRES_PER_PERSON',
    citations: [c.henanNearMinimum('上年度当地人均住房面积')],
    placeholder: true,
    note: 'illustrative; enter the local statistic',
  },
  {
    id: P.PREVIOUS_YEAR_HOUSING_FLOOR_AREA,
    version: '2023',
    figureYear: 2022,
    validFrom: SINCE,
    division: CITY,
    area: 'RURAL',
    value: 45,
    unit: 'SQUARE_METRES_PER_PERSON',
    citations: [c.henanNearMinimum('上年度当地人均住房面积')],
    placeholder: true,
    note: 'illustrative; enter the local statistic',
  },
);

/**
 * Emergency aid and 一事一议. Approval limits are county parameters (N7: the county
 * sets the township's small-amount approval limit); no Anyang figures were found, so all are
 * placeholders. Quorum and majority are "more than the share" (过半数) rules.
 */
const emergencyAndDeliberation: ParameterVersion[] = [
  rec(
    P.EMERGENCY_TOWNSHIP_APPROVAL_LIMIT,
    2000,
    'YUAN',
    [c.plan('二(四)7', '小金额先行救助'), c.temporary('乡镇审批额度由县级民政部门确定')],
    { placeholder: true, note: 'no Anyang figure found; per-county override expected' },
  ),
  rec(
    P.EMERGENCY_COUNTY_APPROVAL_LIMIT,
    30000,
    'YUAN',
    [c.plan('二(四)7', '超出县级审批额度的通过“一事一议”'), c.temporary()],
    { placeholder: true, note: 'no Anyang figure found; per-county override expected' },
  ),
  rec(P.TL_EMERGENCY_EXPENSE_STEP, 5, 'WORKING_DAYS', [c.localDefault('急难救助每一步的时限'), c.temporary()], {
    placeholder: true,
    note: 'local default',
  }),
  rec(
    P.DELIBERATION_QUORUM_SHARE,
    0.5,
    'RATIO',
    [c.plan('二(三)4', '一事一议 集体研究'), c.localDefault('过半数成员发表意见')],
    { placeholder: true, note: 'local rule of the county coordination mechanism' },
  ),
  rec(
    P.DELIBERATION_MAJORITY_SHARE,
    0.5,
    'RATIO',
    [c.plan('二(三)4', '一事一议 集体研究'), c.localDefault('同意意见过半数')],
    { placeholder: true, note: 'local rule of the county coordination mechanism' },
  ),
  rec(P.TL_DELIBERATION, 10, 'WORKING_DAYS', [c.plan('二(三)4', '一事一议'), c.localDefault('发表意见期限')], {
    placeholder: true,
    note: 'local default',
  }),
  rec(
    P.TL_DELIBERATION_EXTENSION,
    5,
    'WORKING_DAYS',
    [c.plan('二(三)4', '一事一议'), c.localDefault('延长一次的期限')],
    { placeholder: true, note: 'local default' },
  ),
  rec(
    P.TL_ESCALATION_RESPONSE,
    3,
    'WORKING_DAYS',
    [c.plan('三(三)', '督导'), c.localDefault('县级主管答复升级事项的期限')],
    { placeholder: true, note: 'local default; SLA of the escalation board' },
  ),
];

const ARCHIVE_NOTE = 'local default; set by the municipal civil affairs bureau with the archives office';
/** The case archive: what the door accepts, how much, how long it is kept, what a step needs. */
const archive: ParameterVersion[] = [
  rec(
    P.ARCHIVE_CONTENT_TYPES,
    ['application/pdf', 'image/jpeg', 'image/png'],
    'LIST',
    [c.plan('二(二)', '纸质、电子材料归档'), c.localDefault('电子材料仅收 PDF 与图片')],
    { placeholder: true, note: ARCHIVE_NOTE },
  ),
  rec(P.ARCHIVE_FILE_MAX_MB, 20, 'MEGABYTES', [c.plan('二(二)'), c.localDefault('单个电子材料大小上限')], {
    placeholder: true,
    note: ARCHIVE_NOTE,
  }),
  rec(P.ARCHIVE_CASE_MAX_MB, 500, 'MEGABYTES', [c.plan('二(二)'), c.localDefault('每个案件电子材料总量上限')], {
    placeholder: true,
    note: ARCHIVE_NOTE,
  }),
  rec(
    P.ARCHIVE_RETENTION_YEARS,
    30,
    'YEARS',
    [c.plan('二(二)', '纸质档案与电子档案具有同等效力'), c.localDefault('社会救助档案保管期限')],
    { placeholder: true, note: ARCHIVE_NOTE },
  ),
  // Empty as shipped: a step refused for a missing file needs the console's upload first.
  rec(
    P.ARCHIVE_REQUIRED_DOCUMENTS,
    [],
    'TABLE',
    [c.plan('二(二)'), c.minimumLiving('第十五条', '入户调查，调查人员和申请人签字确认')],
    { placeholder: true, note: 'rows { step, type }: e.g. { step: "REVIEW", type: "HOME_VISIT_FORM" }' },
  ),
];

export const DEFAULT_PARAMETERS: readonly ParameterVersion[] = [
  ...standards,
  ...multipliers,
  ...statistics,
  ...rechecks,
  ...timeLimits,
  ...emergencyAndDeliberation,
  ...archive,
  ...monitoringParameters,
  ...assistanceParameters,
  ...auditParameters,
  ...supervisionParameters,
  ...fundsParameters,
];
