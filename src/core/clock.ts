// Instants and China Standard Time dates (UTC+8, no daylight saving) as plain functions of
// ISO strings: usable in the workflow sandbox, where Date.now() is the workflow's time, and in src/.

const HOUR = 3600_000;

/** The calendar date in CST of an instant. */
export const cstDate = (iso: string): string => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(0, 10);

/** The first instant of a CST calendar date (a calendar day in China begins at 00:00 +08:00). */
export const startOfDayCst = (isoDate: string): Date => new Date(`${isoDate}T00:00:00+08:00`);

/** The last second of a CST calendar date, as an ISO instant. */
export const endOfDayCst = (isoDate: string): string => new Date(`${isoDate}T23:59:59+08:00`).toISOString();

/** Milliseconds from now until an instant; 0 once it has passed (a timer's duration). */
export const msUntil = (iso: string): number => Math.max(Date.parse(iso) - Date.now(), 0);
