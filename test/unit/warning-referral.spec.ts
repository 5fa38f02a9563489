import { alreadyServed } from '../../src/assistance/case-change-referrals';
import { memberSituations } from '../../src/assistance/member-situations';
import { entitlementMatrix } from '../../src/assistance/warning-referral.activities';
import { warningReferralRule } from '../../src/assistance/warning-referral';
import { defaultParameterStore } from '../../src/policy';

// Which item a warning routed to a department becomes, and what a kept case is owed again.

describe('a warning routed to a department (warningReferralRule)', () => {
  const store = defaultParameterStore();
  // Today's matrix: the rule holds on the date it runs.
  const today = new Date().toISOString().slice(0, 10);
  const both = entitlementMatrix(store, today, '410502', null);
  const rural = entitlementMatrix(store, today, '410502', 'RURAL');

  it('a department that delivers one item gets it without being told', () => {
    const r = warningReferralRule(both, 'EMERGENCY_MANAGEMENT', undefined, null);
    expect(r).toMatchObject({ ok: true, rule: { entitlement: 'DISASTER_RELIEF', timeLimitWorkingDays: 10 } });
    expect(warningReferralRule(both, 'EDUCATION', undefined, null)).toMatchObject({
      ok: true,
      rule: { entitlement: 'EDUCATION_AID', periodicity: 'YEARLY' },
    });
  });

  it('housing is one item once the area is known, two while it is not', () => {
    expect(warningReferralRule(rural, 'HOUSING', undefined, 'RURAL')).toMatchObject({
      ok: true,
      rule: { entitlement: 'HOUSING_RENOVATION' },
    });
    const unknown = warningReferralRule(both, 'HOUSING', undefined, null);
    expect(unknown).toMatchObject({ ok: false, path: 'entitlement' });
    expect(unknown.ok ? '' : unknown.message).toContain('HOUSING_RENTAL_AID');
    // In town the rental aid, not the rural renovation.
    expect(warningReferralRule(rural, 'HOUSING', 'HOUSING_RENTAL_AID', 'RURAL')).toMatchObject({
      ok: false,
      path: 'entitlement',
    });
  });

  it('medical insurance delivers several items: the verifier names one, and it must be theirs', () => {
    const none = warningReferralRule(both, 'MEDICAL_INSURANCE', undefined, null);
    expect(none).toMatchObject({ ok: false, path: 'entitlement' });
    expect(none.ok ? '' : none.message).toMatch(/须选择其一.*MEDICAL_ASSISTANCE/);
    expect(warningReferralRule(both, 'MEDICAL_INSURANCE', 'MEDICAL_ASSISTANCE', null)).toMatchObject({
      ok: true,
      rule: { department: 'MEDICAL_INSURANCE', entitlement: 'MEDICAL_ASSISTANCE' },
    });
    expect(warningReferralRule(both, 'MEDICAL_INSURANCE', 'EDUCATION_AID', null)).toMatchObject({
      ok: false,
      path: 'entitlement',
      message: '教育救助不由医疗保障部门落实',
    });
  });

  it('a department with no item in the matrix is refused on the department', () => {
    const r = warningReferralRule(both, 'FINANCE', undefined, null);
    expect(r).toMatchObject({ ok: false, path: 'department' });
    expect(r.ok ? '' : r.message).toContain('财政');
  });
});

describe('what a kept case is owed again (alreadyServed, memberSituations)', () => {
  const row = (stage: string, outcome: string | null, periodicity: string, year: number) => ({
    stage,
    outcome,
    periodicity,
    year,
  });

  it('open, delivered this year or once, declined this year: served; otherwise owed again', () => {
    expect(alreadyServed(row('ACCEPTED', null, 'ONCE', 2025), 2026)).toBe(true);
    expect(alreadyServed(row('CLOSED', 'DELIVERED', 'ONCE', 2024), 2026)).toBe(true);
    expect(alreadyServed(row('CLOSED', 'DELIVERED', 'YEARLY', 2026), 2026)).toBe(true);
    expect(alreadyServed(row('CLOSED', 'DELIVERED', 'YEARLY', 2025), 2026)).toBe(false);
    expect(alreadyServed(row('CLOSED', 'DECLINED', 'ONCE', 2026), 2026)).toBe(true);
    expect(alreadyServed(row('CLOSED', 'DECLINED', 'ONCE', 2025), 2026)).toBe(false);
  });

  it('reads the situations from the facts, with working age from the parameters', () => {
    const limits = { severeMaxGrade: 2, adultAge: 16, elderlyAge: 60 };
    const member = {
      birthDate: '1990-06-30',
      student: false,
      seriousIllness: true,
      disabilityGrade: 2,
      labourCapacity: 'PARTIAL',
      employed: false,
    };
    expect(memberSituations(member, '2026-12-04', limits)).toEqual([
      'SERIOUSLY_ILL',
      'SEVERELY_DISABLED',
      'UNEMPLOYED_CAPABLE',
    ]);
    expect(memberSituations({ ...member, disabilityGrade: 3, employed: true }, '2026-12-04', limits)).toEqual([
      'SERIOUSLY_ILL',
    ]);
    // Sixteen on the birthday, not the day before.
    const young = { ...member, birthDate: '2010-12-05', seriousIllness: false, disabilityGrade: null };
    expect(memberSituations(young, '2026-12-04', limits)).toEqual([]);
    expect(memberSituations(young, '2026-12-05', limits)).toEqual(['UNEMPLOYED_CAPABLE']);
  });
});
