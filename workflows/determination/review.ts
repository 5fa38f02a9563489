import { uuid4 } from '@temporalio/workflow';
import { type DeterminationCase, moveTo } from './case';
import { afterPublicity, LIMIT } from './limits';
import { humanStep } from './step';

// Review (domain.md §4.1 step 4): the township's first-instance opinion beside the policy
// engine's evaluation of the current facts.

/** REVIEW: approvals go to publicity, refusals (and 刚性支出) straight on to confirmation. */
export async function review(c: DeterminationCase): Promise<void> {
  const { act, input, state } = c;
  state.engine = await act.evaluateApplication({
    applicationId: input.applicationId,
    eventKey: `evaluated#${uuid4()}`,
  });
  const done = await humanStep(c, 'REVIEW', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.review);
  if (done?.command.action !== 'submitOpinion') return;
  const approve = done.command.proposal === 'APPROVE';
  state.opinion = { proposal: done.command.proposal, amount: approve ? state.engine.monthlyAmount : null };
  // Approvals are published (rigid-expense cases follow the temporary-assistance procedure, without publicity).
  await moveTo(c, approve && input.category !== 'RIGID_EXPENSE' ? 'PUBLICITY' : afterPublicity(c));
}
