import { patched } from '@temporalio/workflow';
import type { InvestigationRecord } from '../../src/core/contracts/determination';
import type { Acting, DeterminationAction } from '../../src/core/contracts/determination';
import { type DeterminationCase, event } from './case';
import { describe } from './describe';

/**
 * Since this patch the home visits and the democratic appraisal's minutes go with their step's
 * timeline event, so the activity stores them on the case (they were only in the Update).
 */
const INVESTIGATION_RECORDS_PATCH = 'home-visit-records';

function isInvestigationRecord(command: DeterminationAction): command is InvestigationRecord {
  return (
    command.action === 'recordHomeVisit' ||
    command.action === 'recordAppraisal' ||
    command.action === 'recordCountyHomeVisit'
  );
}

/**
 * The end of a step as the case records it: its task cancelled when the stage was left
 * another way (withdrawal, termination, an expired deadline), or closed by the action that
 * completed it, with that action's timeline event. Returns the action, or null.
 */
export async function recordStepEnd(c: DeterminationCase, taskId: string): Promise<Acting<DeterminationAction> | null> {
  const { act, state } = c;
  if (state.currentTask?.taskId === taskId) {
    state.currentTask = null;
    await act.closeTask({
      taskId,
      status: 'CANCELLED',
      outcome: state.stage,
      completedBy: null,
      completedByRole: null,
    });
  }
  const done = c.completed as Acting<DeterminationAction> | null; // set by the Update handler meanwhile
  if (done === null) return null;
  const { actor, command } = done;
  // An activity task, not a local one: a local activity would hold open the workflow task
  // that carries the Update's reply, so staff would wait for every write of the next step.
  await c.closing.closeTask({
    taskId,
    status: 'DONE',
    outcome: command.action,
    completedBy: actor.userId,
    completedByRole: actor.role,
  });
  const record = isInvestigationRecord(command) && patched(INVESTIGATION_RECORDS_PATCH) ? command : undefined;
  await event(c, `ACTION_${command.action}`, done, describe(command), undefined, record);
  return done;
}
