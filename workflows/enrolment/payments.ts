import { patched } from '@temporalio/workflow';
import type { EnrolledCase } from './case-context';
import { paidMonthly } from '../../src/core/entitlements';
import { addMonths } from '../../src/core/months';

/**
 * Since this patch a category paid no monthly amount (低保边缘, 刚性支出) writes no payment
 * instruction; before it they were written at ¥0.00. Asked only for those categories.
 */
const NO_ZERO_PAYMENTS = 'no-zero-payments';

/** The instruction of the next month due: idempotent per case and month (a retry writes nothing twice); none while suspended or for an unpaid category. */
export async function payMonth(c: EnrolledCase): Promise<void> {
  const { state, input } = c;
  const month = state.nextPaymentMonth;
  if (state.pendingAmount && state.pendingAmount.fromMonth <= month) {
    state.monthlyAmount = state.pendingAmount.amount;
    state.pendingAmount = null;
  }
  if (state.status !== 'SUSPENDED' && (paidMonthly(state.category) || !patched(NO_ZERO_PAYMENTS))) {
    await c.act.recordPaymentInstruction({
      enrolledCaseId: input.enrolledCaseId,
      month,
      amount: state.monthlyAmount,
      members: state.membersIncluded,
      countyCode: input.countyCode,
    });
    state.paymentsWritten++;
    state.lastPaidMonth = month;
  }
  state.nextPaymentMonth = addMonths(month, 1);
}
