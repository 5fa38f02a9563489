import { z } from 'zod';

// The success bodies of the warning routes, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

export const WarningBody = z.looseObject({
  id: z.guid(),
  warningClass: z.string(),
  warningClassName: z.string(),
  source: z.string(),
  sourceName: z.string(),
  stage: z.string(),
  outcome: z.string().nullable(),
  countyCode: z.string(),
  townshipCode: z.string().nullable(),
  enrolledCaseId: z.guid().nullable(),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  overdue: z.boolean(),
  raisedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const WarningPage = z.looseObject({
  items: z.array(WarningBody),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
});

export const WarningDetail = WarningBody.extend({
  reason: z.string().nullable(),
  department: z.string().nullable(),
  changeReportId: z.guid().nullable(),
  eventDate: z.iso.date(),
  /** The department record's fields (never the ID number); empty for a department liaison. */
  details: z.record(z.string(), z.unknown()),
  /** The referrals the verification opened: the department's work items. */
  referrals: z.array(
    z.looseObject({
      id: z.guid(),
      entitlement: z.string(),
      department: z.string(),
      stage: z.string(),
      outcome: z.string().nullable(),
    }),
  ),
  timeline: z.array(
    z.looseObject({
      type: z.string(),
      stage: z.string(),
      actor: z.string().nullable(),
      reason: z.string().nullable(),
      batchId: z.guid().nullable(),
      at: z.iso.datetime({ offset: true }),
    }),
  ),
});
