import { allHandlersFinished, condition, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DeliberationInput, DeliberationResult } from '../src/core/contracts/deliberation';
import { convene } from './deliberation/convening';
import { decided } from './deliberation/decided';
import { setDeliberationHandlers } from './deliberation/handlers';
import { opinions } from './deliberation/opinions';
import { applyConvened, type DeliberationActs, newDeliberationRun, record } from './deliberation/run';
import { RECORDING } from './profiles';
import { watchCalendarLoads } from './shared/calendar-loads';
import type { StepCase } from './shared/human-step';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<DeliberationActs>(RECORDING);

/**
 * Since this patch a matter convened at its start (by a county supervisor through the API) is
 * in OPINIONS with its chair before any message is handled. Before it, an action that arrived
 * with the start found it still CONVENING without a chair: another supervisor passed the
 * chair's check, and a close was accepted and then undone when the convened state was applied.
 */
const CONVENED_AT_START_PATCH = 'deliberation-convened-at-start';

/**
 * 一事一议 (domain.md §4.4, processes.md §4): the chair convenes member departments, each
 * member gives one opinion (changes are explicit and audited), the chair decides when quorum
 * and majority hold; at the deadline without quorum the chair is reminded and may extend
 * once; the decision's measures become FOLLOW_UP tasks of the departments, and the matter
 * closes when every one has reported back (or the chair closes it with a reason).
 * Each stage is a file of workflows/deliberation/; the run object carries the matter between them.
 */
export async function deliberationWorkflow(input: DeliberationInput): Promise<DeliberationResult> {
  const act = watchIncidents({
    caseKind: 'DELIBERATION',
    caseId: input.deliberationId,
    countyCode: input.countyCode,
  }).guard(activities);
  const c: StepCase = {
    workflowId: workflowInfo().workflowId,
    caseKind: 'DELIBERATION',
    caseId: input.deliberationId,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode ?? input.countyCode,
    calendarLoads: watchCalendarLoads(),
  };
  const run = newDeliberationRun(input, act, c);
  const { state } = run;
  const convenedAtStart = input.convened !== null && patched(CONVENED_AT_START_PATCH);
  if (convenedAtStart) applyConvened(run, input.convened!);
  setDeliberationHandlers(run);

  await record(run, 'STARTED', null);
  await convene(run, convenedAtStart);
  if (state.stage === 'OPINIONS') await opinions(run);
  if (state.stage === 'DECIDED') await decided(run);

  state.stage = 'CLOSED';
  await record(run, 'CLOSED', run.closedBy, { closedReason: state.closedReason, reason: state.closedReason });
  await condition(allHandlersFinished);
  return {
    deliberationId: input.deliberationId,
    outcome: state.outcome,
    measures: state.measures,
    closedReason: state.closedReason,
  };
}
