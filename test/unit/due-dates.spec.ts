import { planDue } from '../../src/applications/due-dates';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore, defaultCalendar } from '../../src/policy';

// Due dates of the time-limit parameters, by unit (working days, natural days, months).

const calendar = defaultCalendar();
const store = new ParameterStore(DEFAULT_PARAMETERS);
const at = (cstDateTime: string) => new Date(`${cstDateTime}+08:00`).toISOString();

describe('planDue', () => {
  it('working days end at the close of the due day, skipping the 2026 National Day holiday', () => {
    // acceptance: 5 working days from 30 Sep 2026: 1–7 Oct are holidays; 8, 9, 10 (a Saturday make-up day), 12, 13 Oct
    const due = planDue(store, calendar, {
      limitId: PARAMETER_IDS.TL_ACCEPTANCE,
      from: at('2026-09-30T10:00:00'),
      county: '410502',
    });
    expect(due.dueAt).toBe(at('2026-10-13T23:59:59'));
    expect(due.provisional).toBe(false);
    expect(due.reminderShare).toBe(0.8);
  });

  it('natural days are whole 24-hour days from the start (publicity: 7 days)', () => {
    const due = planDue(store, calendar, {
      limitId: PARAMETER_IDS.TL_PUBLICITY,
      from: at('2026-11-29T09:30:00'),
      county: '410502',
    });
    expect(due.dueAt).toBe(at('2026-12-06T09:30:00'));
  });

  it('months are calendar months clamped to the month end (death processing: 3 months)', () => {
    const due = planDue(store, calendar, {
      limitId: PARAMETER_IDS.TL_DEATH_PROCESSING,
      from: at('2026-11-29T15:00:00'),
      county: '410502',
    });
    expect(due.dueAt).toBe(at('2027-02-28T23:59:59'));
  });

  it('an explicit extension counts working days from the given date; 2027 has no published schedule yet', () => {
    const due = planDue(store, calendar, {
      limitId: null,
      workingDays: 3,
      from: at('2026-12-30T12:00:00'),
      county: '410502',
    });
    expect(due.provisional).toBe(true);
    expect(due.dueAt).toBe(at('2027-01-05T23:59:59')); // 31 Dec, (1 Jan holiday), 4 Jan, 5 Jan
  });
});
