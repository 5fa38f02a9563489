import type { OpenStage } from '../../src/core/contracts/determination';
import type { DeterminationCase } from './case';
import { P } from '../../src/core/parameter-ids';

/** The time limits this workflow counts (parameter ids from src/core/parameter-ids.ts). */
export const LIMIT = {
  acceptance: P.TL_ACCEPTANCE,
  supplement: P.TL_SUPPLEMENT,
  investigation: P.TL_INVESTIGATION_START,
  homeVisit: P.TL_HOME_VISIT,
  destituteInvestigation: P.TL_DESTITUTE_INVESTIGATION,
  review: P.TL_REVIEW,
  publicity: P.TL_PUBLICITY,
  objection: P.TL_OBJECTION_HANDLING,
  appraisal: P.TL_APPRAISAL,
  confirmation: P.TL_CONFIRMATION,
  destituteConfirmation: P.TL_DESTITUTE_CONFIRMATION,
  rigidExpenseDecision: P.TL_RIGID_EXPENSE_DECISION,
  wholeProcess: P.TL_WHOLE_PROCESS,
  wholeProcessDelegated: P.TL_WHOLE_PROCESS_DELEGATED,
  wholeProcessExtended: P.TL_WHOLE_PROCESS_EXTENDED,
  rigidExpenseExtended: P.TL_RIGID_EXPENSE_DECISION_EXTENDED,
} as const;

/** The whole-process limit counted from acceptance. */
export function wholeProcessLimit({ input, delegated }: DeterminationCase): string {
  return input.category === 'RIGID_EXPENSE'
    ? LIMIT.rigidExpenseDecision
    : delegated
      ? LIMIT.wholeProcessDelegated
      : LIMIT.wholeProcess;
}

/** The whole-process limit once extended (once, with a reason). */
export function extendedProcessLimit({ input }: DeterminationCase): string {
  return input.category === 'RIGID_EXPENSE' ? LIMIT.rigidExpenseExtended : LIMIT.wholeProcessExtended;
}

export function confirmationLimit({ input }: DeterminationCase): string {
  if (input.category === 'DESTITUTE') return LIMIT.destituteConfirmation;
  if (input.category === 'RIGID_EXPENSE') return LIMIT.rigidExpenseDecision;
  return LIMIT.confirmation;
}

/** After publicity (or without it): a flagged case first gets a county home visit. */
export function afterPublicity({ input }: DeterminationCase): OpenStage {
  return input.closeRelativeFlag ? 'COUNTY_HOME_VISIT' : 'CONFIRMATION';
}
