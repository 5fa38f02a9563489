import {
  allHandlersFinished, condition, continueAsNew, ParentClosePolicy, patched, proxyActivities, setHandler, startChild, upsertSearchAttributes, uuid4, workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationActivities } from '../src/applications/application.activities';
import type { DeathDeadline, EnrolledCaseInput, EnrolledCaseState, EnrolledStatus, RecheckReason, RecheckResult } from '../src/contracts/enrolment';
import type { EnrolmentActivities } from '../src/enrolment/enrolment.activities';
import type { TaskActivities } from '../src/tasks/task.activities';
import { addMonths, DAY_MS, monthOf, paymentDueAt } from './enrolment/months';
import { addRefusals, endStreaks, validateResume, validateSuspend } from './enrolment/rules';
import { CASE_STATUS } from './enrolment/search-attributes';
import { enrolledCaseStateQuery, recheckCampaignSignal, reportChangeSignal, resumeUpdate, suspendUpdate } from './messages';
import { RECORDING } from './profiles';
import { watchIncidents } from './shared/incidents';
import { recheckWorkflow } from './recheck.workflow';

const activities = proxyActivities<EnrolmentActivities & Pick<ApplicationActivities, 'planDue'> & Pick<TaskActivities, 'closeTask'>>(RECORDING);

/** A reported death must be processed (its recheck decided) within this limit of the report. */
const DEATH_LIMIT = 'time_limit.death_processing';

/**
 * One enrolled case for as long as it is enrolled (domain.md §4.2, processes.md §2): a
 * payment instruction at each month boundary, rechecks on a timer by category and stability
 * (child workflows), change reports, supervisor suspension, phase-out and exit. The state is
 * carried over continue-as-new, which happens when the history suggests it and at least yearly.
 */
