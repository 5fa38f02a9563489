// Due date of a time limit parameter (domain.md §4): working days through the calendar,
// natural days and months by plain date arithmetic. Workflows call this with the
// parameter snapshot they were given, never with "today".
import type { AreaType } from '../core/contracts/household-facts';
import type { WorkingDayCalendar } from './calendar/working-day-calendar';
import { addMonths, fromDayNumber, toDayNumber, type IsoDate } from './dates';
import { PolicyInputError } from './errors';
import type { ParameterStore } from './parameters/store';
import type { LookupContext, ParameterRef } from './parameters/types';

const DAY_MS = 24 * 3600_000;

export type TimeLimitUnit = 'WORKING_DAYS' | 'NATURAL_DAYS' | 'MONTHS';

export interface TimeLimit {
  value: number;
  unit: TimeLimitUnit;
  parameter: ParameterRef;
}

export interface TimeLimitDue {
  date: IsoDate;
  provisional: boolean;
  limit: number;
  unit: TimeLimitUnit;
  parameter: ParameterRef;
}

/**
 * A time-limit parameter, checked for its unit: working days and months are whole numbers
 * (a calendar counts whole days and months); natural days may be a fraction, since they are
 * counted as 24-hour periods (a drill's minutes are fractions of a day).
 */
export function timeLimitOf(params: ParameterStore, limitId: string, ctx: LookupContext): TimeLimit {
  const r = params.lookupNumber(limitId, ctx);
  const unit = r.record.unit;
  const bad = (why: string) =>
    new PolicyInputError('PARAMETER_INVALID', `期限参数 ${limitId}（版本 ${r.ref.version}）${why}：${r.value}`, [
      limitId,
    ]);
  switch (unit) {
    case 'WORKING_DAYS':
      if (!Number.isInteger(r.value) || r.value < 0) throw bad('的工作日数须为非负整数');
      return { value: r.value, unit, parameter: r.ref };
    case 'MONTHS':
      if (!Number.isInteger(r.value) || r.value <= 0) throw bad('的月数须为正整数（更短的期限请以自然日表示）');
      return { value: r.value, unit, parameter: r.ref };
    case 'NATURAL_DAYS':
      if (!(r.value > 0)) throw bad('的自然日数须大于 0');
      return { value: r.value, unit, parameter: r.ref };
    default:
      throw new PolicyInputError('PARAMETER_INVALID', `参数 ${limitId} 不是期限参数（单位 ${unit}）`, [limitId]);
  }
}

/**
 * The instant a natural-day or month limit runs out, counted from an instant: natural days
 * as 24-hour periods, months as calendar months (same day of month, clamped like Date does).
 * Working days need the calendar and a close-of-day rule: use the due-date planners for them.
 */
export function limitEndsAt(fromMs: number, limit: Pick<TimeLimit, 'value' | 'unit'>): number {
  if (limit.unit === 'NATURAL_DAYS') return fromMs + Math.round(limit.value * DAY_MS);
  if (limit.unit === 'MONTHS') {
    const d = new Date(fromMs);
    d.setUTCMonth(d.getUTCMonth() + limit.value);
    return d.getTime();
  }
  throw new PolicyInputError('PARAMETER_INVALID', `工作日期限须按工作日历计算，不能按时刻推算`);
}

/** A limit's length as a person reads it: "6 个月", "15 天", or a drill's "5 分钟". */
export function limitLengthZh(limit: Pick<TimeLimit, 'value' | 'unit'>): string {
  if (limit.unit === 'MONTHS') return `${limit.value} 个月`;
  if (limit.unit === 'WORKING_DAYS') return `${limit.value} 个工作日`;
  if (Number.isInteger(limit.value)) return `${limit.value} 天`;
  const minutes = limit.value * 1440;
  return minutes >= 1 ? `${Math.round(minutes * 10) / 10} 分钟` : `${Math.round(minutes * 600) / 10} 秒`;
}

/**
 * Due date of `limitId` counted from `start` (the limit in force on `start`). A natural-day
 * limit shorter than a day (a drill) runs out on the day it ends when counted from the start
 * of the start day, so a fraction of a day is dropped.
 */
export function dueDate(
  limitId: string,
  start: IsoDate,
  where: { county: string; area?: AreaType },
  params: ParameterStore,
  calendar: WorkingDayCalendar,
): TimeLimitDue {
  const limit = timeLimitOf(params, limitId, { date: start, county: where.county, area: where.area });
  const base = { limit: limit.value, unit: limit.unit, parameter: limit.parameter };
  if (limit.unit === 'WORKING_DAYS') {
    const d = calendar.addWorkingDays(start, limit.value);
    return { date: d.date, provisional: d.provisional, ...base };
  }
  if (limit.unit === 'NATURAL_DAYS')
    return { date: fromDayNumber(toDayNumber(start) + Math.floor(limit.value)), provisional: false, ...base };
  return { date: addMonths(start, limit.value), provisional: false, ...base };
}
