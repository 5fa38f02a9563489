// Regular assistance (plan 二(四)2–10, domain.md §4.6): the entitlement matrix. Per category,
// urban/rural area and member situation, what the person is owed beyond the cash benefit, the
// department that owes it (its liaison receives the referral), how many working days it has to
// act, and whether a delivery comes back every year. A table parameter, so a county may change
// a department or a time limit through the parameter-change process without a release.
import { ANYANG_CITY_CODE, AREA_TYPES, type AreaType, type Category } from '../../core/contracts/household-facts';
import type { EmergencyReferralRoute, EntitlementRule, MemberSituation } from '../../core/contracts/referral';
import type { Department } from '../../core/contracts/deliberation';
import { P } from '../../core/parameter-ids';
import { cite as c } from '../sources';
import type { ParameterVersion } from './types';

// In force with the plan's other rules (2021-07-01), so a case enrolled back then derives the same.
const SINCE = '2021-07-01';

type Row = Omit<EntitlementRule, 'category' | 'area'>;
const ENROLLED: Category[] = ['MINIMUM_LIVING', 'DESTITUTE', 'NEAR_MINIMUM', 'RIGID_EXPENSE'];

const row = (
  situation: MemberSituation,
  entitlement: EntitlementRule['entitlement'],
  nameZh: string,
  department: Department,
  timeLimitWorkingDays: number,
  periodicity: EntitlementRule['periodicity'],
  amountRequired: EntitlementRule['amountRequired'],
): Row => ({ situation, entitlement, nameZh, department, timeLimitWorkingDays, periodicity, amountRequired });

// The time limits are local defaults (the plan gives none): 20 working days for a subsidy the
// department pays, 15 for a service it arranges, 10 after a disaster.
function rowsFor(category: Category, area: AreaType): Row[] {
  const rows: Row[] = [];
  // 二(四)2 医疗救助: full premium subsidy for 特困, a fixed one for 低保.
  if (category === 'DESTITUTE')
    rows.push(
      row(
        'ALL_MEMBERS',
        'MEDICAL_PREMIUM_FULL',
        '城乡居民医保个人缴费全额资助',
        'MEDICAL_INSURANCE',
        20,
        'YEARLY',
        'YES',
      ),
    );
  if (category === 'MINIMUM_LIVING')
    rows.push(
      row(
        'ALL_MEMBERS',
        'MEDICAL_PREMIUM_FIXED',
        '城乡居民医保个人缴费定额资助',
        'MEDICAL_INSURANCE',
        20,
        'YEARLY',
        'YES',
      ),
    );
  rows.push(
    row('SERIOUSLY_ILL', 'MEDICAL_ASSISTANCE', '住院及门诊慢特病医疗救助', 'MEDICAL_INSURANCE', 20, 'ONCE', 'YES'),
  );
  // 二(四)3 教育救助.
  rows.push(
    row('STUDENT', 'EDUCATION_AID', '教育救助（助学金、生活补助或费用减免）', 'EDUCATION', 20, 'YEARLY', 'YES'),
  );
  // 二(四)4 住房救助: public rental housing or a rent subsidy in town, dilapidated-house renovation in the country.
  if (area === 'URBAN')
    rows.push(row('HOUSEHOLD', 'HOUSING_RENTAL_AID', '配租公租房或发放租赁补贴', 'HOUSING', 20, 'ONCE', 'NO'));
  else rows.push(row('HOUSEHOLD', 'HOUSING_RENOVATION', '农村危房改造', 'HOUSING', 20, 'ONCE', 'NO'));
  // 二(四)5 就业救助: 低保, 边缘 and 刚性支出 members (a 特困 person has no labour capacity).
  if (category !== 'DESTITUTE')
    rows.push(
      row(
        'UNEMPLOYED_CAPABLE',
        'EMPLOYMENT_ASSISTANCE',
        '就业救助（就业援助、公益性岗位）',
        'HR_SOCIAL_SECURITY',
        15,
        'ONCE',
        'NO',
      ),
    );
  // 二(四)6 受灾人员救助.
  rows.push(row('DISASTER_AFFECTED', 'DISASTER_RELIEF', '受灾人员救助', 'EMERGENCY_MANAGEMENT', 10, 'ONCE', 'YES'));
  // 二(四)8 服务类社会救助.
  rows.push(row('ELDERLY_DEPENDENT', 'CARE_SERVICE', '访视照料服务', 'CIVIL_AFFAIRS', 15, 'ONCE', 'NO'));
  // 二(四)10 其他: the severe-disability subsidy, extended to 边缘 members where the county can.
  rows.push(
    row(
      'SEVERELY_DISABLED',
      'DISABILITY_SUBSIDY',
      '困难重度残疾人生活补贴',
      'DISABLED_PERSONS_FEDERATION',
      20,
      'YEARLY',
      'YES',
    ),
  );
  return rows;
}

export const ENTITLEMENT_MATRIX: EntitlementRule[] = ENROLLED.flatMap((category) =>
  AREA_TYPES.flatMap((area) => rowsFor(category, area).map((r) => ({ category, area, ...r }))),
);

// Where an emergency-aid case is referred beyond the emergency aid itself. The charity fund pays
// (its delivery states the amount) and must act fast; the vagrant relief route (the civil-affairs
// relief station) takes the person in. Local defaults: 5 and 3 working days.
export const EMERGENCY_REFERRAL_ROUTES: EmergencyReferralRoute[] = [
  {
    target: 'CHARITY_FUND',
    entitlement: 'CHARITY_EMERGENCY_FUND',
    department: 'CHARITY_FEDERATION',
    timeLimitWorkingDays: 5,
    amountRequired: 'YES',
  },
  {
    target: 'VAGRANT_RELIEF',
    entitlement: 'VAGRANT_RELIEF',
    department: 'CIVIL_AFFAIRS',
    timeLimitWorkingDays: 3,
    amountRequired: 'NO',
  },
];

export const assistanceParameters: ParameterVersion[] = [
  {
    id: P.ASSISTANCE_ENTITLEMENT_MATRIX,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    value: ENTITLEMENT_MATRIX.map((r) => ({ ...r })),
    unit: 'TABLE',
    citations: [
      c.plan('二(四)2', '医疗救助'),
      c.plan('二(四)3', '教育救助'),
      c.plan('二(四)4', '住房救助'),
      c.plan('二(四)5', '就业救助'),
      c.plan('二(四)6', '受灾人员救助'),
      c.plan('二(四)8', '服务类社会救助'),
      c.plan('二(四)10', '其他救助帮扶'),
      c.plan('三(二)', '相关部门实施救助帮扶后及时向民政部门反馈'),
      c.localDefault('各事项办理时限'),
    ],
    placeholder: true,
    note: 'time limits are local defaults: the plan sets none',
  },
  {
    id: P.ASSISTANCE_EMERGENCY_REFERRAL_ROUTES,
    version: '2021',
    validFrom: SINCE,
    division: ANYANG_CITY_CODE,
    value: EMERGENCY_REFERRAL_ROUTES.map((r) => ({ ...r })),
    unit: 'TABLE',
    citations: [
      c.plan('二(四)7', '急难社会救助：临时救助或生活无着流浪乞讨人员救助'),
      c.plan('二(四)9', '慈善帮扶：困难群众救急难慈善专项基金给予慈善急难救助'),
      c.localDefault('各去向办理时限'),
    ],
    placeholder: true,
    note: 'time limits are local defaults: the plan sets none',
  },
];
