import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import type { RecheckResult } from '../../src/core/contracts/enrolment';
import { cstDate } from '../../src/core/clock';
import type { EnrolledCase } from './case-context';
import { exitCase } from './exit';

/**
 * Since this patch a 刚性支出 recognition is valid for rigid_expense.validity_months (N3): a
 * RENEWAL recheck opens rigid_expense.renewal_lead_working_days before it ends; a decision
 * that keeps the case extends it by another period, otherwise (or if nobody decides) the case
 * exits EXPIRED. Before it, such a case was rechecked yearly and never expired.
 */
const VALIDITY_PATCH = 'rigid-expense-validity';

/** A new 刚性支出 case plans its period (its renewal is its next recheck). False for the others: they schedule a periodic recheck. */
export async function planFirstValidity(c: EnrolledCase): Promise<boolean> {
  const { state, input } = c;
  if (state.category !== 'RIGID_EXPENSE' || !patched(VALIDITY_PATCH)) return false;
  const planned = await c.act.planValidity({
    enrolledCaseId: input.enrolledCaseId,
    from: new Date().toISOString(),
    county: input.countyCode,
  });
  state.validity = { until: planned.validUntil, renewalAt: planned.renewalAt, renewals: 0 };
  state.nextRecheckAt = planned.renewalAt;
  return true;
}

/** A recheck decided from the renewal date on that keeps the case: the next period starts where this one ends. */
export async function renewIfDue(c: EnrolledCase, result: RecheckResult): Promise<void> {
  const { state, input } = c;
  const v = state.validity;
  if (!v || (result.outcome !== 'UNCHANGED' && result.outcome !== 'ADJUST') || Date.now() < Date.parse(v.renewalAt))
    return;
  const planned = await c.act.planValidity({
    enrolledCaseId: input.enrolledCaseId,
    from: v.until,
    county: input.countyCode,
  });
  state.validity = { until: planned.validUntil, renewalAt: planned.renewalAt, renewals: v.renewals + 1 };
  await c.setStatus(state.status, {
    event: 'VALIDITY_RENEWED',
    reason: `经复核仍符合条件，认定有效期延续至 ${cstDate(planned.validUntil)}`,
  });
}

/** When the period ends (the main loop wakes for it). */
export const validityEndsAt = (c: EnrolledCase): number | null =>
  c.state.validity ? Date.parse(c.state.validity.until) : null;

/** Past the end and not renewed: a renewal still open is cancelled and the case exits EXPIRED. True when it did. */
export async function expireIfOver(c: EnrolledCase): Promise<boolean> {
  const { state } = c;
  const v = state.validity;
  if (!v || Date.now() < Date.parse(v.until)) return false;
  const open = state.currentRecheck;
  if (open) {
    state.currentRecheck = null;
    // Already finished (decided a moment ago, failed): nothing to cancel.
    await getExternalWorkflowHandle(open.workflowId)
      .cancel()
      .catch(() => undefined);
  }
  await exitCase(
    c,
    [`刚性支出困难家庭认定有效期已于 ${cstDate(v.until)} 届满，期满前未经复核确认仍符合条件`],
    'EXPIRED',
  );
  return true;
}
