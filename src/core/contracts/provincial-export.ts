import { z } from 'zod';
import { CountyCode } from './division';
import { Month } from './funds';

// The export for the provincial platform (河南省低收入人口动态监测信息平台, plan 二(三)1: 逐级上传):
// one county, one month; the low-income population database and the warnings with their disposal.

export const ProvincialDataset = z.enum(['population', 'warnings']);
export type ProvincialDataset = z.infer<typeof ProvincialDataset>;

/** The month exported: a calendar month from 2000 on (the database holds nothing older; a year before 1000 is not even a date the driver sends). */
const Period = Month.refine((m) => Number(m.slice(0, 4)) >= 2000, { error: '须为 2000 年以后的月份' });

/** GET /api/v1/provincial-exports/{dataset}: a file, CSV (default) or XLSX. */
export const ProvincialExportQuery = z.strictObject({
  county: CountyCode,
  period: Period,
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export type ProvincialExportQuery = z.infer<typeof ProvincialExportQuery>;

/** POST /api/v1/provincial-exports: both datasets handed to the provincial platform gateway. */
export const ProvincialSubmissionRequest = z.strictObject({ county: CountyCode, period: Period });
export type ProvincialSubmissionRequest = z.infer<typeof ProvincialSubmissionRequest>;
