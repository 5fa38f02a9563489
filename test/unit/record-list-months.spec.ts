import { monthsBefore, PaymentBatchListQuery } from '../../src/core/contracts/record-lists';

describe('the months a payment-batch list spans', () => {
  it('counts back across years', () => {
    expect(monthsBefore('2026-03', 11)).toBe('2025-04');
    expect(monthsBefore('2026-12', 11)).toBe('2026-01');
  });

  it('never answers with something that is not a month, however early the last month asked for', () => {
    expect(monthsBefore('0000-01', 11)).toBe('0000-01');
    expect(monthsBefore('0001-02', 11)).toBe('0000-03');
    expect(monthsBefore('0000-05', 11)).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
  });

  it('refuses a span longer than three years, naming the field', () => {
    const r = PaymentBatchListQuery.safeParse({ from: '2020-01', to: '2026-12' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['from']);
  });
});
