import { z } from 'zod';
import { ResidentIdNumber } from './household';
import { Text } from './text';

// ---- the low-income population database (低收入人口数据库) ----

/** Where a person's entry in the database comes from. */
export const PopulationOrigin = z.enum(['ENROLMENT', 'IMPORT', 'RURAL_REVITALISATION']);
export type PopulationOrigin = z.infer<typeof PopulationOrigin>;

export const PopulationCategory = z.enum([
  'MINIMUM_LIVING',
  'DESTITUTE',
  'NEAR_MINIMUM',
  'RIGID_EXPENSE',
  'RELAPSE_MONITORED',
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
