import type { ApplicationCategory } from '../core/contracts/application';
import type { HouseholdFacts } from '../core/contracts/household-facts';
import type { EnrolledStatus } from '../core/contracts/enrolment';
import type { ProjectionEntry, ProjectionKind } from '../core/contracts/policy-projection';
import { cstDate } from '../core/clock';
import { plusMonths } from '../core/months';
import type { ParameterRef, ParameterStore, WorkingDayCalendar } from '../policy';
import { planPhaseOutEnd, planRecheckDue } from '../enrolment/plans';
import { planValidityExplained } from '../enrolment/validity';

// The policy projection (time travel for policy staff): the dates an enrolled case's workflow
// will act on in the next years, computed with the planners its activities use
// (src/enrolment/plans.ts, validity.ts) under the parameters and calendar known today.

/** What the projection reads of a case: its workflow's state (timers set) and its facts. */
export interface ProjectedCase {
  category: ApplicationCategory;
  countyCode: string;
  facts: HouseholdFacts;
  status: EnrolledStatus;
  /** The periodic recheck the workflow has planned (its timer), if any. */
  nextRecheckAt: string | null;
  /** A recheck is running now: the next one is planned at its decision. */
  recheckRunning: boolean;
  /** When the last recheck was decided, or the case started: what the planned recheck counts from. */
  lastRecheckAt: string;
  phaseOut: { startedAt: string; endsAt: string } | null;
  validity: { until: string; renewalAt: string } | null;
}

export const PROJECTION_LABELS_ZH: Record<ProjectionKind, string> = {
  PERIODIC_RECHECK: '定期复核',
  RENEWAL_RECHECK: '刚性支出认定续期复核',
  VALIDITY_END: '刚性支出认定有效期届满（未经续期复核确认则退出）',
  PHASE_OUT_END: '渐退期届满（家庭收入仍高于标准则停止发放）',
};

/** A drill's minute-long intervals would list thousands of dates: the list stops here. */
export const MAX_PROJECTION_ENTRIES = 200;

const cite = (p: ParameterRef) => ({ id: p.id, version: p.version, division: p.division, source: p.source });

function entry(kind: ProjectionKind, at: string, parameters: ParameterRef[]): ProjectionEntry {
  return { date: cstDate(at), at, kind, label: PROJECTION_LABELS_ZH[kind], parameters: parameters.map(cite) };
}

/**
 * The case's dates from `now` to `years` later, in date order. Assumes each recheck is decided
 * on the day it opens and keeps the case (a renewal renews it); a phase-out ends the case.
 */
export function projectCase(
  params: ParameterStore,
  calendar: WorkingDayCalendar,
  c: ProjectedCase,
  opts: { now: number; years: number },
): ProjectionEntry[] {
  const until = plusMonths(opts.now, 12 * opts.years);
  const within = (at: string) => Date.parse(at) >= opts.now && Date.parse(at) <= until;
  const out: ProjectionEntry[] = [];
  const where = { county: c.countyCode };

  // A phase-out ends the case at its end unless a recheck shows need again: nothing follows it.
  let horizon = until;
  if (c.status === 'PHASE_OUT' && c.phaseOut) {
    const planned = planPhaseOutEnd(params, { from: c.phaseOut.startedAt, ...where });
    if (within(c.phaseOut.endsAt)) out.push(entry('PHASE_OUT_END', c.phaseOut.endsAt, [planned.parameter]));
    horizon = Math.min(horizon, Date.parse(c.phaseOut.endsAt));
  }

  if (c.validity) {
    // A 刚性支出 recognition: its renewal is its recheck; a renewal decided extends it from its end.
    let v = { until: c.validity.until, renewalAt: c.validity.renewalAt };
    let basis = planValidityExplained(params, calendar, { from: c.lastRecheckAt, ...where }).parameters;
    while (Date.parse(v.renewalAt) <= horizon && out.length < MAX_PROJECTION_ENTRIES) {
      if (within(v.renewalAt)) out.push(entry('RENEWAL_RECHECK', v.renewalAt, basis));
      if (within(v.until)) out.push(entry('VALIDITY_END', v.until, basis));
      const next = planValidityExplained(params, calendar, { from: v.until, ...where });
      v = { until: next.validUntil, renewalAt: next.renewalAt };
      basis = next.parameters;
    }
  } else {
    const plan = (from: string) => planRecheckDue(params, { category: c.category, facts: c.facts, from, ...where });
    // The workflow's own timer first (planned from the last recheck); from a running recheck, from its decision (today at the earliest).
    const first = plan(c.recheckRunning ? new Date(opts.now).toISOString() : c.lastRecheckAt);
    let at = !c.recheckRunning && c.nextRecheckAt ? c.nextRecheckAt : first.dueAt;
    let basis = first.parameter;
    while (Date.parse(at) <= horizon && out.length < MAX_PROJECTION_ENTRIES) {
      if (within(at)) out.push(entry('PERIODIC_RECHECK', at, [basis]));
      const next = plan(at);
      at = next.dueAt;
      basis = next.parameter;
    }
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
