import { z } from 'zod';
import type { Role } from './roles';

/** Human steps of the processes (processes.md §1 and §5). */
export const TaskType = z.enum([
  'ACCEPT',
  'SUPPLY',
  // 启动调查: the township opens the investigation (or books the first visit) before the home visit
  'START_INVESTIGATION',
  'HOME_VISIT',
  'REVIEW',
  'RESOLVE_OBJECTION',
  'DEMOCRATIC_APPRAISAL',
  'COUNTY_HOME_VISIT',
  'CONFIRM',
  'ESCALATION',
  // Enrolled-case lifecycle (processes.md §2)
  'RECHECK_INVESTIGATE',
  'RECHECK_DECIDE',
  'PAYMENT_FAILED',
  // Emergency aid (processes.md §3)
  'GRANT_AID',
  'EXPLAIN',
  'REGISTER_AND_COMPLETE',
  'EMERGENCY_ACCEPT',
  'EMERGENCY_INVESTIGATE',
  'EMERGENCY_REVIEW',
  'EMERGENCY_CONFIRM',
  // 一事一议 (processes.md §4)
  'CONVENE',
  'OPINION',
  'DELIBERATION_DECIDE',
  'FOLLOW_UP',
  // Dynamic monitoring (processes.md §7): the home verification of a warning (上门核查)
  'WARNING_VERIFICATION',
  // Regular assistance (domain.md §4.6): a referral to a department, for its liaison to act on and report back
  'REFERRAL',
  // The administrator enters a yearly statistic an evaluation found missing (no workflow: evaluations open and close it)
  'ENTER_STATISTIC',
  // A proposed parameter version awaiting its four-eyes decision (parameter-change workflow)
  'APPROVE_PARAMETER',
  // Supervision (plan 三(三)): a complaint or report to investigate and answer (投诉举报)
  'COMPLAINT_HANDLE',
  // The county's home visit a complaint's handler asked for, on the case the complaint names
  'COMPLAINT_HOME_VISIT',
  // An instalment of a recovery (追缴) unpaid past its due date: the county officer follows it up
  'RECOVERY_INSTALMENT_OVERDUE',
  // Funds paid on time and in full (plan 三(三)): a county's month with payments missing, late, short, twice or failed
  'FUND_DISCREPANCY',
  // Dynamic monitoring (plan 二(三)3): the village assistant's visit of a priority household or a surveyed one (走访)
  'OUTREACH_VISIT',
]);

/** What an ESCALATION task is about (the escalation board's kinds). */
export const EscalationKind = z.enum([
  'OVERDUE_STEP',
  'MISSING_EXPLANATION',
  'PAPERWORK_OVERDUE',
  'FUND_REFUSAL',
  'DELIBERATION_STALLED',
  'FOLLOW_UP_OVERDUE',
]);
export type EscalationKind = z.infer<typeof EscalationKind>;

export type CaseKind =
  | 'APPLICATION'
  | 'EMERGENCY'
  | 'DELIBERATION'
  | 'WARNING'
  | 'PARAMETER'
  | 'REFERRAL'
  | 'COMPLAINT'
  | 'RECOVERY'
  | 'FUND_CHECK'
  | 'HOUSEHOLD';
export type TaskType = z.infer<typeof TaskType>;

export const TaskStatus = z.enum(['OPEN', 'CLAIMED', 'DONE', 'CANCELLED']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** What a workflow asks the task activities to open; ids are generated in the workflow (deterministic). */
export interface TaskSpec {
  taskId: string;
  /** Unique per workflow, e.g. "ACCEPT#1"; a retried activity opens nothing twice. */
  taskKey: string;
  type: TaskType;
  /** The determination case; null for emergency and deliberation tasks (caseKind + caseId instead). */
  applicationId: string | null;
  caseKind?: CaseKind;
  caseId?: string;
  escalationKind?: EscalationKind;
  /** Why an escalation was opened (no personal data). */
  reason?: string;
  /** Opened already claimed by this user (a deliberation member's opinion, a department's follow-up). */
  assignee?: string;
  workflowId: string;
  candidateRole: Role;
  /** Division the candidates must cover: a township, a village or the county. */
  jurisdiction: string;
  countyCode: string;
  townshipCode: string;
  priority: number;
  /** ISO instant, null for steps without a time limit. */
  dueAt: string | null;
  dueProvisional: boolean;
  /** The task an ESCALATION is about. */
  escalates?: string;
}

export interface TaskClosing {
  taskId: string;
  status: 'DONE' | 'CANCELLED';
  outcome: string;
  /** Who completed it; null when the workflow cancels it (stage left by another path). */
  completedBy: string | null;
  /** The role the completer acted in (the audit row's role); omitted or null: looked up, else SYSTEM. */
  completedByRole?: Role | null;
}

/** A step's limit extended by the county supervisor (after the workflow's `extendStep` update). */
export interface TaskReschedule {
  taskId: string;
  /** ISO instant of the new limit. */
  dueAt: string;
  dueProvisional: boolean;
  /** Written reason, required for every extension. */
  reason: string;
  /** Who extended it; absent when the worker planned it again (a holiday schedule was loaded). */
  actor?: { userId: string; role: Role };
  requestId?: string | null;
  /** EXTENSION (a supervisor's, the default) or CALENDAR_LOADED (planned again on a loaded holiday schedule). */
  cause?: 'EXTENSION' | 'CALENDAR_LOADED';
}
