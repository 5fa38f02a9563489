import { Inject, Injectable } from '@nestjs/common';
import { cstDate } from '../../core/clock';
import { ApplicationCategory } from '../../core/contracts/application';
import { ANYANG_CITY_CODE, CATEGORY_NAMES_ZH } from '../../core/contracts/household-facts';
import { P } from '../../core/parameter-ids';
import { formatYuan, toCents } from '../../policy/money';
import { LiveParameterStore } from '../../policy-admin/live-parameter-store';
import { suppressTable } from './cell-suppression';
import { DisclosureRepository, type CountyRow, type PaidRow } from './disclosure.repository';

/** A published figure: null where suppressed (too few to publish without pointing at someone). */
export interface BenefitCell {
  households: number | null;
  persons: number | null;
  amountPaid: string | null;
  suppressed: boolean;
}
export interface EmergencyAidCell {
  cases: number | null;
  amount: string | null;
  suppressed: boolean;
}
export interface ComplaintCell {
  answered: number | null;
  answeredOnTime: number | null;
  suppressed: boolean;
}
interface Area {
  benefits: (BenefitCell & { category: string })[];
  benefitsTotal: BenefitCell;
  emergencyAid: EmergencyAidCell;
  complaints: ComplaintCell;
}
export interface MonthlyStatistics {
  month: string;
  /** Counts under this are not published (parameter disclosure.minimum_cell_count). */
  threshold: number;
  thresholdSource: string;
  categories: { category: string; name: string }[];
  counties: (Area & { countyCode: string; countyName: string })[];
  city: Area;
  generatedAt: string;
}

/** Figures of a month change while its payments are reconciled: recomputed at most this often. */
const CACHE_MS = 5 * 60_000;
const CATEGORIES = ApplicationCategory.options;

/**
 * Public monthly statistics per county and category (plan 三(三) 加大信息公开力度): recipients
 * and amounts paid, emergency aid given, complaints answered on time. Aggregates only, with
 * small cells and their complements suppressed (cell-suppression.ts).
 */
@Injectable()
export class DisclosureService {
  private readonly cache = new Map<string, { at: number; body: Promise<MonthlyStatistics> }>();

  constructor(
    @Inject(DisclosureRepository) private readonly repository: DisclosureRepository,
    @Inject(LiveParameterStore) private readonly params: Pick<LiveParameterStore, 'lookupNumber'>,
  ) {}

  monthly(month: string): Promise<MonthlyStatistics> {
    const hit = this.cache.get(month);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.body;
    const body = this.compute(month);
    this.cache.set(month, { at: Date.now(), body });
    // A failed computation is not kept: the next request tries again.
    body.catch(() => this.cache.delete(month));
    for (const [key, value] of this.cache) if (Date.now() - value.at >= CACHE_MS) this.cache.delete(key);
    return body;
  }

  private async compute(month: string): Promise<MonthlyStatistics> {
    const now = new Date().toISOString();
    const threshold = this.params.lookupNumber(P.DISCLOSURE_MINIMUM_CELL_COUNT, {
      date: cstDate(now),
      county: ANYANG_CITY_CODE,
    });
    const [counties, paid, emergency, complaints] = await Promise.all([
      this.repository.counties(),
      this.repository.paid(month),
      this.repository.emergencyAid(month),
      this.repository.complaintsAnswered(month),
    ]);
    const benefits = benefitTable(
      counties.map((c) => c.code),
      paid,
      threshold.value,
    );
    const aid = countyColumn(
      counties.map((c) => c.code),
      emergency,
      threshold.value,
    );
    const answered = countyColumn(
      counties.map((c) => c.code),
      complaints,
      threshold.value,
    );
    const emergencyCell = (c: ColumnCell): EmergencyAidCell =>
      c.hidden
        ? { cases: null, amount: null, suppressed: true }
        : { cases: c.count, amount: yuan(c.cents), suppressed: false };
    const complaintCell = (c: ColumnCell): ComplaintCell =>
      c.hidden
        ? { answered: null, answeredOnTime: null, suppressed: true }
        : { answered: c.count, answeredOnTime: c.onTime, suppressed: false };
    return {
      month,
      threshold: threshold.value,
      thresholdSource: threshold.ref.source,
      categories: CATEGORIES.map((category) => ({ category, name: CATEGORY_NAMES_ZH[category] })),
      counties: counties.map((c, r) => ({
        countyCode: c.code,
        countyName: c.name,
        benefits: CATEGORIES.map((category, k) => ({ category, ...benefits.cells[r]![k]! })),
        benefitsTotal: benefits.rowTotals[r]!,
        emergencyAid: emergencyCell(aid.cells[r]!),
        complaints: complaintCell(answered.cells[r]!),
      })),
      city: {
        benefits: CATEGORIES.map((category, k) => ({ category, ...benefits.columnTotals[k]! })),
        benefitsTotal: benefits.grandTotal,
        emergencyAid: emergencyCell(aid.total),
        complaints: complaintCell(answered.total),
      },
      generatedAt: now,
    };
  }
}

