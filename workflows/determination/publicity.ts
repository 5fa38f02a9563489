import { condition } from '@temporalio/workflow';
import { msUntil } from '../../src/core/clock';
import { type DeterminationCase, moveTo } from './case';
import { afterPublicity, LIMIT } from './limits';
import { humanStep } from './step';

// Publicity (domain.md §4.1 step 5): seven days in the village; an objection leads to a
// re-investigation or a democratic appraisal, then a new opinion and a new publicity.

/** PUBLICITY: one round; objections are lodged through their own Update meanwhile. */
export async function publicity(c: DeterminationCase): Promise<void> {
  const { act, input, state } = c;
  state.publicityRound++;
  state.objectionsThisRound = 0;
  const due = await act.planDue({ limitId: LIMIT.publicity, from: new Date().toISOString(), county: input.countyCode });
  state.publicityEndsAt = due.dueAt;
  await act.publish({ applicationId: input.applicationId, round: state.publicityRound, endsAt: due.dueAt });
  await condition(() => state.stage !== 'PUBLICITY', msUntil(due.dueAt));
  if (state.stage !== 'PUBLICITY') return;
  state.publicityEndsAt = null;
  await moveTo(c, state.objectionsThisRound > 0 ? 'OBJECTION_HANDLING' : afterPublicity(c));
}

/** OBJECTION_HANDLING: the township re-investigates, holds an appraisal, or dismisses with a reason. */
export async function objectionHandling(c: DeterminationCase): Promise<void> {
  const done = await humanStep(c, 'RESOLVE_OBJECTION', 'TOWNSHIP_CASEWORKER', c.input.townshipCode, LIMIT.objection);
  const action = done?.command.action;
  if (action === 'reinvestigate') await moveTo(c, 'INVESTIGATION');
  if (action === 'holdAppraisal') await moveTo(c, 'APPRAISAL');
  if (action === 'dismissObjection') await moveTo(c, afterPublicity(c));
}

/** APPRAISAL: a democratic appraisal, then a new opinion (and a new publicity). */
export async function appraisal(c: DeterminationCase): Promise<void> {
  if (await humanStep(c, 'DEMOCRATIC_APPRAISAL', 'TOWNSHIP_CASEWORKER', c.input.townshipCode, LIMIT.appraisal))
    await moveTo(c, 'REVIEW');
}
