import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { ANYANG_COUNTY_CODES } from '../../core/contracts/household-facts';
import { outreachRoundScheduleId } from '../../core/contracts/outreach';
import { outreachRoundWorkflow } from '../../../workflows/outreach-round.workflow';

/** How long the creation at boot keeps retrying while Temporal is away (the next boot tries again). */
const START_DEADLINE_MS = 5_000;

/**
 * One Schedule per county of Anyang starting its outreach round, created on boot by every API
 * process (the second finds them there). Each fires every day at 04:00 Beijing time (after the
 * fund check): the visit interval is an effective-dated parameter the round reads, so the
 * Schedules never have to follow it, and a household with a visit task open gets no second.
 */
@Injectable()
export class OutreachRoundSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutreachRoundSchedule.name);
  private creating: Promise<void> = Promise.resolve();

  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.creating = this.ensureCreated().catch((error: unknown) =>
      this.logger.warn({ err: error }, '日常走访计划任务未能创建，稍后重启服务时将再次尝试'),
    );
  }

  /** Before the Temporal connection closes: the creation's retries end first (bounded by its deadline). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.creating;
  }

  /**
   * The counties' Schedules side by side, each within the deadline: a slow one delays no other.
   * Every creation is settled before this returns (a failure is reported after the others end),
   * so shutdown never closes the connection under a creation still retrying.
   */
  async ensureCreated(): Promise<void> {
    const results = await Promise.allSettled(
      ANYANG_COUNTY_CODES.map((countyCode) => this.ensureCountySchedule(countyCode)),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async ensureCountySchedule(countyCode: string): Promise<void> {
    try {
      await this.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        this.temporal.schedule.create({
          scheduleId: outreachRoundScheduleId(countyCode),
          spec: { calendars: [{ hour: 4 }], timezone: 'Asia/Shanghai' },
          action: {
            type: 'startWorkflow',
            workflowType: outreachRoundWorkflow,
            workflowId: outreachRoundScheduleId(countyCode),
            taskQueue: this.config.TEMPORAL_TASK_QUEUE,
            args: [{ countyCode }],
          },
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
}
