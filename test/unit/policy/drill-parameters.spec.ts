import { planDue } from '../../../src/applications/due-dates';
import { ANYANG_COUNTY_CODES } from '../../../src/core/contracts/household-facts';
import {
  DEFAULT_PARAMETERS,
  DRILL_MINUTES,
  DRILL_SOURCE,
  NOT_A_WAIT,
  ParameterStore,
  PARAMETER_IDS as P,
  PolicyInputError,
  defaultCalendar,
  defaultParameterStore,
  drillParameterStore,
  drillParameterVersions,
  dueDate,
  evaluateHousehold,
  limitEndsAt,
  limitLengthZh,
  timeLimitOf,
} from '../../../src/policy';
import { household, member, monthly } from './fixtures';

// The drill parameter set (SAFETYNET_DRILL) and the time-limit rules it leans on: natural
// days may be fractions (minutes), months must be whole, and every natural-day or month
// parameter is either shortened by the drill or declared not to be a wait.

const calendar = defaultCalendar();
const drill = drillParameterStore();
const at = (cstDateTime: string) => new Date(`${cstDateTime}+08:00`).toISOString();
const MINUTE = 60_000;

describe('drill parameter set', () => {
  const dayOrMonth = [
    ...new Set(DEFAULT_PARAMETERS.filter((r) => r.unit === 'NATURAL_DAYS' || r.unit === 'MONTHS').map((r) => r.id)),
  ];

  it('covers every natural-day and month parameter: shortened, or declared not to be a wait', () => {
    const forgotten = dayOrMonth.filter((id) => !(id in DRILL_MINUTES) && !(id in NOT_A_WAIT));
    expect(forgotten).toEqual([]);
    expect(Object.keys(DRILL_MINUTES).filter((id) => id in NOT_A_WAIT)).toEqual([]);
    // …and names nothing else: every drilled id is a shipped natural-day or month limit.
    expect(Object.keys(DRILL_MINUTES).filter((id) => !dayOrMonth.includes(id))).toEqual([]);
    expect(Object.keys(NOT_A_WAIT).filter((id) => !dayOrMonth.includes(id))).toEqual([]);
    expect(Object.keys(DRILL_MINUTES)).toEqual(
      expect.arrayContaining([
        P.TL_PUBLICITY,
        P.TL_SUPPLEMENT,
        P.TL_DEATH_PROCESSING,
        P.PHASE_OUT_MAX_MONTHS,
        P.RECHECK_MINIMUM_LIVING_UNSTABLE,
      ]),
    );
  });

  it('every county resolves each drilled limit to a marked drill version of a few minutes', () => {
    const today = '2026-12-04';
    for (const county of ANYANG_COUNTY_CODES) {
      for (const [id, minutes] of Object.entries(DRILL_MINUTES)) {
        const limit = timeLimitOf(drill, id, { date: today, county });
        expect(limit).toMatchObject({
          unit: 'NATURAL_DAYS',
          parameter: { version: 'drill', division: county, source: DRILL_SOURCE, placeholder: true },
        });
        expect(limit.value * 1440).toBeCloseTo(minutes, 9);
        expect(minutes).toBeGreaterThanOrEqual(1);
        expect(minutes).toBeLessThanOrEqual(30);
      }
    }
    // The shipped store is untouched.
    expect(timeLimitOf(defaultParameterStore(), P.TL_PUBLICITY, { date: today, county: '410502' })).toMatchObject({
      value: 7,
      unit: 'NATURAL_DAYS',
      parameter: { version: '2021' },
    });
  });

  it('a scale shortens the same set further (a test waits seconds, not minutes)', () => {
    const fast = drillParameterVersions({ scale: 1 / 30, counties: ['410502'] }).find((r) => r.id === P.TL_PUBLICITY)!;
    expect((fast.value as number) * 86_400).toBeCloseTo(DRILL_MINUTES[P.TL_PUBLICITY] * 2, 6); // 3 minutes / 30 = 6 seconds
  });

  it('planDue: publicity and death processing run out after the drill minutes, not days and months', () => {
    const from = at('2026-12-04T10:00:00');
    expect(planDue(drill, calendar, { limitId: P.TL_PUBLICITY, from, county: '410502' }).dueAt).toBe(
      new Date(Date.parse(from) + 3 * MINUTE).toISOString(),
    );
    expect(planDue(drill, calendar, { limitId: P.TL_SUPPLEMENT, from, county: '410581' }).dueAt).toBe(
      new Date(Date.parse(from) + 15 * MINUTE).toISOString(),
    );
    expect(planDue(drill, calendar, { limitId: P.TL_DEATH_PROCESSING, from, county: '410502' }).dueAt).toBe(
      new Date(Date.parse(from) + 3 * MINUTE).toISOString(),
    );
    // Working-day limits are kept: a person completes those steps anyway.
    expect(planDue(drill, calendar, { limitId: P.TL_ACCEPTANCE, from, county: '410502' }).dueAt).toBe(
      planDue(defaultParameterStore(), calendar, { limitId: P.TL_ACCEPTANCE, from, county: '410502' }).dueAt,
    );
  });

  it('the engine states the drill phase-out in minutes, and the shipped one in months', () => {
    const facts = household({
      currentCategories: ['MINIMUM_LIVING'],
      members: [member('a', '1984-01-01', { employment: { employed: true } })],
      income: monthly('a', 'WAGE', 1000),
    });
    const reasonOf = (store: ParameterStore) =>
      evaluateHousehold(facts, store).categories.MINIMUM_LIVING.reasons.find(
        (r) => r.ruleId === 'MINIMUM_LIVING.PHASE_OUT',
      )!;
    expect(reasonOf(defaultParameterStore()).zh).toContain('不超过 6 个月的渐退期');
    const drilled = reasonOf(drill);
    expect(drilled.zh).toContain('不超过 6 分钟的渐退期');
    expect(drilled.zh).toContain('演练');
    expect(drilled.parameters).toEqual([
      expect.objectContaining({ id: P.PHASE_OUT_MAX_MONTHS, version: 'drill', source: DRILL_SOURCE }),
    ]);
  });
});

