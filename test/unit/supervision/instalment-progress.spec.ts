import { instalmentProgress } from '../../../src/supervision/recovery/instalment-progress';

describe('what each instalment of a recovery plan has been paid', () => {
  const plan = [
    { dueOn: '2027-01-31', amount: '300.00' },
    { dueOn: '2027-02-28', amount: '300.00' },
    { dueOn: '2027-03-31', amount: '150.50' },
  ];

  it('applies the repayments since the plan to the instalments in due order', () => {
    // 1000 owed, 249.50 repaid before the plan (so it plans 750.50), 450 since.
    const rows = instalmentProgress(plan, '1000.00', '699.50');
    expect(rows.map((r) => [r.paid, r.settled])).toEqual([
      ['300.00', true],
      ['150.00', false],
      ['0.00', false],
    ]);
  });

  it('counts nothing against the plan for what was repaid before it', () => {
    expect(instalmentProgress(plan, '1000.00', '249.50').every((r) => r.paid === '0.00')).toBe(true);
  });

  it('settles every instalment once the debt is repaid', () => {
    expect(instalmentProgress(plan, '1000.00', '1000.00').every((r) => r.settled)).toBe(true);
  });
});
