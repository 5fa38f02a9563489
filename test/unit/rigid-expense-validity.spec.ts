import { planValidity } from '../../src/enrolment/validity';
import { DEFAULT_PARAMETERS, defaultCalendar, defaultParameterStore, PARAMETER_IDS } from '../../src/policy';

// A 刚性支出 recognition's period and its renewal date, from the parameters and the calendar.

describe('rigid-expense validity', () => {
  const params = defaultParameterStore();
  const cal = defaultCalendar();

  it('12 months from the start; the renewal opens at the start of the 20th working day before the end day (2026: across Mid-Autumn and National Day)', () => {
    // Ends Fri 2026-10-16 10:00 CST; counting back 20 working days skips 1–7 Oct and Mid-Autumn (25 Sep), and counts
    // the make-up days Sat 10 Oct and Sun 20 Sep: Mon 14 Sep.
    const p = planValidity(params, cal, { from: '2025-10-16T02:00:00.000Z', county: '410502' });
    expect(p.validUntil).toBe('2026-10-16T02:00:00.000Z');
    expect(p).toMatchObject({ renewalAt: '2026-09-13T16:00:00.000Z', provisional: false }); // 2026-09-14 00:00 CST
    expect(cal.workingDaysBetween('2026-09-13', '2026-10-15').days).toBe(20); // 14 Sep … 15 Oct: 20 working days before the last day
  });

  it('a renewal extends from the end of the period it renews, not from the decision', () => {
    const first = planValidity(params, cal, { from: '2025-03-01T00:00:00.000Z', county: '410502' });
    const second = planValidity(params, cal, { from: first.validUntil, county: '410502' });
    expect(second.validUntil).toBe('2027-03-01T00:00:00.000Z');
  });

  it('both numbers are parameters with their source; the renewal lead is a local default (placeholder)', () => {
    const validity = DEFAULT_PARAMETERS.find((v) => v.id === PARAMETER_IDS.RIGID_EXPENSE_VALIDITY);
    expect(validity).toMatchObject({
      value: 12,
      unit: 'MONTHS',
      citations: [{ sourceId: 'MCA_RIGID_EXPENSE_2025', article: '第八条' }],
    });
    expect(validity?.placeholder).toBeFalsy();
    const lead = DEFAULT_PARAMETERS.find((v) => v.id === PARAMETER_IDS.RIGID_EXPENSE_RENEWAL_LEAD);
    expect(lead).toMatchObject({ value: 20, unit: 'WORKING_DAYS', placeholder: true });
    expect(lead?.citations.map((c) => c.sourceId)).toEqual(['ANYANG_LOCAL_DEFAULT', 'MCA_RIGID_EXPENSE_2025']);
  });

  it('subtractWorkingDays mirrors addWorkingDays', () => {
    for (const start of ['2026-01-05', '2026-09-28', '2026-02-10']) {
      for (const n of [1, 5, 20])
        expect(cal.subtractWorkingDays(cal.addWorkingDays(start, n).date, n).date <= start).toBe(true);
      expect(cal.addWorkingDays(cal.subtractWorkingDays(start, 7).date, 7).date).toBe(start);
    }
  });
});