describe('time limits by unit', () => {
  const version = (value: number, unit: 'NATURAL_DAYS' | 'MONTHS' | 'WORKING_DAYS') =>
    new ParameterStore([
      ...DEFAULT_PARAMETERS,
      {
        id: P.TL_DEATH_PROCESSING,
        version: 't',
        validFrom: '2020-01-01',
        division: '410502',
        value,
        unit,
        citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT', note: '测试' }],
      },
    ]);
  const ctx = { date: '2026-12-04', county: '410502' };

  it('natural days may be fractions, counted as 24-hour periods to the millisecond', () => {
    const from = Date.parse(at('2026-12-04T10:00:00'));
    expect(limitEndsAt(from, { value: 0.5, unit: 'NATURAL_DAYS' })).toBe(from + 12 * 3600_000);
    expect(limitEndsAt(from, { value: 7, unit: 'NATURAL_DAYS' })).toBe(from + 7 * 86_400_000);
    expect(limitEndsAt(from, timeLimitOf(version(1 / 1440, 'NATURAL_DAYS'), P.TL_DEATH_PROCESSING, ctx))).toBe(
      from + MINUTE,
    );
  });

  it('months are whole calendar months, clamped to the month end', () => {
    expect(new Date(limitEndsAt(Date.parse('2026-08-31T02:00:00Z'), { value: 6, unit: 'MONTHS' })).toISOString()).toBe(
      '2027-03-03T02:00:00.000Z',
    ); // 31 Aug + 6 months: 31 Feb rolls over like Date (as plusMonths always did)
    expect(
      dueDate(P.TL_DEATH_PROCESSING, '2026-11-30', { county: '410502' }, defaultParameterStore(), calendar),
    ).toMatchObject({ date: '2027-02-28', unit: 'MONTHS' });
  });

  it('a fractional month, a non-positive natural-day count or a fractional working day is refused, not guessed', () => {
    for (const [value, unit] of [
      [0.5, 'MONTHS'],
      [0, 'MONTHS'],
      [0, 'NATURAL_DAYS'],
      [-1, 'NATURAL_DAYS'],
      [1.5, 'WORKING_DAYS'],
    ] as const) {
      const store = version(value, unit);
      expect(() => timeLimitOf(store, P.TL_DEATH_PROCESSING, ctx)).toThrow(PolicyInputError);
      expect(() =>
        planDue(store, calendar, { limitId: P.TL_DEATH_PROCESSING, from: at('2026-12-04T10:00:00'), county: '410502' }),
      ).toThrow(/期限参数/);
    }
  });

  it('a date-level due date drops the fraction of a day', () => {
    expect(
      dueDate(P.TL_DEATH_PROCESSING, '2026-12-04', { county: '410502' }, version(0.002, 'NATURAL_DAYS'), calendar),
    ).toMatchObject({ date: '2026-12-04', unit: 'NATURAL_DAYS' });
    expect(
      dueDate(P.TL_DEATH_PROCESSING, '2026-12-04', { county: '410502' }, version(2.5, 'NATURAL_DAYS'), calendar),
    ).toMatchObject({ date: '2026-12-06' });
  });

  it('lengths read as a person says them', () => {
    expect(limitLengthZh({ value: 6, unit: 'MONTHS' })).toBe('6 个月');
    expect(limitLengthZh({ value: 15, unit: 'NATURAL_DAYS' })).toBe('15 天');
    expect(limitLengthZh({ value: 3 / 1440, unit: 'NATURAL_DAYS' })).toBe('3 分钟');
    expect(limitLengthZh({ value: 6 / 86_400, unit: 'NATURAL_DAYS' })).toBe('6 秒');
  });
});
