// The what-if's steps in the worker: a page of cases evaluated under the parameters in
// force and under the drafts, stored one row per case (idempotent: a retried page writes
// nothing twice); at the end the per-county and per-category summary. Never touches a case.
import { Context } from '@temporalio/activity';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { HouseholdFacts } from '../core/contracts/household-facts';
import type { DeterminedCategory } from '../core/contracts/policy-determination';
import type {
  DraftVersion,
  SimulationCursor,
  SimulationScope,
  SimulationStatus,
} from '../core/contracts/policy-simulation';
import {
  compareCase,
  monthsLeftInYear,
  SOURCE_IDS,
  whatIfStores,
  type ParameterStore,
  type ParameterUnit,
  type ParameterValue,
  type ParameterVersion,
} from '../policy';
import type { PrismaClient } from '../prisma/prisma-client';
import { pageInScope, type ScopedCase } from './simulation-scope';

/** Cases per page: one read and one transaction of rows (about a tenth of a second of evaluation). */
export const SIMULATION_PAGE = 500;

/** A draft as a version of the store, in force from the effective date. */
export function draftVersion(d: DraftVersion, effectiveDate: string): ParameterVersion {
  const v: ParameterVersion = {
    id: d.parameterId,
    version: 'draft',
    validFrom: effectiveDate,
    division: d.division,
    value: d.value as ParameterValue,
    unit: d.unit as ParameterUnit,
    citations: [{ sourceId: SOURCE_IDS.ILLUSTRATIVE, note: '测算草案（未批准）' }],
    placeholder: true,
  };
  if (d.area !== undefined) v.area = d.area;
  return v;
}

interface Run {
  effectiveDate: string;
  scope: SimulationScope;
  before: ParameterStore;
  after: ParameterStore;
}

/** Pages one activity evaluates in a row, for about this long, before it reports its cursor. */
const BATCH_MS = 2_000;

/** A case under the parameters in force and under the drafts (or why it cannot be evaluated). */
function evaluate(run: Run, simulationId: string, c: ScopedCase) {
  const base = { simulationId, caseKind: c.kind, caseId: c.id, countyCode: c.countyCode, category: c.category };
  try {
    const r = compareCase(c.facts as HouseholdFacts, c.category as DeterminedCategory, run.before, run.after);
    return { ...base, ...r };
  } catch (error) {
    // Facts the engine cannot decide on: listed, not counted as a change.
    const why = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      oldStatus: 'not_evaluated',
      newStatus: 'not_evaluated',
      oldBenefit: 0,
      newBenefit: 0,
      change: 'NOT_EVALUATED',
      reason: `无法测算：${why}`.slice(0, 500),
    };
  }
}

