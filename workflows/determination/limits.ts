import type { OpenStage } from '../../src/core/contracts/determination';
import type { DeterminationCase } from './case';

/** Time-limit parameter ids (src/policy/parameters/ids.ts), named here as plain strings: the sandbox imports types only. */
export const LIMIT = {
  acceptance: 'time_limit.acceptance',
  supplement: 'time_limit.supplement',
  investigation: 'time_limit.investigation_start',
  homeVisit: 'time_limit.home_visit',
  destituteInvestigation: 'time_limit.destitute_investigation',
  review: 'time_limit.review',
  publicity: 'time_limit.publicity',
  objection: 'time_limit.objection_handling',
  appraisal: 'time_limit.appraisal',
  confirmation: 'time_limit.confirmation',
  destituteConfirmation: 'time_limit.destitute_confirmation',
  rigidExpenseDecision: 'time_limit.rigid_expense_decision',
  wholeProcess: 'time_limit.whole_process',
  wholeProcessDelegated: 'time_limit.whole_process_delegated',
  wholeProcessExtended: 'time_limit.whole_process_extended',
  rigidExpenseExtended: 'time_limit.rigid_expense_decision_extended',
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
