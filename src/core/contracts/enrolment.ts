import type { RefusalCode } from '../refusals';
import { z } from 'zod';
import { Text } from './text';
import type { ApplicationCategory } from './application';
import type { ActorRef } from './determination';
import { HouseholdFacts } from './household-facts';
import type { TaskSpec } from './task';
import { CountyCode } from './division';

// Plain-JSON shapes that cross the workflow boundary for the enrolled-case lifecycle
// (domain.md §4.2, processes.md §2). ISO strings only; no personal data.

export const ENROLLED_STATUSES = ['ACTIVE', 'RECHECKING', 'PHASE_OUT', 'SUSPENDED', 'EXITED'] as const;
export type EnrolledStatus = (typeof ENROLLED_STATUSES)[number];

export const ENROLLED_STATUS_NAMES_ZH: Record<EnrolledStatus, string> = {
  ACTIVE: '在保',
  RECHECKING: '复核中',
  PHASE_OUT: '渐退期',
  SUSPENDED: '暂停发放',
  EXITED: '已退出',
};

export interface EnrolledCaseInput {
  enrolledCaseId: string;
  applicationId: string;
  category: ApplicationCategory;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  monthlyAmount: number;
  membersIncluded: string[];
  /** First month paid (YYYY-MM). */
  startMonth: string;
  /** Days before a month begins at which its payment instruction is written (0: on the boundary). */
  paymentLeadDays?: number;
  /** Continue-as-new at least this often (days); 365 unless given. */
  generationDays?: number;
  /** The state carried over a continue-as-new. */
  carried?: EnrolledCaseState;
}

export interface PendingAmount {
  amount: number;
  /** First month (YYYY-MM) the new amount is paid. */
  fromMonth: string;
  reasons: string[];
}

export interface EnrolledCaseState {
  enrolledCaseId: string;
  status: EnrolledStatus;
  category: ApplicationCategory;
  monthlyAmount: number;
  membersIncluded: string[];
  /** Next month whose payment instruction is due (YYYY-MM). */
  nextPaymentMonth: string;
  /** Amount change decided by a recheck, effective from the following month. */
  pendingAmount: PendingAmount | null;
  nextRecheckAt: string | null;
  phaseOut: { startedAt: string; endsAt: string } | null;
  workRefusals: number;
  /** Unjustified work refusals per member (facts' member id), cumulative. */
  workRefusalsByMember: Record<string, number>;
  /** The recheck child running now, if any. */
  currentRecheck: { recheckId: string; workflowId: string; reason: RecheckReason } | null;
  rechecksDone: number;
  /** Material changes reported while a recheck was running: another recheck follows. */
  changeRecheckPending: boolean;
  changesReported: number;
  /** A recheck campaign asked for a recheck while none could start (suspended): it starts when one can. */
  campaignRecheckPending?: string | null;
  /** The last campaign heard: a repeated notice of the same campaign starts nothing. */
  lastCampaignId?: string | null;
  /** Standard adjustments (调标) applied, latest last: the same adjustment twice changes nothing. */
  adjustmentsApplied?: string[];
  /** Death reports not yet processed (a recheck decided) and their deadline. */
  deaths: DeathDeadline[];
  suspension: { reason: string; by: string; since: string; resumeTo: EnrolledStatus } | null;
  paymentsWritten: number;
  lastPaidMonth: string | null;
  exit: { at: string; reasons: string[] } | null;
  /**
   * A 刚性支出 recognition's period (patch rigid-expense-validity): it ends the case unless a
   * recheck decided from the renewal date on keeps it, which extends it by another period.
   */
  validity?: Validity | null;
  /** Continue-as-new count, and when this run began. */
  generation: number;
  generationStartedAt: string;
}

export interface Validity {
  until: string;
  /** When the renewal recheck opens (working days before `until`). */
  renewalAt: string;
  renewals: number;
}

/**
 * A reported death: processed when a recheck started after the report is decided, within
 * `time_limit.death_processing` of the report, or the county supervisor gets an ESCALATION.
 */
