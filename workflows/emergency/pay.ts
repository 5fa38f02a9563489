import { ActivityFailure, ApplicationFailure, condition, uuid4 } from '@temporalio/workflow';
import { openEscalation } from '../shared/human-step';
import { close } from './close';
import { type Acted, event, type EmergencyRun, LIMIT } from './run';

/**
 * Pays one amount. A reserve-fund refusal (balance too low) opens a FUND_REFUSAL escalation
 * and waits for the county supervisor: RETRY (after a top-up), PAY_FROM_COUNTY_BUDGET, or
 * CLOSE (the case closes without this payment). False when the case was closed.
 */
export async function pay(
  run: EmergencyRun,
  stage: number,
  amount: number,
  source: 'RESERVE_FUND' | 'COUNTY_BUDGET',
): Promise<boolean> {
  const { act, state, input } = run;
  for (let attempt = 1; ; attempt++) {
    try {
      await act.payEmergency({
        caseId: input.caseId,
        paymentKey: `${input.caseId}:${stage}:${attempt}`,
        stage,
        amount,
        townshipCode: input.townshipCode,
        source,
        actor: null,
      });
      state.paidAmount = Math.round((state.paidAmount + amount) * 100) / 100;
      return true;
    } catch (error) {
      const cause = error instanceof ActivityFailure ? error.cause : null;
      if (!(cause instanceof ApplicationFailure) || cause.type !== 'RESERVE_FUND_INSUFFICIENT') throw error;
      run.fundDecision = null;
      // The refusal is in the state before its task row exists: a supervisor who resolves it from
      // the task the moment it appears is not refused. (Same id draw as before: histories replay.)
      const escalationTaskId = uuid4();
      state.fundRefusal = { reason: cause.message, escalationTaskId };
      await openEscalation(
        act,
        run.c,
        'FUND_REFUSAL',
        cause.message,
        null,
        LIMIT.escalation,
        undefined,
        escalationTaskId,
      );
      await event(run, 'FUND_REFUSED', null, { reason: cause.message });
      await condition(() => run.fundDecision !== null);
      const d = run.fundDecision! as Acted;
      state.fundRefusal = null;
      if (d.command.action !== 'resolveFundRefusal') continue;
      await act.closeTask({
        taskId: escalationTaskId,
        status: 'DONE',
        outcome: d.command.decision,
        completedBy: d.actor.userId,
        completedByRole: d.actor.role,
      });
      await event(run, 'FUND_REFUSAL_RESOLVED', d, {
        reason: d.command.reason,
        details: { decision: d.command.decision },
      });
      if (d.command.decision === 'CLOSE') {
        await close(run, 'CLOSED', 'CLOSED_BY_SUPERVISOR', state.paidAmount, [d.command.reason], d);
        return false;
      }
      if (d.command.decision === 'PAY_FROM_COUNTY_BUDGET') source = 'COUNTY_BUDGET';
    }
  }
}