interface Sum {
  households: number;
  persons: number;
  cents: number;
}
const cents = (amount: string) => toCents(Number(amount));
const yuan = formatYuan;
const add = (a: Sum, b: Sum): Sum => ({
  households: a.households + b.households,
  persons: a.persons + b.persons,
  cents: a.cents + b.cents,
});
const ZERO: Sum = { households: 0, persons: 0, cents: 0 };
const benefitCell = (s: Sum, hidden: boolean): BenefitCell =>
  hidden
    ? { households: null, persons: null, amountPaid: null, suppressed: true }
    : { households: s.households, persons: s.persons, amountPaid: yuan(s.cents), suppressed: false };

/** Counties × categories, suppressed on the household counts (persons and amounts follow them). */
function benefitTable(counties: string[], rows: PaidRow[], threshold: number) {
  const sums = counties.map((county) =>
    CATEGORIES.map((category) => {
      const row = rows.find((r) => r.countyCode === county && r.category === category);
      return row ? { households: row.households, persons: row.persons, cents: cents(row.amount) } : ZERO;
    }),
  );
  const hidden = suppressTable(
    sums.map((row) => row.map((s) => s.households)),
    threshold,
  );
  const columnSums = CATEGORIES.map((_, k) => sums.reduce((s, row) => add(s, row[k]!), ZERO));
  return {
    cells: sums.map((row, r) => row.map((s, k) => benefitCell(s, hidden.cells[r]![k]!))),
    rowTotals: sums.map((row, r) => benefitCell(row.reduce(add, ZERO), hidden.rowTotals[r]!)),
    columnTotals: columnSums.map((s, k) => benefitCell(s, hidden.columnTotals[k]!)),
    grandTotal: benefitCell(columnSums.reduce(add, ZERO), hidden.grandTotal),
  };
}

interface ColumnValue {
  count: number;
  cents: number;
  onTime: number;
}
type ColumnCell = ColumnValue & { hidden: boolean };

/** One figure per county and the city's total, suppressed on the count. */
function countyColumn(counties: string[], rows: CountyRow[], threshold: number) {
  const values = counties.map((county): ColumnValue => {
    const row = rows.find((r) => r.countyCode === county);
    return { count: row?.count ?? 0, cents: row ? cents(row.amount) : 0, onTime: row?.onTime ?? 0 };
  });
  const hidden = suppressTable(
    values.map((v) => [v.count]),
    threshold,
  );
  const total = values.reduce(
    (s, v): ColumnValue => ({ count: s.count + v.count, cents: s.cents + v.cents, onTime: s.onTime + v.onTime }),
    { count: 0, cents: 0, onTime: 0 },
  );
  return {
    cells: values.map((v, r): ColumnCell => ({ ...v, hidden: hidden.cells[r]![0]! })),
    total: { ...total, hidden: hidden.columnTotals[0]! },
  };
}