export interface DeathDeadline {
  changeReportId: string;
  reportedAt: string;
  /** From the parameter (null until planned). */
  dueAt: string | null;
  /** The recheck whose decision processes the death (the first one started after the report). */
  recheckId: string | null;
  /** The ESCALATION opened when the deadline passed undecided (at most one). */
  escalationTaskId: string | null;
}

// ---- change reports ----

export const CHANGE_KINDS = [
  'MEMBER_ADDED',
  'MEMBER_REMOVED',
  'DEATH',
  'INCOME_CHANGE',
  'ASSET_CHANGE',
  'MOVED_AWAY',
  'CONTACT_CHANGE',
  'OTHER',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
/** Kinds that start a recheck at once (processes.md §2); contact details and other notes do not. */
export const MATERIAL_CHANGES: ReadonlySet<ChangeKind> = new Set([
  'MEMBER_ADDED',
  'MEMBER_REMOVED',
  'DEATH',
  'INCOME_CHANGE',
  'ASSET_CHANGE',
  'MOVED_AWAY',
]);

export const ReportChange = z.strictObject({
  kind: z.enum(CHANGE_KINDS),
  /** What changed, in words (no ID numbers). */
  description: Text({ max: 2000, multiline: true }),
  /** The date the change happened (YYYY-MM-DD). */
  occurredOn: z.iso.date().optional(),
  /** The member concerned (the facts' member id), if any. */
  memberId: Text({ max: 100 }).optional(),
});
export type ReportChange = z.infer<typeof ReportChange>;

/** What the case workflow hears (signal): no description, only what it needs to act. */
export interface ChangeNotice {
  changeReportId: string;
  kind: ChangeKind;
  material: boolean;
}

// ---- supervisor actions ----

export const SuspendResume = z.strictObject({ reason: Text({ max: 1000, multiline: true }) });
export type SuspendResume = z.infer<typeof SuspendResume>;

export interface SupervisorAction {
  actor: ActorRef;
  requestId: string;
  reason: string;
}

// ---- rechecks ----

/** RENEWAL: the recheck before a 刚性支出 recognition expires. */
export const RECHECK_REASONS = ['PERIODIC', 'CHANGE', 'CAMPAIGN', 'RENEWAL'] as const;
export type RecheckReason = (typeof RECHECK_REASONS)[number];

export interface RecheckInput {
  recheckId: string;
  enrolledCaseId: string;
  applicationId: string;
  category: ApplicationCategory;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  reason: RecheckReason;
  currentAmount: number;
  /** True while the case is in phase-out (a recheck may return it to ACTIVE). */
  inPhaseOut: boolean;
  /** Work refusals per member counted before this recheck. */
  workRefusalsByMember?: Record<string, number>;
  /** The recheck campaign that asked for it (reason CAMPAIGN). */
  campaignId?: string;
}

/** Members whose work refusals reached `minimum_living.work_refusal_limit`: their share is withdrawn. */
export interface WorkRefusalReduction {
  memberIds: string[];
  /** The engine's amount less those members' per-capita shares. */
  monthlyAmount: number;
  membersIncluded: string[];
  reasonZh: string;
}

export interface RecheckEngineResult {
  factsVersion: number;
  status: 'eligible' | 'ineligible' | 'needs_review';
  monthlyAmount: number;
  membersIncluded: string[];
  /** The engine's reasons (Chinese) for the decision task. */
  reasonsZh: string[];
  /** `minimum_living.work_refusal_limit` in force (absent in results recorded before it existed). */
  workRefusalLimit?: number;
  /** Set by the recheck when a member reached the limit: the reduction the decision applies. */
  workRefusalReduction?: WorkRefusalReduction | null;
}

export const RECHECK_OUTCOMES = ['UNCHANGED', 'ADJUST', 'PHASE_OUT', 'EXIT'] as const;
export type RecheckOutcomeKind = (typeof RECHECK_OUTCOMES)[number];

export interface RecheckResult {
  recheckId: string;
  outcome: RecheckOutcomeKind;
  /** New monthly amount (ADJUST). */
  amount: number | null;
  membersIncluded: string[] | null;
  reasons: string[];
  decidedBy: string | null;
  /** Work refusals recorded at the investigation (unjustified refusals of suitable work). */
  workRefusals: number;
  /** The same, per member. */
  workRefusalsByMember?: Record<string, number>;
  /** Members whose refusal streak ended (they accepted suitable work): their count restarts. */
  workAcceptedBy?: string[];
}

export interface RecheckState {
  recheckId: string;
  stage: 'INVESTIGATE' | 'EVALUATE' | 'DECIDE' | 'DONE';
  currentTask: Pick<TaskSpec, 'taskId' | 'type' | 'candidateRole' | 'jurisdiction' | 'dueAt'> | null;
  engine: RecheckEngineResult | null;
  result: RecheckResult | null;
  overdueSteps: number;
}

/** A paragraph a person writes (findings, reason, note). */
const text = (max = 1000) => Text({ max, multiline: true });
/** One line: a member id, a listed reason. */
const line = (max: number) => Text({ max });

export const RecordInvestigationCommand = z.strictObject({
  findings: text(4000),
  homeVisit: z.boolean(),
  /** Updated household facts, when the investigation found changes. */
  facts: HouseholdFacts.optional(),
  /** Unjustified refusals of suitable work found since the last recheck. */
  workRefusals: z.number().int().min(0).max(12).default(0),
  /**
   * The same per member (facts' member id → refusals since the last recheck, or since the
   * member accepted suitable work if that came later).
   */
  workRefusalsByMember: z.record(line(100), z.number().int().min(1).max(12)).optional(),
  /**
   * Members who accepted suitable work since the last recheck: seed 二(四)5 counts
   * *consecutive* refusals, so their earlier refusals no longer count.
   */
  workAcceptedBy: z.array(line(100)).max(20).optional(),
});

export const DecideRecheckCommand = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('UNCHANGED'), note: Text({ max: 1000, min: 0, multiline: true }).optional() }),
  z.strictObject({
    outcome: z.literal('ADJUST'),
    amount: z.number().nonnegative().multipleOf(0.01),
    reasons: z.array(line(500)).min(1).max(20),
  }),
  z.strictObject({ outcome: z.literal('PHASE_OUT'), reasons: z.array(line(500)).min(1).max(20) }),
  z.strictObject({ outcome: z.literal('EXIT'), reasons: z.array(line(500)).min(1).max(20) }),
]);

