import { uuid4 } from '@temporalio/workflow';
import { deadlineOf } from '../shared/calendar-loads';
import { type DeterminationCase, closeWithNotice, moveTo } from './case';
import { LIMIT, wholeProcessLimit } from './limits';
import { humanStep } from './step';

// Acceptance by the township (domain.md §4.1 step 2): accepted, one notice listing every
// missing item (一次性告知), or declined as inadmissible.

/** SUBMITTED: the township accepts, asks once for what is missing, or declines. */
export async function acceptance(c: DeterminationCase): Promise<void> {
  const { act, input, state } = c;
  const done = await humanStep(c, 'ACCEPT', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.acceptance);
  if (!done) return;
  const cmd = done.command;
  if (cmd.action === 'accept') {
    c.acceptedAt = new Date().toISOString();
    if (!c.wholeProcessLimited) {
      await moveTo(c, 'INVESTIGATION');
      return;
    }
    // The whole-process limit counts from acceptance.
    const plan = { limitId: wholeProcessLimit(c), from: c.acceptedAt, county: input.countyCode };
    c.processDeadline = deadlineOf(plan, await act.planDue(plan));
    state.processDueAt = c.processDeadline.dueAt;
    c.deadlineVersion++;
    await moveTo(c, 'INVESTIGATION', { processDueAt: state.processDueAt });
  } else if (cmd.action === 'requestSupplement') {
    await act.issueNotice({
      applicationId: input.applicationId,
      noticeKey: `supplement#${uuid4()}`,
      kind: 'SUPPLEMENT_REQUEST',
      items: cmd.missing,
      reasons: cmd.note ? [cmd.note] : [],
    });
    await moveTo(c, 'AWAITING_SUPPLEMENT');
  } else if (cmd.action === 'declineInadmissible') {
    await closeWithNotice(c, 'CLOSED', 'INADMISSIBLE', [cmd.reason], done);
  }
}

/** AWAITING_SUPPLEMENT: the supplement goes back to acceptance; its deadline closes the case. */
export async function awaitSupplement(c: DeterminationCase): Promise<void> {
  const { act, input, state } = c;
  // The deadline closes the case: no escalation, the household was told (一次性告知).
  const done = await humanStep(c, 'SUPPLY', 'VILLAGE_ASSISTANT', input.villageCode, LIMIT.supplement, {
    escalate: false,
  });
  if (done === null && state.stage === 'AWAITING_SUPPLEMENT') {
    await closeWithNotice(c, 'CLOSED', 'SUPPLEMENT_EXPIRED', ['未在规定期限内补齐申请材料'], null);
    return;
  }
  if (done?.command.action === 'supplement' && done.command.facts) {
    await act.updateFacts({
      applicationId: input.applicationId,
      facts: done.command.facts,
      actor: done.actor,
      requestId: done.requestId,
    });
  }
  if (done) await moveTo(c, 'SUBMITTED');
}
