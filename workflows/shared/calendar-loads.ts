import { setHandler } from '@temporalio/workflow';
import type { DueRequest, PlannedDue } from '../../src/core/due';
import { calendarLoadedSignal } from '../../src/core/messages';

// Provisional due dates: a working-day limit running into a year whose
// holiday schedule is not yet published is counted on weekdays minus the fixed-date
// holidays. When an administrator loads that year, the API signals every running case with
// such a date, and the case plans it again from the same request on the loaded calendar.

/** The reason on the timeline and the audit row (no personal data). */
export const CALENDAR_LOADED_REASON = '节假日安排已载入，按正式工作日历重新计算办理期限';

/** A due date with the request that produced it, so it can be planned again. */
export interface Deadline {
  plan: DueRequest;
  dueAt: string;
  provisional: boolean;
}

export const deadlineOf = (plan: DueRequest, due: PlannedDue): Deadline => ({
  plan,
  dueAt: due.dueAt,
  provisional: due.provisional,
});

/** Counts the holiday-schedule loads this workflow was told of; version() moves with each. */
export interface CalendarLoads {
  version(): number;
  /** loadedAt of the latest load (the worker reads its calendar again if older). */
  asOf(): string | null;
}

/** Installs the calendarLoaded signal handler; call once at the start of the workflow. */
export function watchCalendarLoads(): CalendarLoads {
  let version = 0;
  let asOf: string | null = null;
  setHandler(calendarLoadedSignal, ({ loadedAt }) => {
    version++;
    if (asOf === null || loadedAt > asOf) asOf = loadedAt;
  });
  return { version: () => version, asOf: () => asOf };
}

/**
 * A provisional deadline planned again on the calendar as of the latest load: the new one,
 * or null when it was not provisional or nothing changed.
 */
export async function replanDeadline(
  planDue: (req: DueRequest) => Promise<PlannedDue>,
  d: Deadline | null,
  loads: CalendarLoads,
): Promise<Deadline | null> {
  const asOf = loads.asOf();
  if (d === null || !d.provisional || asOf === null) return null;
  const due = await planDue({ ...d.plan, calendarAsOf: asOf });
  if (due.dueAt === d.dueAt && due.provisional === d.provisional) return null;
  return deadlineOf(d.plan, due);
}
