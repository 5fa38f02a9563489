// What a workflow asks of the calendar and what it gets back: the API's planner computes
// due dates (src/applications/due-dates.ts), workflows carry them.

export interface PlannedDue {
  dueAt: string;
  /** Computed without a published holiday schedule for that year. */
  provisional: boolean;
  /** Share of the limit at which the reminder goes out. */
  reminderShare: number;
}

export interface DueRequest {
  /** A time-limit parameter id, or null with workingDays for an explicit extension. */
  limitId: string | null;
  workingDays?: number;
  from: string;
  county: string;
  /**
   * loadedAt of a holiday schedule the calendar must already include: set when a workflow
   * re-plans a provisional due date after an administrator loaded a year.
   */
  calendarAsOf?: string;
}
