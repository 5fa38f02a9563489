import type { EnrolledCase } from './case-context';
import { exitCase } from './exit';

/** A PHASE_OUT decision: the first one plans the end from the parameter; a later one keeps it. */
export async function enterPhaseOut(c: EnrolledCase, reasons: string[], wasPhaseOut: boolean): Promise<void> {
  const { state } = c;
  if (!wasPhaseOut) {
    const planned = await c.act.planPhaseOut({ from: new Date().toISOString(), county: c.input.countyCode });
    state.phaseOut = { startedAt: new Date().toISOString(), endsAt: planned.endsAt };
  }
  if (state.suspension) state.suspension.resumeTo = 'PHASE_OUT';
  await c.setStatus(state.status === 'SUSPENDED' ? 'SUSPENDED' : 'PHASE_OUT', {
    event: wasPhaseOut ? 'PHASE_OUT_CONTINUED' : 'PHASE_OUT_STARTED',
    reason: reasons.join('；'),
  });
}

/** The phase-out's end, when no recheck runs (a recheck may still show need again). */
export function phaseOutEndsAt(c: EnrolledCase): number | null {
  const { state } = c;
  return state.status === 'PHASE_OUT' && state.currentRecheck === null && state.phaseOut
    ? Date.parse(state.phaseOut.endsAt)
    : null;
}

/** Past the end: the case exits. True when it did. */
export async function endPhaseOutIfOver(c: EnrolledCase, now: number): Promise<boolean> {
  const endsAt = phaseOutEndsAt(c);
  if (endsAt === null || now < endsAt) return false;
  await exitCase(c, ['渐退期已满，家庭收入仍高于最低生活保障标准，停止发放'], 'PHASE_OUT_ENDED');
  return true;
}
