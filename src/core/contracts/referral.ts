import { z } from 'zod';
import { AREA_TYPES, CATEGORIES } from './household-facts';
import { Department } from './deliberation';
import type { Role } from './roles';
import { CountyCode } from './division';
import { Text } from './text';
import { EmploymentPlacement } from './employment';

// Regular assistance (domain.md §4.6, plan 二(四)2–10 and 三(二)): what a person in a category
// is owed beyond the cash benefit, which department owes it, and how fast it must act.

/**
 * The member situations the matrix distinguishes. ALL_MEMBERS applies to every member of the
 * case; HOUSEHOLD once per case (to its applicant), for what a household receives as a whole.
 */
export const MemberSituation = z.enum([
  'ALL_MEMBERS',
  'HOUSEHOLD',
  'STUDENT',
  'SERIOUSLY_ILL',
  'SEVERELY_DISABLED',
  'UNEMPLOYED_CAPABLE',
  'ELDERLY_DEPENDENT',
  'DISASTER_AFFECTED',
]);
export type MemberSituation = z.infer<typeof MemberSituation>;

export const MEMBER_SITUATION_NAMES_ZH: Record<MemberSituation, string> = {
  ALL_MEMBERS: '全体成员',
  HOUSEHOLD: '全户',
  STUDENT: '在园幼儿或在校学生',
  SERIOUSLY_ILL: '重病患者',
  SEVERELY_DISABLED: '重度残疾人',
  UNEMPLOYED_CAPABLE: '有劳动能力的失业人员',
  ELDERLY_DEPENDENT: '生活不能自理的老年人',
  DISASTER_AFFECTED: '受灾人员',
};

export const Entitlement = z.enum([
  'MEDICAL_PREMIUM_FULL',
  'MEDICAL_PREMIUM_FIXED',
  'MEDICAL_ASSISTANCE',
  'EDUCATION_AID',
  'HOUSING_RENTAL_AID',
  'HOUSING_RENOVATION',
  'EMPLOYMENT_ASSISTANCE',
  'DISASTER_RELIEF',
  'CARE_SERVICE',
  'DISABILITY_SUBSIDY',
  // Referred from an emergency-aid case (plan 二(四)7, 二(四)9), not from the matrix.
  'CHARITY_EMERGENCY_FUND',
  'VAGRANT_RELIEF',
]);
export type Entitlement = z.infer<typeof Entitlement>;

/** Whether a delivered entitlement comes back every year (a premium subsidy) or is done once. */
export const Periodicity = z.enum(['YEARLY', 'ONCE']);
export type Periodicity = z.infer<typeof Periodicity>;

const yesNo = z.enum(['YES', 'NO'], { message: '须为 YES 或 NO' });

/**
 * One row of the entitlement matrix (parameter assistance.entitlement_matrix). The store keeps
 * tables as plain records of text and numbers, so flags are 'YES'/'NO'.
 */
export const EntitlementRule = z.strictObject({
  category: z.enum(CATEGORIES, { message: '救助类别不在代码表中' }),
  area: z.enum(AREA_TYPES, { message: '城乡类型须为 URBAN 或 RURAL' }),
  situation: z.enum(MemberSituation.options, { message: '成员情形不在代码表中' }),
  entitlement: z.enum(Entitlement.options, { message: '救助帮扶事项不在代码表中' }),
  nameZh: z.string({ message: '须填写事项名称' }).trim().min(1, { message: '须填写事项名称' }),
  department: z.enum(Department.options, { message: '责任部门不在代码表中' }),
  timeLimitWorkingDays: z
    .number({ message: '办理时限须为工作日数' })
    .int({ message: '办理时限须为整数个工作日' })
    .min(1, { message: '办理时限至少 1 个工作日' })
    .max(90, { message: '办理时限不超过 90 个工作日' }),
  periodicity: z.enum(Periodicity.options, { message: '须为 YEARLY 或 ONCE' }),
  /** A delivery must state the amount in yuan (a subsidy), not only what was done (a service). */
  amountRequired: yesNo,
});
export type EntitlementRule = z.infer<typeof EntitlementRule>;

