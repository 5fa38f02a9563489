import { patched, uuid4 } from '@temporalio/workflow';
import { type DeterminationCase, moveTo } from './case';
import { LIMIT } from './limits';
import { humanStep } from './step';

// Investigation (domain.md §4.1 step 3): the county cross-check is requested at once; the
// township starts the investigation within 3 working days, then makes the home visit (two
// investigators, the form signed by the household), which ends the stage.

/**
 * Since this patch the 3-working-day limit ends when the township starts the investigation
 * (a START_INVESTIGATION task: opening it or booking the first visit), and the home visit has
 * its own limit counted from that start. Before it, the home visit itself was due in 3 working days.
 */
const START_MEASURED_PATCH = 'investigation-start-measured';

/** INVESTIGATION: cross-check, the start (first investigation only), then the home visit; REVIEW once it is recorded. */
export async function investigation(c: DeterminationCase): Promise<void> {
  const { act, input, state } = c;
  await act.crossCheck({ applicationId: input.applicationId, eventKey: `cross-check#${uuid4()}` });
  const destitute = input.category === 'DESTITUTE';
  if (!patched(START_MEASURED_PATCH)) {
    if (
      await humanStep(
        c,
        'HOME_VISIT',
        'TOWNSHIP_CASEWORKER',
        input.townshipCode,
        destitute ? LIMIT.destituteInvestigation : LIMIT.investigation,
      )
    )
      await moveTo(c, 'REVIEW');
    return;
  }
  // 特困's 15 working days bound the whole investigation (start and visit), counted from its opening.
  const opened = { limitId: LIMIT.destituteInvestigation, from: new Date().toISOString(), county: input.countyCode };
  const whole = destitute ? { plan: opened, due: await act.planDue(opened) } : null;
  // A re-investigation after an objection was started by the caseworker's decision to reinvestigate.
  const firstInvestigation = state.publicityRound === 0;
  if (
    firstInvestigation &&
    !(await humanStep(c, 'START_INVESTIGATION', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.investigation))
  )
    return;
  const visit = await humanStep(c, 'HOME_VISIT', 'TOWNSHIP_CASEWORKER', input.townshipCode, LIMIT.homeVisit, {
    deadline: whole,
  });
  if (visit) await moveTo(c, 'REVIEW');
}
