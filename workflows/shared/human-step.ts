import { condition, uuid4 } from '@temporalio/workflow';
import type { DueRequest, PlannedDue } from '../../src/applications/due-dates';
import type { Role } from '../../src/contracts/roles';
import type { CaseKind, EscalationKind, TaskClosing, TaskSpec, TaskType } from '../../src/contracts/task';
import { msUntil } from './clock';

// The human step of the emergency and deliberation workflows (processes.md §5): a task with a
// due date from a time-limit parameter (or an explicit one), a reminder at a share of the
// limit, and one ESCALATION task for the county supervisors when it is overdue. The
// determination and recheck workflows keep their own copies (their recorded histories must
// replay unchanged).

export interface StepActivities {
  openTask(spec: TaskSpec): Promise<void>;
  closeTask(closing: TaskClosing): Promise<void>;
  remindTask(taskId: string): Promise<boolean>;
  planDue(req: DueRequest): Promise<PlannedDue>;
}

export interface StepCase {
  workflowId: string;
  caseKind: Exclude<CaseKind, 'APPLICATION'>;
  caseId: string;
  countyCode: string;
  townshipCode: string;
}

export interface StepRequest {
  type: TaskType;
  role: Role;
  jurisdiction: string;
  /** A time-limit parameter id; or `dueAt` for a date set by a person (a measure's due date). */
  limitId?: string;
  dueAt?: string;
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
}

/** Opens the task of a step; `onOpen` runs before the activity so validators already see it. */
export async function openStep(act: StepActivities, c: StepCase, req: StepRequest, onOpen: (spec: TaskSpec) => void): Promise<OpenedStep & { reminderShare: number; openedAt: string }> {
  const openedAt = new Date().toISOString();
  let dueAt: string | null = req.dueAt ?? null;
  let reminderShare = 1;
  let provisional = false;
  if (req.limitId) {
    const due = await act.planDue({ limitId: req.limitId, from: openedAt, county: c.countyCode });
    dueAt = due.dueAt;
    reminderShare = due.reminderShare;
    provisional = due.provisional;
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
  return { spec, dueAt, reminderShare, openedAt };
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
  const { spec, dueAt, reminderShare, openedAt } = await openStep(act, c, req, onOpen);
  const done = () => finished(spec.taskId);
  let escalation: string | null = null;
  if (req.escalate && dueAt !== null) {
    const remindAt = Date.parse(openedAt) + reminderShare * (Date.parse(dueAt) - Date.parse(openedAt));
    if (!(await condition(done, Math.max(remindAt - Date.now(), 0)))) {
      await act.remindTask(spec.taskId);
      if (!(await condition(done, msUntil(dueAt)))) {
        escalation = await openEscalation(act, c, req.escalationKind, req.escalationReason, spec.taskId, escalationLimitId);
        onEscalated?.();
      }
    }
  }
  await condition(done);
  if (escalation !== null) await act.closeTask({ taskId: escalation, status: 'DONE', outcome: 'STEP_COMPLETED', completedBy: null, completedByRole: null });
  return { taskId: spec.taskId, escalated: escalation !== null };
}
