import type { ApplicationCategory } from '../../src/core/contracts/application';

/** The time limit of a recheck step for a category: `time_limit.recheck_<step>.<category>` (src/policy/parameters/ids.ts). */
export function recheckLimit(step: 'investigation' | 'decision', category: ApplicationCategory): string {
  return `time_limit.recheck_${step}.${category.toLowerCase()}`;
}