// ---- Referrals (one workflow per entitlement and person: referral-<referralId>) ----

/**
 * What opened a referral: an enrolment, a change of the case's members or facts, a warning
 * routed to a department, last year's delivery, or an emergency-aid case.
 */
export type ReferralOrigin = 'ENROLMENT' | 'CASE_CHANGE' | 'WARNING' | 'RENEWAL' | 'EMERGENCY';

export interface ReferralInput {
  referralId: string;
  origin: ReferralOrigin;
  countyCode: string;
  townshipCode: string | null;
  /** The case's own reference of the member (no name, no ID number). */
  memberRef: string;
  enrolledCaseId: string | null;
  warningId: string | null;
  /** The emergency-aid case that referred the person (origin EMERGENCY); absent on older inputs. */
  emergencyCaseId?: string | null;
  entitlement: Entitlement;
  /** The department that owes it: its liaison in the county receives the task. */
  department: Department;
  timeLimitWorkingDays: number;
  periodicity: Periodicity;
  amountRequired: boolean;
  /** For a yearly entitlement: the year it is owed for. */
  year: number;
}

export const REFERRAL_STAGES = ['OPEN', 'ACCEPTED', 'INFO_REQUESTED', 'CLOSED'] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];
export type ReferralOutcome = 'DELIVERED' | 'DECLINED';

const isoDate = z.iso.date({ message: '日期格式须为 YYYY-MM-DD' });
/** Free text of a feedback: a paragraph, control characters refused (the Text contract). */
const text = (what: string) => Text({ max: 500, multiline: true, tooShort: `须填写${what}` });

/** The liaison's feedback and civil affairs' answer (plan 三(二)); amount and period checked against the entitlement in the workflow. */
export const ReferralCommand = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('ACCEPT') }),
    z.strictObject({ action: z.literal('REQUEST_INFO'), question: text('需要民政部门补充的信息') }),
    z.strictObject({ action: z.literal('ANSWER_INFO'), answer: text('补充信息') }),
    z.strictObject({
      action: z.literal('DELIVER'),
      what: text('落实的救助帮扶内容'),
      amount: z
        .number({ message: '金额须为数字（元）' })
        .positive({ message: '金额须大于 0' })
        .max(1_000_000, { message: '金额超出合理范围' })
        .optional(),
      periodFrom: isoDate.optional(),
      periodTo: isoDate.optional(),
      /** An employment referral's placement (公益性岗位 or a job found): it feeds the enrolled case as a change report. */
      employment: EmploymentPlacement.optional(),
    }),
    z.strictObject({ action: z.literal('DECLINE'), reason: text('不予落实的理由') }),
  ],
  { message: 'action 须为 ACCEPT、REQUEST_INFO、ANSWER_INFO、DELIVER 或 DECLINE' },
);
export type ReferralCommand = z.infer<typeof ReferralCommand>;

export interface ReferralActing {
  actor: { userId: string; role: Role; jurisdiction: string; department: Department | null };
  requestId: string;
  taskId?: string;
  command: ReferralCommand;
}

export interface ReferralDelivery {
  what: string;
  amount: number | null;
  periodFrom: string | null;
  periodTo: string | null;
  /** Absent in states recorded before placements were reported. */
  employment?: EmploymentPlacement | null;
}

export interface ReferralState {
  referralId: string;
  stage: ReferralStage;
  outcome: ReferralOutcome | null;
  department: Department;
  currentTask: { taskId: string; candidateRole: Role; jurisdiction: string; dueAt: string | null } | null;
  overdue: boolean;
  question: string | null;
  delivery: ReferralDelivery | null;
  declineReason: string | null;
  /** The next year's referral a yearly delivery opened (by timer, when the delivered period ends). */
  nextReferralId: string | null;
}

