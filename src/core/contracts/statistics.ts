import { z } from 'zod';
import { cstDate } from '../clock';
import { CountyCode } from './division';
import { IsoMonth } from './household-facts';

/** The widest range an aggregate answers: three years of months. */
export const STATISTICS_MAX_MONTHS = 36;

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number): string => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The current month and the eleven before it (China Standard Time): the range when none is given. */
export function defaultMonths(now = new Date()): { from: string; to: string } {
  const to = cstDate(now.toISOString()).slice(0, 7);
  return { from: monthOf(monthIndex(to) - 11), to };
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthOf(i));
  return out;
}

// Bounded years: a month such as 0000-01 or 9999-12 makes an instant the database driver cannot send.
const StatisticsMonth = IsoMonth.refine((m) => m >= '2000-01' && m <= '2099-12', {
  error: '须为 2000 年至 2099 年之间的月份',
});

const range = {
  from: StatisticsMonth.optional(),
  to: StatisticsMonth.optional(),
  /** One county of the caller's jurisdiction. */
  county: CountyCode.optional(),
};

function checkRange(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  const d = defaultMonths();
  const from = q.from ?? d.from;
  const to = q.to ?? d.to;
  if (monthIndex(from) > monthIndex(to)) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: '起始月份不能晚于截止月份' });
  } else if (monthIndex(to) - monthIndex(from) + 1 > STATISTICS_MAX_MONTHS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `统计区间最长 ${STATISTICS_MAX_MONTHS} 个月` });
  }
}

/** `GET /api/v1/statistics/caseload` and `/emergency`: months (YYYY-MM, at most 36), optionally one county. */
export const StatisticsRangeQuery = z.strictObject(range).superRefine(checkRange);
export type StatisticsRangeQuery = z.infer<typeof StatisticsRangeQuery>;

/** `GET /api/v1/statistics/sla`: tasks created in the months; at risk when due within `dueWithinDays`. */
export const SlaStatisticsQuery = z
  .strictObject({
    ...range,
    dueWithinDays: z.coerce
      .number({ error: '须为天数' })
      .int({ error: '须为整数天数' })
      .min(1, { error: '至少 1 天' })
      .max(30, { error: '至多 30 天' })
      .default(3),
  })
  .superRefine(checkRange);
export type SlaStatisticsQuery = z.infer<typeof SlaStatisticsQuery>;

const Range = { from: IsoMonth, to: IsoMonth, county: CountyCode.nullable() };

export const CaseloadRow = z.object({
  month: IsoMonth,
  countyCode: CountyCode,
  category: z.string(),
  /** Applications received in the month. */
  applications: z.number().int(),
  /** Cases enrolled in the month. */
  enrolled: z.number().int(),
});
export const CaseloadStatistics = z.object({ ...Range, rows: z.array(CaseloadRow) });
export type CaseloadStatistics = z.infer<typeof CaseloadStatistics>;

export const SlaRow = z.object({
  type: z.string(),
  countyCode: CountyCode,
  /** Completed by the due date (or without one). */
  met: z.number().int(),
  /** Open, not yet due, and reminded or due within the days asked. */
  atRisk: z.number().int(),
  /** Completed after the due date, or still open past it. */
  breached: z.number().int(),
  /** Open and neither at risk nor breached. */
  onTrack: z.number().int(),
});
export const SlaStatistics = z.object({ ...Range, dueWithinDays: z.number().int(), rows: z.array(SlaRow) });
export type SlaStatistics = z.infer<typeof SlaStatistics>;

const Amount = z.string().regex(/^\d+\.\d{2}$/);
export const EmergencyRow = z.object({
  month: IsoMonth,
  countyCode: CountyCode,
  path: z.string(),
  cases: z.number().int(),
  requested: Amount,
  approved: Amount,
  paid: Amount,
});
export const ReserveFundRow = z.object({
  month: IsoMonth,
  countyCode: CountyCode,
  /** Paid out of townships' reserve funds (备用金). */
  paid: Amount,
  payments: z.number().int(),
  toppedUp: Amount,
});
export const EmergencyStatistics = z.object({
  ...Range,
  rows: z.array(EmergencyRow),
  reserveFund: z.array(ReserveFundRow),
});
export type EmergencyStatistics = z.infer<typeof EmergencyStatistics>;
