// Everything the engine reads for one (county, area, date), resolved once and memoised in
// the store: a household evaluation then touches no lookup code (see bench/RESULTS.md).
import type { AreaType } from '../../core/contracts/household-facts';
import { PolicyInputError } from '../errors';
import { mulCents, toCents } from '../money';
import { deriveFigures, type DerivedFigures, type EmploymentCost } from './derived';
import { P } from '../../core/parameter-ids';
import type { ParameterStore } from './store';
import type { ParameterRef, ParameterUnit } from './types';

export interface Param<T> {
  readonly value: T;
  readonly ref: ParameterRef;
  /** [ref], shared, for reasons that cite this one parameter. */
  readonly refs: readonly ParameterRef[];
}

export interface PaymentTier {
  minGapShare: number;
  payShare: number;
}

export interface DisabilityRule {
  type: string;
  maxGrade: number;
}

export interface PolicySnapshot extends DerivedFigures {
  readonly date: string;
  readonly county: string;
  readonly area: AreaType;
  /** Monthly 低保 standard of the residence, cents. */
  readonly standard: Param<number>;
  readonly floor: Param<number>;
  readonly paymentMethod: Param<string>;
  readonly tiers: Param<readonly PaymentTier[]>;
  readonly destituteMultiplier: Param<number>;
  readonly nearMinimumMultiplier: Param<number>;
  readonly rigidRatio: Param<number>;
  readonly rigidWindowMonths: Param<number>;
  readonly rigidExpenseTypes: Param<readonly string[]>;
  /**
   * Annual, cents. Read by 刚性支出 alone, so null when no version is in force: that
   * category then asks for review instead of the whole evaluation failing.
   */
  readonly disposableIncome: Param<number> | null;
  readonly housingFloorArea: Param<number>;
  readonly incomeWindowMonths: Param<number>;
  readonly incomeExemptTypes: Param<readonly string[]>;
  readonly destituteExemptTypes: Param<readonly string[]>;
  readonly singlePersonExemptTypes: Param<readonly string[]>;
  readonly employmentCostShare: Param<number>;
  readonly phaseOutMaxMonths: Param<number>;
  /** MONTHS as shipped; NATURAL_DAYS under the drill (minutes as a fraction of a day). */
  readonly phaseOutMaxUnit: ParameterUnit;
  readonly adultAge: Param<number>;
  readonly elderlyAge: Param<number>;
  readonly destituteMinorAge: Param<number>;
  /** A 特困 minor stays covered to this age, and beyond it while in school (N2 Art.5). */
  readonly destituteMinorCoverageAge: Param<number>;
  readonly destituteDisability: Param<readonly DisabilityRule[]>;
  readonly severeDisabilityMaxGrade: Param<number>;
  readonly minimumLivingFinancialMonths: Param<number>;
  readonly nearMinimumFinancialMonths: Param<number>;
  readonly maxHomes: Param<number>;
  readonly maxHomesSmallArea: Param<number>;
  readonly allowedVehicleKinds: Param<readonly string[]>;
  /** Cents. */
  readonly enterpriseCapitalLimit: Param<number>;
  /** Parameter lists cited together by one reason, built once per snapshot, not per household. */
  readonly citing: CitedSets;
}

export interface CitedSets {
  readonly none: readonly ParameterRef[];
  readonly minimumLivingFinancial: readonly ParameterRef[];
  readonly nearMinimumFinancial: readonly ParameterRef[];
  readonly homes: readonly ParameterRef[];
  readonly benefitGap: readonly ParameterRef[];
  readonly benefitTiers: readonly ParameterRef[];
  readonly destituteSupport: readonly ParameterRef[];
  readonly destituteCapacity: readonly ParameterRef[];
  readonly destituteMinorCoverage: readonly ParameterRef[];
  readonly destituteMeans: readonly ParameterRef[];
  readonly destituteSupporter: readonly ParameterRef[];
  readonly nearMinimumIncome: readonly ParameterRef[];
  readonly rigidExpense: readonly ParameterRef[];
  readonly singlePerson: readonly ParameterRef[];
}

const NONE: readonly ParameterRef[] = [];

