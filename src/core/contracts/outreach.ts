import { z } from 'zod';
import { cstDate } from '../clock';
import { CHANGE_KINDS, type ChangeKind } from './enrolment';
import { Text } from './text';

// Outreach visits (走访) and random surveys (随机调查) of dynamic monitoring (plan 二(三)3,
// domain.md §4.5): the village assistant visits priority households regularly (the county's
// outreach round opens the tasks) and the households a survey draws.

/** ROUTINE: opened by the county's outreach round; SURVEY: drawn by a random survey. */
export const OutreachVisitKind = z.enum(['ROUTINE', 'SURVEY']);
export type OutreachVisitKind = z.infer<typeof OutreachVisitKind>;

export const OutreachVisitOutcome = z.enum(['NO_CHANGE', 'RAISE_WARNING', 'CHANGE_REPORT']);
export type OutreachVisitOutcome = z.infer<typeof OutreachVisitOutcome>;

/** The visit's date: a day that has happened (Beijing time). */
const VisitedOn = z.iso
  .date({ error: '须为日期（YYYY-MM-DD）' })
  .refine((d) => d <= cstDate(new Date().toISOString()), { error: '走访日期不能晚于今天' });

const visitFields = {
  action: z.literal('recordOutreachVisit'),
  visitedOn: VisitedOn,
  /** What the visitor saw and heard, in words (no ID numbers). */
  findings: Text({ max: 2000, multiline: true, tooShort: '须填写走访情况' }),
};

/**
 * The village assistant's record of a visit (completes the OUTREACH_VISIT task): nothing
 * changed; a warning (class (b) for a household not enrolled, class (d) for an enrolled one,
 * which then names the change the case is to hear); or a change report to the enrolled case.
 */
export const OutreachVisitRecord = z.discriminatedUnion('outcome', [
  z.strictObject({
    ...visitFields,
    outcome: z.literal('NO_CHANGE'),
    changes: Text({ max: 2000, multiline: true }).optional(),
  }),
  z.strictObject({
    ...visitFields,
    outcome: z.literal('RAISE_WARNING'),
    /** What changed in the household, in words. */
    changes: Text({ max: 2000, multiline: true, tooShort: '须说明家庭情况的变化' }),
    /** The member the warning is about (a warning concerns one person). */
    memberId: z.uuid({ error: '须为本户成员编号' }),
    /** For an enrolled household (class (d)): the change its case is to hear. */
    change: z.enum(CHANGE_KINDS, { error: '变更类型不在代码表中' }).optional(),
  }),
  z.strictObject({
    ...visitFields,
    outcome: z.literal('CHANGE_REPORT'),
    changes: Text({ max: 2000, multiline: true, tooShort: '须说明家庭情况的变化' }),
    change: z.enum(CHANGE_KINDS, { error: '变更类型不在代码表中' }),
    memberId: z.uuid({ error: '须为本户成员编号' }).optional(),
  }),
]);
export type OutreachVisitRecord = z.infer<typeof OutreachVisitRecord>;

/** A random survey: a county (6 digits) or township (9 digits), how many households, and the seed (drawn when absent). */
export const SurveyRequest = z.strictObject({
  scope: z.string().regex(/^(\d{6}|\d{9})$/, { error: '须为 6 位县级或 9 位乡镇区划代码' }),
  sampleSize: z
    .number({ error: '须为整数' })
    .int({ error: '须为整数' })
    .min(1, { error: '至少抽取 1 户' })
    .max(1000, { error: '一次最多抽取 1000 户' }),
  seed: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '须为 1–64 位字母、数字、下划线或连字符' })
    .optional(),
});
export type SurveyRequest = z.infer<typeof SurveyRequest>;

/** What the outreach round starts with: the county (the Schedule's) and, for a test or a rerun, the day. */
export interface OutreachRoundInput {
  countyCode: string;
}

export interface OutreachRoundPlan {
  countyCode: string;
  /** The round's day (YYYY-MM-DD, Beijing time). */
  date: string;
  intervalDays: number;
  /** Emergency cases opened since this day make a household a priority (YYYY-MM-DD). */
  emergencySince: string;
  pageSize: number;
}

export interface OutreachRoundPage {
  /** Households due for a visit on this page (with or without a task open already). */
  due: number;
  opened: number;
  /** The last household id of a full page: the next page starts after it; null at the end. */
  next: string | null;
}

export interface OutreachRoundResult {
  countyCode: string;
  date: string;
  due: number;
  opened: number;
  /** Class (a) warnings the day's check of the referral records raised (rounds since the patch). */
  policyNotApplied?: number;
}

/** Each county's Schedule of outreach rounds (daily; the interval is a parameter, so the cadence needs none). */
export const outreachRoundScheduleId = (countyCode: string): string => `outreach-round/${countyCode}`;
/** The tasks a round opens name its county and day. */
export const outreachRoundWorkflowId = (countyCode: string, date: string): string =>
  `outreach-round/${countyCode}/${date}`;
/** The tasks a survey opens name the survey. */
export const outreachSurveyWorkflowId = (surveyId: string): string => `outreach-survey/${surveyId}`;
/** One task key per household: with the partial unique index, no second open visit task. */
export const outreachTaskKey = (householdId: string): string => `OUTREACH_VISIT/${householdId}`;

export const OUTREACH_OUTCOME_NAMES_ZH: Record<OutreachVisitOutcome, string> = {
  NO_CHANGE: '无变化',
  RAISE_WARNING: '发起预警',
  CHANGE_REPORT: '报告变更',
};

/** The change kinds as the visit form names them. */
export const CHANGE_KIND_NAMES_ZH: Record<ChangeKind, string> = {
  MEMBER_ADDED: '家庭成员增加',
  MEMBER_REMOVED: '家庭成员减少',
  DEATH: '成员死亡',
  INCOME_CHANGE: '收入变化',
  ASSET_CHANGE: '财产变化',
  MOVED_AWAY: '迁出',
  CONTACT_CHANGE: '联系方式变化',
  OTHER: '其他',
};

/** The source of a warning an outreach visit raised (beside the departments' DataSource). */
export const OUTREACH_WARNING_SOURCE = 'OUTREACH_VISIT';
export const OUTREACH_WARNING_SOURCE_NAME_ZH = '走访';
