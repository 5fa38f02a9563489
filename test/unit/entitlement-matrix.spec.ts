import { owedEntitlements } from '../../src/assistance/entitlements';
import { defaultParameterStore, checkProposedValue, PARAMETER_IDS as P } from '../../src/policy';
import { ENTITLEMENT_MATRIX } from '../../src/policy/parameters/assistance';

describe('entitlement matrix (assistance.entitlement_matrix)', () => {
  const store = defaultParameterStore();
  const base = { date: '2026-03-02', county: '410526' } as const;

  it('a 特困 person with a student in the household is owed the full premium subsidy each and education aid for the student', () => {
    const { owed, ref } = owedEntitlements(store, {
      ...base,
      area: 'RURAL',
      category: 'DESTITUTE',
      members: [
        { memberRef: 'm1', situations: [] },
        { memberRef: 'm2', situations: ['STUDENT'] },
      ],
    });
    expect(owed.map((o) => `${o.memberRef}:${o.rule.entitlement}:${o.rule.department}`).sort()).toEqual([
      'm1:HOUSING_RENOVATION:HOUSING',
      'm1:MEDICAL_PREMIUM_FULL:MEDICAL_INSURANCE',
      'm2:EDUCATION_AID:EDUCATION',
      'm2:MEDICAL_PREMIUM_FULL:MEDICAL_INSURANCE',
    ]);
    expect(ref).toMatchObject({ id: P.ASSISTANCE_ENTITLEMENT_MATRIX, version: '2021', placeholder: true });
    expect(ref.source).toContain('二(四)3');
    const education = owed.find((o) => o.rule.entitlement === 'EDUCATION_AID')!.rule;
    expect(education).toMatchObject({ periodicity: 'YEARLY', amountRequired: 'YES', timeLimitWorkingDays: 20 });
  });

  it('area decides housing; category decides the premium subsidy and employment help', () => {
    const urban = owedEntitlements(store, {
      ...base,
      area: 'URBAN',
      category: 'MINIMUM_LIVING',
      members: [{ memberRef: 'm1', situations: ['UNEMPLOYED_CAPABLE', 'SERIOUSLY_ILL'] }],
    });
    expect(urban.owed.map((o) => o.rule.entitlement).sort()).toEqual([
      'EMPLOYMENT_ASSISTANCE',
      'HOUSING_RENTAL_AID',
      'MEDICAL_ASSISTANCE',
      'MEDICAL_PREMIUM_FIXED',
    ]);
    // A 特困 person has no labour capacity: no employment referral even if the situation is reported.
    const destitute = owedEntitlements(store, {
      ...base,
      area: 'URBAN',
      category: 'DESTITUTE',
      members: [{ memberRef: 'm1', situations: ['UNEMPLOYED_CAPABLE'] }],
    });
    expect(destitute.owed.map((o) => o.rule.entitlement)).not.toContain('EMPLOYMENT_ASSISTANCE');
  });

  it('covers every situation for every enrolled category in both areas, with no row twice', () => {
    const keys = ENTITLEMENT_MATRIX.map((r) => `${r.category}|${r.area}|${r.situation}|${r.entitlement}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const category of ['MINIMUM_LIVING', 'DESTITUTE', 'NEAR_MINIMUM', 'RIGID_EXPENSE'])
      for (const area of ['URBAN', 'RURAL'])
        for (const situation of [
          'STUDENT',
          'SERIOUSLY_ILL',
          'SEVERELY_DISABLED',
          'ELDERLY_DEPENDENT',
          'DISASTER_AFFECTED',
        ])
          expect(
            ENTITLEMENT_MATRIX.some((r) => r.category === category && r.area === area && r.situation === situation),
          ).toBe(true);
  });

  it('a proposed matrix is checked row by row before anyone can approve it', () => {
    const bad = [
      { ...ENTITLEMENT_MATRIX[0] },
      { ...ENTITLEMENT_MATRIX[0] },
      { ...ENTITLEMENT_MATRIX[1], department: 'POLICE', timeLimitWorkingDays: 0 },
    ];
    const findings = checkProposedValue(P.ASSISTANCE_ENTITLEMENT_MATRIX, 'TABLE', 'TABLE', bad);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'value.1', code: 'MATRIX_DUPLICATE' }),
        expect.objectContaining({ path: 'value.2.department', message: '责任部门不在代码表中' }),
        expect.objectContaining({ path: 'value.2.timeLimitWorkingDays', message: '办理时限至少 1 个工作日' }),
      ]),
    );
    expect(
      checkProposedValue(
        P.ASSISTANCE_ENTITLEMENT_MATRIX,
        'TABLE',
        'TABLE',
        ENTITLEMENT_MATRIX.map((r) => ({ ...r })),
      ),
    ).toEqual([]);
  });
});
