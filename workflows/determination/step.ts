import { condition, patched, uuid4 } from '@temporalio/workflow';
import type { DueRequest, PlannedDue } from '../../src/applications/due-dates';
import type { InvestigationRecord } from '../../src/applications/investigation-record.repository';
import type { Acting, DeterminationAction } from '../../src/contracts/determination';
import type { Role } from '../../src/contracts/roles';
import type { TaskSpec, TaskType } from '../../src/contracts/task';
import { CALENDAR_LOADED_REASON, deadlineOf, replanDeadline } from '../shared/calendar-loads';
import { type DeterminationCase, event } from './case';
import { describe } from './describe';

// The determination's human step. It keeps its own loop rather than shared/human-step.ts:
// a supervisor's extendStep moves the open step's due date from an Update (deadlineVersion),
// its escalations carry no due date or kind, and its recorded histories must replay unchanged.

/**
 * Since this patch the home visits and the democratic appraisal's minutes go with their step's
 * timeline event, so the activity stores them on the case (they were only in the Update).
 */
const INVESTIGATION_RECORDS_PATCH = 'home-visit-records';

function isInvestigationRecord(command: DeterminationAction): command is InvestigationRecord {
  return command.action === 'recordHomeVisit' || command.action === 'recordAppraisal' || command.action === 'recordCountyHomeVisit';
}

export interface StepOptions {
  /** false: no reminder or escalation, the deadline itself ends the step (supplement). */
  escalate?: boolean;
  /** A due date already planned (a limit several steps share), instead of `limitId` counted from now. */
  deadline?: { plan: DueRequest; due: PlannedDue } | null;
}

/**
 * Opens a step's task and waits for the action that completes it. Returns that action, or
 * null when the stage was left another way (withdrawal, termination) or its deadline closed it.
 */
export async function humanStep(c: DeterminationCase, type: TaskType, role: Role, jurisdiction: string, limitId: string, opts: StepOptions = {}): Promise<Acting<DeterminationAction> | null> {
  const { act, input, state } = c;
  const escalate = opts.escalate !== false;
  const stageAtStart = state.stage;
  const opened = new Date().toISOString();
  const plan = opts.deadline?.plan ?? { limitId, from: opened, county: input.countyCode };
  const due = opts.deadline?.due ?? (await act.planDue(plan));
  c.stepDeadline = deadlineOf(plan, due);
  const spec: TaskSpec = {
    taskId: uuid4(),
    taskKey: `${type}#${uuid4()}`,
    type,
    applicationId: input.applicationId,
    workflowId: c.workflowId,
    candidateRole: role,
    jurisdiction,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode,
    priority: input.category === 'DESTITUTE' || input.channel === 'WARNING' ? 1 : 0,
    dueAt: due.dueAt,
    dueProvisional: due.provisional,
  };
  c.completed = null;
  state.currentTask = { taskId: spec.taskId, type, candidateRole: role, jurisdiction, dueAt: due.dueAt };
  await act.openTask(spec);
  const finished = () => state.currentTask?.taskId !== spec.taskId || state.stage !== stageAtStart;

  let reminded = false;
  let escalation: string | null = null;
  let seenVersion = c.deadlineVersion;
  let seenLoads = c.calendarLoads.version();
  while (!finished()) {
    if (c.calendarLoads.version() !== seenLoads) {
      seenLoads = c.calendarLoads.version();
      await replanStep(c, spec.taskId);
      if (finished()) break;
    }
    if (c.deadlineVersion !== seenVersion) {
      // A new deadline gets its own reminder and, if missed again, its own escalation.
      seenVersion = c.deadlineVersion;
      reminded = false;
      if (escalation !== null) await act.closeTask({ taskId: escalation, status: 'DONE', outcome: c.deadlineMovedBy, completedBy: null, completedByRole: null });
      escalation = null;
    }
    const version = c.deadlineVersion;
    const loads = c.calendarLoads.version();
    const moved = () => finished() || c.deadlineVersion !== version || c.calendarLoads.version() !== loads;
    if (escalation !== null) {
      await condition(moved); // escalated: wait for the step or a new deadline
      continue;
    }
    const dueAt = Date.parse(state.currentTask!.dueAt!);
    const remindAt = Date.parse(opened) + due.reminderShare * (dueAt - Date.parse(opened));
    if (await condition(moved, Math.max((!reminded && escalate ? remindAt : dueAt) - Date.now(), 0))) continue;
    if (!escalate) break;
    if (!reminded) {
      reminded = true;
      await act.remindTask(spec.taskId);
      continue;
    }
    state.overdueSteps++;
    escalation = await openEscalation(c, spec, `「${type}」环节已超过办理期限 ${state.currentTask!.dueAt}`);
  }
  if (state.currentTask?.taskId === spec.taskId) {
    state.currentTask = null;
    await act.closeTask({ taskId: spec.taskId, status: 'CANCELLED', outcome: state.stage, completedBy: null, completedByRole: null });
  }
  const done = c.completed as Acting<DeterminationAction> | null; // set by the Update handler meanwhile
  if (done !== null) {
    const { actor, command } = done;
    // An activity task, not a local one: a local activity would hold open the workflow task
    // that carries the Update's reply, so staff would wait for every write of the next step.
    await c.closing.closeTask({ taskId: spec.taskId, status: 'DONE', outcome: command.action, completedBy: actor.userId, completedByRole: actor.role });
    const record = isInvestigationRecord(command) && patched(INVESTIGATION_RECORDS_PATCH) ? command : undefined;
    await event(c, `ACTION_${command.action}`, done, describe(command), undefined, record);
  }
  if (escalation !== null) {
    await act.closeTask({ taskId: escalation, status: 'DONE', outcome: 'STEP_COMPLETED', completedBy: null, completedByRole: null });
  }
  return done;
}

/** The open step's provisional due date, planned again after a holiday-schedule load. */
async function replanStep(c: DeterminationCase, taskId: string): Promise<void> {
  const next = await replanDeadline(c.act.planDue, c.stepDeadline, c.calendarLoads);
  const task = c.state.currentTask;
  if (next === null || task?.taskId !== taskId) return;
  c.stepDeadline = next;
  const moved = task.dueAt !== next.dueAt;
  if (moved) {
    task.dueAt = next.dueAt;
    c.deadlineMovedBy = 'DEADLINE_RECALCULATED';
    c.deadlineVersion++; // wakes the step's timers on the new due date
  }
  // Written even when only the provisional mark goes: the task then shows a firm date.
  await c.act.rescheduleTask({ taskId, dueAt: next.dueAt, dueProvisional: next.provisional, reason: CALENDAR_LOADED_REASON, cause: 'CALENDAR_LOADED' });
  if (moved) await event(c, 'STEP_DUE_RECALCULATED', null, `${CALENDAR_LOADED_REASON}（至 ${next.dueAt}）`);
}

/** An ESCALATION task for the county supervisor, who may reassign, extend the step or act in its place. */
export async function openEscalation(c: DeterminationCase, about: TaskSpec | null, reason: string): Promise<string> {
  const { input } = c;
  const taskId = uuid4();
  await c.act.openTask({
    taskId,
    taskKey: `ESCALATION#${uuid4()}`,
    type: 'ESCALATION',
    applicationId: input.applicationId,
    workflowId: c.workflowId,
    candidateRole: 'COUNTY_SUPERVISOR',
    jurisdiction: input.countyCode,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode,
    priority: 2,
    dueAt: null,
    dueProvisional: false,
    ...(about ? { escalates: about.taskId } : {}),
  });
  await event(c, 'ESCALATED', null, reason);
  return taskId;
}
