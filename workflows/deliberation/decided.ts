import { getExternalWorkflowHandle, patched, workflowInfo } from '@temporalio/workflow';
import { deliberationDecidedSignal } from '../../src/core/messages';
import { followUp } from './follow-up';
import { type DeliberationRun, record } from './run';

/** Since this patch a matter referred by an emergency case tells that case its decision at once (the case pays its approved amount). */
const DECISION_TO_EMERGENCY_PATCH = 'deliberation-decision-to-emergency';

/**
 * DECIDED: the decision is recorded (and told to the emergency case that referred the
 * matter); an approval with measures goes to FOLLOW_UP, one task per measure, until each is reported or the chair closes.
 */
export async function decided(run: DeliberationRun): Promise<void> {
  const { input, state } = run;
  const decider = run.decidedBy;
  const reason = decider?.command.action === 'decide' ? decider.command.reason : null;
  await record(run, 'DECIDED', decider, { outcome: state.outcome, measures: state.measures, reason });
  const parent = workflowInfo().parent;
  if (input.source.kind === 'EMERGENCY' && parent && state.outcome !== null && patched(DECISION_TO_EMERGENCY_PATCH)) {
    await getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(deliberationDecidedSignal, {
      deliberationId: input.deliberationId,
      outcome: state.outcome,
      measures: state.measures,
    });
  }
  if (state.outcome === 'APPROVE' && state.measures.length > 0) {
    state.stage = 'FOLLOW_UP';
    await record(run, 'FOLLOW_UP_STARTED', null);
    await Promise.all(state.measures.map((m, i) => followUp(run, m, i)));
  }
}
