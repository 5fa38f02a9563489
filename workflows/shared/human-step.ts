import { condition, uuid4 } from '@temporalio/workflow';
import type { DueRequest, PlannedDue } from '../../src/applications/due-dates';
import type { Role } from '../../src/contracts/roles';
import type { CaseKind, EscalationKind, TaskClosing, TaskReschedule, TaskSpec, TaskType } from '../../src/contracts/task';
import { CALENDAR_LOADED_REASON, type CalendarLoads, type Deadline, deadlineOf } from './calendar-loads';
import { watchDeadline } from './deadline-watch';

// The human step of the emergency and deliberation workflows (processes.md §5): a task with a
// due date from a time-limit parameter (or an explicit one), a reminder at a share of the
// limit, and one ESCALATION task for the county supervisors when it is overdue (the timers
// in deadline-watch.ts, shared with the recheck workflow). The determination keeps its own
// loop (its recorded histories must replay unchanged).

export interface StepActivities {
  openTask(spec: TaskSpec): Promise<void>;
  closeTask(closing: TaskClosing): Promise<void>;
  remindTask(taskId: string): Promise<boolean>;
  planDue(req: DueRequest): Promise<PlannedDue>;
  rescheduleTask(move: TaskReschedule): Promise<void>;
}

export interface StepCase {
  workflowId: string;
  caseKind: Exclude<CaseKind, 'APPLICATION'>;
  caseId: string;
  countyCode: string;
  townshipCode: string;
  /** The workflow's holiday-schedule loads (watchCalendarLoads): provisional due dates are planned again on each. */
  calendarLoads: CalendarLoads;
}

export interface StepRequest {
  type: TaskType;
  role: Role;
  jurisdiction: string;
  /** A time-limit parameter id; or `dueAt` for a date set by a person (a measure's due date). */
  limitId?: string;
  dueAt?: string;
  /** An explicit dueAt planned without a published holiday schedule (the caller re-plans it). */
  dueProvisional?: boolean;
  assignee?: string;
  priority?: number;
  /** Escalate when overdue (after the reminder); false: no reminder or escalation (the caller watches the deadline). */
  escalate: boolean;
  escalationKind: EscalationKind;
  /** Why, in Chinese, without personal data. */
  escalationReason: string;
}

export interface OpenedStep {
  spec: TaskSpec;
  dueAt: string | null;
  /** How a parameter's due date was planned (null for a date set by a person). */
  deadline: Deadline | null;
}

/** Opens the task of a step; `onOpen` runs before the activity so validators already see it. */
export async function openStep(act: StepActivities, c: StepCase, req: StepRequest, onOpen: (spec: TaskSpec) => void): Promise<OpenedStep & { reminderShare: number; openedAt: string }> {
  const openedAt = new Date().toISOString();
  let dueAt: string | null = req.dueAt ?? null;
  let reminderShare = 1;
  let provisional = req.dueProvisional ?? false;
  let deadline: Deadline | null = null;
  if (req.limitId) {
    const plan = { limitId: req.limitId, from: openedAt, county: c.countyCode };
    const due = await act.planDue(plan);
    dueAt = due.dueAt;
    reminderShare = due.reminderShare;
    provisional = due.provisional;
    deadline = deadlineOf(plan, due);
  } else if (dueAt !== null) {
    reminderShare = (await act.planDue({ limitId: null, workingDays: 0, from: openedAt, county: c.countyCode })).reminderShare;
  }
  const spec: TaskSpec = {
    taskId: uuid4(),
    taskKey: `${req.type}#${uuid4()}`,
    type: req.type,
    applicationId: null,
    caseKind: c.caseKind,
    caseId: c.caseId,
    workflowId: c.workflowId,
    candidateRole: req.role,
    jurisdiction: req.jurisdiction,
    countyCode: c.countyCode,
    townshipCode: c.townshipCode,
    priority: req.priority ?? 0,
    dueAt,
    dueProvisional: provisional,
    ...(req.assignee ? { assignee: req.assignee } : {}),
  };
  onOpen(spec);
  await act.openTask(spec);
  return { spec, dueAt, deadline, reminderShare, openedAt };
}

/** An ESCALATION task for the county supervisors (the escalation board lists it). */
export async function openEscalation(act: StepActivities, c: StepCase, kind: EscalationKind, reason: string, escalates: string | null, dueLimitId: string): Promise<string> {
  const taskId = uuid4();
  const due = await act.planDue({ limitId: dueLimitId, from: new Date().toISOString(), county: c.countyCode });
  await act.openTask({
    taskId,
    taskKey: `ESCALATION#${uuid4()}`,
    type: 'ESCALATION',
    applicationId: null,
    caseKind: c.caseKind,
    caseId: c.caseId,
    workflowId: c.workflowId,
    candidateRole: 'COUNTY_SUPERVISOR',
    jurisdiction: c.countyCode,
    countyCode: c.countyCode,
    townshipCode: c.townshipCode,
    priority: 2,
    dueAt: due.dueAt,
    dueProvisional: due.provisional,
    escalationKind: kind,
    reason,
    ...(escalates ? { escalates } : {}),
  });
  return taskId;
}

/**
 * Opens a step and waits until `finished(taskId)`: a reminder at the reminder share of the
 * limit, then one escalation when the due date passes. Returns the task id, and whether it
 * was escalated; the escalation is closed when the step finishes. The caller closes the
 * step's own task (it knows who completed it).
 */
export async function humanStep(
  act: StepActivities,
  c: StepCase,
  req: StepRequest,
  onOpen: (spec: TaskSpec) => void,
  finished: (taskId: string) => boolean,
  escalationLimitId: string,
  onEscalated?: () => void,
): Promise<{ taskId: string; escalated: boolean }> {
  const { spec, dueAt, deadline, reminderShare, openedAt } = await openStep(act, c, req, onOpen);
  const done = () => finished(spec.taskId);
  let escalation: string | null = null;
  if (req.escalate && dueAt !== null) {
    escalation = await watchDeadline({
      finished: done,
      openedAt,
      // A date set by a person is not provisional: never planned again.
      deadline: deadline ?? { plan: { limitId: null, from: openedAt, county: c.countyCode }, dueAt, provisional: false },
      reminderShare,
      loads: c.calendarLoads,
      planDue: act.planDue,
      remind: async () => void (await act.remindTask(spec.taskId)),
      escalate: async () => {
        const taskId = await openEscalation(act, c, req.escalationKind, req.escalationReason, spec.taskId, escalationLimitId);
        onEscalated?.();
        return taskId;
      },
      moved: (next) => act.rescheduleTask({ taskId: spec.taskId, dueAt: next.dueAt, dueProvisional: next.provisional, reason: CALENDAR_LOADED_REASON, cause: 'CALENDAR_LOADED' }),
      withdrawEscalation: (taskId) => act.closeTask({ taskId, status: 'DONE', outcome: 'DEADLINE_RECALCULATED', completedBy: null, completedByRole: null }),
    });
  }
  await condition(done);
  if (escalation !== null) await act.closeTask({ taskId: escalation, status: 'DONE', outcome: 'STEP_COMPLETED', completedBy: null, completedByRole: null });
  return { taskId: spec.taskId, escalated: escalation !== null };
}
