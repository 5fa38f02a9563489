import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { startOfDayCst } from '../core/clock';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { campaignLane, type RecheckCampaignInput, type StartRecheckCampaign } from '../core/contracts/recheck-campaign';
import type { Actor } from '../core/contracts/roles';
import type { RecheckCampaignStatus } from '../generated/prisma/enums';
import { PrismaClient, type Prisma } from '../prisma/prisma-client';
import { COUNTY } from '../core/search-attributes';
import { DAY_MS } from '../core/months';
import { recheckCampaignWorkflow } from '../../workflows/recheck-campaign.workflow';
import { refuse } from '../common/refusals';
import { RecheckCampaignRepository } from './campaign.repository';
import { recheckCampaignWorkflowId } from '../core/workflow-ids';

const STATUS_NAMES: Record<RecheckCampaignStatus, string> = {
  RUNNING: '进行中',
  COMPLETED: '已完成',
  STOPPED: '已中止',
};
/** Workflow states that end a campaign without its closing step. */
const ENDED_UNFINISHED = new Set<WorkflowExecutionStatusName>(['TERMINATED', 'CANCELLED', 'FAILED', 'TIMED_OUT']);

@Injectable()
export class RecheckCampaignService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(RecheckCampaignRepository) private readonly campaigns: RecheckCampaignRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Opens the campaign and starts its workflow in one transaction (a failed start stores
   * nothing). The county's campaigns are serialised by an advisory lock, so of two equal
   * requests at once the second sees the first and is refused with its id.
   */
  async start(actor: Actor, body: StartRecheckCampaign, requestId: string) {
    assertJurisdiction(actor, body.countyCode);
    const categories = [...body.categories].sort();
    const dueFrom = startOfDayCst(body.dueFrom);
    const dueTo = new Date(startOfDayCst(body.dueTo).getTime() + DAY_MS);
    const ratePerSecond = body.ratePerSecond ?? this.config.CAMPAIGN_RATE_PER_SECOND;
    const campaignId = randomUUID();
    const workflowId = recheckCampaignWorkflowId(campaignId);
    await this.prisma.$transaction(async (tx) => {
      await this.campaigns.lockCounty(tx, body.countyCode);
      const running = await this.campaigns.findRunning(tx, { countyCode: body.countyCode, categories, dueFrom, dueTo });
      // A row whose workflow was stopped from outside no longer blocks the same campaign.
      if (running && !(await this.markStopped(tx, running.id, await this.endedUnfinished(running.workflowId))))
        refuse(
          'CAMPAIGN_ALREADY_RUNNING',
          `同一县、救助类别和到期窗口的复核批次正在进行中（批次 ${running.id}），请等待其完成`,
        );
      await this.campaigns.create(tx, {
        id: campaignId,
        workflowId,
        countyCode: body.countyCode,
        categories,
        dueFrom,
        dueTo,
        ratePerSecond,
        startedBy: actor.userId,
      });
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'RECHECK_CAMPAIGN_STARTED',
        targetType: 'RecheckCampaign',
        targetId: campaignId,
        requestId,
        details: { countyCode: body.countyCode, categories, dueFrom: body.dueFrom, dueTo: body.dueTo, ratePerSecond },
      });
      const input: RecheckCampaignInput = {
        campaignId,
        countyCode: body.countyCode,
        categories,
        dueFrom: dueFrom.toISOString(),
        dueTo: dueTo.toISOString(),
        ratePerSecond,
      };
      await this.temporal.workflow.start(recheckCampaignWorkflow, {
        taskQueue: campaignLane(this.config.TEMPORAL_TASK_QUEUE),
        workflowId,
        args: [input],
        typedSearchAttributes: [{ key: COUNTY, value: body.countyCode }],
      });
    });
    return this.get(actor, campaignId);
  }

  /** The campaign and its progress: cases selected and signalled, and the rechecks they started and decided. */
  async get(actor: Actor, id: string) {
    const found = await this.campaigns.find(id);
    if (!found) throw notFound('复核批次', id);
    assertJurisdiction(actor, found.countyCode);
    // Temporal is asked before the transaction opens: no connection held across that call.
    const ended = found.status === 'RUNNING' ? await this.endedUnfinished(found.workflowId) : null;
    const stopped = ended !== null && (await this.prisma.$transaction((tx) => this.markStopped(tx, found.id, ended)));
    const c = stopped ? ((await this.campaigns.find(id)) ?? found) : found;
    const rechecks = await this.campaigns.recheckCounts(id);
    return {
      ...c,
      statusName: STATUS_NAMES[c.status],
      progress: {
        selected: c.selected,
        signalled: c.signalled,
        skipped: c.skipped,
        rechecksStarted: rechecks.started,
        rechecksDecided: rechecks.decided,
      },
    };
  }

  /**
   * The status of a campaign workflow that was terminated, cancelled, failed or timed out (an
   * operator's or the cluster's act: the workflow cannot record it itself); null while it runs
   * or completed, or when it cannot be described (Temporal unreachable, history past retention).
   */
  private async endedUnfinished(workflowId: string): Promise<WorkflowExecutionStatusName | null> {
    const described = await this.temporal.workflow
      .getHandle(workflowId)
      .describe()
      .catch(() => null);
    const status = described?.status.name;
    return status !== undefined && ENDED_UNFINISHED.has(status) ? status : null;
  }

  /** A RUNNING row whose workflow ended unfinished becomes STOPPED, audited with that status; true when it has (now or before). */
  private async markStopped(
    tx: Prisma.TransactionClient,
    id: string,
    workflowStatus: WorkflowExecutionStatusName | null,
  ): Promise<boolean> {
    if (workflowStatus === null) return false; // the row stands as it is
    if ((await this.campaigns.stop(tx, id)) > 0) {
      await appendAudit(tx, {
        ...SYSTEM_ACTOR,
        action: 'RECHECK_CAMPAIGN_STOPPED',
        targetType: 'RecheckCampaign',
        targetId: id,
        details: { workflowStatus },
      });
    }
    return true;
  }

  list(actor: Actor, county: string) {
    assertJurisdiction(actor, county);
    return this.campaigns.latestOf(county);
  }
}
