import { patched } from '@temporalio/workflow';
import type { Role } from '../../src/core/contracts/roles';
import { type DeterminationCase, moveTo } from './case';
import { confirmationLimit } from './limits';
import { humanStep } from './step';

// Confirmation (domain.md §4.1 step 6): by the county, or the township where delegated; a
// case flagged as a close relative of staff first gets a county home visit.

/**
 * Since this patch a flagged (close-relative) case's county home visit and its confirmation
 * share one limit, counted from the file reaching the county (N1 Art.20: the county confirms
 * within 10 working days of receiving it, the home visit included).
 */
const COUNTY_FILE_PATCH = 'determination-county-file-limit';

/** COUNTY_HOME_VISIT: the county visits a flagged household before it confirms. */
export async function countyHomeVisit(c: DeterminationCase): Promise<void> {
  const { act, input } = c;
  if (patched(COUNTY_FILE_PATCH)) {
    const plan = { limitId: confirmationLimit(c), from: new Date().toISOString(), county: input.countyCode };
    c.countyFile = { plan, due: await act.planDue(plan) };
  }
  if (
    await humanStep(c, 'COUNTY_HOME_VISIT', 'COUNTY_OFFICER', input.countyCode, confirmationLimit(c), {
      deadline: c.countyFile,
    })
  )
    await moveTo(c, 'CONFIRMATION');
}

/** CONFIRMATION: approved with the engine's amount (another only with a reason), or refused with reasons. */
export async function confirmation(c: DeterminationCase): Promise<void> {
  const { act, input, state } = c;
  const role: Role = c.delegated && input.category !== 'RIGID_EXPENSE' ? 'TOWNSHIP_CASEWORKER' : 'COUNTY_OFFICER';
  const jurisdiction = role === 'TOWNSHIP_CASEWORKER' ? input.townshipCode : input.countyCode;
  const done = await humanStep(c, 'CONFIRM', role, jurisdiction, confirmationLimit(c), { deadline: c.countyFile });
  if (!done) return;
  const cmd = done.command;
  if (cmd.action !== 'confirm' && cmd.action !== 'refuse') return;
  const approved = cmd.action === 'confirm';
  const amount = approved ? (cmd.amount ?? state.engine?.monthlyAmount ?? 0) : null;
  // One write: the decision, its notice and, when approved, the enrolled case (the hand-off to enrolment).
  await act.recordDecision({
    applicationId: input.applicationId,
    outcome: approved ? 'APPROVED' : 'REFUSED',
    monthlyAmount: amount,
    amountReason: approved ? (cmd.amountReason ?? null) : null,
    reasons: approved ? [] : cmd.reasons,
    expectedFactsVersion: state.engine?.factsVersion ?? null,
    actor: done.actor,
    requestId: done.requestId,
  });
  state.outcome = { decidedBy: done.actor.userId, amount };
  state.stage = approved ? 'ENROLLED' : 'REFUSED';
}
