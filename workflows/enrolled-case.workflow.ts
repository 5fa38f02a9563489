import {
  allHandlersFinished, condition, continueAsNew, ParentClosePolicy, proxyActivities, setHandler, startChild, upsertSearchAttributes, uuid4, workflowInfo,
} from '@temporalio/workflow';
import type { EnrolledCaseInput, EnrolledCaseState, EnrolledStatus, RecheckReason, RecheckResult } from '../src/contracts/enrolment';
import type { EnrolmentActivities } from '../src/enrolment/enrolment.activities';
import { addMonths, DAY_MS, monthOf, paymentDueAt } from './enrolment/months';
import { validateResume, validateSuspend } from './enrolment/rules';
import { CASE_STATUS } from './enrolment/search-attributes';
import { enrolledCaseStateQuery, reportChangeSignal, resumeUpdate, suspendUpdate } from './messages';
import { RECORDING } from './profiles';
import { recheckWorkflow } from './recheck.workflow';

const act = proxyActivities<EnrolmentActivities>(RECORDING);

/**
 * One enrolled case for as long as it is enrolled (domain.md §4.2, processes.md §2): a
 * payment instruction at each month boundary, rechecks on a timer by category and stability
 * (child workflows), change reports, supervisor suspension, phase-out and exit. The state is
 * carried over continue-as-new, which happens when the history suggests it and at least yearly.
 */
export async function enrolledCaseWorkflow(input: EnrolledCaseInput): Promise<EnrolledCaseState> {
  const now = () => Date.now();
  const state: EnrolledCaseState = input.carried
    ? { ...input.carried, generation: input.carried.generation + 1, generationStartedAt: new Date().toISOString() }
    : {
        enrolledCaseId: input.enrolledCaseId, status: 'ACTIVE', category: input.category, monthlyAmount: input.monthlyAmount,
        membersIncluded: [...input.membersIncluded], nextPaymentMonth: input.startMonth, pendingAmount: null, nextRecheckAt: null, phaseOut: null,
        workRefusals: 0, currentRecheck: null, rechecksDone: 0, changeRecheckPending: false, changesReported: 0, suspension: null,
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
    const wakeAt = Math.min(...timers);
    await condition(
      () => recheckDone !== null || recheckFailed || (state.changeRecheckPending && recheckAllowed()) || (state.currentRecheck === null && workflowInfo().continueAsNewSuggested),
      Math.max(wakeAt - now(), 1),
    );
    if (recheckFailed) {
      recheckFailed = false;
      state.currentRecheck = null;
      await setStatus(state.status === 'SUSPENDED' ? 'SUSPENDED' : state.phaseOut ? 'PHASE_OUT' : 'ACTIVE', { event: 'RECHECK_FAILED', reason: '复核流程异常终止，已重新安排复核' });
      await scheduleRecheck();
    }

    if (recheckDone !== null) {
      const result: RecheckResult = recheckDone;
      recheckDone = null;
      await applyRecheck(result);
    }
    while (status() !== 'EXITED' && now() >= paymentDueAt(state.nextPaymentMonth, lead)) await payMonth();
    if (state.status === 'PHASE_OUT' && state.currentRecheck === null && state.phaseOut && now() >= Date.parse(state.phaseOut.endsAt)) {
      await exitCase(['渐退期已满，家庭收入仍高于最低生活保障标准，停止发放'], 'PHASE_OUT_ENDED');
      break;
    }
    if (recheckAllowed() && state.changeRecheckPending) {
      startRecheck('CHANGE');
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

  function startRecheck(reason: RecheckReason): void {
    const recheckId = uuid4();
    const workflowId = `recheck-${recheckId}`;
    state.changeRecheckPending = false;
    state.currentRecheck = { recheckId, workflowId, reason };
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

  async function exitCase(reasons: string[], event: string): Promise<void> {
    state.exit = { at: new Date().toISOString(), reasons };
    state.phaseOut = null;
    state.status = 'EXITED';
    indexStatus('EXITED');
    await act.closeCase({ enrolledCaseId: input.enrolledCaseId, applicationId: input.applicationId, reasons, event, lastPaidMonth: state.lastPaidMonth });
  }
}
