// Due date of a time limit parameter (domain.md §4): working days through the calendar,
// natural days and months by plain date arithmetic. Workflows call this with the
// parameter snapshot they were given, never with "today".
import type { AreaType } from '../contracts/household-facts';
import type { WorkingDayCalendar } from './calendar/working-day-calendar';
import { addMonths, type IsoDate } from './dates';
import { PolicyInputError } from './errors';
import type { ParameterStore } from './parameters/store';
import type { ParameterRef } from './parameters/types';

export interface TimeLimitDue {
  date: IsoDate;
  provisional: boolean;
  limit: number;
  unit: 'WORKING_DAYS' | 'NATURAL_DAYS' | 'MONTHS';
  parameter: ParameterRef;
}

/** Due date of `limitId` counted from `start` (the limit in force on `start`). */
export function dueDate(
  limitId: string,
  start: IsoDate,
  where: { county: string; area?: AreaType },
  params: ParameterStore,
  calendar: WorkingDayCalendar,
): TimeLimitDue {
  const r = params.lookupNumber(limitId, { date: start, county: where.county, area: where.area });
  const unit = r.record.unit;
  if (unit === 'WORKING_DAYS') {
    const d = calendar.addWorkingDays(start, r.value);
    return { date: d.date, provisional: d.provisional, limit: r.value, unit, parameter: r.ref };
  }
  if (unit === 'NATURAL_DAYS') return { date: calendar.addNaturalDays(start, r.value), provisional: false, limit: r.value, unit, parameter: r.ref };
  if (unit === 'MONTHS') return { date: addMonths(start, r.value), provisional: false, limit: r.value, unit, parameter: r.ref };
  throw new PolicyInputError('PARAMETER_INVALID', `参数 ${limitId} 不是期限参数（单位 ${unit}）`, [limitId]);
}
