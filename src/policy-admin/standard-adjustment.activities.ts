// The standard adjustment's steps in the worker: a page of enrolled cases in scope, each
// recomputed from its own facts under the parameters in force on the effective date and sent
// to its workflow as an Update (which records the case's row, its notice and back pay). A
// case that already has its row is skipped, so a retried page or a resumed run repeats no
// case. At the end the report: changed, unchanged, rechecks opened, back pay by county.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { HouseholdFacts } from '../core/contracts/household-facts';
import type { DeterminedCategory } from '../core/contracts/policy-determination';
import type { AdjustmentScope, AdjustmentStatus, CaseAdjustment } from '../core/contracts/standard-adjustment';
import { applyStandardAdjustmentUpdate } from '../core/messages';
import { evaluateHousehold, whatIfStores, type ParameterStore } from '../policy';
import type { PrismaClient } from '../prisma/prisma-client';
import { LiveParameterStore } from './live-parameter-store';

/** Cases per page (each one an Update to its workflow). */
export const ADJUSTMENT_PAGE = 200;
/** Updates in flight at once. */
export const ADJUSTMENT_UPDATES_IN_FLIGHT = 8;

const yuan = (n: number) => n.toFixed(2);

export function createStandardAdjustmentActivities(deps: {
  prisma: PrismaClient;
  parameters: ParameterStore;
  client: Client;
}) {
  const { prisma, parameters, client } = deps;

  async function storeOn(effectiveDate: string): Promise<ParameterStore> {
    // The version was approved moments ago, maybe by another process: read it before evaluating.
    if (parameters instanceof LiveParameterStore) await parameters.refreshIfNewer();
    return whatIfStores(parameters, [], effectiveDate).after;
  }

  async function skip(
    adjustmentId: string,
    c: { id: string; countyCode: string; monthlyAmount: unknown },
    why: string,
  ) {
    await prisma.standardAdjustmentCase.createMany({
      data: [
        {
          adjustmentId,
          enrolledCaseId: c.id,
          countyCode: c.countyCode,
          outcome: 'SKIPPED',
          oldAmount: Number(c.monthlyAmount),
          newAmount: Number(c.monthlyAmount),
          reason: why.slice(0, 500),
        },
      ],
      skipDuplicates: true,
    });
  }

  return {
    /** Applies one page after `after` (an enrolled case id); the last id done (null when the scope is done) and the cases done so far. */
    async adjustPage(adjustmentId: string, after: string | null): Promise<{ next: string | null; processed: number }> {
      const run = await prisma.standardAdjustment.findUniqueOrThrow({ where: { id: adjustmentId } });
      const scope = run.scope as unknown as AdjustmentScope;
      const store = await storeOn(run.effectiveDate);
      const rows = await prisma.enrolledCase.findMany({
        where: {
          status: { not: 'EXITED' },
          countyCode: { in: scope.counties },
          category: { in: scope.categories },
          ...(after !== null ? { id: { gt: after } } : {}),
        },
        orderBy: { id: 'asc' },
        take: ADJUSTMENT_PAGE,
        select: {
          id: true,
          applicationId: true,
          countyCode: true,
          category: true,
          workflowId: true,
          monthlyAmount: true,
        },
      });
      const done = new Set(
        (
          await prisma.standardAdjustmentCase.findMany({
            where: { adjustmentId, enrolledCaseId: { in: rows.map((r) => r.id) } },
            select: { enrolledCaseId: true },
          })
        ).map((d) => d.enrolledCaseId),
      );
      const todo = rows.filter((r) => !done.has(r.id));
      const facts = new Map(
        (
          await prisma.application.findMany({
            where: { id: { in: todo.map((r) => r.applicationId) } },
            select: { id: true, facts: true },
          })
        ).map((a) => [a.id, a.facts]),
      );
      const effectiveMonth = run.effectiveDate.slice(0, 7);

      async function one(c: (typeof todo)[number]): Promise<void> {
        if (!c.workflowId) return skip(adjustmentId, c, '案件未由流程管理，未调整');
        let newAmount: number | null;
        let reason: string;
        try {
          const r = evaluateHousehold(facts.get(c.applicationId) as unknown as HouseholdFacts, store).categories[
            c.category as DeterminedCategory
          ];
          newAmount = r.status === 'eligible' ? r.proposedMonthlyBenefit : null;
          reason =
            newAmount === null
              ? '按新标准不再符合条件，已安排复核（复核前不停发）'
              : `按新标准重新核算，月保障金 ${yuan(newAmount)} 元`;
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          return skip(adjustmentId, c, `无法核算：${why}`);
        }
        const update: CaseAdjustment = { adjustmentId, effectiveMonth, newAmount, reason };
        try {
          await client.workflow
            .getHandle(c.workflowId)
            .executeUpdate(applyStandardAdjustmentUpdate, { args: [update], updateId: `adjustment-${adjustmentId}` });
        } catch (error) {
          // A case whose workflow has ended (exited meanwhile) is listed, not adjusted.
          const name = error instanceof Error ? error.name : '';
          if (name === 'WorkflowNotFoundError' || /already completed|not found/i.test(String(error)))
            return skip(adjustmentId, c, '案件流程已结束，未调整');
          throw error;
        }
      }

      for (let i = 0; i < todo.length; i += ADJUSTMENT_UPDATES_IN_FLIGHT) {
        await Promise.all(todo.slice(i, i + ADJUSTMENT_UPDATES_IN_FLIGHT).map(one));
        try {
          Context.current().heartbeat(i);
        } catch {
          // Called outside an activity (a test).
        }
      }
      const processed = await prisma.standardAdjustmentCase.count({ where: { adjustmentId } });
      await prisma.standardAdjustment.update({ where: { id: adjustmentId }, data: { processed } });
      return { next: rows.length < ADJUSTMENT_PAGE ? null : rows[rows.length - 1]!.id, processed };
    },

    /** Closes the run: the report by county and its status (audited). */
    async finishAdjustment(adjustmentId: string, status: AdjustmentStatus): Promise<void> {
      const groups = await prisma.$queryRaw<
        Array<{
          county: string;
          changed: bigint;
          unchanged: bigint;
          rechecks: bigint;
          skipped: bigint;
          back_pay: string | null;
        }>
      >`SELECT county_code AS county,
          count(*) FILTER (WHERE outcome = 'CHANGED') AS changed,
          count(*) FILTER (WHERE outcome = 'UNCHANGED') AS unchanged,
          count(*) FILTER (WHERE outcome = 'RECHECK_OPENED') AS rechecks,
          count(*) FILTER (WHERE outcome = 'SKIPPED') AS skipped,
          sum(back_pay)::text AS back_pay
        FROM standard_adjustment_case WHERE adjustment_id = ${adjustmentId}::uuid
        GROUP BY county_code ORDER BY county_code`;
      const byCounty = groups.map((g) => ({
        countyCode: g.county,
        changed: Number(g.changed),
        unchanged: Number(g.unchanged),
        rechecksOpened: Number(g.rechecks),
        skipped: Number(g.skipped),
        backPayTotal: Math.round(Number(g.back_pay ?? 0) * 100) / 100,
      }));
      const sum = (k: 'changed' | 'unchanged' | 'rechecksOpened' | 'skipped' | 'backPayTotal') =>
        Math.round(byCounty.reduce((s, g) => s + g[k], 0) * 100) / 100;
      const report = {
        changed: sum('changed'),
        unchanged: sum('unchanged'),
        rechecksOpened: sum('rechecksOpened'),
        skipped: sum('skipped'),
        backPayTotal: sum('backPayTotal'),
        byCounty,
      };
      await prisma.$transaction(async (tx) => {
        const done = await tx.standardAdjustment.updateMany({
          where: { id: adjustmentId, status: 'RUNNING' },
          data: { status, report, finishedAt: new Date() },
        });
        if (done.count === 0) return;
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'STANDARD_ADJUSTMENT_FINISHED',
          targetType: 'StandardAdjustment',
          targetId: adjustmentId,
          details: { status, changed: report.changed, rechecksOpened: report.rechecksOpened },
        });
      });
    },
  };
}

export type StandardAdjustmentActivities = ReturnType<typeof createStandardAdjustmentActivities>;
