import type { CaseAdjustment, CaseAdjustmentResult } from '../../src/core/contracts/standard-adjustment';
import { paidMonthly } from '../../src/core/entitlements';
import type { EnrolledCase } from './case-context';

/**
 * A standard adjustment (调标) reaching this case: the new amount from the effective month
 * (months already instructed since then get back pay, written by the activity), or, when the
 * case no longer qualifies under the new standard, a recheck: the rules require one before
 * an exit, so the adjustment never cuts a case off. The same adjustment twice changes nothing.
 * Only an Update runs this: a history without one replays unchanged.
 */
export async function applyAdjustment(c: EnrolledCase, a: CaseAdjustment): Promise<CaseAdjustmentResult> {
  const { state, input } = c;
  const oldAmount = state.pendingAmount?.amount ?? state.monthlyAmount;
  const applied = state.adjustmentsApplied ?? [];
  const first = !applied.includes(a.adjustmentId);
  if (first) state.adjustmentsApplied = [...applied, a.adjustmentId].slice(-20);
  const fromMonth = a.effectiveMonth > state.nextPaymentMonth ? a.effectiveMonth : state.nextPaymentMonth;
  const outcome =
    state.status === 'EXITED'
      ? 'SKIPPED'
      : a.newAmount === null
        ? 'RECHECK_OPENED'
        : !paidMonthly(state.category) || a.newAmount === oldAmount
          ? 'UNCHANGED'
          : 'CHANGED';
  if (first && outcome === 'CHANGED' && a.newAmount !== null)
    state.pendingAmount = { amount: a.newAmount, fromMonth, reasons: [a.reason] };
  // A recheck already running decides under the new standard anyway.
  if (first && outcome === 'RECHECK_OPENED' && state.currentRecheck === null) state.changeRecheckPending = true;
  return c.act.recordStandardAdjustment({
    adjustmentId: a.adjustmentId,
    enrolledCaseId: input.enrolledCaseId,
    applicationId: input.applicationId,
    countyCode: input.countyCode,
    outcome,
    effectiveMonth: a.effectiveMonth,
    fromMonth,
    oldAmount,
    newAmount: a.newAmount ?? 0,
    reason: a.reason,
  });
}