export async function enrolledCaseWorkflow(input: EnrolledCaseInput): Promise<EnrolledCaseState> {
  const act = watchIncidents({ caseKind: 'ENROLLED_CASE', caseId: input.enrolledCaseId, countyCode: input.countyCode }).guard(activities);
  const now = () => Date.now();
  const state: EnrolledCaseState = input.carried
    ? { ...input.carried, deaths: input.carried.deaths ?? [], workRefusalsByMember: input.carried.workRefusalsByMember ?? {}, generation: input.carried.generation + 1, generationStartedAt: new Date().toISOString() }
    : {
        enrolledCaseId: input.enrolledCaseId, status: 'ACTIVE', category: input.category, monthlyAmount: input.monthlyAmount,
        membersIncluded: [...input.membersIncluded], nextPaymentMonth: input.startMonth, pendingAmount: null, nextRecheckAt: null, phaseOut: null,
        workRefusals: 0, workRefusalsByMember: {}, currentRecheck: null, rechecksDone: 0, changeRecheckPending: false, changesReported: 0, deaths: [], suspension: null,
        paymentsWritten: 0, lastPaidMonth: null, exit: null, generation: 0, generationStartedAt: new Date().toISOString(),
      };
  const lead = input.paymentLeadDays ?? 0;
  const generationMs = (input.generationDays ?? 365) * DAY_MS;
  let recheckDone: RecheckResult | null = null;
  // The status search attribute is kept current only when the starter set it (i.e. the
  // server has it registered); upserting an unregistered attribute fails the workflow task.
  const statusIndexed = workflowInfo().typedSearchAttributes.get(CASE_STATUS) !== undefined;
  const indexStatus = (status: EnrolledStatus) => {
    if (statusIndexed) upsertSearchAttributes([{ key: CASE_STATUS, value: status }]);
  };
  /** A recheck child that failed (terminated, timed out): the case goes back to where it was. */
  let recheckFailed = false;

  // Handlers first (rule 4).
  setHandler(enrolledCaseStateQuery, () => state);
  setHandler(reportChangeSignal, (change) => {
    state.changesReported++;
    if (change.material && state.status !== 'EXITED') state.changeRecheckPending = true;
    // Patched: a case already running when this shipped may have a DEATH signal in its history.
    if (change.kind === 'DEATH' && state.status !== 'EXITED' && patched('death-deadline')) {
      state.deaths.push({ changeReportId: change.changeReportId, reportedAt: new Date().toISOString(), dueAt: null, recheckId: null, escalationTaskId: null });
    }
  });
  setHandler(recheckCampaignSignal, ({ campaignId }) => {
    if (state.lastCampaignId === campaignId || state.status === 'EXITED') return;
    state.lastCampaignId = campaignId;
    // A recheck already running answers the campaign; otherwise one starts as soon as it may.
    if (state.currentRecheck === null) state.campaignRecheckPending = campaignId;
  });
  setHandler(
    suspendUpdate,
    async (action) => {
      state.suspension = { reason: action.reason, by: action.actor.userId, since: new Date().toISOString(), resumeTo: state.status };
      await setStatus('SUSPENDED', { event: 'SUSPENDED', reason: action.reason, actor: action.actor, requestId: action.requestId });
      return state;
    },
    { validator: (action) => validateSuspend(state, input.villageCode, action) },
  );
  setHandler(
    resumeUpdate,
    async (action) => {
      const to = state.suspension?.resumeTo ?? 'ACTIVE';
      state.suspension = null;
      await setStatus(to === 'SUSPENDED' ? 'ACTIVE' : to, { event: 'RESUMED', reason: action.reason, actor: action.actor, requestId: action.requestId });
      return state;
    },
    { validator: (action) => validateResume(state, input.villageCode, action) },
  );

  if (!input.carried) {
    await act.recordCaseStatus({ enrolledCaseId: input.enrolledCaseId, status: 'ACTIVE', eventKey: 'started', event: 'LIFECYCLE_STARTED', reason: null });
    await scheduleRecheck();
  }

  /** The status as it is now (handlers and helpers change it between awaits). */
  const status = (): EnrolledStatus => state.status;

  while (status() !== 'EXITED') {
    const recheckAllowed = () => state.currentRecheck === null && (state.status === 'ACTIVE' || state.status === 'PHASE_OUT');
    const timers = [paymentDueAt(state.nextPaymentMonth, lead)];
    if (state.currentRecheck === null) timers.push(Date.parse(state.generationStartedAt) + generationMs);
    if (recheckAllowed() && state.nextRecheckAt) timers.push(Date.parse(state.nextRecheckAt));
    if (state.status === 'PHASE_OUT' && state.currentRecheck === null && state.phaseOut) timers.push(Date.parse(state.phaseOut.endsAt));
    for (const d of state.deaths) if (d.dueAt !== null && d.escalationTaskId === null) timers.push(Date.parse(d.dueAt));
    const wakeAt = Math.min(...timers);
    await condition(
      () =>
        recheckDone !== null || recheckFailed || ((state.changeRecheckPending || !!state.campaignRecheckPending) && recheckAllowed()) || (state.currentRecheck === null && workflowInfo().continueAsNewSuggested) ||
        state.deaths.some((d) => d.dueAt === null),
      Math.max(wakeAt - now(), 1),
    );
    for (const d of state.deaths) {
      if (d.dueAt === null) d.dueAt = (await act.planDue({ limitId: DEATH_LIMIT, from: d.reportedAt, county: input.countyCode })).dueAt;
    }
    if (recheckFailed) {
      recheckFailed = false;
      const failedId = state.currentRecheck?.recheckId;
      state.currentRecheck = null;
      // A death still waits for a decided recheck: another one is started.
      for (const d of state.deaths) if (d.recheckId === failedId) d.recheckId = null;
      if (state.deaths.length > 0) state.changeRecheckPending = true;
      await setStatus(state.status === 'SUSPENDED' ? 'SUSPENDED' : state.phaseOut ? 'PHASE_OUT' : 'ACTIVE', { event: 'RECHECK_FAILED', reason: '复核流程异常终止，已重新安排复核' });
      await scheduleRecheck();
    }

    if (recheckDone !== null) {
      const result: RecheckResult = recheckDone;
      recheckDone = null;
      await applyRecheck(result);
    }
    for (const d of state.deaths) {
      if (status() !== 'EXITED' && d.dueAt !== null && d.escalationTaskId === null && now() >= Date.parse(d.dueAt)) await escalateDeath(d);
    }
    while (status() !== 'EXITED' && now() >= paymentDueAt(state.nextPaymentMonth, lead)) await payMonth();
    if (state.status === 'PHASE_OUT' && state.currentRecheck === null && state.phaseOut && now() >= Date.parse(state.phaseOut.endsAt)) {
      await exitCase(['渐退期已满，家庭收入仍高于最低生活保障标准，停止发放'], 'PHASE_OUT_ENDED');
      break;
    }
    if (recheckAllowed() && state.changeRecheckPending) {
      startRecheck('CHANGE');
    } else if (recheckAllowed() && state.campaignRecheckPending) {
      startRecheck('CAMPAIGN', state.campaignRecheckPending);
    } else if (recheckAllowed() && state.nextRecheckAt && now() >= Date.parse(state.nextRecheckAt)) {
      startRecheck('PERIODIC');
    }
    const generationOver = now() - Date.parse(state.generationStartedAt) >= generationMs;
    if (status() !== 'EXITED' && state.currentRecheck === null && (generationOver || workflowInfo().continueAsNewSuggested)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof enrolledCaseWorkflow>({ ...input, carried: state });
    }
  }
  await condition(allHandlersFinished);
  return state;

  async function setStatus(status: EnrolledStatus, e: { event: string; reason: string | null; actor?: { userId: string; role: string }; requestId?: string; eventKey?: string }): Promise<void> {
    state.status = status;
    indexStatus(status);
    await act.recordCaseStatus({
      enrolledCaseId: input.enrolledCaseId, status, eventKey: e.eventKey ?? `${e.event}#${uuid4()}`, event: e.event, reason: e.reason,
      actor: e.actor ?? null, requestId: e.requestId ?? null, phaseOutEndsAt: state.phaseOut?.endsAt ?? null,
    });
  }

  async function scheduleRecheck(): Promise<void> {
    const planned = await act.planRecheck({ enrolledCaseId: input.enrolledCaseId, category: state.category, from: new Date().toISOString(), county: input.countyCode });
    state.nextRecheckAt = planned.dueAt;
  }

  /** The instruction of the next month due: idempotent per case and month (a retry writes nothing twice). */
  async function payMonth(): Promise<void> {
    const month = state.nextPaymentMonth;
    if (state.pendingAmount && state.pendingAmount.fromMonth <= month) {
      state.monthlyAmount = state.pendingAmount.amount;
      state.pendingAmount = null;
    }
    if (state.status !== 'SUSPENDED') {
      await act.recordPaymentInstruction({ enrolledCaseId: input.enrolledCaseId, month, amount: state.monthlyAmount, members: state.membersIncluded, countyCode: input.countyCode });
      state.paymentsWritten++;
      state.lastPaidMonth = month;
    }
    state.nextPaymentMonth = addMonths(month, 1);
  }

  function startRecheck(reason: RecheckReason, campaignId?: string): void {
    const recheckId = uuid4();
    const workflowId = `recheck-${recheckId}`;
    state.changeRecheckPending = false;
    // Any recheck answers a pending campaign: the household is rechecked once, not twice.
    state.campaignRecheckPending = null;
    state.currentRecheck = { recheckId, workflowId, reason };
    for (const d of state.deaths) if (d.recheckId === null) d.recheckId = recheckId;
    const inPhaseOut = state.status === 'PHASE_OUT';
    state.status = 'RECHECKING';
    indexStatus('RECHECKING');
    // The child records the recheck and the case's RECHECKING status itself (beginRecheck).
    void startChild(recheckWorkflow, {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{
        recheckId, enrolledCaseId: input.enrolledCaseId, applicationId: input.applicationId, category: state.category, countyCode: input.countyCode,
        townshipCode: input.townshipCode, villageCode: input.villageCode, reason, currentAmount: state.monthlyAmount, inPhaseOut,
        workRefusalsByMember: state.workRefusalsByMember, ...(campaignId ? { campaignId } : {}),
      }],
    })
      .then((child) => child.result())
      .then(
        (result) => {
          recheckDone = result;
        },
        () => {
          recheckFailed = true;
        },
      );
  }

  async function applyRecheck(result: RecheckResult): Promise<void> {
    const wasPhaseOut = state.phaseOut !== null;
    state.currentRecheck = null;
    state.rechecksDone++;
    state.workRefusals += result.workRefusals;
    state.workRefusalsByMember = addRefusals(endStreaks(state.workRefusalsByMember, result.workAcceptedBy), result.workRefusalsByMember);
    // Deaths reported before this recheck started are processed by its decision.
    const processed = state.deaths.filter((d) => d.recheckId === result.recheckId);
    state.deaths = state.deaths.filter((d) => d.recheckId !== result.recheckId);
    await closeDeathEscalations(processed, 'DEATH_PROCESSED');
    if (state.status === 'SUSPENDED' && state.suspension) state.suspension.resumeTo = 'ACTIVE';
    const next = (s: EnrolledStatus) => (state.status === 'SUSPENDED' ? 'SUSPENDED' : s);
    switch (result.outcome) {
      case 'EXIT':
        await exitCase(result.reasons, 'RECHECK_EXIT');
        return;
      case 'ADJUST': {
        // Takes effect the following month (or the first month not yet instructed).
        const following = addMonths(monthOf(now()), 1);
        const fromMonth = following > state.nextPaymentMonth ? following : state.nextPaymentMonth;
        state.pendingAmount = { amount: result.amount ?? state.monthlyAmount, fromMonth, reasons: result.reasons };
        if (result.membersIncluded) state.membersIncluded = result.membersIncluded;
        state.phaseOut = null;
        await setStatus(next('ACTIVE'), { event: 'RECHECK_ADJUSTED', reason: `自 ${fromMonth} 起月保障金额 ${(result.amount ?? 0).toFixed(2)} 元` });
        break;
      }
      case 'PHASE_OUT': {
        if (!wasPhaseOut) {
          const planned = await act.planPhaseOut({ from: new Date().toISOString(), county: input.countyCode });
          state.phaseOut = { startedAt: new Date().toISOString(), endsAt: planned.endsAt };
        }
        if (state.suspension) state.suspension.resumeTo = 'PHASE_OUT';
        await setStatus(next('PHASE_OUT'), { event: wasPhaseOut ? 'PHASE_OUT_CONTINUED' : 'PHASE_OUT_STARTED', reason: result.reasons.join('；') });
        break;
      }
      case 'UNCHANGED':
        // In phase-out, a recheck that keeps the benefit shows need again: back to ACTIVE.
        state.phaseOut = null;
        await setStatus(next('ACTIVE'), { event: wasPhaseOut ? 'PHASE_OUT_ENDED_NEED_AGAIN' : 'RECHECK_UNCHANGED', reason: null });
        break;
    }
    await scheduleRecheck();
  }

  /** The deadline passed and the death's recheck is not decided: the county supervisor is told, once. */
  async function escalateDeath(d: DeathDeadline): Promise<void> {
    const taskId = uuid4();
    d.escalationTaskId = taskId;
    await act.openCaseTask({
      taskId, taskKey: `DEATH_DEADLINE#${d.changeReportId}`, type: 'ESCALATION', applicationId: input.applicationId, workflowId: workflowInfo().workflowId,
      candidateRole: 'COUNTY_SUPERVISOR', jurisdiction: input.countyCode, countyCode: input.countyCode, townshipCode: input.townshipCode, priority: 2, dueAt: null, dueProvisional: false,
    });
    await setStatus(state.status, {
      event: 'DEATH_DEADLINE_MISSED', eventKey: `DEATH_DEADLINE_MISSED#${d.changeReportId}`,
      reason: `家庭成员死亡变更（报告 ${d.changeReportId}）未在处理时限（${d.dueAt}）内完成复核决定，已提请县级督办`,
    });
  }

  async function closeDeathEscalations(deaths: DeathDeadline[], outcome: string): Promise<void> {
    for (const d of deaths) {
      if (d.escalationTaskId !== null) await act.closeTask({ taskId: d.escalationTaskId, status: 'DONE', outcome, completedBy: null, completedByRole: null });
    }
  }

  async function exitCase(reasons: string[], event: string): Promise<void> {
    await closeDeathEscalations(state.deaths, 'CASE_EXITED');
    state.deaths = [];
    state.exit = { at: new Date().toISOString(), reasons };
    state.phaseOut = null;
    state.status = 'EXITED';
    indexStatus('EXITED');
    await act.closeCase({ enrolledCaseId: input.enrolledCaseId, applicationId: input.applicationId, reasons, event, lastPaidMonth: state.lastPaidMonth });
  }
}
