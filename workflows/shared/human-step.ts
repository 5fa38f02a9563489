import { condition, uuid4 } from '@temporalio/workflow';
import type { DueRequest, PlannedDue } from '../../src/core/due';
import type { Role } from '../../src/core/contracts/roles';
import type {
  CaseKind,
  EscalationKind,
  TaskClosing,
  TaskReschedule,
  TaskSpec,
  TaskType,
} from '../../src/core/contracts/task';
import { CALENDAR_LOADED_REASON, type CalendarLoads, type Deadline, deadlineOf } from './calendar-loads';
import { type MovableDeadline, watchDeadline } from './deadline-watch';

// The human step of the emergency, deliberation and determination workflows (processes.md
// §1 and §5): a task with a due date from a time-limit parameter (or an explicit one, or one
// planned for several steps), a reminder at a share of the limit, and one ESCALATION task
// for the county supervisors when it is overdue (the timers in deadline-watch.ts, shared
// with the recheck workflow). What only the determination uses (a deadline moved from an
// Update, a deadline that ends the step, the step's outcome recorded before its escalation
// is closed) is optional and issues nothing when absent.

export interface StepActivities {
  openTask(spec: TaskSpec): Promise<void>;
  closeTask(closing: TaskClosing): Promise<void>;
  remindTask(taskId: string): Promise<boolean>;
  planDue(req: DueRequest): Promise<PlannedDue>;
  rescheduleTask(move: TaskReschedule): Promise<void>;
}

export interface StepCase {
  workflowId: string;
  /** An APPLICATION's tasks carry its id as applicationId (the determination's task rows). */
  caseKind: CaseKind;
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
  /** A due date already planned (a limit several steps share), instead of `limitId` counted from now. */
  deadline?: { plan: DueRequest; due: PlannedDue } | null;
  /** An explicit dueAt planned without a published holiday schedule (the caller re-plans it). */
  dueProvisional?: boolean;
  assignee?: string;
  priority?: number;
  /** Escalate when overdue (after the reminder); false: no reminder or escalation (the caller watches the deadline). */
  escalate: boolean;
  /** The due date ends the step, without reminder or escalation (humanStep returns then, its task still open). */
  expires?: boolean;
  /** On the escalation task; absent: the escalation board shows none (the determination's). */
  escalationKind?: EscalationKind;
  /** Why, in Chinese, without personal data. */
  escalationReason?: string;
  /** Who the escalation goes to; absent: the county's supervisors. */
  escalateTo?: { role: Role; jurisdiction: string };
}

/** What a step may need beyond its task and timers; each hook runs only when given. */
export interface StepExtras {
  /** A due date the caller moves from an Update (a supervisor's extension). */
  movable?: MovableDeadline;
  /** A load planned the due date again: the caller's state follows, before the task row does. */
  moved?: (next: Deadline) => void;
  /** …and once the task row followed, when the date itself moved (a timeline event). */
  recalculated?: (next: Deadline) => Promise<void>;
  /** After the escalation task is opened (a timeline event). */
  escalated?: () => Promise<void>;
  /** Records the step's end before its escalation is closed: the first write after a completing Update is the step's own. */
  settle?: () => Promise<void>;
}

/** How a task names its case: an application by its id, the other kinds by kind and id. */
function caseRef(c: StepCase): Pick<TaskSpec, 'applicationId' | 'caseKind' | 'caseId'> {
  return c.caseKind === 'APPLICATION'
    ? { applicationId: c.caseId }
    : { applicationId: null, caseKind: c.caseKind, caseId: c.caseId };
}

export interface OpenedStep {
  spec: TaskSpec;
  dueAt: string | null;
  /** How a parameter's due date was planned (null for a date set by a person). */
  deadline: Deadline | null;
}

