import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RecheckInput, RecheckResult, RecheckState } from '../src/core/contracts/enrolment';
import { recheckActUpdate, recheckStateQuery } from '../src/core/messages';
import { P } from '../src/core/parameter-ids';
import { addRefusals, endStreaks, validateRecheckAction, workRefusalReduction } from './enrolment/rules';
import { recheckLimit } from './enrolment/recheck-limits';
import { RECORDING } from './profiles';
import { recheckResult } from './recheck/outcome';
import type { RecheckActs, RecheckRun, WorkRefusals } from './recheck/run';
import { recheckStep } from './recheck/step';
import { watchCalendarLoads } from './shared/calendar-loads';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<RecheckActs>(RECORDING);

/** Time-limit parameter ids used before recheck limits existed: the closest ones of the first determination. */
const LIMIT = {
  investigate: P.TL_DESTITUTE_INVESTIGATION,
  decide: P.TL_CONFIRMATION,
} as const;

/**
 * Since this patch each recheck step reads the recheck limit of the case's category
 * (time_limit.recheck_<step>.<category>, src/core/parameter-ids.ts) with its own source.
 */
const RECHECK_LIMITS_PATCH = 'recheck-own-limits';

/**
 * One recheck of an enrolled case (processes.md §2 RECHECKING): the township re-investigates,
 * the policy engine re-evaluates with the facts then on file, the county decides. Each step
 * is a task with a reminder at a share of its limit and an escalation when overdue.
 */
/**
 * One recheck of an enrolled case (processes.md §2 RECHECKING): the township re-investigates,
 * the policy engine re-evaluates with the facts then on file, the county decides. Each step
 * is a task with a reminder at a share of its limit and an escalation when overdue.
 */
export async function recheckWorkflow(input: RecheckInput): Promise<RecheckResult> {
  const act = watchIncidents({ caseKind: 'RECHECK', caseId: input.recheckId, countyCode: input.countyCode }).guard(
    activities,
  );
  const state: RecheckState = {
    recheckId: input.recheckId,
    stage: 'INVESTIGATE',
    currentTask: null,
    engine: null,
    result: null,
    overdueSteps: 0,
  };
  const run: RecheckRun = {
    input,
    act,
    state,
    workflowId: workflowInfo().workflowId,
    calendarLoads: watchCalendarLoads(),
    completed: null,
  };

  setHandler(recheckStateQuery, () => state);
  setHandler(
    recheckActUpdate,
    async (acting) => {
      const task = state.currentTask!;
      run.completed = acting;
      state.currentTask = null;
      await act.closeTask({
        taskId: task.taskId,
        status: 'DONE',
        outcome: acting.command.action,
        completedBy: acting.actor.userId,
        completedByRole: acting.actor.role,
      });
      return state;
    },
    { validator: (acting) => validateRecheckAction(state, input, acting) },
  );

  const ownLimits = patched(RECHECK_LIMITS_PATCH);
  await act.beginRecheck({
    recheckId: input.recheckId,
    enrolledCaseId: input.enrolledCaseId,
    workflowId: run.workflowId,
    reason: input.reason,
    campaignId: input.campaignId ?? null,
  });

  const work = await investigate(run, ownLimits ? recheckLimit('investigation', input.category) : LIMIT.investigate);

  state.stage = 'EVALUATE';
  state.engine = await act.evaluateRecheck({ recheckId: input.recheckId, enrolledCaseId: input.enrolledCaseId });
  // A member at the work refusal limit: the decision task shows the reduced amount, and the decision applies it.
  if (state.engine.workRefusalLimit !== undefined) {
    state.engine.workRefusalReduction = workRefusalReduction(
      state.engine,
      addRefusals(endStreaks(input.workRefusalsByMember, work.acceptedBy), work.byMember),
      state.engine.workRefusalLimit,
    );
  }

  state.stage = 'DECIDE';
  const decisionLimit = ownLimits ? recheckLimit('decision', input.category) : LIMIT.decide;
  const decided = await recheckStep(run, 'RECHECK_DECIDE', 'COUNTY_OFFICER', input.countyCode, decisionLimit);
  const result = recheckResult(input.recheckId, state, decided, work);
  await act.recordRecheckOutcome({
    ...result,
    enrolledCaseId: input.enrolledCaseId,
    applicationId: input.applicationId,
    category: input.category,
    previousAmount: input.currentAmount,
    actor: decided.actor,
    requestId: decided.requestId,
  });
  state.stage = 'DONE';
  state.result = result;
  await condition(allHandlersFinished);
  return result;
}

/** The township re-investigates: its findings, home visit and the facts then on file are recorded. */
async function investigate(run: RecheckRun, limitId: string): Promise<WorkRefusals> {
  const { input } = run;
  const investigated = await recheckStep(
    run,
    'RECHECK_INVESTIGATE',
    'TOWNSHIP_CASEWORKER',
    input.townshipCode,
    limitId,
  );
  const work: WorkRefusals = { count: 0, byMember: {}, acceptedBy: [] };
  if (investigated.command.action !== 'recordInvestigation') return work;
  work.count = investigated.command.workRefusals ?? 0;
  work.byMember = investigated.command.workRefusalsByMember ?? {};
  work.acceptedBy = investigated.command.workAcceptedBy ?? [];
  await run.act.recordInvestigation({
    recheckId: input.recheckId,
    enrolledCaseId: input.enrolledCaseId,
    applicationId: input.applicationId,
    findings: investigated.command.findings,
    homeVisit: investigated.command.homeVisit,
    facts: investigated.command.facts ?? null,
    workRefusals: work.count,
    actor: investigated.actor,
    requestId: investigated.requestId,
  });
  return work;
}
