import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { appendAudit } from '../audit/audit-log';
import { type FieldError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { type CalendarLoaded, type HolidayScheduleBody } from '../core/contracts/holiday-schedule';
import type { Actor } from '../core/contracts/roles';
import { PolicyInputError, WorkingDayCalendar } from '../policy';
import { PrismaClient } from '../prisma/prisma-client';
import { holidayScheduleLoadedWorkflow } from '../../workflows/holiday-schedule-loaded.workflow';
import { cstDate } from '../core/clock';
import { HolidayScheduleRepository } from './holiday-schedule.repository';
import { LiveCalendar } from './live-calendar';
import { refuse } from '../common/refusals';
import { holidayScheduleLoadedWorkflowId } from '../core/workflow-ids';

/**
 * The holiday schedules the working-day limits count on: the built-in
 * years, and the years an administrator loads from the State Council's notice. A load is
 * stored and audited in one transaction, then a sweep workflow makes every running case
 * plan its provisional due dates again.
 */
@Injectable()
export class HolidayScheduleService {
  private readonly logger = new Logger(HolidayScheduleService.name);

  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(HolidayScheduleRepository) private readonly schedules: HolidayScheduleRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(LiveCalendar) private readonly calendar: LiveCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every year with a schedule: where it comes from, and from which year on due dates are provisional. */
  async list() {
    const calendar = await this.calendar.current();
    const loaded = new Map((await this.schedules.loaded()).map((r) => [r.year, r]));
    const years = calendar.loadedYears().map((year) => {
      const s = calendar.scheduleOf(year)!;
      const row = loaded.get(year);
      return {
        year,
        origin: row ? 'LOADED' : 'BUILT_IN',
        source: s.source,
        holidays: s.holidays.length,
        makeUpWorkdays: s.makeUpWorkdays.length,
        loadedBy: row?.loadedBy ?? null,
        loadedAt: row?.loadedAt ?? null,
      };
    });
    // The first year from this one on without a schedule: its working-day due dates are provisional.
    let provisionalFrom = Number(cstDate(new Date().toISOString()).slice(0, 4));
    while (calendar.hasSchedule(provisionalFrom)) provisionalFrom++;
    return { years, provisionalFrom };
  }

  async get(year: number) {
    const s = (await this.calendar.current()).scheduleOf(year);
    if (!s)
      refuse(
        'NOT_FOUND',
        `${year} 年节假日安排尚未载入：该年的工作日期限按周一至周五（扣除元旦、劳动节、国庆节）暂计，并标为暂定`,
      );
    const row = await this.schedules.loadedYear(year);
    return {
      ...s,
      origin: row ? 'LOADED' : 'BUILT_IN',
      loadedBy: row?.loadedBy ?? null,
      loadedAt: row?.loadedAt ?? null,
    };
  }

  /** Loads (or replaces) a year; 400 with the offending dates when the schedule is not a real one for that year. */
  async put(actor: Actor, year: number, body: HolidayScheduleBody, requestId: string) {
    assertInYear(year, body);
    const schedule = {
      year,
      holidays: [...body.holidays].sort(),
      makeUpWorkdays: [...body.makeUpWorkdays].sort(),
      source: body.source,
    };
    try {
      new WorkingDayCalendar().loadYear(schedule); // the calendar's own checks, as the worker will apply them
    } catch (error) {
      if (error instanceof PolicyInputError)
        refuse('SCHEDULE_INVALID', `节假日安排不合规：${error.message}`, [
          { path: '(body)', code: error.code, message: error.message },
        ]);
      throw error;
    }
    const loadedAt = new Date();
    const replaced = await this.prisma.$transaction(async (tx) => {
      const replaced = await this.schedules.store(tx, schedule, actor.userId, loadedAt);
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'HOLIDAY_SCHEDULE_LOADED',
        targetType: 'HolidaySchedule',
        targetId: String(year),
        requestId,
        details: {
          year,
          source: schedule.source,
          holidays: schedule.holidays.length,
          makeUpWorkdays: schedule.makeUpWorkdays.length,
          replaced,
        },
      });
      return replaced;
    });
    await this.calendar.reload();
    const loaded: CalendarLoaded = { year, loadedAt: loadedAt.toISOString() };
    const workflowId = holidayScheduleLoadedWorkflowId(loaded);
    try {
      await this.temporal.workflow.start(holidayScheduleLoadedWorkflow, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [loaded],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        this.logger.error({ err: error, year }, '重新计算在办案件期限的流程未能启动');
        refuse(
          'RECALCULATION_NOT_STARTED',
          `${year} 年节假日安排已保存，但在办案件期限的重新计算未能启动，请稍后重新提交同一安排`,
        );
      }
    }
    return { ...(await this.get(year)), replaced, recalculation: { workflowId } };
  }
}

/** Every date must lie in the year of the path. */
function assertInYear(year: number, body: HolidayScheduleBody): void {
  const errors: FieldError[] = [];
  for (const field of ['holidays', 'makeUpWorkdays'] as const) {
    body[field].forEach((d, i) => {
      if (!d.startsWith(`${year}-`))
        errors.push({ path: `${field}.${i}`, code: 'NOT_IN_YEAR', message: `${d} 不在 ${year} 年内` });
    });
  }
  if (errors.length > 0) refuse('VALIDATION_FAILED', '请求内容校验未通过', errors);
}