/** Opens the task of a step; `onOpen` runs before the activity so validators already see it. */
export async function openStep(
  act: StepActivities,
  c: StepCase,
  req: StepRequest,
  onOpen: (spec: TaskSpec, deadline: Deadline | null) => void,
): Promise<OpenedStep & { reminderShare: number; openedAt: string }> {
  const openedAt = new Date().toISOString();
  let dueAt: string | null = req.dueAt ?? null;
  let reminderShare = 1;
  let provisional = req.dueProvisional ?? false;
  let deadline: Deadline | null = null;
  if (req.deadline || req.limitId) {
    const plan = req.deadline?.plan ?? { limitId: req.limitId!, from: openedAt, county: c.countyCode };
    const due = req.deadline?.due ?? (await act.planDue(plan));
    dueAt = due.dueAt;
    reminderShare = due.reminderShare;
    provisional = due.provisional;
    deadline = deadlineOf(plan, due);
  } else if (dueAt !== null) {
    reminderShare = (await act.planDue({ limitId: null, workingDays: 0, from: openedAt, county: c.countyCode }))
      .reminderShare;
  }
  const spec: TaskSpec = {
    taskId: uuid4(),
    taskKey: `${req.type}#${uuid4()}`,
    type: req.type,
    ...caseRef(c),
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
  onOpen(spec, deadline);
  await act.openTask(spec);
  return { spec, dueAt, deadline, reminderShare, openedAt };
}

/** An ESCALATION task for the county supervisors (or `to`; the escalation board lists it); without `dueLimitId` it has no due date. */
export async function openEscalation(
  act: StepActivities,
  c: StepCase,
  kind: EscalationKind | undefined,
  reason: string | undefined,
  escalates: string | null,
  dueLimitId: string | null,
  to: { role: Role; jurisdiction: string } = { role: 'COUNTY_SUPERVISOR', jurisdiction: c.countyCode },
  /** Drawn by a caller that must hold the id in its state before the task row exists. */
  taskId: string = uuid4(),
): Promise<string> {
  const due =
    dueLimitId === null
      ? null
      : await act.planDue({ limitId: dueLimitId, from: new Date().toISOString(), county: c.countyCode });
  await act.openTask({
    taskId,
    taskKey: `ESCALATION#${uuid4()}`,
    type: 'ESCALATION',
    ...caseRef(c),
    workflowId: c.workflowId,
    candidateRole: to.role,
    jurisdiction: to.jurisdiction,
    countyCode: c.countyCode,
    townshipCode: c.townshipCode,
    priority: 2,
    dueAt: due?.dueAt ?? null,
    dueProvisional: due?.provisional ?? false,
    ...(kind !== undefined ? { escalationKind: kind } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(escalates ? { escalates } : {}),
  });
  return taskId;
}

/**
 * Opens a step and waits until `finished(taskId)` (or, when it expires, its due date): a
 * reminder at the reminder share of the limit, then one escalation when the due date passes
 * (due within `escalationLimitId`; null: no due date). Returns the task id, and whether it
 * was escalated; the escalation is closed when the step finishes. The caller closes the
 * step's own task (it knows who completed it), here or in `extras.settle`.
 */
export async function humanStep(
  act: StepActivities,
  c: StepCase,
  req: StepRequest,
  onOpen: (spec: TaskSpec, deadline: Deadline | null) => void,
  finished: (taskId: string) => boolean,
  escalationLimitId: string | null,
  onEscalated?: () => void,
  extras: StepExtras = {},
): Promise<{ taskId: string; escalated: boolean }> {
  const { spec, dueAt, deadline, reminderShare, openedAt } = await openStep(act, c, req, onOpen);
  const done = () => finished(spec.taskId);
  let escalation: string | null = null;
  if ((req.escalate || req.expires) && dueAt !== null) {
    escalation = await watchDeadline({
      finished: done,
      openedAt,
      // A date set by a person is not provisional: never planned again.
      deadline: deadline ?? {
        plan: { limitId: null, from: openedAt, county: c.countyCode },
        dueAt,
        provisional: false,
      },
      reminderShare,
      loads: c.calendarLoads,
      planDue: act.planDue,
      ...(req.expires ? { expires: true } : {}),
      ...(extras.movable ? { movable: extras.movable } : {}),
      remind: async () => void (await act.remindTask(spec.taskId)),
      escalate: async () => {
        const taskId = await openEscalation(
          act,
          c,
          req.escalationKind,
          req.escalationReason,
          spec.taskId,
          escalationLimitId,
          req.escalateTo,
        );
        onEscalated?.();
        if (extras.escalated) await extras.escalated();
        return taskId;
      },
      moved: async (next, dateMoved) => {
        extras.moved?.(next);
        await act.rescheduleTask({
          taskId: spec.taskId,
          dueAt: next.dueAt,
          dueProvisional: next.provisional,
          reason: CALENDAR_LOADED_REASON,
          cause: 'CALENDAR_LOADED',
        });
        if (dateMoved && extras.recalculated) await extras.recalculated(next);
      },
      withdrawEscalation: (taskId, cause) =>
        act.closeTask({ taskId, status: 'DONE', outcome: cause, completedBy: null, completedByRole: null }),
    });
  }
  if (!req.expires) await condition(done);
  if (extras.settle) await extras.settle();
  if (escalation !== null)
    await act.closeTask({
      taskId: escalation,
      status: 'DONE',
      outcome: 'STEP_COMPLETED',
      completedBy: null,
      completedByRole: null,
    });
  return { taskId: spec.taskId, escalated: escalation !== null };
}
