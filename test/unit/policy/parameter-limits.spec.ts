import {
  checkProposedValue,
  closeLines,
  DEFAULT_PARAMETERS,
  PARAMETER_IDS as P,
  ParameterStore,
  type ParameterVersion,
} from '../../../src/policy';

// What a proposed parameter version must satisfy, and how the store closes a line whose
// rows are immutable (the next version's first day ends the one before).

describe('checkProposedValue', () => {
  const codes = (...args: Parameters<typeof checkProposedValue>) => checkProposedValue(...args).map((f) => f.code);

  it('refuses a unit that is not the parameter’s, naming the field', () => {
    const [f] = checkProposedValue(P.MINIMUM_LIVING_STANDARD, 'YUAN_PER_PERSON_MONTH', 'YUAN_PER_PERSON_YEAR', 700);
    expect(f).toMatchObject({ path: 'unit', code: 'UNIT_MISMATCH' });
    expect(f!.message).toContain('YUAN_PER_PERSON_MONTH');
  });

  it('refuses a standard that is not positive and accepts a positive one', () => {
    expect(codes(P.MINIMUM_LIVING_STANDARD, 'YUAN_PER_PERSON_MONTH', 'YUAN_PER_PERSON_MONTH', 0)).toEqual([
      'NOT_POSITIVE',
    ]);
    expect(codes(P.MINIMUM_LIVING_STANDARD, 'YUAN_PER_PERSON_MONTH', 'YUAN_PER_PERSON_MONTH', -5)).toEqual([
      'NOT_POSITIVE',
    ]);
    expect(codes(P.MINIMUM_LIVING_STANDARD, 'YUAN_PER_PERSON_MONTH', 'YUAN_PER_PERSON_MONTH', 720)).toEqual([]);
  });

  it('refuses a multiplier outside its plausible range, at both ends', () => {
    expect(codes(P.NEAR_MINIMUM_INCOME_MULTIPLIER, 'RATIO', 'RATIO', 15)).toEqual(['OUT_OF_RANGE']);
    expect(codes(P.DESTITUTE_SUPPORT_MULTIPLIER, 'RATIO', 'RATIO', 0.9)).toEqual(['OUT_OF_RANGE']);
    expect(codes(P.NEAR_MINIMUM_INCOME_MULTIPLIER, 'RATIO', 'RATIO', 1.6)).toEqual([]);
  });

  it('refuses a tier table that does not cover every gap share from 0 to 1', () => {
    const tiers = P.MINIMUM_LIVING_PAYMENT_TIERS;
    const no0 = [
      { minGapShare: 0.8, payShare: 1 },
      { minGapShare: 0.3, payShare: 0.5 },
    ];
    expect(checkProposedValue(tiers, 'TABLE', 'TABLE', no0)).toEqual([
      expect.objectContaining({ path: 'value.1.minGapShare', code: 'TIER_COVERAGE' }),
    ]);
    const unordered = [
      { minGapShare: 0.3, payShare: 0.5 },
      { minGapShare: 0.8, payShare: 1 },
      { minGapShare: 0, payShare: 0.2 },
    ];
    expect(codes(tiers, 'TABLE', 'TABLE', unordered)).toContain('TIER_ORDER');
    expect(codes(tiers, 'TABLE', 'TABLE', [{ minGapShare: 0, payShare: 1.4 }])).toEqual(['TIER_SHARE']);
    const shipped = DEFAULT_PARAMETERS.find((r) => r.id === tiers)!;
    expect(codes(tiers, 'TABLE', 'TABLE', shipped.value)).toEqual([]);
  });

  it('refuses a value of the wrong shape for its unit', () => {
    expect(codes(P.MINIMUM_LIVING_PAYMENT_METHOD, 'ENUM', 'ENUM', 3)).toEqual(['VALUE_SHAPE']);
    expect(codes(P.TL_PUBLICITY, 'NATURAL_DAYS', 'NATURAL_DAYS', 'seven')).toEqual(['VALUE_SHAPE']);
  });
});

describe('closeLines', () => {
  const base: ParameterVersion = {
    id: P.MINIMUM_LIVING_STANDARD,
    version: '2023',
    validFrom: '2023-01-01',
    division: '410500',
    area: 'URBAN',
    value: 700,
    unit: 'YUAN_PER_PERSON_MONTH',
    citations: [{ sourceId: 'HENAN_STANDARDS_2023' }],
  };

  it('ends a version at the next one’s first day, so the store finds each in its own period', () => {
    const next = { ...base, version: '2027-01-01', validFrom: '2027-01-01', value: 760 };
    const closed = closeLines([
      { record: next, approved: true },
      { record: base, approved: false },
    ]);
    expect(closed.find((r) => r.version === '2023')!.validTo).toBe('2027-01-01');
    const store = new ParameterStore(closed);
    const at = (date: string) => store.lookupNumber(base.id, { date, county: '410502', area: 'URBAN' });
    expect(at('2026-12-31').value).toBe(700);
    expect(at('2027-01-01').value).toBe(760);
    expect(at('2027-01-01').ref.version).toBe('2027-01-01');
  });

  it('keeps an earlier explicit validTo, and lets an approved version replace a shipped one of the same day', () => {
    const ended = { ...base, validTo: '2024-01-01' };
    const later = { ...base, version: '2025', validFrom: '2025-01-01', value: 740 };
    const sameDay = { ...later, version: '2025-01-01', value: 745 };
    const closed = closeLines([
      { record: ended, approved: false },
      { record: later, approved: false },
      { record: sameDay, approved: true },
    ]);
    expect(closed.find((r) => r.version === '2023')!.validTo).toBe('2024-01-01');
    expect(closed.map((r) => r.version).sort()).toEqual(['2023', '2025-01-01']);
  });

  it('leaves the shipped set unchanged (its lines never overlap)', () => {
    const closed = closeLines(DEFAULT_PARAMETERS.map((record) => ({ record, approved: false })));
    expect(closed).toHaveLength(DEFAULT_PARAMETERS.length);
    for (const r of closed) {
      const shipped = DEFAULT_PARAMETERS.find(
        (s) => s.id === r.id && s.version === r.version && s.division === r.division && s.area === r.area,
      );
      expect(r.validTo).toBe(shipped!.validTo);
    }
  });
});
