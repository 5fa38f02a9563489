import type { EnrolledCase } from './case-context';
import { closeDeathEscalations } from './deaths';

/** The case ends: escalations still open are closed, then the final record and the notice (closeCase). */
export async function exitCase(c: EnrolledCase, reasons: string[], event: string): Promise<void> {
  const { state, input } = c;
  await closeDeathEscalations(c, state.deaths, 'CASE_EXITED');
  state.deaths = [];
  state.exit = { at: new Date().toISOString(), reasons };
  state.phaseOut = null;
  state.status = 'EXITED';
  c.indexStatus('EXITED');
  await c.act.closeCase({
    enrolledCaseId: input.enrolledCaseId,
    applicationId: input.applicationId,
    reasons,
    event,
    lastPaidMonth: state.lastPaidMonth,
    ...(state.validity ? { validUntil: state.validity.until } : {}),
  });
}
