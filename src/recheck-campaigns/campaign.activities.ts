import type { Client } from '@temporalio/client';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import type { ApplicationCategory } from '../core/contracts/application';
import type { CampaignProgress } from '../core/contracts/recheck-campaign';
import type { PrismaClient } from '../prisma/prisma-client';
import { recheckCampaignSignal } from '../core/messages';
import { signalEach } from '../temporal/signal-each';
import { enrolledCaseWorkflowId } from '../core/workflow-ids';

export interface CampaignActivityDeps {
  prisma: PrismaClient;
  /** Signals each selected case's workflow. */
  client: Client;
}

export interface CampaignScope {
  campaignId: string;
  countyCode: string;
  categories: ApplicationCategory[];
  /** ISO instants, [dueFrom, dueTo). */
  dueFrom: string;
  dueTo: string;
  ratePerSecond: number;
}

/**
 * Signals in flight at once: enough to reach a high rate while the worker is busy with the
 * rechecks already started (each call then waits longer for this process), few enough not
 * to flood the server. The rate itself is the campaign's.
 */
export const MAX_SIGNALS_IN_FLIGHT = 256;

/**
 * The campaign's side effects. A batch selects the next page of matching cases (keyset on
 * the case id), signals each case's workflow at the campaign's rate and records the
 * progress. Retrying a batch is harmless: a case hears each campaign once (the workflow
 * ignores a repeated notice) and the progress row only moves forward from the cursor it
 * was read at.
 */
export function createCampaignActivities({ prisma, client }: CampaignActivityDeps) {
  return {
    /** A scheduled run opens its own record (an API-started one has it already). */
    async openCampaign(c: CampaignScope & { workflowId: string; scheduleId: string | null }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const inserted = await tx.recheckCampaign.createMany({
          data: [
            {
              id: c.campaignId,
              workflowId: c.workflowId,
              countyCode: c.countyCode,
              categories: [...c.categories].sort(),
              dueFrom: new Date(c.dueFrom),
              dueTo: new Date(c.dueTo),
              ratePerSecond: c.ratePerSecond,
              startedBy: c.scheduleId ? `schedule:${c.scheduleId}` : SYSTEM_ACTOR.actorId,
              scheduleId: c.scheduleId,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return;
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'RECHECK_CAMPAIGN_STARTED',
          targetType: 'RecheckCampaign',
          targetId: c.campaignId,
          details: {
            countyCode: c.countyCode,
            categories: c.categories,
            dueFrom: c.dueFrom,
            dueTo: c.dueTo,
            scheduleId: c.scheduleId,
          },
        });
      });
    },

    /** The next page: signalled at the rate; the progress after it (unchanged `batches` when nothing was left). */
    async runCampaignBatch(
      b: CampaignScope & { limit: number; progress: CampaignProgress },
    ): Promise<CampaignProgress> {
      const page = await prisma.enrolledCase.findMany({
        where: {
          countyCode: b.countyCode,
          category: { in: b.categories },
          status: { not: 'EXITED' },
          nextRecheckAt: { gte: new Date(b.dueFrom), lt: new Date(b.dueTo) },
          ...(b.progress.cursor ? { id: { gt: b.progress.cursor } } : {}),
        },
        orderBy: { id: 'asc' },
        take: b.limit,
        select: { id: true, workflowId: true },
      });
      if (page.length === 0) return b.progress;

      const { signalled, skipped } = await signalEach(
        client,
        page.map((c) => c.workflowId ?? enrolledCaseWorkflowId(c.id)),
        recheckCampaignSignal,
        [{ campaignId: b.campaignId }],
        {
          inFlight: Math.min(MAX_SIGNALS_IN_FLIGHT, Math.ceil(b.ratePerSecond)),
          ratePerSecond: b.ratePerSecond,
        },
      );
      const next: CampaignProgress = {
        cursor: page[page.length - 1]!.id,
        selected: b.progress.selected + page.length,
        signalled: b.progress.signalled + signalled,
        skipped: b.progress.skipped + skipped,
        batches: b.progress.batches + 1,
      };
      await prisma.recheckCampaign.updateMany({
        where: { id: b.campaignId, cursor: b.progress.cursor },
        data: { cursor: next.cursor, selected: next.selected, signalled: next.signalled, skipped: next.skipped },
      });
      return next;
    },

    async finishCampaign(f: { campaignId: string; progress: CampaignProgress }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const done = await tx.recheckCampaign.updateMany({
          where: { id: f.campaignId, status: 'RUNNING' },
          data: { status: 'COMPLETED', finishedAt: new Date() },
        });
        if (done.count === 0) return;
        const { selected, signalled, skipped, batches } = f.progress;
        await appendAudit(tx, {
          ...SYSTEM_ACTOR,
          action: 'RECHECK_CAMPAIGN_COMPLETED',
          targetType: 'RecheckCampaign',
          targetId: f.campaignId,
          details: { selected, signalled, skipped, batches },
        });
      });
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