/** What staff read for each entitlement (lists and timelines; the matrix row may say more). */
export const ENTITLEMENT_NAMES_ZH: Record<Entitlement, string> = {
  MEDICAL_PREMIUM_FULL: '城乡居民医保个人缴费全额资助',
  MEDICAL_PREMIUM_FIXED: '城乡居民医保个人缴费定额资助',
  MEDICAL_ASSISTANCE: '住院及门诊慢特病医疗救助',
  EDUCATION_AID: '教育救助',
  HOUSING_RENTAL_AID: '配租公租房或发放租赁补贴',
  HOUSING_RENOVATION: '农村危房改造',
  EMPLOYMENT_ASSISTANCE: '就业帮扶',
  DISASTER_RELIEF: '受灾人员救助',
  CARE_SERVICE: '访视照料服务',
  DISABILITY_SUBSIDY: '残疾人两项补贴',
  CHARITY_EMERGENCY_FUND: '困难群众救急难慈善专项基金',
  VAGRANT_RELIEF: '生活无着流浪乞讨人员救助',
};

/** The referral inbox: a liaison sees their department's only, civil affairs their jurisdiction's. */
export const ReferralListQuery = z.strictObject({
  stage: z.enum(REFERRAL_STAGES, { message: '办理阶段不在代码表中' }).optional(),
  department: Department.optional(),
  entitlement: Entitlement.optional(),
  county: CountyCode.optional(),
  enrolledCaseId: z.uuid({ message: '须为 UUID' }).optional(),
  emergencyCaseId: z.uuid({ message: '须为 UUID' }).optional(),
  overdue: z.enum(['true', 'false'], { message: '须为 true 或 false' }).optional(),
  /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
  format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReferralListQuery = z.infer<typeof ReferralListQuery>;

/** Why a liaison needs the person's full ID number for this referral (on the audit trail). */
export const RevealReferralIdNumber = z.strictObject({
  reason: Text({ max: 500, tooShort: '须填写查看完整身份证号的理由' }),
});
export type RevealReferralIdNumber = z.infer<typeof RevealReferralIdNumber>;

/** Coverage of a county: per entitlement, persons owed, delivered, pending, declined, overdue. */
export const CoverageQuery = z.strictObject({
  county: CountyCode,
  category: z.enum(CATEGORIES, { message: '救助类别不在代码表中' }).optional(),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export { deliveryIssues } from '../delivery-issues';

// ---- Referrals from an emergency-aid case (plan 二(四)7 临时救助/急难, 二(四)9 慈善) ----

/** Where an emergency case may be referred: the charity emergency fund, or the vagrant relief route. */
export const EMERGENCY_REFERRAL_TARGETS = ['CHARITY_FUND', 'VAGRANT_RELIEF'] as const;
export type EmergencyReferralTarget = (typeof EMERGENCY_REFERRAL_TARGETS)[number];

export const OpenEmergencyReferral = z.strictObject({
  target: z.enum(EMERGENCY_REFERRAL_TARGETS, {
    message: '转介去向须为 CHARITY_FUND（慈善专项基金）或 VAGRANT_RELIEF（流浪乞讨人员救助）',
  }),
  reason: text('转介理由'),
});
export type OpenEmergencyReferral = z.infer<typeof OpenEmergencyReferral>;

/** One row of assistance.emergency_referral_routes: the entitlement and department a target means, and its time limit. */
export const EmergencyReferralRoute = z.strictObject({
  target: z.enum(EMERGENCY_REFERRAL_TARGETS, { message: '转介去向不在代码表中' }),
  entitlement: z.enum(Entitlement.options, { message: '救助帮扶事项不在代码表中' }),
  department: z.enum(Department.options, { message: '责任部门不在代码表中' }),
  timeLimitWorkingDays: z
    .number({ message: '办理时限须为工作日数' })
    .int({ message: '办理时限须为整数个工作日' })
    .min(1, { message: '办理时限至少 1 个工作日' })
    .max(90, { message: '办理时限不超过 90 个工作日' }),
  amountRequired: yesNo,
});
export type EmergencyReferralRoute = z.infer<typeof EmergencyReferralRoute>;
