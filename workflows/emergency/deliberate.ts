import { condition, executeChild, patched, uuid4 } from '@temporalio/workflow';
import type { DeliberationDecided } from '../../src/core/contracts/deliberation';
import { deliberationWorkflow } from '../deliberation.workflow';
import { close } from './close';
import { deliberatedAmount } from '../../src/core/deliberated-aid';
import { pay } from './pay';
import { event, type EmergencyRun, moveTo } from './run';
import { deliberationWorkflowId } from '../../src/core/workflow-ids';

/**
 * Since this patch a 一事一议 decision's civil-affairs amount is the case's approved amount, paid
 * (county budget) as soon as the chair decides; before it the case closed with the measures only.
 */
const DELIBERATED_AMOUNT_PATCH = 'emergency-deliberated-amount';

/** Above the county's limit or complex: a child 一事一议; the case closes with its decision. */
export async function deliberate(run: EmergencyRun, reason: string): Promise<void> {
  const { act, input, state } = run;
  await moveTo(run, 'DELIBERATION');
  const rules = await act.deliberationRules({ county: input.countyCode, at: new Date().toISOString() });
  state.deliberationId = uuid4();
  await event(run, 'REFERRED_TO_DELIBERATION', null, { reason, patch: { deliberationId: state.deliberationId } });
  const child = executeChild(deliberationWorkflow, {
    workflowId: deliberationWorkflowId(state.deliberationId),
    args: [
      {
        deliberationId: state.deliberationId,
        countyCode: input.countyCode,
        townshipCode: input.townshipCode,
        source: { kind: 'EMERGENCY', id: input.caseId },
        question: reason,
        convened: null,
        rules,
      },
    ],
  });
  if (patched(DELIBERATED_AMOUNT_PATCH)) {
    // The decision arrives by signal; a matter closed without one (or by a child that does not signal) ends with its result.
    let ended = false;
    const settled = child.then(
      () => void (ended = true),
      () => void (ended = true),
    );
    await condition(() => run.decided !== null || ended);
    const decision = (run.decided as DeliberationDecided | null) ?? (await child);
    const amount = decision.outcome === 'APPROVE' ? deliberatedAmount(decision.measures) : null;
    if (amount !== null) {
      state.approvedAmount = amount;
      await event(run, 'APPROVED', null, {
        patch: { approvedAmount: amount },
        reason: '一事一议决定给予临时救助',
        details: { deliberationId: state.deliberationId, amount },
      });
      // Decided by the county mechanism: paid from the county budget, as the county's own approvals are.
      if (!(await pay(run, 1, amount, 'COUNTY_BUDGET'))) return;
    }
    await settled;
  }
  const deliberation = (run.deliberation = await child);
  await event(run, 'DELIBERATED', null, {
    patch: { measures: deliberation.measures as unknown as never },
    reason: deliberation.closedReason,
    details: { outcome: deliberation.outcome },
  });
  const { outcome, measures, closedReason } = deliberation;
  await close(run, outcome === 'REJECT' ? 'REFUSED' : 'CLOSED', 'DELIBERATED', state.approvedAmount, [], null, {
    outcome,
    measures,
    closedReason,
  });
}
