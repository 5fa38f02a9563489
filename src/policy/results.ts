// The results of an evaluation. The decision (status, members, income per capita, benefit)
// is computed eagerly; the explanation (reasons, income lines) is built on first read or
// when serialised, from numbers the rule captured when it decided: each rule hands over an
// Explainer, a small object of its own class holding those numbers (no closures). One
// CategoryResult class for all rules keeps its property accesses monomorphic. Evaluating a household
// then allocates little more than its figures (see bench/RESULTS.md), and a reader or
// JSON.stringify sees exactly the same data as if everything had been built up front.
import type { AreaType } from '../core/contracts/household-facts';
import type {
  CategoryDetermination,
  Determination,
  DeterminationStatus,
  DeterminedCategory,
  IncomeAssessment,
  InclusionBasis,
  PolicyParameterRef,
  PolicyReason,
} from '../core/contracts/policy-determination';
import { CATEGORY_PRECEDENCE } from '../core/contracts/policy-determination';
import type { IncomeResult } from './income';
import { toYuan } from './money';

/** membersIncluded of a category nobody is included in (shared, frozen). */
export const NO_MEMBERS: readonly string[] = Object.freeze([]);

/** Builds the ordered reasons of a category from the figures its rule captured. */
export type Explain = () => PolicyReason[];

export interface Explainer {
  /** The ordered reasons (called once, on first read). */
  explain(): PolicyReason[];
}

/** An explainer from a function (the rarer paths: individual inclusion, added notes). */
class ExplainBy implements Explainer {
  constructor(readonly explain: Explain) {}
}

export class CategoryResult implements CategoryDetermination {
  private reasonList: readonly PolicyReason[] | undefined;

  constructor(
    readonly category: DeterminedCategory,
    readonly requested: boolean,
    readonly status: DeterminationStatus,
    readonly basis: InclusionBasis,
    readonly membersIncluded: readonly string[],
    /** The income assessed for this category (its lines are built when read). */
    readonly incomeResult: IncomeResult,
    readonly benefitCents: number,
    private readonly explainer: Explainer,
  ) {}

  // Yuan figures are read from the cents on demand (no boxed doubles per evaluation).
  get monthlyPerCapitaIncome(): number {
    return toYuan(this.incomeResult.monthlyPerCapitaCents);
  }

  get proposedMonthlyBenefit(): number {
    return toYuan(this.benefitCents);
  }

  /** The same decision with more reasons after its own (individual inclusion, phase-out notes). */
  withMoreReasons(more: Explain): CategoryResult {
    return new CategoryResult(
      this.category,
      this.requested,
      this.status,
      this.basis,
      this.membersIncluded,
      this.incomeResult,
      this.benefitCents,
      new ExplainBy(() => [...this.reasons, ...more()]),
    );
  }

  /** The same decision and reasons for fewer members (those included individually in 低保 leave 边缘). */
  withMembers(members: readonly string[]): CategoryResult {
    return new CategoryResult(
      this.category,
      this.requested,
      this.status,
      this.basis,
      members,
      this.incomeResult,
      this.benefitCents,
      this.explainer,
    );
  }

  get income(): IncomeAssessment {
    return this.incomeResult.assessment;
  }

  get reasons(): readonly PolicyReason[] {
    return (this.reasonList ??= this.explainer.explain());
  }

  /** Plain data, keys in the order of CategoryDetermination (the recorded JSON). */
  toJSON(): CategoryDetermination {
    return {
      category: this.category,
      requested: this.requested,
      status: this.status,
      basis: this.basis,
      membersIncluded: this.membersIncluded,
      monthlyPerCapitaIncome: this.monthlyPerCapitaIncome,
      income: this.income,
      proposedMonthlyBenefit: this.proposedMonthlyBenefit,
      reasons: this.reasons,
    };
  }
}

/** A result explained by a function (the rarer paths: individual inclusion, added notes). */
export function explainedResult(
  category: DeterminedCategory,
  requested: boolean,
  status: DeterminationStatus,
  basis: InclusionBasis,
  membersIncluded: readonly string[],
  incomeResult: IncomeResult,
  benefitCents: number,
  explain: Explain,
): CategoryResult {
  return new CategoryResult(
    category,
    requested,
    status,
    basis,
    membersIncluded,
    incomeResult,
    benefitCents,
    new ExplainBy(explain),
  );
}

/**
 * The determination: statuses, members, amounts and the recommended category are plain
 * fields; the categories' explanations and the parameters cited are built when read.
 * toJSON gives the keys in the order of Determination, so the JSON is the recorded one.
 */
export class DeterminationResult implements Determination {
  private parameters: readonly PolicyParameterRef[] | undefined;

  constructor(
    readonly applicationDate: string,
    readonly county: string,
    readonly area: AreaType,
    readonly categories: Readonly<Record<DeterminedCategory, CategoryResult>>,
    readonly recommendedCategory: DeterminedCategory | null,
    readonly notDetermined: Determination['notDetermined'],
    /** Income assessments whose parameters are cited before the reasons': the household's, */
    private readonly householdIncome: IncomeResult,
    /** then the single-person applicant's when that rule applied. */
    private readonly applicantIncome: IncomeResult | undefined,
  ) {}

  get parametersUsed(): readonly PolicyParameterRef[] {
    return (this.parameters ??= collectParameters(this.categories, this.householdIncome, this.applicantIncome));
  }

  toJSON(): Determination {
    return {
      applicationDate: this.applicationDate,
      county: this.county,
      area: this.area,
      categories: this.categories,
      recommendedCategory: this.recommendedCategory,
      notDetermined: this.notDetermined,
      parametersUsed: this.parametersUsed,
    };
  }
}

/**
 * Distinct parameter versions cited by the income assessments and then the reasons, in
 * order of first citation (refs are shared objects per record). Reasons mostly cite the
 * same shared lists (snapshot.citing), so a list already merged is skipped whole.
 */
function collectParameters(
  categories: Readonly<Record<DeterminedCategory, CategoryResult>>,
  householdIncome: IncomeResult,
  applicantIncome: IncomeResult | undefined,
): PolicyParameterRef[] {
  const out: PolicyParameterRef[] = [];
  const merged: (readonly PolicyParameterRef[])[] = [];
  for (const r of householdIncome.refs) if (!out.includes(r)) out.push(r);
  if (applicantIncome !== undefined) for (const r of applicantIncome.refs) if (!out.includes(r)) out.push(r);
  for (const c of CATEGORY_PRECEDENCE) {
    for (const r of categories[c].reasons) {
      const ps = r.parameters;
      if (merged.includes(ps)) continue;
      merged.push(ps);
      for (const p of ps) if (!out.includes(p)) out.push(p);
    }
  }
  return out;
}
