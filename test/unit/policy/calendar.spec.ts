import {
  WorkingDayCalendar,
  defaultCalendar,
  dueDate,
  defaultParameterStore,
  PolicyInputError,
  PARAMETER_IDS as P,
} from '../../../src/policy';

describe('WorkingDayCalendar (chinese-days 1.5.7 + administrator schedules)', () => {
  const cal = defaultCalendar();

  it('2026 National Day: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct are make-up working days', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(cal.addWorkingDays('2026-09-30', 1)).toEqual({ date: '2026-10-08', provisional: false });
    expect(cal.addWorkingDays('2026-09-30', 3)).toEqual({ date: '2026-10-10', provisional: false });
  });

  it('2026 New Year: 4 Jan (Sunday) is a make-up day; 2 Jan is off', () => {
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
    expect(cal.addWorkingDays('2025-12-31', 1).date).toBe('2026-01-04');
  });

  it('2025 Spring Festival and the 8 Feb make-up Saturday', () => {
    expect(cal.isWorkingDay('2025-01-28')).toBe(false);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    expect(cal.workingDaysBetween('2025-01-27', '2025-02-08')).toEqual({ days: 4, provisional: false }); // 5, 6, 7 Feb and Sat 8 Feb
  });

  it('workingDaysBetween is the inverse of addWorkingDays', () => {
    for (const [start, n] of [
      ['2024-09-27', 10],
      ['2026-02-10', 15],
      ['2025-04-30', 5],
    ] as const) {
      const due = cal.addWorkingDays(start, n);
      expect(cal.workingDaysBetween(start, due.date).days).toBe(n);
    }
    expect(cal.workingDaysBetween('2026-05-10', '2026-05-01').days).toBe(0);
    expect(cal.addWorkingDays('2026-05-06', 0).date).toBe('2026-05-06');
  });

  it('2027 is not in chinese-days 1.5.7: weekdays minus fixed-date holidays, provisional', () => {
    expect(cal.hasSchedule(2026)).toBe(true);
    expect(cal.hasSchedule(2027)).toBe(false);
    expect(cal.isWorkingDay('2027-10-01')).toBe(false); // Friday, National Day
    expect(cal.isWorkingDay('2027-10-04')).toBe(true); // Monday: unknown golden week, provisional
    expect(cal.isProvisional('2027-10-04')).toBe(true);
    expect(cal.addWorkingDays('2027-09-30', 1)).toEqual({ date: '2027-10-04', provisional: true });
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: true });
    expect(cal.workingDaysBetween('2026-12-30', '2027-01-05')).toEqual({ days: 3, provisional: true });
  });

  it('loading a 2027 schedule replaces the fallback and clears provisional', () => {
    const c = defaultCalendar();
    c.loadYear({
      year: 2027,
      holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      makeUpWorkdays: ['2027-09-26', '2027-10-09'],
      source: 'test schedule (State Council notice stand-in)',
    });
    expect(c.addWorkingDays('2027-09-30', 1)).toEqual({ date: '2027-10-08', provisional: false });
    expect(c.isWorkingDay('2027-10-09')).toBe(true);
    expect(c.isWorkingDay('2027-09-26')).toBe(true);
    // the shared default is untouched
    expect(defaultCalendar().hasSchedule(2027)).toBe(false);
  });

  it('refuses an inconsistent schedule with a typed error', () => {
    const c = new WorkingDayCalendar();
    expect(() => c.loadYear({ year: 2027, holidays: ['2028-01-01'], makeUpWorkdays: [], source: 'x' })).toThrow(
      PolicyInputError,
    );
    expect(() => c.loadYear({ year: 2027, holidays: [], makeUpWorkdays: ['2027-10-05'], source: 'x' })).toThrow(
      /不是周末/,
    );
    expect(() => c.loadYear({ year: 2027, holidays: ['2027-02-30'], makeUpWorkdays: [], source: 'x' })).toThrow(
      /不是有效日期/,
    );
  });

  it('natural days and leap years use UTC civil arithmetic', () => {
    expect(cal.addNaturalDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(cal.addNaturalDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(cal.addNaturalDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('dueDate combines time-limit parameters and the calendar', () => {
    const store = defaultParameterStore();
    const ws = { county: '410502' };
    expect(dueDate(P.TL_INVESTIGATION_START, '2026-09-30', ws, store, cal)).toMatchObject({
      date: '2026-10-10',
      unit: 'WORKING_DAYS',
      limit: 3,
      provisional: false,
    });
    expect(dueDate(P.TL_PUBLICITY, '2026-09-30', ws, store, cal)).toMatchObject({
      date: '2026-10-07',
      unit: 'NATURAL_DAYS',
    });
    expect(dueDate(P.TL_DEATH_PROCESSING, '2026-11-30', ws, store, cal)).toMatchObject({
      date: '2027-02-28',
      unit: 'MONTHS',
    });
    expect(dueDate(P.TL_WHOLE_PROCESS, '2026-12-15', ws, store, cal).provisional).toBe(true);
  });
});
