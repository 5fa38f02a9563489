import { fundFindings, isLate, type MonthInstruction } from '../../src/funds/fund-findings';
import { latestMonthPastDeadline, paymentDeadline } from '../../src/funds/fund-month';
import { DEFAULT_PARAMETERS, ParameterStore } from '../../src/policy';
import { cstDate } from '../../src/core/clock';
import { addMonths } from '../../src/core/months';

const parameters = new ParameterStore(DEFAULT_PARAMETERS);
const instruction = (over: Partial<MonthInstruction>): MonthInstruction => ({
  id: 'p',
  enrolledCaseId: 'c',
  category: 'MINIMUM_LIVING',
  amount: '600.00',
  status: 'PAID',
  paidAmount: '600.00',
  paidOn: '2026-11-10',
  paidTimes: 1,
  ...over,
});

describe('fund check rules', () => {
  it('the deadline is the parameter day of the month; the month checked is the latest past it', () => {
    expect(paymentDeadline(parameters, '410502', '2026-11')).toBe('2026-11-20');
    expect(latestMonthPastDeadline(parameters, '2026-11-20')).toBe('2026-10');
    expect(latestMonthPastDeadline(parameters, '2026-11-21')).toBe('2026-11');
    expect(latestMonthPastDeadline(parameters, '2027-01-05')).toBe('2026-12');
    // Today's date.
    const today = cstDate(new Date().toISOString());
    const month = latestMonthPastDeadline(parameters, today);
    expect([today.slice(0, 7), addMonths(today.slice(0, 7), -1)]).toContain(month);
    expect(today > paymentDeadline(parameters, '410502', month)).toBe(true);
  });

  it('late: pending past the deadline, or booked after it; never before the deadline', () => {
    expect(isLate(instruction({ status: 'PENDING', paidOn: null }), '2026-11-20', '2026-11-20')).toBe(false);
    expect(isLate(instruction({ status: 'PENDING', paidOn: null }), '2026-11-20', '2026-11-21')).toBe(true);
    expect(isLate(instruction({ paidOn: '2026-11-20' }), '2026-11-20', '2026-12-01')).toBe(false);
    expect(isLate(instruction({ paidOn: '2026-11-21' }), '2026-11-20', '2026-12-01')).toBe(true);
  });

  it('finds missing, failed, partial and duplicated payments, in fen (no float error)', () => {
    const findings = fundFindings(
      [
        { id: 'c', category: 'MINIMUM_LIVING', monthlyAmount: '600.00' },
        { id: 'm', category: 'DESTITUTE', monthlyAmount: '900.00' },
      ],
      [
        instruction({ id: 'full', enrolledCaseId: 'c', amount: '0.30', paidAmount: '0.30' }),
        instruction({ id: 'short', enrolledCaseId: 's', paidAmount: '599.99' }),
        instruction({ id: 'twice', enrolledCaseId: 't', paidAmount: '1200.00', paidTimes: 2 }),
        instruction({ id: 'failed', enrolledCaseId: 'f', status: 'FAILED', paidAmount: null, paidOn: null }),
      ],
      '2026-11-20',
      '2026-12-07',
    );
    expect(findings.map((f) => [f.kind, f.enrolledCaseId, f.paymentInstructionId])).toEqual([
      ['MISSING', 'm', null],
      ['PARTIAL', 's', 'short'],
      ['DUPLICATED', 't', 'twice'],
      ['FAILED', 'f', 'failed'],
    ]);
  });
});
