import type { Acting } from '../../src/core/contracts/determination';
import type { RecheckAction, RecheckResult, RecheckState } from '../../src/core/contracts/enrolment';
import type { WorkRefusals } from './run';

/**
 * The county's decision as a result. Keeping or adjusting the benefit still withdraws the
 * shares of members at the work refusal limit (a reduction, with its reason in the notice).
 */
export function recheckResult(
  recheckId: string,
  state: RecheckState,
  decided: Acting<RecheckAction>,
  work: WorkRefusals,
): RecheckResult {
  const d = decided.command.action === 'decide' ? decided.command.decision : { outcome: 'UNCHANGED' as const };
  const result: RecheckResult = {
    recheckId,
    outcome: d.outcome,
    amount: d.outcome === 'ADJUST' ? d.amount : null,
    membersIncluded: d.outcome === 'ADJUST' ? (state.engine?.membersIncluded ?? null) : null,
    reasons: 'reasons' in d ? d.reasons : [],
    decidedBy: decided.actor.userId,
    workRefusals: work.count,
    workRefusalsByMember: work.byMember,
    ...(work.acceptedBy.length > 0 ? { workAcceptedBy: work.acceptedBy } : {}),
  };
  const reduction = state.engine?.workRefusalReduction ?? null;
  if (reduction && (d.outcome === 'UNCHANGED' || d.outcome === 'ADJUST')) {
    result.outcome = 'ADJUST';
    result.amount = d.outcome === 'ADJUST' ? Math.min(d.amount, reduction.monthlyAmount) : reduction.monthlyAmount;
    result.membersIncluded = reduction.membersIncluded;
    result.reasons = [...result.reasons, reduction.reasonZh];
  }
  return result;
}
