import { z } from 'zod';
import type { ChangeKind } from './enrolment';
import type { DataSource } from './data-source';
import { Department } from './deliberation';
import { Entitlement } from './referral';
import type { ActorRef } from './determination';
import { CountyCode, TownshipCode } from './division';
import { Text } from './text';
import { ApplicationCategory } from './application';

// Warnings of dynamic monitoring (预警, seed 二(三)4; processes.md §7): one per person, class
// and source while open; a newer batch updates it. Each is a workflow from RAISED to CLOSED.

/** The four disposal classes of seed 二(三)4. */
export const WarningClass = z.enum(['POLICY_NOT_APPLIED', 'NOT_COVERED', 'COMPLEX', 'POSSIBLY_NO_LONGER_ELIGIBLE']);
export type WarningClass = z.infer<typeof WarningClass>;

export const WARNING_CLASS_NAMES_ZH: Record<WarningClass, string> = {
  POLICY_NOT_APPLIED: '政策未落实',
  NOT_COVERED: '未纳入保障、可能符合条件',
  COMPLEX: '情况复杂，需一事一议',
  POSSIBLY_NO_LONGER_ELIGIBLE: '可能不再符合条件',
};

export const WarningStage = z.enum(['RAISED', 'VERIFICATION', 'REFERRED', 'DELIBERATION', 'CASE_SIGNALLED', 'CLOSED']);
export type WarningStage = z.infer<typeof WarningStage>;

/** How a closed warning ended. */
export const WarningOutcome = z.enum([
  'APPLICATION_ADVISED',
  'APPLICATION_STARTED',
  'REFERRED',
  'DELIBERATED',
  'CASE_SIGNALLED',
  'DISMISSED',
]);
export type WarningOutcome = z.infer<typeof WarningOutcome>;

/**
 * Who a warning's rule looks at: enrolled persons, known persons not enrolled, or anyone not
 * enrolled, all among the batch's rows; or, class (a), OWED_NOT_LISTED: the enrolled members
 * owed the rule's entitlement who are absent from the batch (an anti-join: the department's
 * list of whom it serves lacks someone it should serve).
 */
export type WarningPopulation = 'ENROLLED' | 'KNOWN_NOT_ENROLLED' | 'NOT_ENROLLED' | 'OWED_NOT_LISTED';

/** One row of the warning-rules parameter (a table): what a matched row of a source raises. */
export interface WarningRule {
  source: DataSource;
  warningClass: WarningClass;
  population: WarningPopulation;
  /** For class (d): the change report the enrolled case receives. */
  change?: ChangeKind;
  /** For MEDICAL_LARGE_EXPENSE: the row's out-of-pocket amount must reach the threshold parameter. */
  threshold?: string;
  /** For OWED_NOT_LISTED: the entitlement of the matrix the department's list stands for. */
  entitlement?: Entitlement;
}

/**
 * Class (a) (政策未落实) is one open warning per person and entitlement, however it was found (a
 * department's list that lacks the person, or the referral records): the key names the
 * entitlement where the other classes name the source.
 */
export const policyNotAppliedKey = (idNumberHmac: string, entitlement: string): string =>
  `${idNumberHmac}|POLICY_NOT_APPLIED|${entitlement}`;

/** The source of a class (a) warning found in the referral records (not a department's batch). */
export const REFERRAL_RECORDS_SOURCE = 'REFERRAL_RECORDS';

/** One row of monitoring.accepted_declines: a decline of this entitlement is the person's own choice, not a policy left undone. */
export interface AcceptedDecline {
  entitlement: Entitlement;
  /** Why such a decline is accepted (shown with the rule). */
  reasonZh: string;
}

/** The township's home verification (上门核查) of a class (b) warning: how it is disposed of. */
export const WarningVerification = z.discriminatedUnion('outcome', [
  z.strictObject({
    action: z.literal('recordVerification'),
    outcome: z.literal('START_APPLICATION'),
    /** What the visit found, in words (no ID numbers). */
    findings: Text({ max: 2000, multiline: true }),
    /**
     * Open the application on the household's behalf in this category (the person must be in
     * the registry); absent: an application is advised only.
     */
    category: ApplicationCategory.optional(),
    /** The household's 核对授权 and 如实申报承诺, collected at the visit: required with `category`. */
    consent: z
      .strictObject({
        economicCheck: z.literal(true, { error: '须取得家庭经济状况核对授权' }),
        truthfulnessPromise: z.literal(true, { error: '须签署如实申报承诺' }),
      })
      .optional(),
  }),
  z.strictObject({
    action: z.literal('recordVerification'),
    outcome: z.literal('REFER'),
    department: Department,
    /**
     * What the department is asked to deliver (the entitlement matrix's item). Optional where
     * the department owes one item only (to this person's area); otherwise the service asks for it.
     */
    entitlement: z.enum(Entitlement.options, { message: '救助帮扶事项不在代码表中' }).optional(),
    findings: Text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    action: z.literal('recordVerification'),
    /** Class (c): too complex for one department: the county's 一事一议 decides (seed 二(三)4). */
    outcome: z.literal('DELIBERATE'),
    /** The matter as the deliberation is to weigh it (its question), no ID numbers. */
    findings: Text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    action: z.literal('recordVerification'),
    outcome: z.literal('DISMISS'),
    /** Why no action is needed (required: a dismissal explains itself). */
    findings: Text({ max: 2000, multiline: true }),
  }),
]);
export type WarningVerification = z.infer<typeof WarningVerification>;

/** What the warning workflow starts with: ids and routing only, no personal data. */
export interface WarningInput {
  warningId: string;
  warningClass: WarningClass;
  /**
   * The department's source, OUTREACH_VISIT for a warning a village assistant's visit raised,
   * REFERRAL_RECORDS for a class (a) warning the referral records show.
   */
  source: DataSource | 'OUTREACH_VISIT' | typeof REFERRAL_RECORDS_SOURCE;
  countyCode: string;
  /** The household's township when the person is known here; null: the county arranges the verification. */
  townshipCode: string | null;
  /** Class (d): the enrolled case and the change it receives. */
  enrolledCaseId: string | null;
  change: ChangeKind | null;
}

export interface WarningState {
  warningId: string;
  stage: WarningStage;
  outcome: WarningOutcome | null;
  currentTask: { taskId: string; candidateRole: string; jurisdiction: string; dueAt: string | null } | null;
  changeReportId: string | null;
  /** The referral a REFER verification opened (or the open one it found). */
  referralId?: string | null;
  /** The 一事一议 a DELIBERATE verification started. */
  deliberationId?: string | null;
  /** The application a START_APPLICATION verification opened (or the open one it found). */
  applicationId?: string | null;
  overdue: boolean;
}

/** A staff action on the warning (the verification task's Update). */
export interface WarningActing {
  actor: ActorRef;
  requestId: string;
  taskId?: string;
  command: WarningVerification;
}

/** GET /api/v1/warnings filters. */
export const WarningListQuery = z.strictObject({
  warningClass: WarningClass.optional(),
  stage: WarningStage.optional(),
  county: CountyCode.optional(),
  township: TownshipCode.optional(),
  source: z.string().max(40).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
  format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type WarningListQuery = z.infer<typeof WarningListQuery>;
