import { defaultCalendar, type WorkingDayCalendar, type YearSchedule } from '../policy';
import type { PrismaClient } from '../prisma/prisma-client';

// The working-day calendar in force in a process: the built-in years (the chinese-days
// package) with the schedules an administrator loaded (holiday_schedule) on top. The API
// and the worker each hold one; a process reads the table again when a workflow asks for a
// schedule newer than it has seen (the signal after a load carries its time) and at most
// once a minute otherwise, so due dates of new tasks follow a load made in another process.

const RECHECK_MS = 60_000;

export class LiveCalendar {
  private calendar: WorkingDayCalendar;
  /** Latest loadedAt read from the table (ms); -1 before the first read. */
  private seenUpTo = -1;
  private checkedAt = 0;
  private reading: Promise<void> | null = null;

  /** `base`: the years known without the table (the chinese-days data; a test may start from none). */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly base: () => WorkingDayCalendar = defaultCalendar,
  ) {
    this.calendar = base();
  }

  /**
   * The calendar, read again first when it has never been read, when `asOf` (a schedule's
   * loadedAt) is newer than anything read so far, or when the last read is a minute old.
   */
  async current(asOf?: string): Promise<WorkingDayCalendar> {
    const stale =
      this.seenUpTo < 0 ||
      Date.now() - this.checkedAt > RECHECK_MS ||
      (asOf !== undefined && Date.parse(asOf) > this.seenUpTo);
    if (stale) await this.reload();
    return this.calendar;
  }

  /** Reads every loaded schedule; concurrent callers share one read. */
  reload(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    const rows = await this.prisma.holidaySchedule.findMany({ orderBy: { year: 'asc' } });
    const calendar = this.base();
    for (const r of rows) calendar.loadYear(scheduleOf(r));
    this.calendar = calendar;
    this.seenUpTo = Math.max(0, ...rows.map((r) => r.loadedAt.getTime()));
    this.checkedAt = Date.now();
  }
}

function scheduleOf(r: { year: number; holidays: string[]; makeUpWorkdays: string[]; source: string }): YearSchedule {
  return { year: r.year, holidays: r.holidays, makeUpWorkdays: r.makeUpWorkdays, source: r.source };
}
