// ParameterStore: answers "which version of parameter X is in force on date D for county C
// and area A" from any array of versioned records (shipped data today, database later).
// Resolution order: county+area, county, city+area, city (a county overrides the city).
import { AREA_NAMES_ZH, type AreaType } from '../../core/contracts/household-facts';
import { PolicyInputError } from '../errors';
import { citationsZh, LEGAL_SOURCES, type LegalSource } from '../sources';
import { DEFAULT_PARAMETERS } from './data';
import type { LookupContext, ParameterRef, ParameterValue, ParameterVersion, Resolved } from './types';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function inForce(r: ParameterVersion, date: string): boolean {
  // ISO dates compare correctly as strings.
  return r.validFrom <= date && (r.validTo === undefined || date < r.validTo);
}

function refOf(r: ParameterVersion, sources: ReadonlyMap<string, LegalSource>): ParameterRef {
  const ref: ParameterRef = {
    id: r.id,
    version: r.version,
    division: r.division,
    source: citationsZh(r.citations, sources),
    citations: r.citations,
    placeholder: r.placeholder === true,
  };
  if (r.area !== undefined) ref.area = r.area;
  return ref;
}

/** A version as listed: its citations rendered as a person reads them, and the stale marker. */
export type ListedParameter = ParameterVersion & Pick<ParameterRef, 'source' | 'stale'>;

export class ParameterStore {
  private byId = new Map<string, ParameterVersion[]>();
  private readonly refs = new WeakMap<ParameterVersion, ParameterRef>();
  /** Small memo for hot paths (engine snapshots, monthly urban standards); cleared when full. */
  private readonly memo = new Map<string, unknown>();
  private static readonly MEMO_LIMIT = 4096;

  /** The legal sources the records may cite (the shipped registry unless given). */
  private sources: ReadonlyMap<string, LegalSource> = new Map();

  constructor(
    records: readonly ParameterVersion[],
    readonly cityCode = '410500',
    sources: readonly LegalSource[] = LEGAL_SOURCES,
  ) {
    this.replace(records, sources);
  }

  /**
   * Loads a new set of records (a live store read from the database again). Checked in full
   * before anything changes: a bad set throws and the store keeps answering from the old one.
   */
  protected replace(records: readonly ParameterVersion[], sources: readonly LegalSource[]): void {
    const previous = { byId: this.byId, sources: this.sources };
    this.sources = new Map(sources.map((s) => [s.id, s]));
    this.byId = new Map();
    try {
      this.add(records);
    } catch (error) {
      this.byId = previous.byId;
      this.sources = previous.sources;
      throw error;
    }
    this.memo.clear();
  }

  private add(records: readonly ParameterVersion[]): void {
    for (const r of records) {
      this.check(r);
      let list = this.byId.get(r.id);
      if (list === undefined) this.byId.set(r.id, (list = []));
      for (const o of list) {
        if (o.division === r.division && o.area === r.area && overlaps(o, r)) {
          throw new PolicyInputError(
            'PARAMETER_INVALID',
            `参数 ${r.id} 的版本 ${o.version} 与 ${r.version} 在 ${r.division}${r.area ? ' ' + r.area : ''} 的有效期重叠`,
            [r.id],
          );
        }
      }
      list.push(r);
    }
  }

  private check(r: ParameterVersion): void {
    const bad = (why: string) =>
      new PolicyInputError('PARAMETER_INVALID', `参数 ${r.id ?? '?'} 版本 ${r.version ?? '?'}：${why}`, [r.id ?? '']);
    if (typeof r.id !== 'string' || r.id === '') throw bad('缺少参数标识');
    if (typeof r.version !== 'string' || r.version === '') throw bad('缺少版本号');
    if (!DATE_RE.test(r.validFrom)) throw bad('生效日期须为 YYYY-MM-DD');
    if (r.validTo !== undefined && (!DATE_RE.test(r.validTo) || r.validTo <= r.validFrom))
      throw bad('失效日期须晚于生效日期');
    if (!Array.isArray(r.citations) || r.citations.length === 0) throw bad('缺少政策依据');
    for (const c of r.citations) {
      if (!this.sources.has(c.sourceId)) throw bad(`政策依据 ${String(c.sourceId)} 未登记`);
    }
    if (typeof r.value === 'number' && !Number.isFinite(r.value)) throw bad('取值须为有限数值');
    if (r.figureYear !== undefined && (!Number.isInteger(r.figureYear) || r.figureYear < 2000 || r.figureYear > 2100))
      throw bad('统计年度须为 2000 至 2100 之间的整数');
  }

  /** The registered sources, e.g. for GET /api/v1/policy/sources. */
  legalSources(): LegalSource[] {
    return [...this.sources.values()];
  }

  /** The version a reference names (id, version, division, area), if this store holds it. */
  recordOf(ref: Pick<ParameterRef, 'id' | 'version' | 'division' | 'area'>): ParameterVersion | undefined {
    return this.byId
      .get(ref.id)
      ?.find((r) => r.version === ref.version && r.division === ref.division && r.area === ref.area);
  }

  /** All records, e.g. for an admin listing. */
  all(): ParameterVersion[] {
    return [...this.byId.values()].flat();
  }

