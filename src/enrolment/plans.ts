import type { ApplicationCategory } from '../core/contracts/application';
import type { HouseholdFacts } from '../core/contracts/household-facts';
import { cstDate } from '../core/clock';
import {
  limitEndsAt,
  PARAMETER_IDS,
  PolicyInputError,
  timeLimitOf,
  type ParameterRef,
  type ParameterStore,
  type TimeLimit,
} from '../policy';

// The dates an enrolled case's workflow sets its timers on (through its activities), as pure
// functions: the activities call them, and so does the policy projection, so a projected
// date and the workflow's timer come from one rule.

const WORKING_INCOME = new Set(['WAGE', 'BUSINESS']);

/**
 * Stable unless a co-resident member who can work lives on wages or business income
 * (N1 Art.31: such households are rechecked every 6 months).
 */
export function isStable(facts: HouseholdFacts): boolean {
  const working = new Set(facts.members.filter((m) => m.coResident && m.labourCapacity !== 'NONE').map((m) => m.id));
  return !facts.income.some((i) => working.has(i.memberId) && WORKING_INCOME.has(i.type) && i.amount > 0);
}

/** Recheck interval parameter by category and stability (processes.md §2). */
export function recheckParameter(category: ApplicationCategory, stable: boolean): string {
  switch (category) {
    case 'MINIMUM_LIVING':
      return stable ? PARAMETER_IDS.RECHECK_MINIMUM_LIVING_STABLE : PARAMETER_IDS.RECHECK_MINIMUM_LIVING_UNSTABLE;
    case 'DESTITUTE':
      return PARAMETER_IDS.RECHECK_DESTITUTE;
    case 'NEAR_MINIMUM':
      return PARAMETER_IDS.RECHECK_NEAR_MINIMUM;
    case 'RIGID_EXPENSE':
      return PARAMETER_IDS.RIGID_EXPENSE_VALIDITY;
  }
}

/** A recheck interval or phase-out length: natural days or months, counted from an instant. */
export function instantLimit(params: ParameterStore, id: string, date: string, county: string): TimeLimit {
  const limit = timeLimitOf(params, id, { date, county });
  if (limit.unit === 'WORKING_DAYS')
    throw new PolicyInputError('PARAMETER_INVALID', `参数 ${id} 须以月或自然日表示`, [id]);
  return limit;
}

export interface PlannedRecheck {
  dueAt: string;
  /** As configured (a drill's interval is a fraction of a day, not months). */
  months: number;
  stable: boolean;
  parameter: ParameterRef;
}

/** The next periodic recheck counted from `from`: the interval in force on that day for the category and stability. */
export function planRecheckDue(
  params: ParameterStore,
  r: { category: ApplicationCategory; facts: HouseholdFacts; from: string; county: string },
): PlannedRecheck {
  const stable = isStable(r.facts);
  const limit = instantLimit(params, recheckParameter(r.category, stable), cstDate(r.from), r.county);
  return {
    dueAt: new Date(limitEndsAt(Date.parse(r.from), limit)).toISOString(),
    months: limit.unit === 'MONTHS' ? limit.value : 0,
    stable,
    parameter: limit.parameter,
  };
}

export interface PlannedPhaseOut {
  endsAt: string;
  months: number;
  unit: TimeLimit['unit'];
  parameter: ParameterRef;
}

/** A phase-out starting at `from` in a county: at most the parameter's maximum (6 months). */
export function planPhaseOutEnd(params: ParameterStore, r: { from: string; county: string }): PlannedPhaseOut {
  const limit = instantLimit(params, PARAMETER_IDS.PHASE_OUT_MAX_MONTHS, cstDate(r.from), r.county);
  return {
    endsAt: new Date(limitEndsAt(Date.parse(r.from), limit)).toISOString(),
    months: limit.unit === 'MONTHS' ? limit.value : 0,
    unit: limit.unit,
    parameter: limit.parameter,
  };
}
