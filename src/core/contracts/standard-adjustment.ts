import { z } from 'zod';
import { ApplicationCategory } from './application';
import { ANYANG_COUNTY_CODES, IsoDate } from './household-facts';
import { Text } from './text';

// The yearly standard adjustment (调标): an approved parameter version applied to every
// enrolled case in scope from its effective date, through each case's own workflow.

export const AdjustmentBody = z.strictObject({
  /** The parameter whose approved version is applied (e.g. the 低保 standard). */
  parameterId: Text({ max: 100 }),
  /** The approved version (parameter_version id); the latest approved one of the parameter when absent. */
  versionId: z.uuid('版本编号格式不正确').optional(),
  /** First day the new standard applies: amounts from its month, back pay for months already paid since. */
  effectiveDate: IsoDate,
  scope: z
    .strictObject({
      counties: z.array(z.enum(ANYANG_COUNTY_CODES)).min(1, '至少选择一个县（市、区）').optional(),
      categories: z.array(ApplicationCategory).min(1, '至少选择一个类别').optional(),
    })
    .default({}),
});
export type AdjustmentBody = z.infer<typeof AdjustmentBody>;

export interface AdjustmentScope {
  counties: string[];
  categories: ApplicationCategory[];
}

export interface AdjustmentInput {
  adjustmentId: string;
  /** Enrolled cases in scope when it started. */
  total: number;
  /** Where a continued run resumes: the last enrolled case id done (absent at the start). */
  after?: string | null;
  /** Cases done before this run (carried over continue-as-new). */
  processed?: number;
}

export type AdjustmentStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';
export type AdjustmentOutcome = 'CHANGED' | 'UNCHANGED' | 'RECHECK_OPENED' | 'SKIPPED';

/** What the adjustment asks one enrolled case to apply (the Update's argument). */
export interface CaseAdjustment {
  adjustmentId: string;
  /** YYYY-MM: the first month of the new amount. */
  effectiveMonth: string;
  /** The monthly benefit recomputed from the case's facts under the new parameters; null when no longer eligible. */
  newAmount: number | null;
  /** Why, in Chinese. */
  reason: string;
}

/** What the case did with it. */
export interface CaseAdjustmentResult {
  outcome: AdjustmentOutcome;
  oldAmount: number;
  newAmount: number;
  backPay: number;
}

export interface AdjustmentProgress {
  processed: number;
  total: number;
}
