// Output of the policy engine: per category status, members, income breakdown,
// benefit and ordered reasons with the parameter versions they relied on. Plain JSON once
// serialised (reasons serialise their text through toJSON), so it crosses the workflow
// boundary and is stored with the decision as is.
import type { AreaType, Category } from './household-facts';

export type DeterminedCategory = 'DESTITUTE' | 'MINIMUM_LIVING' | 'NEAR_MINIMUM' | 'RIGID_EXPENSE';
/** Precedence when several apply (seed 二(一)): 特困 / 低保 before 边缘 before 刚性支出. */
export const CATEGORY_PRECEDENCE: readonly DeterminedCategory[] = [
  'DESTITUTE',
  'MINIMUM_LIVING',
  'NEAR_MINIMUM',
  'RIGID_EXPENSE',
];

export type DeterminationStatus = 'eligible' | 'ineligible' | 'needs_review';
export const DETERMINATION_STATUS_NAMES_ZH: Record<DeterminationStatus, string> = {
  eligible: '符合条件',
  ineligible: '不符合条件',
  needs_review: '须人工复核',
};
export type ReasonOutcome = 'pass' | 'fail' | 'info' | 'review';

export interface PolicyParameterRef {
  id: string;
  version: string;
  division: string;
  area?: AreaType;
  /** The legal sources as a person reads them: 《title》（docNo）article, never an abbreviation. */
  source: string;
  /** The same by registry id (GET /api/v1/policy/sources) and article. */
  citations: readonly { sourceId: string; article?: string; note?: string }[];
  placeholder: boolean;
  /** STALE marker: a yearly statistic of an older year was used because the expected year's figure is not entered yet. */
  stale?: { figureYear: number; expectedYear: number };
}

export interface PolicyReason {
  ruleId: string;
  outcome: ReasonOutcome;
  zh: string;
  en: string;
  parameters: readonly PolicyParameterRef[];
}

export type IncomeLineKind = 'COUNTED' | 'EXEMPT' | 'DEDUCTED' | 'EXCLUDED';

export interface IncomeLine {
  kind: IncomeLineKind;
  /** Income type (WAGE, …) or deduction code (EMPLOYMENT_COST, ILLNESS_DISABILITY_EXPENSE). */
  code: string;
  memberId?: string;
  /** Yuan over the whole window. */
  amount: number;
  zh: string;
  en: string;
}

export interface IncomeAssessment {
  /** First and last month of the window (YYYY-MM). */
  windowFrom: string;
  windowTo: string;
  windowMonths: number;
  memberCount: number;
  /** Counted income over the window after deductions, yuan. */
  total: number;
  monthlyPerCapita: number;
  lines: readonly IncomeLine[];
}

export type InclusionBasis = 'WHOLE_HOUSEHOLD' | 'SINGLE_PERSON' | 'INDIVIDUAL_INCLUSION' | 'INDIVIDUAL';

export interface CategoryDetermination {
  category: DeterminedCategory;
  requested: boolean;
  status: DeterminationStatus;
  basis: InclusionBasis;
  membersIncluded: readonly string[];
  monthlyPerCapitaIncome: number;
  income: IncomeAssessment;
  /** Yuan per month for the members included (0 when not eligible). */
  proposedMonthlyBenefit: number;
  reasons: readonly PolicyReason[];
}

export interface Determination {
  applicationDate: string;
  county: string;
  area: AreaType;
  categories: Readonly<Record<DeterminedCategory, CategoryDetermination>>;
  /** Earliest eligible category by CATEGORY_PRECEDENCE, or null. */
  recommendedCategory: DeterminedCategory | null;
  /** Categories this engine never determines, and why. */
  notDetermined: readonly { category: Category; zh: string; en: string }[];
  parametersUsed: readonly PolicyParameterRef[];
}