export const RecheckAction = z.discriminatedUnion('action', [
  RecordInvestigationCommand.extend({ action: z.literal('recordInvestigation') }),
  z.strictObject({ action: z.literal('decide'), decision: DecideRecheckCommand }),
]);
export type RecheckAction = z.infer<typeof RecheckAction>;

/** Refusal types the enrolment validators raise; status and message in src/core/refusals.ts. */
export type EnrolmentRefusal = Extract<
  RefusalCode,
  | 'WRONG_STATUS'
  | 'WRONG_STAGE'
  | 'TASK_NOT_OPEN'
  | 'CASE_EXITED'
  | 'ROLE_NOT_ALLOWED'
  | 'OUT_OF_JURISDICTION'
  | 'STEP_NOT_OVERDUE'
  | 'REASON_REQUIRED'
  | 'PHASE_OUT_NOT_APPLICABLE'
>;

// ---- payments ----

export const PaymentListQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '须为 YYYY-MM' }),
  county: CountyCode,
  status: z.enum(['PENDING', 'PAID', 'FAILED']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

export const Reconciliation = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('PAID') }),
  z.strictObject({ status: z.literal('FAILED'), reason: text(500) }),
]);
export type Reconciliation = z.infer<typeof Reconciliation>;

/**
 * The county officer's answer to a PAYMENT_FAILED task: REISSUE after correcting the
 * details (the instruction is pending again, for the next bank run), or CLOSE without
 * paying (e.g. the account holder has died), always with a reason.
 */
export const PaymentFailureResolution = z.strictObject({
  resolution: z.enum(['REISSUE', 'CLOSE']),
  reason: text(500),
});
export type PaymentFailureResolution = z.infer<typeof PaymentFailureResolution>;

export interface PaymentInstructionInput {
  enrolledCaseId: string;
  month: string;
  amount: number;
  members: string[];
  countyCode: string;
}
