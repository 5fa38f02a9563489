import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { FUND_CHECK_SCHEDULE_ID } from '../core/contracts/funds';
import { fundCheckWorkflow } from '../../workflows/fund-check.workflow';

/** How long the creation at boot keeps retrying while Temporal is away (the next boot tries again). */
const START_DEADLINE_MS = 5_000;

/**
 * The Schedule of the monthly fund check, created on boot by every API process (the second
 * finds it there). It fires every day at 03:00 Beijing time and the check picks the latest
 * month past its payment deadline: the deadline is an effective-dated parameter, so the
 * Schedule never has to follow it, and the daily reruns open no second task.
 */
@Injectable()
export class FundCheckSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FundCheckSchedule.name);
  private creating: Promise<void> = Promise.resolve();

  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.creating = this.ensureCreated().catch((error: unknown) =>
      this.logger.warn({ err: error }, '资金发放核查计划任务未能创建，稍后重启服务时将再次尝试'),
    );
  }

  /** Before the Temporal connection closes: the creation's retries end first (bounded by its deadline). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.creating;
  }

  async ensureCreated(): Promise<void> {
    try {
      await this.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        this.temporal.schedule.create({
          scheduleId: FUND_CHECK_SCHEDULE_ID,
          spec: { calendars: [{ hour: 3 }], timezone: 'Asia/Shanghai' },
          action: {
            type: 'startWorkflow',
            workflowType: fundCheckWorkflow,
            workflowId: FUND_CHECK_SCHEDULE_ID,
            taskQueue: this.config.TEMPORAL_TASK_QUEUE,
            args: [{ month: null, countyCode: null }],
          },
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
}
