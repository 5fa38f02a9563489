// What-if (policy administration): one case's category status and monthly benefit under the
// parameters in force and under draft versions, read on the drafts' effective date. Pure:
// the worker streams the facts on record and stores what this returns.
import { CATEGORY_NAMES_ZH, type HouseholdFacts } from '../core/contracts/household-facts';
import type { DeterminedCategory } from '../core/contracts/policy-determination';
import { evaluateHousehold } from './evaluate';
import { closeLines } from './parameters/lines';
import { ParameterStore } from './parameters/store';
import type { LookupContext, ParameterVersion, Resolved } from './parameters/types';
import type { LegalSource } from './sources';

/**
 * A store that reads every parameter on one date, whatever date the facts carry: the facts
 * on record keep their own income window, the parameters are those of the effective date.
 */
export class ParameterStoreAsOf extends ParameterStore {
  constructor(
    records: readonly ParameterVersion[],
    private readonly asOf: string,
    sources: readonly LegalSource[],
    cityCode?: string,
  ) {
    super(records, cityCode, sources);
  }

  override lookup(id: string, ctx: LookupContext): Resolved {
    return super.lookup(id, { ...ctx, date: this.asOf });
  }
}

/** The two stores of a what-if: the parameters in force, and the same with the drafts from their first day. */
export function whatIfStores(
  base: ParameterStore,
  drafts: readonly ParameterVersion[],
  asOf: string,
): { before: ParameterStoreAsOf; after: ParameterStoreAsOf } {
  const records = base.all();
  const sources = base.legalSources();
  const merged = closeLines([
    ...records.map((record) => ({ record, approved: false })),
    ...drafts.map((record) => ({ record, approved: true })),
  ]);
  return {
    before: new ParameterStoreAsOf(records, asOf, sources, base.cityCode),
    after: new ParameterStoreAsOf(merged, asOf, sources, base.cityCode),
  };
}

export type CaseChange = 'NEWLY_ELIGIBLE' | 'NO_LONGER_ELIGIBLE' | 'AMOUNT_UP' | 'AMOUNT_DOWN' | 'UNCHANGED';

export interface CaseComparison {
  oldStatus: string;
  newStatus: string;
  oldBenefit: number;
  newBenefit: number;
  change: CaseChange;
  /** Why, in Chinese: the change and the first reason of the new evaluation that the old one did not give. */
  reason: string;
}

const yuan = (n: number) => n.toFixed(2);

export function compareCase(
  facts: HouseholdFacts,
  category: DeterminedCategory,
  before: ParameterStore,
  after: ParameterStore,
): CaseComparison {
  const old = evaluateHousehold(facts, before).categories[category];
  const now = evaluateHousehold(facts, after).categories[category];
  const wasEligible = old.status === 'eligible';
  const isEligible = now.status === 'eligible';
  const oldBenefit = wasEligible ? old.proposedMonthlyBenefit : 0;
  const newBenefit = isEligible ? now.proposedMonthlyBenefit : 0;
  const name = CATEGORY_NAMES_ZH[category];
  let change: CaseChange;
  let what: string;
  if (!wasEligible && isEligible) {
    change = 'NEWLY_ELIGIBLE';
    what = `按调整后的参数符合${name}条件，月保障金 ${yuan(newBenefit)} 元`;
  } else if (wasEligible && !isEligible) {
    change = 'NO_LONGER_ELIGIBLE';
    what = `按调整后的参数不再符合${name}条件（须经复核方可退出）`;
  } else if (newBenefit > oldBenefit) {
    change = 'AMOUNT_UP';
    what = `月保障金由 ${yuan(oldBenefit)} 元增加至 ${yuan(newBenefit)} 元`;
  } else if (newBenefit < oldBenefit) {
    change = 'AMOUNT_DOWN';
    what = `月保障金由 ${yuan(oldBenefit)} 元减少至 ${yuan(newBenefit)} 元`;
  } else {
    return {
      oldStatus: old.status,
      newStatus: now.status,
      oldBenefit,
      newBenefit,
      change: 'UNCHANGED',
      reason: '状态与金额不变',
    };
  }
  const oldReasons = new Set(old.reasons.map((r) => r.zh));
  const changed = now.reasons.find((r) => !oldReasons.has(r.zh));
  return {
    oldStatus: old.status,
    newStatus: now.status,
    oldBenefit,
    newBenefit,
    change,
    reason: changed ? `${what}：${changed.zh}` : what,
  };
}

/** Months a monthly difference runs for in the effective date's year (its month through December). */
export const monthsLeftInYear = (date: string): number => 13 - Number(date.slice(5, 7));