  /** The version in force; throws PolicyInputError PARAMETER_NOT_IN_FORCE otherwise. */
  lookup(id: string, ctx: LookupContext): Resolved {
    const list = this.byId.get(id);
    let best: ParameterVersion | undefined;
    let bestRank = -1;
    if (list !== undefined) {
      for (const r of list) {
        if (!inForce(r, ctx.date)) continue;
        let rank: number;
        if (r.division === ctx.county) rank = 2;
        else if (r.division === this.cityCode) rank = 0;
        else continue;
        if (r.area !== undefined) {
          if (r.area !== ctx.area) continue;
          rank += 1;
        }
        if (rank > bestRank) {
          best = r;
          bestRank = rank;
        }
      }
    }
    if (best === undefined) {
      throw new PolicyInputError(
        'PARAMETER_NOT_IN_FORCE',
        `参数 ${id} 在 ${ctx.date}（${ctx.county}${ctx.area ? ' ' + AREA_NAMES_ZH[ctx.area] : ''}）没有生效的版本，请管理员补录`,
        [id],
      );
    }
    return { value: best.value, ref: this.refFor(best, ctx.date), record: best };
  }

  /**
   * Shared ParameterRef object per record (decisions list them; identity makes dedup cheap).
   * A yearly statistic older than the year before `date` gets a stale reference instead:
   * it stays usable, and whoever reads the explanation sees which figure was missing.
   */
  refFor(r: ParameterVersion, date?: string): ParameterRef {
    const expectedYear = date !== undefined && r.figureYear !== undefined ? Number(date.slice(0, 4)) - 1 : undefined;
    if (expectedYear !== undefined && r.figureYear !== undefined && r.figureYear < expectedYear) {
      const key = `${r.id}|${r.division}|${r.area ?? ''}|${r.version}|${expectedYear}`;
      return this.memoize(`stale-ref|${key}`, () => ({
        ...this.refFor(r),
        stale: { figureYear: r.figureYear as number, expectedYear },
      }));
    }
    let ref = this.refs.get(r);
    if (ref === undefined) this.refs.set(r, (ref = refOf(r, this.sources)));
    return ref;
  }

  lookupNumber(id: string, ctx: LookupContext): Resolved<number> {
    const r = this.lookup(id, ctx);
    if (typeof r.value !== 'number') throw new PolicyInputError('PARAMETER_INVALID', `参数 ${id} 须为数值`, [id]);
    return r as Resolved<number>;
  }

  lookupString(id: string, ctx: LookupContext): Resolved<string> {
    const r = this.lookup(id, ctx);
    if (typeof r.value !== 'string') throw new PolicyInputError('PARAMETER_INVALID', `参数 ${id} 须为文本`, [id]);
    return r as Resolved<string>;
  }

  lookupList(id: string, ctx: LookupContext): Resolved<readonly string[]> {
    const r = this.lookup(id, ctx);
    if (!Array.isArray(r.value) || !r.value.every((x) => typeof x === 'string')) {
      throw new PolicyInputError('PARAMETER_INVALID', `参数 ${id} 须为文本列表`, [id]);
    }
    return r as Resolved<readonly string[]>;
  }

  lookupTable(id: string, ctx: LookupContext): Resolved<readonly Record<string, string | number>[]> {
    const r = this.lookup(id, ctx);
    if (!Array.isArray(r.value) || !r.value.every((x) => typeof x === 'object' && x !== null)) {
      throw new PolicyInputError('PARAMETER_INVALID', `参数 ${id} 须为表格`, [id]);
    }
    return r as Resolved<readonly Record<string, string | number>[]>;
  }

  /**
   * Every parameter version in force on a date for a county, with its source (for
   * GET /api/v1/policy/parameters). Without an area, both areas' versions are listed.
   */
  inForce(ctx: { date: string; county: string; area?: AreaType }): ListedParameter[] {
    const out: ListedParameter[] = [];
    const areas: (AreaType | undefined)[] = ctx.area !== undefined ? [ctx.area] : ['URBAN', 'RURAL'];
    for (const id of this.byId.keys()) {
      const seen = new Set<ParameterVersion>();
      for (const area of areas) {
        try {
          const { record: r, ref } = this.lookup(id, { date: ctx.date, county: ctx.county, area });
          if (!seen.has(r)) {
            seen.add(r);
            out.push(
              ref.stale !== undefined ? { ...r, source: ref.source, stale: ref.stale } : { ...r, source: ref.source },
            );
          }
        } catch (e) {
          if (!(e instanceof PolicyInputError)) throw e;
        }
      }
    }
    return out;
  }

  /** Memoised computation keyed by a string (bounded; pure values only). */
  memoize<T>(key: string, compute: () => T): T {
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit as T;
    if (this.memo.size >= ParameterStore.MEMO_LIMIT) this.memo.clear();
    const v = compute();
    this.memo.set(key, v);
    return v;
  }
}

function overlaps(a: ParameterVersion, b: ParameterVersion): boolean {
  const aEnd = a.validTo ?? '9999-12-31';
  const bEnd = b.validTo ?? '9999-12-31';
  return a.validFrom < bEnd && b.validFrom < aEnd;
}

let shipped: ParameterStore | undefined;

/** The store built from the shipped data (DEFAULT_PARAMETERS); one instance, reused. */
export function defaultParameterStore(): ParameterStore {
  return (shipped ??= new ParameterStore(DEFAULT_PARAMETERS));
}

export type { ParameterValue };
