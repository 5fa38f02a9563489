import type { EnrolledCaseState, SupervisorAction } from '../../src/core/contracts/enrolment';
import type { EnrolledCase } from './case-context';

/** The county supervisor stops payments (validated by validateSuspend); the status to resume to is kept. */
export async function suspend(c: EnrolledCase, action: SupervisorAction): Promise<EnrolledCaseState> {
  const { state } = c;
  state.suspension = {
    reason: action.reason,
    by: action.actor.userId,
    since: new Date().toISOString(),
    resumeTo: state.status,
  };
  await c.setStatus('SUSPENDED', {
    event: 'SUSPENDED',
    reason: action.reason,
    actor: action.actor,
    requestId: action.requestId,
  });
  return state;
}

/** Payments resume in the status the case had (ACTIVE if it was suspended while rechecking and the recheck ended). */
export async function resume(c: EnrolledCase, action: SupervisorAction): Promise<EnrolledCaseState> {
  const { state } = c;
  const to = state.suspension?.resumeTo ?? 'ACTIVE';
  state.suspension = null;
  await c.setStatus(to === 'SUSPENDED' ? 'ACTIVE' : to, {
    event: 'RESUMED',
    reason: action.reason,
    actor: action.actor,
    requestId: action.requestId,
  });
  return state;
}
