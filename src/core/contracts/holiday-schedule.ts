import { z } from 'zod';
import { Text } from './text';
import { IsoDate } from './household-facts';

// A year's public-holiday schedule as an administrator loads it: the State
// Council publishes each year's 部分节假日安排 late in the previous year; until it is loaded,
// due dates in that year are computed on weekdays minus the fixed-date holidays and marked
// provisional, and a load makes every running case plan them again.

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

export const HolidayScheduleBody = z
  .strictObject({
    /** Days off (YYYY-MM-DD), weekend days inside a holiday block included. */
    holidays: z.array(IsoDate).min(1, { error: '至少列出一个放假日期' }).max(120),
    /** Weekend days that are working days (调休上班). */
    makeUpWorkdays: z.array(IsoDate).max(30),
    /** The notice it comes from, e.g. 国办发明电〔2026〕7号. */
    source: Text({ max: 200, min: 4, tooShort: '请填写通知文号或来源' }),
  })
  .superRefine((body, ctx) => {
    const holidays = new Set<string>();
    body.holidays.forEach((d, i) => {
      if (holidays.has(d)) ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${d} 重复` });
      holidays.add(d);
    });
    const seen = new Set<string>();
    body.makeUpWorkdays.forEach((d, i) => {
      if (seen.has(d)) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} 重复` });
      seen.add(d);
      if (holidays.has(d))
        ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} 同时列为放假日和调休上班日` });
      const w = weekday(d);
      if (w !== 0 && w !== 6)
        ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} 不是周六或周日，无需调休上班` });
    });
  });
export type HolidayScheduleBody = z.infer<typeof HolidayScheduleBody>;

/** The year in the path: a schedule for this year or a later one (past due dates stand as computed). */
export const ScheduleYear = z.coerce
  .number()
  .int({ error: '须为年份' })
  .min(2000, { error: '须为 2000 年以后的年份' })
  .max(2100, { error: '须为 2100 年以前的年份' });

/** What the signal to each running workflow carries after a load. */
export interface CalendarLoaded {
  year: number;
  /** The schedule's loadedAt: the worker reads the table again if it has not seen it. */
  loadedAt: string;
}
