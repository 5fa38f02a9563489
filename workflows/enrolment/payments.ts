import type { EnrolledCase } from './case-context';
import { addMonths } from './months';

/** The instruction of the next month due: idempotent per case and month (a retry writes nothing twice). */
export async function payMonth(c: EnrolledCase): Promise<void> {
  const { state, input } = c;
  const month = state.nextPaymentMonth;
  if (state.pendingAmount && state.pendingAmount.fromMonth <= month) {
    state.monthlyAmount = state.pendingAmount.amount;
    state.pendingAmount = null;
  }
  if (state.status !== 'SUSPENDED') {
    await c.act.recordPaymentInstruction({ enrolledCaseId: input.enrolledCaseId, month, amount: state.monthlyAmount, members: state.membersIncluded, countyCode: input.countyCode });
    state.paymentsWritten++;
    state.lastPaidMonth = month;
  }
  state.nextPaymentMonth = addMonths(month, 1);
}
