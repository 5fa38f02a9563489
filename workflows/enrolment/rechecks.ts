import { ParentClosePolicy, startChild, uuid4 } from '@temporalio/workflow';
import type { EnrolledStatus, RecheckReason, RecheckResult } from '../../src/core/contracts/enrolment';
import { recheckWorkflow } from '../recheck.workflow';
import type { EnrolledCase } from './case-context';
import { closeDeathEscalations } from './deaths';
import { paidMonthly } from '../../src/core/entitlements';
import { exitCase } from './exit';
import { addMonths, monthOf } from '../../src/core/months';
import { enterPhaseOut } from './phase-out';
import { addRefusals, endStreaks } from './rules';
import { renewIfDue } from './validity';
import { recheckWorkflowId } from '../../src/core/workflow-ids';

/** A recheck may start: none runs, and the case is neither suspended nor exited. */
export const recheckAllowed = (c: EnrolledCase): boolean =>
  c.state.currentRecheck === null && (c.state.status === 'ACTIVE' || c.state.status === 'PHASE_OUT');

/** The next periodic recheck, from the category's interval (and the household's stability), or the renewal. */
export async function scheduleRecheck(c: EnrolledCase): Promise<void> {
  const { state, input } = c;
  // A 刚性支出 recognition's next recheck is its renewal (validity.ts).
  if (state.validity) {
    state.nextRecheckAt = state.validity.renewalAt;
    return;
  }
  const planned = await c.act.planRecheck({
    enrolledCaseId: input.enrolledCaseId,
    category: state.category,
    from: new Date().toISOString(),
    county: input.countyCode,
  });
  state.nextRecheckAt = planned.dueAt;
}

/** The recheck due now, if any: a reported change first, then a campaign, then the periodic one. */
export function startDueRecheck(c: EnrolledCase, now: number): void {
  const { state } = c;
  if (!recheckAllowed(c)) return;
  if (state.changeRecheckPending) startRecheck(c, 'CHANGE');
  else if (state.campaignRecheckPending) startRecheck(c, 'CAMPAIGN', state.campaignRecheckPending);
  else if (state.nextRecheckAt && now >= Date.parse(state.nextRecheckAt))
    startRecheck(c, state.validity ? 'RENEWAL' : 'PERIODIC');
}

/** A recheck child (its own workflow, abandoned if the case ends); its answer reaches c.recheck. */
function startRecheck(c: EnrolledCase, reason: RecheckReason, campaignId?: string): void {
  const { state, input } = c;
  const recheckId = uuid4();
  const workflowId = recheckWorkflowId(recheckId);
  state.changeRecheckPending = false;
  // Any recheck answers a pending campaign: the household is rechecked once, not twice.
  state.campaignRecheckPending = null;
  state.currentRecheck = { recheckId, workflowId, reason };
  for (const d of state.deaths) if (d.recheckId === null) d.recheckId = recheckId;
  const inPhaseOut = state.status === 'PHASE_OUT';
  state.status = 'RECHECKING';
  c.indexStatus('RECHECKING');
  // The child records the recheck and the case's RECHECKING status itself (beginRecheck).
  void startChild(recheckWorkflow, {
    workflowId,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        recheckId,
        enrolledCaseId: input.enrolledCaseId,
        applicationId: input.applicationId,
        category: state.category,
        countyCode: input.countyCode,
        townshipCode: input.townshipCode,
        villageCode: input.villageCode,
        reason,
        currentAmount: state.monthlyAmount,
        inPhaseOut,
        workRefusalsByMember: state.workRefusalsByMember,
        ...(campaignId ? { campaignId } : {}),
      },
    ],
  })
    .then((child) => child.result())
    .then(
      (result) => {
        c.recheck.done = result;
      },
      () => {
        c.recheck.failed = true;
      },
    );
}

/** A recheck child that failed (terminated, timed out): the case goes back to where it was. */
export async function recoverFailedRecheck(c: EnrolledCase): Promise<void> {
  const { state } = c;
  c.recheck.failed = false;
  const failedId = state.currentRecheck?.recheckId;
  state.currentRecheck = null;
  // A death still waits for a decided recheck: another one is started.
  for (const d of state.deaths) if (d.recheckId === failedId) d.recheckId = null;
  if (state.deaths.length > 0) state.changeRecheckPending = true;
  await c.setStatus(state.status === 'SUSPENDED' ? 'SUSPENDED' : state.phaseOut ? 'PHASE_OUT' : 'ACTIVE', {
    event: 'RECHECK_FAILED',
    reason: '复核流程异常终止，已重新安排复核',
  });
  await scheduleRecheck(c);
}

/** The decision of a recheck: unchanged, a new amount from the following month, phase-out, or exit. */
export async function applyRecheck(c: EnrolledCase, result: RecheckResult): Promise<void> {
  const { state } = c;
  const wasPhaseOut = state.phaseOut !== null;
  state.currentRecheck = null;
  state.rechecksDone++;
  state.workRefusals += result.workRefusals;
  state.workRefusalsByMember = addRefusals(
    endStreaks(state.workRefusalsByMember, result.workAcceptedBy),
    result.workRefusalsByMember,
  );
  // Deaths reported before this recheck started are processed by its decision.
  const processed = state.deaths.filter((d) => d.recheckId === result.recheckId);
  state.deaths = state.deaths.filter((d) => d.recheckId !== result.recheckId);
  await closeDeathEscalations(c, processed, 'DEATH_PROCESSED');
  if (state.status === 'SUSPENDED' && state.suspension) state.suspension.resumeTo = 'ACTIVE';
  const next = (s: EnrolledStatus) => (state.status === 'SUSPENDED' ? 'SUSPENDED' : s);
  switch (result.outcome) {
    case 'EXIT':
      await exitCase(c, result.reasons, 'RECHECK_EXIT');
      return;
    case 'ADJUST': {
      // Takes effect the following month (or the first month not yet instructed).
      const following = addMonths(monthOf(Date.now()), 1);
      const fromMonth = following > state.nextPaymentMonth ? following : state.nextPaymentMonth;
      state.pendingAmount = { amount: result.amount ?? state.monthlyAmount, fromMonth, reasons: result.reasons };
      if (result.membersIncluded) state.membersIncluded = result.membersIncluded;
      state.phaseOut = null;
      // A category paid no monthly amount is told of no amount (the activity's input only: no command changes).
      const what = paidMonthly(state.category)
        ? `月保障金额 ${(result.amount ?? 0).toFixed(2)} 元`
        : '按复核决定调整保障人员';
      await c.setStatus(next('ACTIVE'), { event: 'RECHECK_ADJUSTED', reason: `自 ${fromMonth} 起${what}` });
      break;
    }
    case 'PHASE_OUT':
      await enterPhaseOut(c, result.reasons, wasPhaseOut);
      break;
    case 'UNCHANGED':
      // In phase-out, a recheck that keeps the benefit shows need again: back to ACTIVE.
      state.phaseOut = null;
      await c.setStatus(next('ACTIVE'), {
        event: wasPhaseOut ? 'PHASE_OUT_ENDED_NEED_AGAIN' : 'RECHECK_UNCHANGED',
        reason: null,
      });
      break;
  }
  await renewIfDue(c, result);
  await scheduleRecheck(c);
}
