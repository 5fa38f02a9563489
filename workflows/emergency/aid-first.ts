import { condition, sleep } from '@temporalio/workflow';
import type { Role } from '../../src/core/contracts/roles';
import { DAY_MS } from '../../src/core/months';
import { close } from './close';
import { deliberate } from './deliberate';
import { pay } from './pay';
import { event, type EmergencyRun, LIMIT, moveTo } from './run';
import { step } from './step';

/**
 * 先行救助: the approver (township or county, by the amount) grants the aid, in stages; the
 * stages are paid on their dates while the emergency lasts, and once it has eased the township
 * registers the case and completes its paperwork. The approver may refer it to 一事一议 instead.
 */
export async function aidFirst(run: EmergencyRun): Promise<void> {
  const { input, state } = run;
  await moveTo(run, 'AID_FIRST');
  const township = input.requestedAmount <= input.limits.townshipApprovalLimit;
  const role: Role = township ? 'TOWNSHIP_CASEWORKER' : 'COUNTY_OFFICER';
  const done = await step(
    run,
    'GRANT_AID',
    role,
    township ? input.townshipCode : input.countyCode,
    LIMIT.step,
    'OVERDUE_STEP',
    '先行救助审批逾期',
  );
  const cmd = done.command;
  if (cmd.action === 'referToDeliberation') {
    await deliberate(run, cmd.reason);
    return;
  }
  if (cmd.action !== 'grantAid') return;
  const now = Date.now();
  state.approvedAmount = cmd.amount;
  state.stages = (cmd.stages ?? [{ amount: cmd.amount, afterDays: 0 }]).map((s) => ({
    amount: s.amount,
    dueAt: new Date(now + s.afterDays * DAY_MS).toISOString(),
    paid: false,
  }));
  await event(run, 'AID_GRANTED', done, {
    patch: { approvedAmount: cmd.amount },
    reason: cmd.note ?? null,
    details: { stages: state.stages.map((s) => ({ amount: s.amount, dueAt: s.dueAt })) },
  });
  const payments = payStages(run, township ? 'RESERVE_FUND' : 'COUNTY_BUDGET');
  if (!state.eased) {
    await moveTo(run, 'AWAITING_EASE');
    await condition(() => state.eased || payments.stopped);
  }
  if (payments.stopped) return;
  await moveTo(run, 'PAPERWORK_DUE');
  // A staged payment refused and the case closed by the supervisor meanwhile ends the step too.
  const paperwork = await step(
    run,
    'REGISTER_AND_COMPLETE',
    'TOWNSHIP_CASEWORKER',
    input.townshipCode,
    LIMIT.paperwork,
    'PAPERWORK_OVERDUE',
    '先行救助的登记和材料、签字、盖章逾期未补齐',
    () => payments.stopped,
  );
  if (paperwork === null) return;
  if (paperwork.command.action === 'registerAndComplete') {
    const { reason, amount, materials } = paperwork.command;
    await event(run, 'REGISTERED', paperwork, {
      patch: {
        registration: {
          reason,
          amount,
          materials,
          recipientConfirmed: true,
          signaturesComplete: true,
          sealsComplete: true,
        },
      },
    });
  }
  await payments.done;
  if (payments.stopped) return;
  await close(run, 'CLOSED', 'PAID', state.paidAmount, [], paperwork);
}

/** Pays the granted stages on their dates, alongside the rest of the path; `stopped` once the case was closed on a refused payment. */
function payStages(
  run: EmergencyRun,
  source: 'RESERVE_FUND' | 'COUNTY_BUDGET',
): { readonly stopped: boolean; done: Promise<void> } {
  const payments = {
    stopped: false,
    done: Promise.resolve(),
  };
  payments.done = (async () => {
    for (const [i, s] of run.state.stages.entries()) {
      if (Date.parse(s.dueAt) > Date.now()) await sleep(Date.parse(s.dueAt) - Date.now());
      if (!(await pay(run, i + 1, s.amount, source))) {
        payments.stopped = true;
        return;
      }
      s.paid = true;
    }
  })();
  return payments;
}
