// Household facts: the input of the policy engine (domain.md §2).
// Shared by the API (request validation), workflows (plain JSON payload) and tests.
//
// Money: amounts are yuan as JSON numbers with at most 2 decimals (what caseworkers enter
// and what the national forms show). The schema refuses more decimals instead of rounding
// silently; the engine converts every amount to integer cents once (Math.round(x * 100))
// and computes in integer cents, so sums are exact and results are rounded to the cent
// exactly once, where the rule says so.
import { z } from 'zod';
import { Text } from './text';

/** GB/T 2260 codes of Anyang's county-level divisions (domain.md §3). */
export const ANYANG_COUNTY_CODES = [
  '410502', // 文峰区
  '410503', // 北关区
  '410505', // 殷都区
  '410506', // 龙安区
  '410522', // 安阳县
  '410523', // 汤阴县
  '410526', // 滑县
  '410527', // 内黄县
  '410581', // 林州市
] as const;
export { ANYANG_CITY_CODE } from '../division-codes';
export type CountyCode = (typeof ANYANG_COUNTY_CODES)[number];

export const AREA_TYPES = ['URBAN', 'RURAL'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export const AREA_NAMES_ZH: Record<AreaType, string> = { URBAN: '城镇', RURAL: '农村' };

/** Categories of domain.md §2 (glossary identifiers). */
export const CATEGORIES = [
  'MINIMUM_LIVING',
  'DESTITUTE',
  'RELAPSE_MONITORED',
  'NEAR_MINIMUM',
  'RIGID_EXPENSE',
  'OTHER_HARDSHIP',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What a notice or a reason calls each category (a code never reaches the text a person reads). */
export { CATEGORY_NAMES_ZH } from '../category-names';

export const INCOME_TYPES = [
  'WAGE',
  'BUSINESS',
  'PROPERTY',
  'TRANSFER',
  'PENSION_BASIC',
  'SPECIAL_CARE_PENSION', // 优待抚恤金
  'AWARD',
  'SCHOLARSHIP',
  'GOV_ASSISTANCE',
  'SIBLING_SUPPORT', // support paid by siblings (单人户 rule)
  'ELDERLY_SUPPORT', // support paid by people aged 60+ (单人户 rule)
  'OTHER',
] as const;
export type IncomeType = (typeof INCOME_TYPES)[number];

export const EXPENSE_TYPES = ['MEDICAL', 'EDUCATION', 'BASIC_LIVING', 'DISABILITY_REHAB'] as const;
export type ExpenseType = (typeof EXPENSE_TYPES)[number];

export const DISABILITY_TYPES = [
  'VISUAL',
  'HEARING',
  'SPEECH',
  'PHYSICAL',
  'INTELLECTUAL',
  'MENTAL',
  'MULTIPLE',
] as const;
export type DisabilityType = (typeof DISABILITY_TYPES)[number];

export const VEHICLE_KINDS = [
  'LIVELIHOOD_SMALL_VEHICLE', // sole-livelihood small vehicle
  'ORDINARY_MOTORCYCLE',
  'DISABILITY_VEHICLE',
  'PRIVATE_CAR',
  'OTHER',
] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const RELATIONS = [
  'APPLICANT',
  'SPOUSE',
  'CHILD',
  'PARENT',
  'SIBLING',
  'GRANDPARENT',
  'GRANDCHILD',
  'OTHER',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** A member's id within the facts: characters checked, kept as given (no trimming). */
const MemberId = Text({ max: 100, trim: false });
/** A reference to a member id; an unknown one is refused by the cross-field check below. */
const MemberIdRef = Text({ max: 100, min: 0, trim: false });
/** A county code, checked against Anyang's list below. */
const CountyRef = Text({ max: 12, min: 0, trim: false });

const isoDateRe = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const isoMonthRe = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A real calendar date (rejects 2023-02-30), as YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .refine((s) => {
    if (!isoDateRe.test(s)) return false;
    const y = Number(s.slice(0, 4));
    const m = Number(s.slice(5, 7));
    const d = Number(s.slice(8, 10));
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    return d <= dim;
  }, '须为真实存在的日期（YYYY-MM-DD）')
  .meta({ format: 'date', pattern: isoDateRe.source }); // documented for OpenAPI
export const IsoMonth = z.string().regex(isoMonthRe, '须为月份（YYYY-MM）');

/** Yuan, ≥ 0, at most 2 decimals (never rounded silently). */
export const Yuan = z
  .number()
  .finite()
  .nonnegative('金额不能为负数')
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, '金额最多两位小数（精确到分）');

export const Member = z.object({
  id: MemberId,
  birthDate: IsoDate,
  relation: z.enum(RELATIONS),
  disability: z.object({ type: z.enum(DISABILITY_TYPES), grade: z.number().int().min(1).max(4) }).optional(),
  labourCapacity: z.enum(['FULL', 'PARTIAL', 'NONE']),
  seriousIllness: z.boolean(),
  employment: z.object({
    employed: z.boolean(),
    placeOfWorkCounty: CountyRef.optional(),
    placeOfWorkArea: z.enum(AREA_TYPES).optional(),
  }),
  student: z.boolean(),
  coResident: z.boolean(),
});
export type Member = z.infer<typeof Member>;

export const IncomeItem = z.object({
  memberId: MemberIdRef,
  type: z.enum(INCOME_TYPES),
  month: IsoMonth,
  amount: Yuan,
});
export type IncomeItem = z.infer<typeof IncomeItem>;

export const ExpenseItem = z.object({
  memberId: MemberIdRef.optional(),
  type: z.enum(EXPENSE_TYPES),
  month: IsoMonth,
  amount: Yuan,
});
export type ExpenseItem = z.infer<typeof ExpenseItem>;

/** Assets. An owner list left out means jointly owned by the household. */
export const Assets = z.object({
  financial: z.array(z.object({ memberId: MemberIdRef, amount: Yuan })),
  homes: z.array(
    z.object({ floorArea: z.number().finite().nonnegative(), ownerMemberIds: z.array(MemberIdRef).optional() }),
  ),
  vehicles: z.array(z.object({ kind: z.enum(VEHICLE_KINDS), ownerMemberId: MemberIdRef.optional() })),
  enterprises: z.array(z.object({ subscribedCapital: Yuan, ownerMemberId: MemberIdRef.optional() })),
  nonResidentialProperties: z.array(
    z.object({ onlyHomeConvertedToBusiness: z.boolean(), ownerMemberId: MemberIdRef.optional() }),
  ),
});
export type Assets = z.infer<typeof Assets>;

export const LegalSupporter = z.object({
  relation: z.enum(RELATIONS),
  ableToSupport: z.boolean(),
  /** Members this person owes support to; all members when left out. */
  forMemberIds: z.array(MemberIdRef).optional(),
});
export type LegalSupporter = z.infer<typeof LegalSupporter>;

const HouseholdFactsObject = z.object({
  applicationDate: IsoDate,
  residence: z.object({ county: CountyRef, area: z.enum(AREA_TYPES) }),
  members: z.array(Member).min(1),
  income: z.array(IncomeItem),
  assets: Assets,
  expenses: z.array(ExpenseItem),
  legalSupporters: z.array(LegalSupporter),
  categoriesRequested: z.array(z.enum(CATEGORIES)).min(1),
  /** Adult unemployed severely disabled applicant applying as a 单人户 (seed 二(二)1). */
  singlePersonApplicantId: MemberIdRef.optional(),
  /** Ask to include seriously ill / severely disabled members of a 边缘 household in 低保 individually (seed 二(四)1). */
  individualInclusionRequested: z.boolean().optional(),
  /** Categories the household already holds (registry), for the 刚性支出 exclusion. */
  currentCategories: z.array(z.enum(CATEGORIES)).optional(),
});

const countySet: ReadonlySet<string> = new Set(ANYANG_COUNTY_CODES);

function monthIndex(m: string): number {
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}

/**
 * Window of income and expense months: the 12 whole calendar months before the month of
 * the application date (豫民〔2021〕5号; seed 二(二)5 "申请之日起前 12 个月内").
 * Kept in step with the INCOME_WINDOW_MONTHS parameter; the engine also excludes
 * out-of-window items defensively, so the schema and the engine agree.
 */
export const FACTS_WINDOW_MONTHS = 12;

export const HouseholdFacts = HouseholdFactsObject.superRefine((f, ctx) => {
  if (!countySet.has(f.residence.county)) {
    ctx.addIssue({
      code: 'custom',
      path: ['residence', 'county'],
      message: `${f.residence.county} 不是安阳市的县级区划代码（GB/T 2260）`,
    });
  }
  const ids = new Set<string>();
  f.members.forEach((m, i) => {
    if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['members', i, 'id'], message: `成员编号 ${m.id} 重复` });
    ids.add(m.id);
    const w = m.employment.placeOfWorkCounty;
    if (w !== undefined && !countySet.has(w)) {
      ctx.addIssue({
        code: 'custom',
        path: ['members', i, 'employment', 'placeOfWorkCounty'],
        message: `${w} 不是安阳市的县级区划代码`,
      });
    }
    if (m.birthDate > f.applicationDate) {
      ctx.addIssue({ code: 'custom', path: ['members', i, 'birthDate'], message: '出生日期晚于申请日期' });
    }
  });
  const ref = (id: string | undefined, path: (string | number)[]) => {
    if (id !== undefined && !ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `家庭成员中没有编号 ${id}` });
  };
  const appMonth = monthIndex(f.applicationDate.slice(0, 7));
  const inWindow = (m: string, path: (string | number)[]) => {
    const k = monthIndex(m);
    if (k >= appMonth || k < appMonth - FACTS_WINDOW_MONTHS) {
      ctx.addIssue({ code: 'custom', path, message: `${m} 不在申请当月之前的 ${FACTS_WINDOW_MONTHS} 个月内` });
    }
  };
  f.income.forEach((it, i) => {
    ref(it.memberId, ['income', i, 'memberId']);
    inWindow(it.month, ['income', i, 'month']);
  });
  f.expenses.forEach((it, i) => {
    ref(it.memberId, ['expenses', i, 'memberId']);
    inWindow(it.month, ['expenses', i, 'month']);
  });
  f.assets.financial.forEach((a, i) => ref(a.memberId, ['assets', 'financial', i, 'memberId']));
  f.assets.homes.forEach((h, i) =>
    h.ownerMemberIds?.forEach((o, j) => ref(o, ['assets', 'homes', i, 'ownerMemberIds', j])),
  );
  f.assets.vehicles.forEach((v, i) => ref(v.ownerMemberId, ['assets', 'vehicles', i, 'ownerMemberId']));
  f.assets.enterprises.forEach((v, i) => ref(v.ownerMemberId, ['assets', 'enterprises', i, 'ownerMemberId']));
  f.assets.nonResidentialProperties.forEach((v, i) =>
    ref(v.ownerMemberId, ['assets', 'nonResidentialProperties', i, 'ownerMemberId']),
  );
  f.legalSupporters.forEach((s, i) =>
    s.forMemberIds?.forEach((o, j) => ref(o, ['legalSupporters', i, 'forMemberIds', j])),
  );
  ref(f.singlePersonApplicantId, ['singlePersonApplicantId']);
});
export type HouseholdFacts = z.infer<typeof HouseholdFacts>;
