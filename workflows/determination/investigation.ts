import { uuid4 } from '@temporalio/workflow';
import { type DeterminationCase, moveTo } from './case';
import { LIMIT } from './limits';
import { humanStep } from './step';

// Investigation (domain.md §4.1 step 3): the county cross-check is requested at once; the
// township's home visit (two investigators, the form signed by the household) ends the stage.

/** INVESTIGATION: cross-check, then the home visit; REVIEW once it is recorded. */
export async function investigation(c: DeterminationCase): Promise<void> {
  const { act, input } = c;
  await act.crossCheck({ applicationId: input.applicationId, eventKey: `cross-check#${uuid4()}` });
  const limit = input.category === 'DESTITUTE' ? LIMIT.destituteInvestigation : LIMIT.investigation;
  if (await humanStep(c, 'HOME_VISIT', 'TOWNSHIP_CASEWORKER', input.townshipCode, limit)) await moveTo(c, 'REVIEW');
}
