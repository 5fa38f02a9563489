import { z } from 'zod';
import { ApplicationCategory } from './application';
import { CountyCode } from './division';

// A county's recheck campaign: every enrolled case of the county, of the
// given categories, whose next recheck falls in a window, is rechecked now.

/** A window of at most two years: a campaign is a planned sweep, not "everything, forever". */
const MAX_WINDOW_DAYS = 731;

const isoDate = z.iso.date();

const categories = z
  .array(ApplicationCategory)
  .min(1, { error: '至少选择一个救助类别' })
  .refine((c) => new Set(c).size === c.length, { error: '救助类别不能重复' });

/** A day the database can hold as an instant: year 0000 and its like became a 500 at the driver. */
const WindowDay = z.iso
  .date({ error: '须为 YYYY-MM-DD 日期' })
  .refine((v) => Number(v.slice(0, 4)) >= 1900, { error: '须为 1900 年以后的日期' });

export const StartRecheckCampaign = z
  .strictObject({
    countyCode: CountyCode,
    categories,
    /** First day of the due window (YYYY-MM-DD, inclusive). */
    dueFrom: WindowDay,
    /** Last day of the due window (YYYY-MM-DD, inclusive). */
    dueTo: WindowDay,
    /** Rechecks started per second; the worker's default when absent. */
    ratePerSecond: z.int().min(1).max(5000).optional(),
  })
  .superRefine((v, ctx) => {
    // Zod runs this even when a date above was refused: compare only two real dates.
    if (!isoDate.safeParse(v.dueFrom).success || !isoDate.safeParse(v.dueTo).success) return;
    const days = (Date.parse(v.dueTo) - Date.parse(v.dueFrom)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['dueTo'], message: '截止日期不能早于开始日期' });
    else if (days > MAX_WINDOW_DAYS) ctx.addIssue({ code: 'custom', path: ['dueTo'], message: '到期窗口最长两年' });
  });
export type StartRecheckCampaign = z.infer<typeof StartRecheckCampaign>;

/** The yearly campaign as a Temporal Schedule: on `month`/`day` each year, the cases due within `windowDays`. */
export const AnnualCampaignSchedule = z.strictObject({
  categories,
  month: z.int().min(1).max(12),
  day: z.int().min(1).max(28, { error: '为使每年都有该日，日期须在 1–28 之间' }),
  windowDays: z.int().min(1).max(MAX_WINDOW_DAYS).default(365),
  ratePerSecond: z.int().min(1).max(5000).optional(),
});
export type AnnualCampaignSchedule = z.infer<typeof AnnualCampaignSchedule>;

export interface CampaignProgress {
  /** The last enrolled case id handled (keyset order); null before the first batch. */
  cursor: string | null;
  selected: number;
  /** Cases whose workflow heard the campaign. */
  signalled: number;
  /** Cases whose workflow had already ended (exited meanwhile). */
  skipped: number;
  batches: number;
}

export interface RecheckCampaignInput {
  /** Absent when a Schedule starts the campaign: the workflow then opens its own record. */
  campaignId?: string;
  countyCode: string;
  categories: ApplicationCategory[];
  /** ISO instants: [dueFrom, dueTo). For a scheduled run, computed from `windowDays` at its start. */
  dueFrom?: string;
  dueTo?: string;
  windowDays?: number;
  ratePerSecond: number;
  batchSize?: number;
  scheduleId?: string;
  /** Carried over continue-as-new. */
  progress?: CampaignProgress;
}

export interface RecheckCampaignResult extends CampaignProgress {
  campaignId: string;
}

/** What the enrolled case hears: recheck now, once per campaign. */
export interface CampaignNotice {
  campaignId: string;
}

export const annualCampaignScheduleId = (countyCode: string): string => `recheck-campaign-annual-${countyCode}`;

/**
 * The task queue campaigns run on, beside the main one: a lane of their own, so a campaign
 * keeps its pace while the thousands of rechecks it has started queue on the main queue
 * (its next batch would otherwise wait behind them).
 */
export const campaignLane = (taskQueue: string): string => `${taskQueue}-campaigns`;
