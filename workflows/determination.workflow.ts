import { allHandlersFinished, condition, setHandler, uuid4 } from '@temporalio/workflow';
import type { DeterminationInput, DeterminationState, OpenStage } from '../src/core/contracts/determination';
import { acceptance, awaitSupplement } from './determination/acceptance';
import { applyCaseLevel, applyTaskAction, afterAction, TASK_ACTIONS } from './determination/case-actions';
import { type DeterminationCase, isOpen, openCase } from './determination/case';
import { confirmation, countyHomeVisit } from './determination/confirmation';
import { investigation } from './determination/investigation';
import { watchWholeProcess } from './determination/process-limit';
import { appraisal, objectionHandling, publicity } from './determination/publicity';
import { review } from './determination/review';
import { refuse, validateAction } from './determination/rules';
import { actUpdate, determinationStateQuery, lodgeObjectionUpdate } from '../src/core/messages';

/** Each open stage of processes.md §1, in the order of the procedure. */
const STAGES: Record<OpenStage, (c: DeterminationCase) => Promise<void>> = {
  SUBMITTED: acceptance,
  AWAITING_SUPPLEMENT: awaitSupplement,
  INVESTIGATION: investigation,
  REVIEW: review,
  PUBLICITY: publicity,
  OBJECTION_HANDLING: objectionHandling,
  APPRAISAL: appraisal,
  COUNTY_HOME_VISIT: countyHomeVisit,
  CONFIRMATION: confirmation,
};

/**
 * One application from intake to a decision (domain.md §4.1, processes.md §1). Each stage
 * opens a human task and waits for the Update that completes it, with a reminder at a
 * share of the step's limit and an escalation to the county supervisor when overdue.
 */
export async function determinationWorkflow(input: DeterminationInput): Promise<DeterminationState> {
  const c = openCase(input);
  const { state } = c;

  setHandler(determinationStateQuery, () => state);

  setHandler(
    actUpdate,
    async (acting) => {
      // Decided synchronously, before any await, so a concurrent second completion already
      // sees the task gone. A task action answers at once; the stage records it (closes
      // the task, writes the timeline) and moves on, so staff do not wait for those writes.
      if (TASK_ACTIONS.has(acting.command.action)) {
        c.completed = acting;
        state.currentTask = null;
        applyTaskAction(c, acting);
        return state;
      }
      applyCaseLevel(c, acting);
      await afterAction(c, acting);
      return state;
    },
    { validator: (acting) => validateAction(state, input.villageCode, acting) },
  );

  setHandler(
    lodgeObjectionUpdate,
    async (objection) => {
      state.objectionsThisRound++;
      try {
        // The public caller waits for this write: a refusal goes back to them (not an incident), and is not counted.
        await c.recording.recordObjection({
          objectionId: uuid4(),
          applicationId: input.applicationId,
          round: state.publicityRound,
          text: objection.text,
          contact: objection.contact ?? null,
        });
      } catch (error) {
        state.objectionsThisRound--;
        throw error;
      }
      return { round: state.publicityRound };
    },
    {
      validator: (_objection) => {
        if (state.stage !== 'PUBLICITY') refuse('WRONG_STAGE', '公示期未开始或已结束，不能提出异议');
      },
    },
  );

  await c.act.recordIntake(input);
  const processWatch = watchWholeProcess(c);
  while (isOpen(state.stage)) {
    await STAGES[state.stage](c);
  }
  await c.act.cancelOpenTasks({ applicationId: input.applicationId, workflowId: c.workflowId });
  await processWatch;
  await condition(allHandlersFinished);
  return state;
}
