// Working-day calendar for the time limits of domain.md §4 ("working days" follow the
// public-holiday calendar with make-up days). Pure: ISO strings in, ISO strings out,
// integer day numbers inside. A year without a loaded schedule falls back to weekdays
// minus the fixed-date holidays and marks the answer provisional, so a running case never
// fails for want of a calendar; loading the year later lets callers recompute.
import { fromDayNumber, toDayNumber, weekday, type IsoDate } from '../dates';
import { PolicyInputError } from '../errors';
import { chineseDaysSchedules } from './chinese-days-data';
import { FIXED_DATE_HOLIDAYS, type YearSchedule } from './schedule';

export interface DueDate {
  date: IsoDate;
  /** True when a year without a published schedule was crossed. */
  provisional: boolean;
}

export interface WorkingDayCount {
  days: number;
  provisional: boolean;
}

interface YearSets {
  holidays: Set<number>;
  makeUp: Set<number>;
  schedule: YearSchedule;
}

export class WorkingDayCalendar {
  private readonly years = new Map<number, YearSets>();

  constructor(schedules: readonly YearSchedule[] = []) {
    for (const s of schedules) this.loadYear(s);
  }

  /** Adds or replaces a year's schedule (administrator upload); validated first. */
  loadYear(s: YearSchedule): this {
    const bad = (why: string) =>
      new PolicyInputError('CALENDAR_INVALID', `${s.year} 年节假日安排：${why}`, ['schedule', s.year]);
    if (!Number.isInteger(s.year) || s.year < 1900 || s.year > 9999) throw bad('年份超出范围');
    const holidays = new Set<number>();
    const makeUp = new Set<number>();
    for (const [list, set, name] of [
      [s.holidays, holidays, '放假日'],
      [s.makeUpWorkdays, makeUp, '调休上班日'],
    ] as const) {
      for (const d of list) {
        let n: number;
        try {
          n = toDayNumber(d);
        } catch {
          throw bad(`${name} ${d} 不是有效日期`);
        }
        if (!d.startsWith(`${s.year}-`)) throw bad(`${name} ${d} 不在 ${s.year} 年内`);
        set.add(n);
      }
    }
    for (const n of makeUp) {
      if (holidays.has(n)) throw bad(`${fromDayNumber(n)} 既是放假日又是调休上班日`);
      const w = weekday(n);
      if (w !== 0 && w !== 6) throw bad(`调休上班日 ${fromDayNumber(n)} 不是周末`);
    }
    this.years.set(s.year, { holidays, makeUp, schedule: s });
    return this;
  }

  hasSchedule(year: number): boolean {
    return this.years.has(year);
  }

  /** A year's schedule as loaded, if any. */
  scheduleOf(year: number): YearSchedule | undefined {
    return this.years.get(year)?.schedule;
  }

  /** Years with a loaded schedule. */
  loadedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date), Number(date.slice(0, 4)));
  }

  /** Whether the answer for this date is provisional (no schedule for its year). */
  isProvisional(date: IsoDate): boolean {
    return !this.years.has(Number(date.slice(0, 4)));
  }

  private isWorkingDayNumber(n: number, year: number): boolean {
    const y = this.years.get(year);
    const w = weekday(n);
    if (y !== undefined) {
      if (y.makeUp.has(n)) return true;
      if (y.holidays.has(n)) return false;
      return w !== 0 && w !== 6;
    }
    if (w === 0 || w === 6) return false;
    const md = fromDayNumber(n).slice(5);
    return !FIXED_DATE_HOLIDAYS.includes(md);
  }

  /**
   * The n-th working day after `date` (the start day itself is not counted, as a limit
   * "within 3 working days of acceptance" starts the next day). n = 0 returns the date.
   */
  addWorkingDays(date: IsoDate, n: number): DueDate {
    return this.stepWorkingDays(date, n, 1);
  }

  /** The mirror of addWorkingDays: the date n working days before `date` (a renewal opening before an expiry). */
  subtractWorkingDays(date: IsoDate, n: number): DueDate {
    return this.stepWorkingDays(date, n, -1);
  }

  /** Walks n working days from `date` (not counted) in `step`'s direction; provisional if it crosses a year with no schedule. */
  private stepWorkingDays(date: IsoDate, n: number, step: 1 | -1): DueDate {
    if (!Number.isInteger(n) || n < 0) throw new PolicyInputError('DATE_INVALID', `工作日数须为非负整数：${n}`);
    let d = toDayNumber(date);
    let provisional = false;
    let left = n;
    while (left > 0) {
      d += step;
      const year = Number(fromDayNumber(d).slice(0, 4));
      if (!this.years.has(year)) provisional = true;
      if (this.isWorkingDayNumber(d, year)) left--;
    }
    return { date: fromDayNumber(d), provisional };
  }

  /** Working days in (a, b]: 0 when b ≤ a. addWorkingDays(a, k).date = b ⇒ k working days. */
  workingDaysBetween(a: IsoDate, b: IsoDate): WorkingDayCount {
    const start = toDayNumber(a);
    const end = toDayNumber(b);
    let days = 0;
    let provisional = false;
    for (let d = start + 1; d <= end; d++) {
      const year = Number(fromDayNumber(d).slice(0, 4));
      if (!this.years.has(year)) provisional = true;
      if (this.isWorkingDayNumber(d, year)) days++;
    }
    return { days, provisional };
  }

  /** Natural days (publicity 7 d, supplement 15 d): plain calendar arithmetic. */
  addNaturalDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new PolicyInputError('DATE_INVALID', `天数须为整数：${n}`);
    return fromDayNumber(toDayNumber(date) + n);
  }
}

/** A fresh calendar with every year of the chinese-days data (2004–2026 in 1.5.7). */
export function defaultCalendar(): WorkingDayCalendar {
  return new WorkingDayCalendar(chineseDaysSchedules());
}
