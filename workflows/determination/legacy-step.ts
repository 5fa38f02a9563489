import { condition, uuid4 } from '@temporalio/workflow';
import type { Acting, DeterminationAction } from '../../src/core/contracts/determination';
import type { Role } from '../../src/core/contracts/roles';
import type { TaskSpec, TaskType } from '../../src/core/contracts/task';
import { CALENDAR_LOADED_REASON, deadlineOf, replanDeadline } from '../shared/calendar-loads';
import { type DeterminationCase, event } from './case';
import { openEscalation } from './escalation';
import type { StepOptions } from './step';
import { recordStepEnd } from './step-outcome';

// The determination's own human-step loop, kept only to replay the cases started before
// patch determination-shared-step (their recorded histories issue exactly these commands).
// New cases run the shared loop (step.ts); do not change this file, nor use it elsewhere.

export async function legacyHumanStep(
  c: DeterminationCase,
  type: TaskType,
  role: Role,
  jurisdiction: string,
  limitId: string,
  opts: StepOptions = {},
): Promise<Acting<DeterminationAction> | null> {
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
      if (escalation !== null)
        await act.closeTask({
          taskId: escalation,
          status: 'DONE',
          outcome: c.deadlineMovedBy,
          completedBy: null,
          completedByRole: null,
        });
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
    escalation = await openEscalation(c, spec.taskId, `「${type}」环节已超过办理期限 ${state.currentTask!.dueAt}`);
  }
  const done = await recordStepEnd(c, spec.taskId);
  if (escalation !== null) {
    await act.closeTask({
      taskId: escalation,
      status: 'DONE',
      outcome: 'STEP_COMPLETED',
      completedBy: null,
      completedByRole: null,
    });
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
  await c.act.rescheduleTask({
    taskId,
    dueAt: next.dueAt,
    dueProvisional: next.provisional,
    reason: CALENDAR_LOADED_REASON,
    cause: 'CALENDAR_LOADED',
  });
  if (moved) await event(c, 'STEP_DUE_RECALCULATED', null, `${CALENDAR_LOADED_REASON}（至 ${next.dueAt}）`);
}
