import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { EmergencyAidInput, EmergencyResult } from '../src/core/contracts/emergency';
import { aidFirst } from './emergency/aid-first';
import { deliberate } from './emergency/deliberate';
import { expenseType } from './emergency/expense-type';
import { setEmergencyHandlers } from './emergency/handlers';
import { event, newEmergencyState, type EmergencyActs, type EmergencyRun } from './emergency/run';
import { smallAmount } from './emergency/small-amount';
import { RECORDING } from './profiles';
import { watchCalendarLoads } from './shared/calendar-loads';
import type { StepCase } from './shared/human-step';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<EmergencyActs>(RECORDING);

/**
 * One emergency aid request (domain.md §4.3, processes.md §3), on the path chosen at intake
 * from the county's approval limits: SMALL_AMOUNT (paid at once, explanation later),
 * AID_FIRST (direct aid, staged payments, paperwork once the emergency eases), EXPENSE_TYPE
 * (the full procedure with the income test) or DELIBERATION (a child 一事一议).
 * Each path is a file of workflows/emergency/; the run object carries the case between them.
 */
export async function emergencyAidWorkflow(input: EmergencyAidInput): Promise<EmergencyResult> {
  const act = watchIncidents({ caseKind: 'EMERGENCY', caseId: input.caseId, countyCode: input.countyCode }).guard(
    activities,
    ['RESERVE_FUND_INSUFFICIENT'],
  );
  const c: StepCase = {
    workflowId: workflowInfo().workflowId,
    caseKind: 'EMERGENCY',
    caseId: input.caseId,
    countyCode: input.countyCode,
    townshipCode: input.townshipCode,
    calendarLoads: watchCalendarLoads(),
  };
  const run: EmergencyRun = {
    input,
    act,
    c,
    state: newEmergencyState(input),
    completed: null,
    fundDecision: null,
    decided: null,
    deliberation: null,
  };
  setEmergencyHandlers(run);

  // RECEIVED: by the township staff who took the request, on the path chosen at intake.
  await event(
    run,
    'RECEIVED',
    { actor: input.submittedBy, requestId: input.requestId, command: { action: 'accept' } },
    { details: { path: input.path, limits: input.limits.refs.map((r) => `${r.id}@${r.version}`) } },
  );
  switch (input.path) {
    case 'SMALL_AMOUNT':
      await smallAmount(run);
      break;
    case 'AID_FIRST':
      await aidFirst(run);
      break;
    case 'EXPENSE_TYPE':
      await expenseType(run);
      break;
    case 'DELIBERATION':
      await deliberate(run, input.deliberationReason ?? '超出县级审批额度或情况复杂，提请一事一议');
      break;
  }
  await condition(allHandlersFinished);
  const { state } = run;
  return {
    caseId: input.caseId,
    stage: state.stage,
    approvedAmount: state.approvedAmount,
    paidAmount: state.paidAmount,
    deliberation: run.deliberation,
  };
}
