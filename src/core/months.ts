// Calendar months in China Standard Time (UTC+8, no daylight saving), as plain functions
// of ISO strings and epoch milliseconds: usable in the workflow sandbox and in src/.

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** YYYY-MM of an instant, in CST. */
export function monthOf(epochMs: number): string {
  return new Date(epochMs + 8 * HOUR).toISOString().slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/** The instant month M begins in CST (00:00 on the 1st, UTC+8). */
export function monthStart(month: string): number {
  return Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) - 8 * HOUR;
}

/** When the payment instruction of month M is written: its start, less the lead days. */
export function paymentDueAt(month: string, leadDays = 0): number {
  return monthStart(month) - leadDays * DAY;
}

/** An instant plus whole calendar months (same day of month, clamped like Date does). */
export function plusMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

export const DAY_MS = DAY;