function citedSets(s: Omit<PolicySnapshot, 'citing' | keyof DerivedFigures>): CitedSets {
  return {
    none: NONE,
    minimumLivingFinancial: [s.standard.ref, s.minimumLivingFinancialMonths.ref],
    nearMinimumFinancial: [s.standard.ref, s.nearMinimumFinancialMonths.ref],
    homes: [s.maxHomes.ref, s.maxHomesSmallArea.ref, s.housingFloorArea.ref],
    benefitGap: [s.paymentMethod.ref, s.standard.ref, s.floor.ref],
    benefitTiers: [s.paymentMethod.ref, s.tiers.ref, s.standard.ref, s.floor.ref],
    destituteSupport: [s.standard.ref, s.destituteMultiplier.ref],
    destituteCapacity: [s.elderlyAge.ref, s.destituteMinorAge.ref, s.destituteDisability.ref],
    destituteMinorCoverage: [s.destituteMinorAge.ref, s.destituteMinorCoverageAge.ref],
    destituteMeans: [s.standard.ref, s.destituteExemptTypes.ref, s.minimumLivingFinancialMonths.ref],
    destituteSupporter: [s.adultAge.ref, s.elderlyAge.ref],
    nearMinimumIncome: [s.standard.ref, s.nearMinimumMultiplier.ref],
    rigidExpense: [s.rigidRatio.ref, s.rigidWindowMonths.ref, s.rigidExpenseTypes.ref],
    singlePerson: [s.adultAge.ref, s.elderlyAge.ref, s.severeDisabilityMaxGrade.ref],
  };
}

function param<T>(value: T, ref: ParameterRef): Param<T> {
  return { value, ref, refs: [ref] };
}

function build(store: ParameterStore, county: string, area: AreaType, date: string): PolicySnapshot {
  const ctx = { date, county, area };
  const num = (id: string, cents = false) => {
    const r = store.lookupNumber(id, ctx);
    return param(cents ? toCents(r.value) : r.value, r.ref);
  };
  const list = (id: string) => {
    const r = store.lookupList(id, ctx);
    return param(r.value, r.ref);
  };
  /** A parameter only one category reads: missing is that category's problem, not the household's. */
  const optionalNum = (id: string, cents = false) => {
    try {
      return num(id, cents);
    } catch (e) {
      if (e instanceof PolicyInputError && e.code === 'PARAMETER_NOT_IN_FORCE') return null;
      throw e;
    }
  };
  const str = store.lookupString(P.MINIMUM_LIVING_PAYMENT_METHOD, ctx);
  const tiers = store.lookupTable(P.MINIMUM_LIVING_PAYMENT_TIERS, ctx);
  const dis = store.lookupTable(P.DESTITUTE_DISABILITY_NO_CAPACITY, ctx);
  const s = {
    date,
    county,
    area,
    standard: num(P.MINIMUM_LIVING_STANDARD, true),
    floor: num(P.MINIMUM_LIVING_PAYMENT_FLOOR, true),
    paymentMethod: param(str.value, str.ref),
    tiers: param(
      tiers.value.map((t) => ({ minGapShare: Number(t.minGapShare), payShare: Number(t.payShare) })),
      tiers.ref,
    ),
    destituteMultiplier: num(P.DESTITUTE_SUPPORT_MULTIPLIER),
    nearMinimumMultiplier: num(P.NEAR_MINIMUM_INCOME_MULTIPLIER),
    rigidRatio: num(P.RIGID_EXPENSE_RATIO),
    rigidWindowMonths: num(P.RIGID_EXPENSE_WINDOW_MONTHS),
    rigidExpenseTypes: list(P.RIGID_EXPENSE_TYPES),
    disposableIncome: optionalNum(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, true),
    housingFloorArea: num(P.PREVIOUS_YEAR_HOUSING_FLOOR_AREA),
    incomeWindowMonths: num(P.INCOME_WINDOW_MONTHS),
    incomeExemptTypes: list(P.INCOME_EXEMPT_TYPES),
    destituteExemptTypes: list(P.DESTITUTE_INCOME_EXEMPT_TYPES),
    singlePersonExemptTypes: list(P.SINGLE_PERSON_EXEMPT_TYPES),
    employmentCostShare: num(P.EMPLOYMENT_COST_SHARE),
    phaseOutMaxMonths: num(P.PHASE_OUT_MAX_MONTHS),
    phaseOutMaxUnit: store.lookup(P.PHASE_OUT_MAX_MONTHS, ctx).record.unit,
    adultAge: num(P.ADULT_AGE),
    elderlyAge: num(P.ELDERLY_AGE),
    destituteMinorAge: num(P.DESTITUTE_MINOR_AGE),
    destituteMinorCoverageAge: num(P.DESTITUTE_MINOR_COVERAGE_AGE),
    destituteDisability: param(
      dis.value.map((d) => ({ type: String(d.type), maxGrade: Number(d.maxGrade) })),
      dis.ref,
    ),
    severeDisabilityMaxGrade: num(P.SEVERE_DISABILITY_MAX_GRADE),
    minimumLivingFinancialMonths: num(P.MINIMUM_LIVING_FINANCIAL_ASSET_MONTHS),
    nearMinimumFinancialMonths: num(P.NEAR_MINIMUM_FINANCIAL_ASSET_MONTHS),
    maxHomes: num(P.ASSET_MAX_HOMES),
    maxHomesSmallArea: num(P.ASSET_MAX_HOMES_SMALL_AREA),
    allowedVehicleKinds: list(P.ASSET_ALLOWED_VEHICLE_KINDS),
    enterpriseCapitalLimit: num(P.ASSET_ENTERPRISE_CAPITAL_LIMIT, true),
  };
  const derived = deriveFigures({
    date,
    standard: s.standard.value,
    incomeWindowMonths: s.incomeWindowMonths.value,
    rigidWindowMonths: s.rigidWindowMonths.value,
    incomeExemptTypes: s.incomeExemptTypes.value,
    destituteExemptTypes: s.destituteExemptTypes.value,
    singlePersonExemptTypes: s.singlePersonExemptTypes.value,
    nearMinimumMultiplier: s.nearMinimumMultiplier.value,
    destituteMultiplier: s.destituteMultiplier.value,
    minimumLivingFinancialMonths: s.minimumLivingFinancialMonths.value,
    nearMinimumFinancialMonths: s.nearMinimumFinancialMonths.value,
    destituteDisability: s.destituteDisability.value,
  });
  return { ...s, ...derived, citing: citedSets(s) };
}

