import { z } from 'zod';

// The success bodies of the recovery routes, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

const Instant = z.iso.datetime({ offset: true });

export const RecoveryBody = z.looseObject({
  id: z.guid(),
  enrolledCaseId: z.guid(),
  householdId: z.guid(),
  countyCode: z.string(),
  source: z.looseObject({ kind: z.string(), id: z.guid() }),
  findingKind: z.string(),
  cause: z.string(),
  correction: z.boolean(),
  stage: z.string(),
  stageName: z.string(),
  closure: z.string().nullable(),
  total: z.number(),
  repaid: z.number(),
  remaining: z.number(),
  openedAt: Instant,
  updatedAt: Instant,
  closedAt: Instant.nullable(),
});

export const RecoveryPage = z.looseObject({
  items: z.array(RecoveryBody),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
});

export const RecoveryDetail = RecoveryBody.extend({
  finding: z.looseObject({}),
  months: z.array(
    z.looseObject({
      month: z.string(),
      paid: z.number(),
      entitled: z.number(),
      overpaid: z.number(),
      explanation: z.array(z.string()),
    }),
  ),
  explanation: z.array(z.string()),
  instalments: z
    .array(z.looseObject({ dueOn: z.string(), amount: z.string(), paid: z.string(), settled: z.boolean() }))
    .nullable(),
  writeOffReason: z.string().nullable(),
  writeOffRef: z.string().nullable(),
  repayments: z.array(
    z.looseObject({
      id: z.guid(),
      amount: z.number(),
      paidOn: z.string(),
      reference: z.string(),
      recordedBy: z.string(),
      recordedAt: Instant,
    }),
  ),
  timeline: z.array(
    z.looseObject({
      type: z.string(),
      stage: z.string(),
      actor: z.string().nullable(),
      reason: z.string().nullable(),
      at: Instant,
    }),
  ),
});
