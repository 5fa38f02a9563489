import { z } from 'zod';
import { CountyCode } from './division';

// Employment assistance (plan 二(四)5 就业救助): what an employment referral's delivery states,
// and the 零就业家庭 a county tracks until someone in the household works.

/** A 公益性岗位 placement or a job the person found (with the department's help). */
export const EMPLOYMENT_KINDS = ['PUBLIC_WELFARE_JOB', 'JOB_FOUND'] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

export const EMPLOYMENT_KIND_NAMES_ZH: Record<EmploymentKind, string> = {
  PUBLIC_WELFARE_JOB: '公益性岗位安置',
  JOB_FOUND: '实现就业',
};

/** The structured part of an employment referral's delivery: both kinds earn a wage, so it is required. */
export const EmploymentPlacement = z.strictObject({
  kind: z.enum(EMPLOYMENT_KINDS, { message: '就业方式须为 PUBLIC_WELFARE_JOB（公益性岗位）或 JOB_FOUND（实现就业）' }),
  monthlyWage: z
    .number({ message: '须填写月工资（元）' })
    .positive({ message: '月工资须大于 0' })
    .max(100_000, { message: '月工资超出合理范围' }),
  from: z.iso.date({ message: '须填写上岗日期（YYYY-MM-DD）' }),
});
export type EmploymentPlacement = z.infer<typeof EmploymentPlacement>;

/** Why a tracked household left 零就业: a delivered placement, or the registry shows someone employed. */
export type ZeroEmploymentClearedReason = EmploymentKind | 'REGISTRY_EMPLOYED';

export const ZeroEmploymentQuery = z.strictObject({
  county: CountyCode,
  cleared: z.enum(['true', 'false'], { message: '须为 true 或 false' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ZeroEmploymentQuery = z.infer<typeof ZeroEmploymentQuery>;
