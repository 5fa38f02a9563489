import { humanStep } from '../shared/human-step';
import { applyConvened, type DeliberationRun, LIMIT } from './run';

/**
 * CONVENING: a matter convened with its start is in OPINIONS already (or is put there now,
 * before the patch); otherwise a CONVENE task for the county supervisors, escalated when it waits too long.
 */
export async function convene(run: DeliberationRun, convenedAtStart: boolean): Promise<void> {
  const { act, input, state } = run;
  if (input.convened) {
    if (!convenedAtStart) applyConvened(run, input.convened);
    return;
  }
  let conveneTaskId: string | null = null;
  await humanStep(
    act,
    run.c,
    {
      type: 'CONVENE',
      role: 'COUNTY_SUPERVISOR',
      jurisdiction: input.countyCode,
      limitId: LIMIT.escalation,
      priority: 2,
      escalate: true,
      escalationKind: 'DELIBERATION_STALLED',
      escalationReason: '一事一议待召集，已超过期限',
    },
    (spec) => (conveneTaskId = spec.taskId),
    () => state.stage !== 'CONVENING',
    LIMIT.escalation,
  );
  const by = run.convenedBy;
  if (conveneTaskId && by) {
    await act.closeTask({
      taskId: conveneTaskId,
      status: 'DONE',
      outcome: 'convene',
      completedBy: by.actor.userId,
      completedByRole: by.actor.role,
    });
  }
}