export function createSimulationActivities(deps: { prisma: PrismaClient; parameters: ParameterStore }) {
  const { prisma, parameters } = deps;
  /** The two stores of each run this worker has served (built once per run). */
  const runs = new Map<string, Run>();

  async function runOf(simulationId: string): Promise<Run> {
    const hit = runs.get(simulationId);
    if (hit) return hit;
    const row = await prisma.policySimulation.findUniqueOrThrow({ where: { id: simulationId } });
    const drafts = (row.drafts as unknown as DraftVersion[]).map((d) => draftVersion(d, row.effectiveDate));
    const stores = whatIfStores(parameters, drafts, row.effectiveDate);
    const run = { effectiveDate: row.effectiveDate, scope: row.scope as unknown as SimulationScope, ...stores };
    if (runs.size > 8) runs.clear();
    runs.set(simulationId, run);
    return run;
  }

  /** A page's rows in one statement of column arrays (no per-row query building), and the run's progress. */
  async function store(simulationId: string, rows: ReturnType<typeof evaluate>[]): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const added = await tx.$executeRaw`
        INSERT INTO policy_simulation_case (simulation_id, case_kind, case_id, county_code, category,
          old_status, new_status, old_benefit, new_benefit, change, reason)
        SELECT ${simulationId}::uuid, * FROM unnest(
          ${rows.map((r) => r.caseKind)}::text[], ${rows.map((r) => r.caseId)}::uuid[],
          ${rows.map((r) => r.countyCode)}::text[], ${rows.map((r) => r.category)}::text[],
          ${rows.map((r) => r.oldStatus)}::text[], ${rows.map((r) => r.newStatus)}::text[],
          ${rows.map((r) => r.oldBenefit)}::numeric[], ${rows.map((r) => r.newBenefit)}::numeric[],
          ${rows.map((r) => r.change)}::text[], ${rows.map((r) => r.reason)}::text[])
        ON CONFLICT DO NOTHING`;
      // Advanced by the rows this page added (a retried page adds none): counting the whole
      // run's rows on every page would make a city-wide run quadratic.
      await tx.$executeRaw`UPDATE policy_simulation SET processed = processed + ${added} WHERE id = ${simulationId}::uuid`;
    });
  }

  return {
    /**
     * Evaluates pages from `cursor` for about BATCH_MS (the next page read while this one is
     * written); the cursor after them, null when every case in scope is done.
     */
    async simulatePage(simulationId: string, cursor: SimulationCursor): Promise<{ next: SimulationCursor | null }> {
      const run = await runOf(simulationId);
      const started = Date.now();
      let page = await pageInScope(prisma, run.scope, cursor, SIMULATION_PAGE);
      for (;;) {
        const rows = page.cases.map((c) => evaluate(run, simulationId, c));
        const following =
          page.next !== null && Date.now() - started < BATCH_MS
            ? pageInScope(prisma, run.scope, page.next, SIMULATION_PAGE)
            : null;
        // Awaited below; a failed write must not leave its rejection unobserved meanwhile.
        following?.catch(() => undefined);
        await store(simulationId, rows);
        try {
          Context.current().heartbeat();
        } catch {
          // Called outside an activity (a test).
        }
        if (following === null) return { next: page.next };
        page = await following;
      }
    },

    /** Closes the run: its summary per county and category, and its status (audited). */
    async finishSimulation(simulationId: string, status: SimulationStatus): Promise<void> {
      const row = await prisma.policySimulation.findUniqueOrThrow({ where: { id: simulationId } });
      const groups = await prisma.$queryRaw<
        Array<{
          county: string;
          category: string;
          cases: bigint;
          newly: bigint;
          lost: bigint;
          up: bigint;
          down: bigint;
          unchanged: bigint;
          not_evaluated: bigint;
          diff: string | null;
        }>
      >`SELECT county_code AS county, category, count(*) AS cases,
          count(*) FILTER (WHERE change = 'NEWLY_ELIGIBLE') AS newly,
          count(*) FILTER (WHERE change = 'NO_LONGER_ELIGIBLE') AS lost,
          count(*) FILTER (WHERE change = 'AMOUNT_UP') AS up,
          count(*) FILTER (WHERE change = 'AMOUNT_DOWN') AS down,
          count(*) FILTER (WHERE change = 'UNCHANGED') AS unchanged,
          count(*) FILTER (WHERE change = 'NOT_EVALUATED') AS not_evaluated,
          sum(new_benefit - old_benefit)::text AS diff
        FROM policy_simulation_case WHERE simulation_id = ${simulationId}::uuid
        GROUP BY county_code, category ORDER BY county_code, category`;
      const months = monthsLeftInYear(row.effectiveDate);
      const summary = groups.map((g) => {
        const monthly = Number(g.diff ?? 0);
        return {
          countyCode: g.county,
          category: g.category,
          cases: Number(g.cases),
          newlyEligible: Number(g.newly),
          noLongerEligible: Number(g.lost),
          amountUp: Number(g.up),
          amountDown: Number(g.down),
          unchanged: Number(g.unchanged),
          notEvaluated: Number(g.not_evaluated),
          monthlyCostDifference: Math.round(monthly * 100) / 100,
          restOfYearCostDifference: Math.round(monthly * months * 100) / 100,
        };
      });
      await prisma.$transaction(async (tx) => {
        const done = await tx.policySimulation.updateMany({
          where: { id: simulationId, status: 'RUNNING' },
          data: { status, summary, finishedAt: new Date() },
        });
        if (done.count === 0) return;
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'POLICY_SIMULATION_FINISHED',
          targetType: 'PolicySimulation',
          targetId: simulationId,
          details: { status, processed: row.processed, total: row.total },
        });
      });
    },
  };
}

export type SimulationActivities = ReturnType<typeof createSimulationActivities>;
