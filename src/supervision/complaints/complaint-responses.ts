import { z } from 'zod';

// The success bodies of the complaint routes, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

export const ComplaintFiled = z.looseObject({
  /** Shown once: the filer looks the complaint up with it (only its hash is kept). */
  receiptCode: z.string(),
});

export const HotlineComplaintFiled = ComplaintFiled.extend({ id: z.guid() });

export const PublicComplaintStatus = z.looseObject({
  stage: z.string(),
  stageName: z.string(),
  registeredAt: z.iso.datetime({ offset: true }),
  answeredAt: z.iso.datetime({ offset: true }).nullable(),
  reply: z.string().nullable(),
});

export const ComplaintBody = z.looseObject({
  id: z.guid(),
  channel: z.string(),
  subject: z.string(),
  countyCode: z.string(),
  enrolledCaseId: z.guid().nullable(),
  anonymous: z.boolean(),
  stage: z.string(),
  stageName: z.string(),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  overdue: z.boolean(),
  registeredAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const ComplaintPage = z.looseObject({
  items: z.array(ComplaintBody),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
});

export const ComplaintDetail = ComplaintBody.extend({
  subjectRef: z.string().nullable(),
  content: z.string(),
  findings: z.string().nullable(),
  reply: z.string().nullable(),
  changeReportId: z.guid().nullable(),
  contact: z.looseObject({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  timeline: z.array(
    z.looseObject({
      type: z.string(),
      stage: z.string(),
      actor: z.string().nullable(),
      reason: z.string().nullable(),
      at: z.iso.datetime({ offset: true }),
    }),
  ),
});
