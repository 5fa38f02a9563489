import type { RecoveryFinding } from '../../../src/core/contracts/recovery';
import { defaultParameterStore } from '../../../src/policy';
import { computeOverpayment, firstAffectedMonth, type PaidMonth } from '../../../src/policy/recovery';
import { household, member, monthly } from './fixtures';

// The month-by-month overpayment of a recovery (追缴): two members, a wage of 600 a month,
// urban 文峰区, paid ¥660 a month (gap method: (630 − 300) × 2, the standard of the facts'
// date); from 2024-07 the standard is 660 and the floor 330 (the parameters of each month).
const FACTS = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});
const params = defaultParameterStore();
const paid = (from: string, n: number, cents = 66_000): PaidMonth[] =>
  Array.from({ length: n }, (_, i) => {
    const k = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
    return { month: `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`, amountCents: cents };
  });
const finding = (f: Partial<RecoveryFinding> & Pick<RecoveryFinding, 'kind' | 'effectiveFrom'>): RecoveryFinding => ({
  description: '经复核查实',
  ...f,
});

describe('recovery: overpaid months from the paid rows', () => {
  it('a death removes the member from the month after it: one member, paid at the floor', () => {
    const r = computeOverpayment(
      {
        facts: FACTS,
        category: 'MINIMUM_LIVING',
        finding: finding({ kind: 'DEATH', effectiveFrom: '2025-05-10', memberId: 'p2' }),
        paid: paid('2025-01', 12),
      },
      params,
    );
    expect(r.firstMonth).toBe('2025-06');
    expect(r.months.map((m) => m.month)).toEqual([
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
    // One member, income 600 under 660: max(60, floor 330) = 330.
    for (const m of r.months)
      expect(m).toMatchObject({ paidCents: 66_000, entitledCents: 33_000, overpaidCents: 33_000 });
    expect(r.totalCents).toBe(7 * 33_000);
    expect(r.months[0]!.explanation[0]).toBe(
      '2025-06：已发放 660.00 元，按查实情况（家庭成员死亡）应享受 330.00 元，多发 330.00 元',
    );
    expect(r.months[0]!.explanation.some((l) => l.includes('补差'))).toBe(true);
  });

  it('income lifted by a job: the phase-out months are entitled as before (at that month’s standard), the months after are not', () => {
    const r = computeOverpayment(
      {
        facts: FACTS,
        category: 'MINIMUM_LIVING',
        finding: finding({
          kind: 'INCOME',
          effectiveFrom: '2025-03-01',
          effectiveTo: '2025-12-31',
          income: [{ memberId: 'p2', type: 'WAGE', monthlyAmount: 1500 }],
          employment: true,
        }),
        paid: [...paid('2025-01', 12), ...paid('2026-01', 2)],
      },
      params,
    );
    expect(r.months.map((m) => [m.month, m.entitledCents, m.overpaidCents])).toEqual([
      ['2025-03', 72_000, 0],
      ['2025-04', 72_000, 0],
      ['2025-05', 72_000, 0],
      ['2025-06', 72_000, 0],
      ['2025-07', 72_000, 0],
      ['2025-08', 72_000, 0],
      ['2025-09', 0, 66_000],
      ['2025-10', 0, 66_000],
      ['2025-11', 0, 66_000],
      ['2025-12', 0, 66_000],
    ]);
    expect(r.totalCents).toBe(4 * 66_000);
    expect(r.months[0]!.explanation[1]).toContain('渐退期第 1 个月（共 6 个月');
    expect(r.months[6]!.explanation.length).toBeGreaterThan(1);
  });

  it('a member who moved out; assets over the limits; nothing paid after the finding', () => {
    const moved = computeOverpayment(
      {
        facts: FACTS,
        category: 'MINIMUM_LIVING',
        finding: finding({ kind: 'MEMBERS', effectiveFrom: '2026-09-01', memberId: 'p2' }),
        paid: paid('2026-08', 3),
      },
      params,
    );
    expect(moved.months.map((m) => m.overpaidCents)).toEqual([33_000, 33_000]);
    const assets = computeOverpayment(
      {
        facts: FACTS,
        category: 'MINIMUM_LIVING',
        finding: finding({ kind: 'ASSETS', effectiveFrom: '2025-11-15' }),
        paid: paid('2025-10', 3),
      },
      params,
    );
    expect(assets.totalCents).toBe(2 * 66_000);
    expect(assets.months[0]!.explanation[1]).toBe('经查实：经复核查实，该月不符合保障条件');
    const none = computeOverpayment(
      {
        facts: FACTS,
        category: 'MINIMUM_LIVING',
        finding: finding({ kind: 'DEATH', effectiveFrom: '2027-01-01', memberId: 'p2' }),
        paid: paid('2025-01', 3),
      },
      params,
    );
    expect(none).toEqual({ firstMonth: '2027-02', months: [], totalCents: 0 });
    expect(firstAffectedMonth(finding({ kind: 'DEATH', effectiveFrom: '2025-12-31', memberId: 'p1' }))).toBe('2026-01');
  });
});
