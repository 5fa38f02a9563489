import { PARAMETER_IDS, type ParameterStore, type WorkingDayCalendar } from '../policy';
import { addMonths } from '../policy/dates';
import { limitEndsAt, timeLimitOf } from '../policy/time-limits';
import { cstDate, endOfDayCst } from '../core/clock';
import type { DueRequest, PlannedDue } from '../core/due';

/**
 * When a step is due: working days and months end at the close of the due day (CST), on
 * the holiday calendar for working days; natural days are counted as whole 24-hour days
 * from the start, so 公示 7 days runs exactly a week (and a parameter can shorten it for a
 * drill or a test).
 */
export function planDue(params: ParameterStore, calendar: WorkingDayCalendar, req: DueRequest): PlannedDue {
  const date = cstDate(req.from);
  const reminderShare = params.lookupNumber(PARAMETER_IDS.TL_REMINDER_SHARE, { date, county: req.county }).value;
  if (req.limitId === null) {
    const d = calendar.addWorkingDays(date, req.workingDays ?? 0);
    return { dueAt: endOfDayCst(d.date), provisional: d.provisional, reminderShare };
  }
  const limit = timeLimitOf(params, req.limitId, { date, county: req.county });
  switch (limit.unit) {
    case 'WORKING_DAYS': {
      const d = calendar.addWorkingDays(date, limit.value);
      return { dueAt: endOfDayCst(d.date), provisional: d.provisional, reminderShare };
    }
    case 'NATURAL_DAYS':
      return {
        dueAt: new Date(limitEndsAt(Date.parse(req.from), limit)).toISOString(),
        provisional: false,
        reminderShare,
      };
    case 'MONTHS':
      // Calendar months, clamped to the month's last day (29 Nov + 3 months = 28 Feb), ending with that day.
      return { dueAt: endOfDayCst(addMonths(date, limit.value)), provisional: false, reminderShare };
  }
}
