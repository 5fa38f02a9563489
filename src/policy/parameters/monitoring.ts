// Dynamic monitoring (seed 二(三)1 and 二(三)4): which department records raise which class of
// warning, the out-of-pocket amount that makes a medical expense "large", the time the
// township has for its home verification, and how often priority households are visited
// (seed 二(三)3). The rules are a table parameter, so a county may add or drop a source
// without a release.
import { ANYANG_CITY_CODE } from '../../core/contracts/household-facts';
import type { AcceptedDecline, WarningRule } from '../../core/contracts/warning';
import { P } from '../../core/parameter-ids';
import { cite as c } from '../sources';
import type { ParameterVersion } from './types';

// In force as long as the other rules (N1/N2, 2021-07-01): a batch dated back then is matched by the same rules.
const SINCE = '2021-07-01';

const RULES: WarningRule[] = [
  // (b) 未纳入社会救助范围: a hardship a department knows of, in no category here.
  { source: 'HEALTH_SERIOUS_ILLNESS', warningClass: 'NOT_COVERED', population: 'NOT_ENROLLED' },
  { source: 'DPF_SEVERE_DISABILITY', warningClass: 'NOT_COVERED', population: 'NOT_ENROLLED' },
  { source: 'EMERGENCY_DISASTER', warningClass: 'NOT_COVERED', population: 'NOT_ENROLLED' },
  { source: 'RURAL_RELAPSE_MONITORED', warningClass: 'NOT_COVERED', population: 'NOT_ENROLLED' },
  {
    source: 'MEDICAL_LARGE_EXPENSE',
    warningClass: 'NOT_COVERED',
    population: 'NOT_ENROLLED',
    threshold: P.MONITORING_LARGE_EXPENSE_THRESHOLD,
  },
  // Registered unemployment is a hardship only in a household already known as low-income.
  { source: 'HRSS_UNEMPLOYED', warningClass: 'NOT_COVERED', population: 'KNOWN_NOT_ENROLLED' },
  // (a) 政策未落实: a 低保/特困 student (whoever the entitlement matrix owes 教育救助) absent from
  // the education department's latest list of 家庭经济困难学生 of the county.
  {
    source: 'EDUCATION_STUDENTS',
    warningClass: 'POLICY_NOT_APPLIED',
    population: 'OWED_NOT_LISTED',
    entitlement: 'EDUCATION_AID',
  },
  // (d) 可能不再符合救助条件: the enrolled case hears it as a change report (a recheck follows).
  {
    source: 'CIVIL_AFFAIRS_DEATH',
    warningClass: 'POSSIBLY_NO_LONGER_ELIGIBLE',
    population: 'ENROLLED',
    change: 'DEATH',
  },
  {
    source: 'CIVIL_AFFAIRS_MARRIAGE',
    warningClass: 'POSSIBLY_NO_LONGER_ELIGIBLE',
    population: 'ENROLLED',
    change: 'MEMBER_ADDED',
  },
  {
    source: 'MARKET_COMPANY',
    warningClass: 'POSSIBLY_NO_LONGER_ELIGIBLE',
    population: 'ENROLLED',
    change: 'ASSET_CHANGE',
  },
  {
    source: 'VEHICLE_REGISTER',
    warningClass: 'POSSIBLY_NO_LONGER_ELIGIBLE',
    population: 'ENROLLED',
    change: 'ASSET_CHANGE',
  },
];

const ACCEPTED_DECLINES: AcceptedDecline[] = [
  { entitlement: 'EMPLOYMENT_ASSISTANCE', reasonZh: '本人无就业意愿，婉拒就业援助' },
];

export const monitoringParameters: ParameterVersion[] = [
  {
    id: P.MONITORING_WARNING_RULES,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    // Plain rows (source, class, population, change, threshold): the store keeps tables as records.
    value: RULES.map((r) => ({ ...r })) as unknown as Record<string, string>[],
    unit: 'TABLE',
    citations: [c.plan('二(三)1', '部门数据交叉比对'), c.plan('二(三)4', '预警信息分类处置')],
  },
  // A referral the department declined is a policy not applied (class (a)) unless the decline is
  // the person's own choice: employment assistance for someone who does not wish to work
  // (the registry holds no such flag, so every capable member is referred; referrals.md).
  {
    id: P.MONITORING_ACCEPTED_DECLINES,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    value: ACCEPTED_DECLINES.map((r) => ({ ...r })) as unknown as Record<string, string>[],
    unit: 'TABLE',
    citations: [
      c.plan('二(三)4', '政策未落实的，转相关部门落实'),
      c.plan('二(四)5', '就业救助'),
      c.localDefault('本人无就业意愿而婉拒就业援助的，不视为政策未落实'),
    ],
    placeholder: true,
    note: "local default: which declines are the person's own choice",
  },
  {
    id: P.MONITORING_LARGE_EXPENSE_THRESHOLD,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    value: 20_000,
    unit: 'YUAN',
    citations: [c.plan('二(三)1', '大额医疗支出'), c.localDefault('个人自付费用达到此额视为大额')],
    placeholder: true,
    note: 'local default: no public Anyang figure',
  },
  {
    id: P.TL_WARNING_VERIFICATION,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    value: 10,
    unit: 'WORKING_DAYS',
    citations: [c.plan('二(三)4', '乡镇（街道）组织工作人员上门核查'), c.localDefault('上门核查时限')],
    placeholder: true,
    note: 'local default',
  },
  // Outreach visits (走访, seed 二(三)3): the plan asks for 经常性走访 of priority households and
  // names no interval; these are local defaults until the county sets its own.
  {
    id: P.MONITORING_OUTREACH_INTERVAL_DAYS,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    value: 90,
    unit: 'NATURAL_DAYS',
    citations: [c.plan('二(三)3', '经常性走访困难群众'), c.localDefault('重点家庭两次走访之间的最长间隔')],
    placeholder: true,
    note: 'local default: the plan names no interval',
  },
  {
    id: P.MONITORING_OUTREACH_EMERGENCY_WINDOW_DAYS,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    value: 180,
    unit: 'NATURAL_DAYS',
    citations: [c.plan('二(三)3', '遇到急难事项或意外事故的家庭'), c.localDefault('急难事项后列为重点走访家庭的期间')],
    placeholder: true,
    note: 'local default: how long after an emergency case the household stays a priority',
  },
];