/**
 * Memo by (date, county, area) in nested maps: no key string is built per household (the
 * strings come from the facts, their hashes are cached). Bounded like the store's memo.
 */
class ResidenceMemo<T> {
  private readonly byArea = new Map<string, Map<string, Map<string, T>>>();
  private size = 0;
  private static readonly LIMIT = 4096;

  get(date: string, county: string, area: string): T | undefined {
    return this.byArea.get(area)?.get(date)?.get(county);
  }

  set(date: string, county: string, area: string, v: T): T {
    if (this.size >= ResidenceMemo.LIMIT) {
      this.byArea.clear();
      this.size = 0;
    }
    let byDate = this.byArea.get(area);
    if (byDate === undefined) this.byArea.set(area, (byDate = new Map()));
    let byCounty = byDate.get(date);
    if (byCounty === undefined) byDate.set(date, (byCounty = new Map()));
    byCounty.set(county, v);
    this.size++;
    return v;
  }
}

// Per store (the store is immutable once built), so a store's snapshots never mix with another's.
const snapshots = new WeakMap<ParameterStore, ResidenceMemo<PolicySnapshot>>();
const urbanStandards = new WeakMap<ParameterStore, ResidenceMemo<Param<number>>>();

function memoOf<T>(memos: WeakMap<ParameterStore, ResidenceMemo<T>>, store: ParameterStore): ResidenceMemo<T> {
  let m = memos.get(store);
  if (m === undefined) memos.set(store, (m = new ResidenceMemo<T>()));
  return m;
}

/** Snapshot for a residence and date, memoised per store. */
export function policySnapshot(store: ParameterStore, county: string, area: AreaType, date: string): PolicySnapshot {
  const memo = memoOf(snapshots, store);
  return memo.get(date, county, area) ?? memo.set(date, county, area, build(store, county, area, date));
}

/** Urban 低保 standard (cents) of a place of work on a date: base of the employment cost (seed 二(四)5). */
export function urbanStandardAt(store: ParameterStore, county: string, date: string): Param<number> {
  const memo = memoOf(urbanStandards, store);
  const hit = memo.get(date, county, 'URBAN');
  if (hit !== undefined) return hit;
  const r = store.lookupNumber(P.MINIMUM_LIVING_STANDARD, { date, county, area: 'URBAN' });
  return memo.set(date, county, 'URBAN', param(toCents(r.value), r.ref));
}

/**
 * Employment cost of each month of the income window for a place of work (seed 二(四)5:
 * share × the urban standard of the place of work 同期, i.e. in force in that wage month),
 * resolved once per snapshot and county. Bounded: the county comes from the facts.
 */
export function employmentCostsAt(
  store: ParameterStore,
  snap: PolicySnapshot,
  county: string,
  fromMonth: number,
  months: number,
): readonly EmploymentCost[] {
  if (county === snap.county)
    return (snap.residenceEmploymentCost ??= employmentCostsIn(store, snap, county, fromMonth, months));
  return employmentCostsIn(store, snap, county, fromMonth, months);
}

function employmentCostsIn(
  store: ParameterStore,
  snap: PolicySnapshot,
  county: string,
  fromMonth: number,
  months: number,
): readonly EmploymentCost[] {
  let costs = snap.employmentCost.get(county);
  if (costs === undefined) {
    const list: EmploymentCost[] = [];
    for (let k = 0; k < months; k++) {
      const base = urbanStandardAt(store, county, firstDayOfMonth(fromMonth + k));
      const prev = list[k - 1];
      // Months under the same standard share one object (and one explanation line).
      list.push(
        prev !== undefined && prev.ref === base.ref
          ? prev
          : { perMonth: mulCents(base.value, snap.employmentCostShare.value), ref: base.ref },
      );
    }
    costs = list;
    if (snap.employmentCost.size >= 64) snap.employmentCost.clear();
    snap.employmentCost.set(county, costs);
  }
  return costs;
}

/** 'YYYY-MM-01' of a month index (year × 12 + month − 1). */
function firstDayOfMonth(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}-01`;
}
