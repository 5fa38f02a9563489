import { z } from 'zod';
import { cstDate } from '../clock';
import { IsoMonth } from './household-facts';

/** The month the public statistics describe: the last full month when absent, never a month still to come. */
export const StatisticsQuery = z.strictObject({
  month: IsoMonth.refine((m) => m <= cstDate(new Date().toISOString()).slice(0, 7), {
    error: '不能晚于本月',
  }).optional(),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

/** The month before the current one (China Standard Time). */
export function lastFullMonth(now = new Date()): string {
  const [y, m] = cstDate(now.toISOString()).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
