import { z } from 'zod';

// The success bodies of the monitoring routes, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

export const DataBatchBody = z.looseObject({
  id: z.guid(),
  source: z.string(),
  sourceName: z.string(),
  fileName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  encoding: z.string(),
  status: z.string(),
  rowsRead: z.int().min(0),
  rowsRefused: z.int().min(0),
  rowsStaged: z.int().min(0),
  uploadedBy: z.string(),
  uploadedAt: z.iso.datetime({ offset: true }),
  stagedAt: z.iso.datetime({ offset: true }),
  /** Null until the batch's workflow matched it (status REPORTED once its warnings' workflows started). */
  rowsMatched: z.int().min(0).nullable(),
  warningsRaised: z.int().min(0).nullable(),
  warningsUpdated: z.int().min(0).nullable(),
  /** Persons entered into the low-income population database (existing recipients, 防止返贫监测对象); null for other sources. */
  populationRecorded: z.int().min(0).nullable(),
  reportedAt: z.iso.datetime({ offset: true }).nullable(),
  /** True when the same file had been uploaded before: the first batch, nothing new written. */
  duplicate: z.boolean(),
});

export const DataBatchRefusalList = z.looseObject({
  items: z.array(
    z.looseObject({
      row: z.int().nullable(),
      column: z.string().nullable(),
      code: z.string(),
      message: z.string(),
    }),
  ),
});
