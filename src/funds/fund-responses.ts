import { z } from 'zod';

// The success bodies of the funds routes, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

const Id = z.guid();
const County = z.string().regex(/^\d{6}$/);
const Month = z.string().regex(/^\d{4}-\d{2}$/);

export const BankReturnBody = z.looseObject({
  id: Id,
  countyCode: County,
  month: Month,
  fileName: z.string(),
  rows: z.int().min(0),
  paid: z.int().min(0),
  failed: z.int().min(0),
  partial: z.int().min(0),
  duplicated: z.int().min(0),
  duplicate: z.boolean(),
  notes: z.array(z.looseObject({ row: z.int(), paymentInstructionId: Id, kind: z.string(), message: z.string() })),
});

const Finding = z.looseObject({
  kind: z.enum(['MISSING', 'LATE', 'PARTIAL', 'DUPLICATED', 'FAILED']),
  enrolledCaseId: Id,
  paymentInstructionId: Id.nullable(),
  amount: z.string(),
});

export const FundCheckBody = z.looseObject({
  id: Id,
  countyCode: County,
  month: Month,
  deadline: z.iso.date(),
  checkedAt: z.iso.datetime({ offset: true }),
  taskId: Id.nullable(),
  findings: z.array(Finding),
});

export const FundCheckRunBody = z.looseObject({
  month: Month,
  deadline: z.iso.date(),
  counties: z.array(
    z.looseObject({ countyCode: County, findings: z.int().min(0), taskId: Id.nullable(), opened: z.boolean() }),
  ),
  check: FundCheckBody.nullable(),
});

export const FundReportBody = z.looseObject({
  month: Month,
  counties: z.array(z.looseObject({ countyCode: County, deadline: z.iso.date() })),
  columns: z.array(z.looseObject({ key: z.string(), header: z.string() })),
  rows: z.array(z.looseObject({ countyCode: County, category: z.string(), owed: z.int().min(0) })),
});

export const PaymentBatchPage = z.looseObject({
  items: z.array(
    z.looseObject({
      countyCode: County,
      month: Month,
      instructions: z.int().min(0),
      pending: z.int().min(0),
      paid: z.int().min(0),
      failed: z.int().min(0),
      amount: z.string(),
      paidAmount: z.string(),
    }),
  ),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
  from: Month,
  to: Month,
});
