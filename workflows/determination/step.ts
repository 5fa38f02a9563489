import type { DueRequest, PlannedDue } from '../../src/core/due';
import type { Acting, DeterminationAction } from '../../src/core/contracts/determination';
import type { Role } from '../../src/core/contracts/roles';
import type { TaskType } from '../../src/core/contracts/task';
import { CALENDAR_LOADED_REASON } from '../shared/calendar-loads';
import { humanStep as sharedHumanStep } from '../shared/human-step';
import { type DeterminationCase, event, stepCase } from './case';
import { legacyHumanStep } from './legacy-step';
import { recordStepEnd } from './step-outcome';

// The determination's human step, on the loop the other workflows share: a supervisor's
// extendStep moves its due date from an Update (deadlineVersion), its escalations carry no
// due date or kind and go on the timeline, and its outcome is recorded before its escalation
// is closed. Cases started before patch determination-shared-step keep legacy-step.ts.

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
export async function humanStep(
  c: DeterminationCase,
  type: TaskType,
  role: Role,
  jurisdiction: string,
  limitId: string,
  opts: StepOptions = {},
): Promise<Acting<DeterminationAction> | null> {
  if (!c.sharedStep) return legacyHumanStep(c, type, role, jurisdiction, limitId, opts);
  const { act, input, state } = c;
  const escalate = opts.escalate !== false;
  const stageAtStart = state.stage;
  let taskId = '';
  let done: Acting<DeterminationAction> | null = null;
  await sharedHumanStep(
    act,
    stepCase(c),
    {
      type,
      role,
      jurisdiction,
      limitId,
      deadline: opts.deadline ?? null,
      priority: input.category === 'DESTITUTE' || input.channel === 'WARNING' ? 1 : 0,
      escalate,
      expires: !escalate,
    },
    (spec, deadline) => {
      taskId = spec.taskId;
      c.stepDeadline = deadline;
      c.completed = null;
      state.currentTask = { taskId, type, candidateRole: role, jurisdiction, dueAt: spec.dueAt };
    },
    (id) => state.currentTask?.taskId !== id || state.stage !== stageAtStart,
    null, // no due date on the determination's escalations
    undefined,
    {
      movable: { version: () => c.deadlineVersion, deadline: () => c.stepDeadline! },
      moved: (next) => {
        c.stepDeadline = next;
        if (state.currentTask?.taskId === taskId) state.currentTask.dueAt = next.dueAt;
      },
      recalculated: (next) => event(c, 'STEP_DUE_RECALCULATED', null, `${CALENDAR_LOADED_REASON}（至 ${next.dueAt}）`),
      escalated: async () => {
        state.overdueSteps++;
        await event(c, 'ESCALATED', null, `「${type}」环节已超过办理期限 ${c.stepDeadline!.dueAt}`);
      },
      settle: async () => void (done = await recordStepEnd(c, taskId)),
    },
  );
  return done;
}
