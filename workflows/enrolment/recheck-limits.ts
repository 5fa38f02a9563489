import type { ApplicationCategory } from '../../src/core/contracts/application';
import { P } from '../../src/core/parameter-ids';

/** Each category's recheck time limits, with their own sources (src/policy/README.md). */
const RECHECK_LIMITS: Record<'investigation' | 'decision', Record<ApplicationCategory, string>> = {
  investigation: {
    MINIMUM_LIVING: P.TL_RECHECK_INVESTIGATION_MINIMUM_LIVING,
    DESTITUTE: P.TL_RECHECK_INVESTIGATION_DESTITUTE,
    NEAR_MINIMUM: P.TL_RECHECK_INVESTIGATION_NEAR_MINIMUM,
    RIGID_EXPENSE: P.TL_RECHECK_INVESTIGATION_RIGID_EXPENSE,
  },
  decision: {
    MINIMUM_LIVING: P.TL_RECHECK_DECISION_MINIMUM_LIVING,
    DESTITUTE: P.TL_RECHECK_DECISION_DESTITUTE,
    NEAR_MINIMUM: P.TL_RECHECK_DECISION_NEAR_MINIMUM,
    RIGID_EXPENSE: P.TL_RECHECK_DECISION_RIGID_EXPENSE,
  },
};

/** The time limit of a recheck step for the case's category. */
export function recheckLimit(step: 'investigation' | 'decision', category: ApplicationCategory): string {
  return RECHECK_LIMITS[step][category];
}
