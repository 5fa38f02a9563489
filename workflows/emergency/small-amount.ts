import { close } from './close';
import { pay } from './pay';
import { event, type EmergencyRun, LIMIT, moveTo } from './run';
import { step } from './step';

/**
 * 小金额先行救助: approved by the township caseworker who received it (at or under the
 * township limit, checked at intake), paid at once, explained afterwards.
 */
export async function smallAmount(run: EmergencyRun): Promise<void> {
  const { input, state } = run;
  await moveTo(run, 'SMALL_AMOUNT');
  state.approvedAmount = input.requestedAmount;
  await event(
    run,
    'APPROVED',
    { actor: input.submittedBy, requestId: input.requestId, command: { action: 'accept' } },
    { patch: { approvedAmount: input.requestedAmount } },
  );
  if (!(await pay(run, 1, input.requestedAmount, 'RESERVE_FUND'))) return;
  await moveTo(run, 'EXPLANATION_DUE');
  const done = await step(
    run,
    'EXPLAIN',
    'TOWNSHIP_CASEWORKER',
    input.townshipCode,
    LIMIT.explanation,
    'MISSING_EXPLANATION',
    '小金额先行救助的情况说明逾期未补',
  );
  if (done.command.action === 'explain')
    await event(run, 'EXPLAINED', done, { patch: { explanation: done.command.text } });
  await close(run, 'CLOSED', 'PAID', state.paidAmount, [], done);
}
