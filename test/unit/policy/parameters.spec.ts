import { ANYANG_COUNTY_CODES } from '../../../src/core/contracts/household-facts';
import {
  DEFAULT_PARAMETERS,
  ParameterStore,
  PolicyInputError,
  defaultParameterStore,
  phaseOutMonthsRemaining,
  statisticUses,
  PARAMETER_IDS as P,
  type ParameterVersion,
} from '../../../src/policy';

describe('ParameterStore', () => {
  const store = defaultParameterStore();
  const ctx = (date: string, area?: 'URBAN' | 'RURAL') => ({ date, county: '410526', area });

  it('returns the version in force on each side of a change date', () => {
    expect(store.lookup(P.MINIMUM_LIVING_STANDARD, ctx('2024-06-30', 'URBAN'))).toMatchObject({
      value: 630,
      ref: { version: '2023', placeholder: true },
    });
    expect(store.lookup(P.MINIMUM_LIVING_STANDARD, ctx('2024-07-01', 'URBAN'))).toMatchObject({
      value: 660,
      ref: { version: '2024-07' },
    });
    expect(store.lookup(P.MINIMUM_LIVING_STANDARD, ctx('2024-06-30', 'RURAL')).value).toBe(440);
    expect(store.lookup(P.MINIMUM_LIVING_PAYMENT_FLOOR, ctx('2023-05-01', 'RURAL')).value).toBe(220);
  });

  it('throws PARAMETER_NOT_IN_FORCE for a date outside every version', () => {
    const e = (() => {
      try {
        store.lookup(P.MINIMUM_LIVING_STANDARD, ctx('2020-06-30', 'URBAN'));
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(PolicyInputError);
    expect((e as PolicyInputError).code).toBe('PARAMETER_NOT_IN_FORCE');
    expect((e as PolicyInputError).message).toBe(
      '参数 minimum_living.standard 在 2020-06-30（410526 城镇）没有生效的版本，请管理员补录',
    );
  });

  it('a latest version without a successor stays in force; an old yearly figure is marked stale, never refused', () => {
    const r = store.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, { date: '2026-12-01', county: '410502', area: 'URBAN' });
    expect(r).toMatchObject({
      value: 40000,
      ref: { version: '2023-figure', stale: { figureYear: 2023, expectedYear: 2025 } },
    });
    expect(
      store.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, { date: '2024-05-01', county: '410502', area: 'URBAN' }).ref
        .stale,
    ).toBeUndefined();
    const listed = store
      .inForce({ date: '2026-12-01', county: '410502', area: 'URBAN' })
      .find((v) => v.id === P.PREVIOUS_YEAR_DISPOSABLE_INCOME);
    expect(listed).toMatchObject({ version: '2023-figure', stale: { figureYear: 2023, expectedYear: 2025 } });
    // A shipped figure for the expected year removes the marker.
    const entered = new ParameterStore([
      ...DEFAULT_PARAMETERS.filter(
        (v) => !(v.id === P.PREVIOUS_YEAR_DISPOSABLE_INCOME && v.division === '410502' && v.version === '2023-figure'),
      ),
      {
        id: P.PREVIOUS_YEAR_DISPOSABLE_INCOME,
        version: '2023-figure',
        figureYear: 2023,
        validFrom: '2024-01-01',
        validTo: '2026-01-01',
        division: '410502',
        area: 'URBAN',
        value: 40000,
        unit: 'YUAN_PER_PERSON_YEAR',
        citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT', note: '测试' }],
      },
      {
        id: P.PREVIOUS_YEAR_DISPOSABLE_INCOME,
        version: '2025-figure',
        figureYear: 2025,
        validFrom: '2026-01-01',
        division: '410502',
        area: 'URBAN',
        value: 43000,
        unit: 'YUAN_PER_PERSON_YEAR',
        citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT', note: '测试' }],
      },
    ]);
    expect(
      entered.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, { date: '2026-12-01', county: '410502', area: 'URBAN' }),
    ).toMatchObject({ value: 43000, ref: { version: '2025-figure' } });
    expect(
      entered.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, { date: '2026-12-01', county: '410502', area: 'URBAN' }).ref
        .stale,
    ).toBeUndefined();
    // The yearly statistics among an evaluation's references, once each, stale or not (the worker's task for the administrator).
    const ctx = { date: '2026-12-01', county: '410502', area: 'URBAN' as const };
    const refs = (s: ParameterStore) => [
      s.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, ctx).ref,
      s.lookup(P.ADULT_AGE, ctx).ref,
      s.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, ctx).ref,
    ];
    const use = {
      parameterId: P.PREVIOUS_YEAR_DISPOSABLE_INCOME,
      division: '410502',
      area: 'URBAN',
      expectedYear: 2025,
    };
    expect(statisticUses(store, refs(store), ctx.date)).toEqual([{ ...use, figureYear: 2023, stale: true }]);
    expect(statisticUses(entered, refs(entered), ctx.date)).toEqual([{ ...use, figureYear: 2025, stale: false }]);
  });

  it('every shipped parameter is in force for every county and area from 2021-07-01 to 400 days after today', () => {
    const ids = [...new Set(DEFAULT_PARAMETERS.map((v) => v.id))];
    const today = new Date();
    const dates: string[] = [];
    for (let t = Date.UTC(2021, 6, 1); t <= today.getTime() + 400 * 86_400_000; t += 13 * 86_400_000)
      dates.push(new Date(t).toISOString().slice(0, 10));
    dates.push(today.toISOString().slice(0, 10));
    const missing: string[] = [];
    for (const county of ANYANG_COUNTY_CODES)
      for (const area of ['URBAN', 'RURAL'] as const)
        for (const date of dates)
          for (const id of ids) {
            try {
              store.lookup(id, { date, county, area });
            } catch {
              missing.push(`${id} ${county} ${area} ${date}`);
            }
          }
    expect(missing).toEqual([]);
  });

  it('a county record overrides the city default; other counties keep the city value', () => {
    const s = new ParameterStore([
      ...DEFAULT_PARAMETERS,
      {
        id: P.MINIMUM_LIVING_STANDARD,
        version: 'lz',
        validFrom: '2024-01-01',
        division: '410581',
        area: 'URBAN',
        value: 700,
        unit: 'YUAN_PER_PERSON_MONTH',
        citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT', note: '测试' }],
      },
    ]);
    expect(s.lookup(P.MINIMUM_LIVING_STANDARD, { date: '2024-03-01', county: '410581', area: 'URBAN' }).value).toBe(
      700,
    );
    expect(s.lookup(P.MINIMUM_LIVING_STANDARD, { date: '2024-03-01', county: '410502', area: 'URBAN' }).value).toBe(
      630,
    );
  });

  it('previous-year disposable income is per county and year', () => {
    expect(
      store.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, { date: '2023-12-31', county: '410502', area: 'URBAN' }).ref
        .version,
    ).toBe('2022-figure');
    expect(
      store.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, { date: '2024-01-01', county: '410502', area: 'URBAN' }).ref
        .version,
    ).toBe('2023-figure');
    expect(
      store.lookup(P.PREVIOUS_YEAR_DISPOSABLE_INCOME, { date: '2024-01-01', county: '410527', area: 'RURAL' }).record
        .division,
    ).toBe('410527');
  });

  it('rejects overlapping versions, records without a source and sources not in the registry', () => {
    const base: ParameterVersion = {
      id: 'x',
      version: '1',
      validFrom: '2024-01-01',
      division: '410500',
      value: 1,
      unit: 'RATIO',
      citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT' }],
    };
    expect(() => new ParameterStore([base, { ...base, version: '2', validFrom: '2024-06-01' }])).toThrow(/有效期重叠/);
    expect(() => new ParameterStore([{ ...base, citations: [] }])).toThrow(PolicyInputError);
    expect(() => new ParameterStore([{ ...base, citations: [{ sourceId: 'NOT_REGISTERED' }] }])).toThrow(/未登记/);
    expect(
      () =>
        new ParameterStore([
          { ...base, validTo: '2025-01-01' },
          { ...base, version: '2', validFrom: '2025-01-01' },
          { ...base, version: '0', validFrom: '2023-01-01', validTo: '2024-01-01' },
        ]),
    ).not.toThrow();
  });

  it('inForce lists every parameter with its source, both areas without an area', () => {
    const list = store.inForce({ date: '2024-07-01', county: '410502' });
    const std = list.filter((r) => r.id === P.MINIMUM_LIVING_STANDARD);
    expect(std.map((r) => [r.area, r.value])).toEqual([
      ['URBAN', 660],
      ['RURAL', 470],
    ]);
    for (const r of list) expect(r.source.length).toBeGreaterThan(0);
    const ids = new Set(list.map((r) => r.id));
    for (const id of Object.values(P)) expect(ids.has(id)).toBe(true);
  });

  it('every time limit carries its unit', () => {
    const units = Object.fromEntries(
      DEFAULT_PARAMETERS.filter((r) => r.id.startsWith('time_limit.')).map((r) => [r.id, r.unit]),
    );
    expect(units[P.TL_ACCEPTANCE]).toBe('WORKING_DAYS');
    expect(units[P.TL_PUBLICITY]).toBe('NATURAL_DAYS');
    expect(units[P.TL_SUPPLEMENT]).toBe('NATURAL_DAYS');
    expect(units[P.TL_DEATH_PROCESSING]).toBe('MONTHS');
    expect(units[P.TL_WHOLE_PROCESS_EXTENDED]).toBe('WORKING_DAYS');
  });
});

describe('phaseOutMonthsRemaining (安政办〔2024〕1号 二(四)5)', () => {
  const store = defaultParameterStore();
  const at = (date: string, grantedMonths?: number) =>
    phaseOutMonthsRemaining(
      { phaseOutStart: '2024-01-31', date, county: '410502', area: 'URBAN', grantedMonths },
      store,
    );
  it('counts whole months and never exceeds the maximum', () => {
    expect(at('2024-01-31').monthsRemaining).toBe(6);
    expect(at('2023-12-01').monthsRemaining).toBe(6);
    expect(at('2024-02-28').monthsRemaining).toBe(6);
    expect(at('2024-02-29').monthsRemaining).toBe(5);
    expect(at('2024-07-30').monthsRemaining).toBe(1);
    expect(at('2024-07-31').monthsRemaining).toBe(0);
    expect(at('2030-01-01').monthsRemaining).toBe(0);
    expect(at('2024-01-31', 12)).toMatchObject({ grantedMonths: 6, monthsRemaining: 6, endDate: '2024-07-31' });
    expect(at('2024-01-31', 3).endDate).toBe('2024-04-30');
  });
});
