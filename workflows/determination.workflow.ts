import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { DeterminationInput, DeterminationState } from '../src/contracts/determination';
import { refuse, requireJurisdiction, requireRole } from './authorization';
import { acceptUpdate, determinationStateQuery } from './messages';
import { RECORDING } from './profiles';

const { recordIntake, recordApplicationEvent } = proxyActivities<ApplicationActivities>(RECORDING);

/**
 * One application, from intake to a decision (domain.md §4.1). This first slice covers
 * intake and acceptance with its time limit; the later stages follow in the same workflow.
 */
export async function determinationWorkflow(input: DeterminationInput): Promise<DeterminationState> {
  const state: DeterminationState = {
    applicationId: input.applicationId,
    stage: 'SUBMITTED',
    acceptanceDueAt: input.acceptanceDueAt,
    acceptanceOverdue: false,
    acceptedBy: null,
  };

  setHandler(determinationStateQuery, () => state);
  setHandler(
    acceptUpdate,
    async ({ actor, requestId, command }) => {
      state.stage = 'INVESTIGATION';
      state.acceptedBy = actor.userId;
      await recordApplicationEvent({
        applicationId: input.applicationId,
        eventKey: 'accepted',
        type: 'ACCEPTED',
        stage: state.stage,
        actor,
        requestId,
        reason: command.note ?? null,
      });
      return state;
    },
    {
      validator: ({ actor }) => {
        if (state.stage !== 'SUBMITTED') refuse('WRONG_STAGE', `案件当前处于 ${state.stage} 阶段，不能受理`);
        requireRole(actor, 'TOWNSHIP_CASEWORKER');
        requireJurisdiction(actor, input.townshipCode);
      },
    },
  );

  await recordIntake(input);

  const dueInMs = Date.parse(input.acceptanceDueAt) - Date.now();
  if (!(await condition(() => state.stage !== 'SUBMITTED', Math.max(dueInMs, 0)))) {
    state.acceptanceOverdue = true;
    await recordApplicationEvent({
      applicationId: input.applicationId,
      eventKey: 'acceptance-overdue',
      type: 'ACCEPTANCE_OVERDUE',
      stage: state.stage,
      actor: null,
      requestId: null,
      reason: `受理期限 ${input.acceptanceDueAt} 已过`,
    });
    await condition(() => state.stage !== 'SUBMITTED');
  }
  // Let the accept handler's activity finish before the workflow completes.
  await condition(allHandlersFinished);
  return state;
}
