import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  MONTHS,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleSpec,
} from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  annualCampaignScheduleId,
  campaignLane,
  type AnnualCampaignSchedule,
  type RecheckCampaignInput,
} from '../core/contracts/recheck-campaign';
import type { Actor } from '../core/contracts/roles';
import { PrismaClient } from '../prisma/prisma-client';
import { recheckCampaignWorkflow } from '../../workflows/recheck-campaign.workflow';
import { refuse } from '../common/refusals';

/** gRPC status UNIMPLEMENTED: what a server without Schedules (e.g. an older self-hosted one) answers. */
const GRPC_UNIMPLEMENTED = 12;

function unsupported(error: unknown): never {
  const e = error as { code?: number; cause?: { code?: number } };
  if ((e.code ?? e.cause?.code) === GRPC_UNIMPLEMENTED)
    refuse('SCHEDULES_UNSUPPORTED', '当前 Temporal 服务不支持计划任务（Schedule），请改为每年手动发起复核批次');
  throw error;
}

/**
 * The yearly campaign of a county as a Temporal Schedule: on the given day
 * each year (01:00 Beijing time) it starts a campaign over the cases due within the window.
 * One schedule per county; PUT creates or replaces it.
 */
@Injectable()
export class CampaignScheduleService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async put(actor: Actor, countyCode: string, body: AnnualCampaignSchedule, requestId: string) {
    assertJurisdiction(actor, countyCode);
    const scheduleId = annualCampaignScheduleId(countyCode);
    const input: RecheckCampaignInput = {
      countyCode,
      categories: [...body.categories].sort(),
      windowDays: body.windowDays,
      ratePerSecond: body.ratePerSecond ?? this.config.CAMPAIGN_RATE_PER_SECOND,
      scheduleId,
    };
    const spec: ScheduleSpec = {
      calendars: [{ month: MONTHS[body.month - 1]!, dayOfMonth: body.day, hour: 1 }],
      timezone: 'Asia/Shanghai',
    };
    const action: ScheduleOptionsStartWorkflowAction<typeof recheckCampaignWorkflow> = {
      type: 'startWorkflow',
      workflowType: recheckCampaignWorkflow,
      workflowId: scheduleId,
      taskQueue: campaignLane(this.config.TEMPORAL_TASK_QUEUE),
      args: [input],
    };
    const handle = this.temporal.schedule.getHandle(scheduleId);
    let created = false;
    try {
      await handle.update((previous) => ({ ...previous, spec, action }));
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) unsupported(error);
      await this.temporal.schedule
        .create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } })
        .catch(unsupported);
      created = true;
    }
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: created ? 'CAMPAIGN_SCHEDULE_CREATED' : 'CAMPAIGN_SCHEDULE_UPDATED',
        targetType: 'Schedule',
        targetId: scheduleId,
        requestId,
        details: { countyCode, ...body },
      }),
    );
    return this.get(actor, countyCode);
  }

  async get(actor: Actor, countyCode: string) {
    assertJurisdiction(actor, countyCode);
    const scheduleId = annualCampaignScheduleId(countyCode);
    try {
      const d = await this.temporal.schedule.getHandle(scheduleId).describe();
      const action = d.action as { args?: RecheckCampaignInput[] };
      const input = action.args?.[0];
      return {
        scheduleId,
        countyCode,
        categories: input?.categories ?? [],
        windowDays: input?.windowDays ?? null,
        ratePerSecond: input?.ratePerSecond ?? null,
        nextRunAt: d.info.nextActionTimes.map((t) => t.toISOString()),
        recentRuns: d.info.recentActions.map((a) => ({
          at: a.takenAt.toISOString(),
          workflowId: a.action.workflow.workflowId,
        })),
      };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw notFound('年度复核计划', countyCode);
      return unsupported(error);
    }
  }

  async remove(actor: Actor, countyCode: string, requestId: string): Promise<void> {
    assertJurisdiction(actor, countyCode);
    const scheduleId = annualCampaignScheduleId(countyCode);
    try {
      await this.temporal.schedule.getHandle(scheduleId).delete();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) throw notFound('年度复核计划', countyCode);
      unsupported(error);
    }
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'CAMPAIGN_SCHEDULE_DELETED',
        targetType: 'Schedule',
        targetId: scheduleId,
        requestId,
        details: { countyCode },
      }),
    );
  }
}
