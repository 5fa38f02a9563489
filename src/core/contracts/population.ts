import { z } from 'zod';
import { cstDate } from '../clock';
import { ResidentIdNumber } from './household';
import { Text } from './text';

// ---- the low-income population database (低收入人口数据库) ----

/**
 * Where a person's entry in the database comes from. SELF_DECLARATION (自主申报) and OUTREACH
 * (found by a visit) record a person in no category yet (UNCATEGORISED).
 */
export const PopulationOrigin = z.enum(['ENROLMENT', 'IMPORT', 'RURAL_REVITALISATION', 'SELF_DECLARATION', 'OUTREACH']);
export type PopulationOrigin = z.infer<typeof PopulationOrigin>;

export const PopulationCategory = z.enum([
  'MINIMUM_LIVING',
  'DESTITUTE',
  'NEAR_MINIMUM',
  'RIGID_EXPENSE',
  'RELAPSE_MONITORED',
  'UNCATEGORISED',
]);
export type PopulationCategory = z.infer<typeof PopulationCategory>;

/** GET /api/v1/population: by name (prefix), ID number (matched by its HMAC), household, village, category. */
export const PopulationQuery = z.strictObject({
  name: Text({ max: 50 }).optional(),
  idNumber: ResidentIdNumber.optional(),
  householdId: z.uuid({ error: '须为家庭编号（UUID）' }).optional(),
  /** A village, township or county code: everyone under it. */
  division: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/, { error: '须为 6、9 或 12 位区划代码' })
    .optional(),
  category: PopulationCategory.optional(),
  origin: PopulationOrigin.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PopulationQuery = z.infer<typeof PopulationQuery>;

/** Revealing one registered member's ID number in clear: the reason goes on the audit trail (the number never does). */
export const RevealIdNumber = z.strictObject({
  memberId: z.guid({ error: '须为人员编号' }),
  reason: Text({ max: 500 }),
});
export type RevealIdNumber = z.infer<typeof RevealIdNumber>;

/** A day that has happened (Beijing time). */
const PastDate = (future: string) =>
  z.iso
    .date({ error: '须为日期（YYYY-MM-DD）' })
    .refine((d) => d <= cstDate(new Date().toISOString()), { error: future });

/**
 * A person in no category who declares hardship (自主申报, plan 二(三)3) or whom a visit found,
 * recorded by the village assistant or the township caseworker of the village where they live.
 * Recorded again for the same person: a dated change on the same record.
 */
export const SelfDeclaration = z.strictObject({
  idNumber: ResidentIdNumber,
  name: Text({ max: 50 }),
  villageCode: z.string().regex(/^\d{12}$/, { error: '须为 12 位村（社区）区划代码' }),
  origin: z
    .enum(['SELF_DECLARATION', 'OUTREACH'], { error: '须为 SELF_DECLARATION 或 OUTREACH' })
    .default('SELF_DECLARATION'),
  declaredOn: PastDate('申报日期不能晚于今天'),
  /** The hardship in the person's words (no ID numbers). */
  hardship: Text({ max: 2000, multiline: true, tooShort: '须填写困难情况' }),
});
export type SelfDeclaration = z.infer<typeof SelfDeclaration>;

/** A change reported for a person recorded in no category (from a visit, a call, a department). */
export const PopulationChange = z.strictObject({
  source: z.enum(['SELF_DECLARATION', 'OUTREACH'], { error: '须为 SELF_DECLARATION 或 OUTREACH' }),
  occurredOn: PastDate('变化日期不能晚于今天'),
  description: Text({ max: 2000, multiline: true, tooShort: '须填写变化情况' }),
});
export type PopulationChange = z.infer<typeof PopulationChange>;
