// Figures derived from the parameters of one snapshot (county, area, date), computed once
// when the snapshot is built so that a household evaluation does no date arithmetic, no
// list searching and no string formatting for them (see bench/RESULTS.md).
import { INCOME_TYPES } from '../../core/contracts/household-facts';
import { monthDayOf, monthIndexOf, monthOfIndex } from '../dates';
import { mulCents } from '../money';
import type { ParameterRef } from './types';

/** The months of an income assessment (shared by every household of the snapshot). */
export interface IncomeWindow {
  /** First and last month index (y*12 + m-1), inclusive. */
  readonly from: number;
  readonly to: number;
  /** The same as 'YYYY-MM'. */
  readonly fromText: string;
  readonly toText: string;
  readonly windowMonths: number;
}

/** Per income type (INCOME_TYPES order): counted, exempt, or exempt by the extra list. */
export const COUNTED = 0;
export const EXEMPT = 1;
export const EXTRA_EXEMPT = 2;

export interface DerivedFigures {
  /** Month index of the application date. */
  readonly applicationMonth: number;
  /** monthDayOf the application date (ages on that date, see ageAtMonth). */
  readonly applicationMonthDay: number;
  readonly incomeWindow: IncomeWindow;
  /** First month of the rigid-expense window (it ends the month before application). */
  readonly rigidFromMonth: number;
  /** Income type classes: 低保 household, 特困 own income (N2 Art.6), single-person applicant. */
  readonly householdClasses: Uint8Array;
  readonly destituteClasses: Uint8Array;
  readonly singlePersonClasses: Uint8Array;
  /** 边缘 income limit: standard × multiplier, cents. */
  readonly nearMinimumLimit: number;
  /** Financial assets per capita must stay below these (standard × months), cents. */
  readonly minimumLivingFinancialLimit: number;
  readonly nearMinimumFinancialLimit: number;
  /** 特困 basic support per person: standard × multiplier, cents. */
  readonly destituteSupportPerPerson: number;
  /** Disability types listed by N2 Art.5(三) → highest grade listed (absent: not listed). */
  readonly noCapacityMaxGrade: ReadonlyMap<string, number>;
  /** Employment cost of each window month by place-of-work county, filled on first use (see employmentCostsAt). */
  readonly employmentCost: Map<string, readonly EmploymentCost[]>;
  /** The same for the residence county (the usual case), set on first use. */
  residenceEmploymentCost: readonly EmploymentCost[] | undefined;
}

export interface EmploymentCost {
  readonly perMonth: number;
  /** The urban standard of the place of work cited. */
  readonly ref: ParameterRef;
}

interface Inputs {
  date: string;
  standard: number;
  incomeWindowMonths: number;
  rigidWindowMonths: number;
  incomeExemptTypes: readonly string[];
  destituteExemptTypes: readonly string[];
  singlePersonExemptTypes: readonly string[];
  nearMinimumMultiplier: number;
  destituteMultiplier: number;
  minimumLivingFinancialMonths: number;
  nearMinimumFinancialMonths: number;
  destituteDisability: readonly { type: string; maxGrade: number }[];
}

const NO_EXTRA: readonly string[] = [];

function classes(exempt: readonly string[], extra: readonly string[] = NO_EXTRA): Uint8Array {
  const c = new Uint8Array(INCOME_TYPES.length);
  for (let t = 0; t < INCOME_TYPES.length; t++) {
    if (extra.includes(INCOME_TYPES[t])) c[t] = EXTRA_EXEMPT;
    else if (exempt.includes(INCOME_TYPES[t])) c[t] = EXEMPT;
  }
  return c;
}

export function deriveFigures(p: Inputs): DerivedFigures {
  const app = monthIndexOf(p.date);
  const W = p.incomeWindowMonths;
  const from = app - W;
  const to = from + W - 1;
  const noCapacityMaxGrade = new Map<string, number>();
  for (const r of p.destituteDisability) {
    // A grade is listed when some row of its type reaches it (a NaN row never does).
    if (r.maxGrade >= (noCapacityMaxGrade.get(r.type) ?? -Infinity)) noCapacityMaxGrade.set(r.type, r.maxGrade);
  }
  return {
    applicationMonth: app,
    applicationMonthDay: monthDayOf(p.date),
    incomeWindow: { from, to, fromText: monthOfIndex(from), toText: monthOfIndex(to), windowMonths: W },
    rigidFromMonth: app - p.rigidWindowMonths,
    householdClasses: classes(p.incomeExemptTypes),
    destituteClasses: classes(p.destituteExemptTypes),
    singlePersonClasses: classes(p.incomeExemptTypes, p.singlePersonExemptTypes),
    nearMinimumLimit: mulCents(p.standard, p.nearMinimumMultiplier),
    minimumLivingFinancialLimit: p.standard * p.minimumLivingFinancialMonths,
    nearMinimumFinancialLimit: p.standard * p.nearMinimumFinancialMonths,
    destituteSupportPerPerson: mulCents(p.standard, p.destituteMultiplier),
    noCapacityMaxGrade,
    employmentCost: new Map(),
    residenceEmploymentCost: undefined,
  };
}
