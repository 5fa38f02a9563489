import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  EnrolledCaseInput,
  EnrolledCaseState,
  EnrolledStatus,
  RecheckResult,
} from '../src/core/contracts/enrolment';
import { applyAdjustment } from './enrolment/adjustment';
import { type CaseActivities, openCase } from './enrolment/case-context';
import { campaignHeard, changeReported } from './enrolment/change-reports';
import { deathTimers, escalateOverdueDeaths, planDeathDeadlines } from './enrolment/deaths';
import { DAY_MS, paymentDueAt } from '../src/core/months';
import { payMonth } from './enrolment/payments';
import { endPhaseOutIfOver, phaseOutEndsAt } from './enrolment/phase-out';
import {
  applyRecheck,
  recheckAllowed,
  recoverFailedRecheck,
  scheduleRecheck,
  startDueRecheck,
} from './enrolment/rechecks';
import { validateResume, validateSuspend } from './enrolment/rules';
import { resume, suspend } from './enrolment/suspension';
import { expireIfOver, planFirstValidity, validityEndsAt } from './enrolment/validity';
import {
  applyStandardAdjustmentUpdate,
  enrolledCaseStateQuery,
  recheckCampaignSignal,
  reportChangeSignal,
  resumeUpdate,
  suspendUpdate,
} from '../src/core/messages';
import { RECORDING } from './profiles';
import { watchIncidents } from './shared/incidents';

const activities = proxyActivities<CaseActivities>(RECORDING);

/**
 * One enrolled case for as long as it is enrolled (domain.md §4.2, processes.md §2): a
 * payment instruction at each month boundary, rechecks on a timer by category and stability
 * (child workflows), change reports, supervisor suspension, phase-out, the validity of a
 * 刚性支出 recognition, and exit. The state is carried over continue-as-new, which happens
 * when the history suggests it and at least yearly.
 * This file wires the handlers and the main loop; each stage is in workflows/enrolment/.
 */
export async function enrolledCaseWorkflow(input: EnrolledCaseInput): Promise<EnrolledCaseState> {
  const act = watchIncidents({
    caseKind: 'ENROLLED_CASE',
    caseId: input.enrolledCaseId,
    countyCode: input.countyCode,
  }).guard(activities);
  const c = openCase(input, act);
  const { state } = c;
  const now = () => Date.now();
  const lead = input.paymentLeadDays ?? 0;
  const generationMs = (input.generationDays ?? 365) * DAY_MS;

  // Handlers first (rule 4).
  setHandler(enrolledCaseStateQuery, () => state);
  setHandler(reportChangeSignal, (change) => changeReported(c, change));
  setHandler(recheckCampaignSignal, ({ campaignId }) => campaignHeard(c, campaignId));
  setHandler(suspendUpdate, (action) => suspend(c, action), {
    validator: (action) => validateSuspend(state, input.villageCode, action),
  });
  setHandler(resumeUpdate, (action) => resume(c, action), {
    validator: (action) => validateResume(state, input.villageCode, action),
  });
  // A handler only: no command unless an adjustment arrives, so older histories replay as they were.
  setHandler(applyStandardAdjustmentUpdate, (a) => applyAdjustment(c, a));

  if (!input.carried) {
    await act.recordCaseStatus({
      enrolledCaseId: input.enrolledCaseId,
      status: 'ACTIVE',
      eventKey: 'started',
      event: 'LIFECYCLE_STARTED',
      reason: null,
    });
    if (!(await planFirstValidity(c))) await scheduleRecheck(c);
  }

  /** The status as it is now (handlers and stages change it between awaits). */
  const status = (): EnrolledStatus => state.status;

  while (status() !== 'EXITED') {
    const timers = [paymentDueAt(state.nextPaymentMonth, lead)];
    if (state.currentRecheck === null) timers.push(Date.parse(state.generationStartedAt) + generationMs);
    if (recheckAllowed(c) && state.nextRecheckAt) timers.push(Date.parse(state.nextRecheckAt));
    const phaseOutEnd = phaseOutEndsAt(c);
    if (phaseOutEnd !== null) timers.push(phaseOutEnd);
    timers.push(...deathTimers(c));
    const validityEnd = validityEndsAt(c);
    if (validityEnd !== null) timers.push(validityEnd);
    const wakeAt = Math.min(...timers);
    await condition(
      () =>
        c.recheck.done !== null ||
        c.recheck.failed ||
        ((state.changeRecheckPending || !!state.campaignRecheckPending) && recheckAllowed(c)) ||
        (state.currentRecheck === null && workflowInfo().continueAsNewSuggested) ||
        state.deaths.some((d) => d.dueAt === null),
      Math.max(wakeAt - now(), 1),
    );
    await planDeathDeadlines(c);
    if (c.recheck.failed) await recoverFailedRecheck(c);
    if (c.recheck.done !== null) {
      const result: RecheckResult = c.recheck.done;
      c.recheck.done = null;
      await applyRecheck(c, result);
    }
    await escalateOverdueDeaths(c);
    while (status() !== 'EXITED' && now() >= paymentDueAt(state.nextPaymentMonth, lead)) await payMonth(c);
    if (await expireIfOver(c)) break;
    if (await endPhaseOutIfOver(c, now())) break;
    startDueRecheck(c, now());
    const generationOver = now() - Date.parse(state.generationStartedAt) >= generationMs;
    if (
      status() !== 'EXITED' &&
      state.currentRecheck === null &&
      (generationOver || workflowInfo().continueAsNewSuggested)
    ) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof enrolledCaseWorkflow>({ ...input, carried: state });
    }
  }
  await condition(allHandlersFinished);
  return state;
}
