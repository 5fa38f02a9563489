import { z } from 'zod';

// The success bodies of the referral routes, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

export const ReferralBody = z.looseObject({
  id: z.guid(),
  origin: z.string(),
  entitlement: z.string(),
  entitlementName: z.string(),
  department: z.string(),
  departmentName: z.string(),
  idNumberMasked: z.string().nullable(),
  enrolledCaseId: z.guid().nullable(),
  warningId: z.guid().nullable(),
  emergencyCaseId: z.guid().nullable(),
  countyCode: z.string(),
  townshipCode: z.string().nullable(),
  year: z.int(),
  amountRequired: z.boolean(),
  periodicity: z.string(),
  stage: z.string(),
  outcome: z.string().nullable(),
  delivery: z
    .looseObject({
      what: z.string().nullable(),
      amount: z.string().nullable(),
      periodFrom: z.iso.date().nullable(),
      periodTo: z.iso.date().nullable(),
      employment: z
        .looseObject({ kind: z.string(), monthlyWage: z.string(), from: z.iso.date().nullable() })
        .nullable(),
    })
    .nullable(),
  declineReason: z.string().nullable(),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  overdue: z.boolean(),
  openedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const ReferralPage = z.looseObject({
  items: z.array(ReferralBody),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
});

export const ReferralDetail = ReferralBody.extend({
  timeline: z.array(
    z.looseObject({
      type: z.string(),
      stage: z.string(),
      actor: z.string().nullable(),
      detail: z.string().nullable(),
      at: z.iso.datetime({ offset: true }),
    }),
  ),
});

/** The referral's state after an action, as its workflow answers. */
export const ReferralStateBody = z.looseObject({
  referralId: z.guid(),
  stage: z.string(),
  outcome: z.string().nullable(),
  department: z.string(),
});

export const Coverage = z.looseObject({
  county: z.string(),
  category: z.string().nullable(),
  items: z.array(
    z.looseObject({
      entitlement: z.string(),
      entitlementName: z.string(),
      department: z.string(),
      owed: z.int(),
      delivered: z.int(),
      pending: z.int(),
      declined: z.int(),
      overdue: z.int(),
    }),
  ),
});

/** The audited reveal of a referred person's ID number. */
export const RevealedIdNumber = z.looseObject({ referralId: z.guid(), idNumber: z.string() });

/** The county's 零就业家庭: no names, no ID numbers. */
export const ZeroEmploymentPage = z.looseObject({
  county: z.string(),
  counts: z.looseObject({ tracked: z.int(), open: z.int(), cleared: z.int() }),
  items: z.array(
    z.looseObject({
      householdId: z.guid(),
      enrolledCaseId: z.guid(),
      townshipCode: z.string().nullable(),
      since: z.iso.date(),
      membersCapable: z.int(),
      cleared: z.boolean(),
      clearedAt: z.iso.datetime({ offset: true }).nullable(),
      clearedReason: z.string().nullable(),
      clearedByReferralId: z.guid().nullable(),
    }),
  ),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
});

/** An emergency case's referral: the one opened, or the one already open (`opened: false`). */
export const EmergencyReferralOpened = z.looseObject({ opened: z.boolean(), referral: ReferralDetail });
