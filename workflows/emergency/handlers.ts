import { setHandler } from '@temporalio/workflow';
import { deliberationDecidedSignal, emergencyActUpdate, emergencyStateQuery } from '../../src/core/messages';
import { isTaskAction, validateEmergencyAction } from './rules';
import { event, type EmergencyRun } from './run';

/**
 * The case's messages: its state; the 一事一议's decision; staff actions. A task action
 * completes the current step; marking the emergency eased and the supervisor's answer to a
 * fund refusal may come at any time.
 */
export function setEmergencyHandlers(run: EmergencyRun): void {
  const { state, input } = run;
  setHandler(emergencyStateQuery, () => state);
  setHandler(deliberationDecidedSignal, (d) => {
    if (d.deliberationId === state.deliberationId) run.decided = d;
  });
  setHandler(
    emergencyActUpdate,
    async (acting) => {
      const { command } = acting;
      if (isTaskAction(command.action)) {
        run.completed = acting;
        state.currentTask = null;
        return state;
      }
      if (command.action === 'markEased') {
        state.eased = true;
        await event(run, 'EASED', acting, { patch: { eased: true }, reason: command.note ?? null });
      }
      if (command.action === 'resolveFundRefusal') run.fundDecision = acting;
      return state;
    },
    { validator: (acting) => validateEmergencyAction(state, input, acting) },
  );
}
