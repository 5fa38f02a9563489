import { planValidity } from '../../src/enrolment/validity';
import { projectCase, type ProjectedCase } from '../../src/policy-admin/projection';
import { defaultCalendar, defaultParameterStore } from '../../src/policy';
import { household, member, monthly } from './policy/fixtures';

// The policy projection's branches that the workflow and e2e tests do not reach: a 刚性支出
// recognition (renewals and validity ends) and a phase-out (its end, nothing after it).

describe('policy projection', () => {
  const params = defaultParameterStore();
  const calendar = defaultCalendar();
  const now = Date.parse('2026-03-01T02:00:00.000Z');
  const working = household({
    members: [member('p1', '1980-05-01'), member('p2', '1982-07-01', { relation: 'SPOUSE' })],
    income: monthly('p1', 'WAGE', 1000),
  });
  const base: ProjectedCase = {
    category: 'MINIMUM_LIVING',
    countyCode: '410502',
    facts: working,
    status: 'ACTIVE',
    nextRecheckAt: null,
    recheckRunning: false,
    lastRecheckAt: '2026-02-01T02:00:00.000Z',
    phaseOut: null,
    validity: null,
  };

  it('an unstable 低保 case: a recheck every 6 months from its last one, citing the unstable interval', () => {
    const entries = projectCase(params, calendar, base, { now, years: 2 });
    expect(entries.map((e) => e.date)).toEqual(['2026-08-01', '2027-02-01', '2027-08-01', '2028-02-01']);
    expect(entries[0]).toMatchObject({ kind: 'PERIODIC_RECHECK', label: '定期复核' });
    expect(entries[0].parameters[0]).toMatchObject({ id: 'recheck.minimum_living_unstable_months' });
  });

  it('a phase-out: its end from the parameter maximum, rechecks before it only', () => {
    const entries = projectCase(
      params,
      calendar,
      {
        ...base,
        status: 'PHASE_OUT',
        nextRecheckAt: '2026-04-10T02:00:00.000Z',
        phaseOut: { startedAt: '2026-02-01T02:00:00.000Z', endsAt: '2026-08-01T02:00:00.000Z' },
      },
      { now, years: 3 },
    );
    expect(entries.map((e) => [e.date, e.kind])).toEqual([
      ['2026-04-10', 'PERIODIC_RECHECK'],
      ['2026-08-01', 'PHASE_OUT_END'],
    ]);
    expect(entries[1].parameters[0]).toMatchObject({ id: 'minimum_living.phase_out_max_months' });
  });

  it('a 刚性支出 recognition: each renewal recheck before its period ends, then the next period from that end', () => {
    const first = planValidity(params, calendar, { from: '2026-02-01T02:00:00.000Z', county: '410502' });
    const second = planValidity(params, calendar, { from: first.validUntil, county: '410502' });
    const entries = projectCase(
      params,
      calendar,
      { ...base, category: 'RIGID_EXPENSE', validity: { until: first.validUntil, renewalAt: first.renewalAt } },
      { now, years: 2 },
    );
    expect(entries.map((e) => [e.at, e.kind])).toEqual([
      [first.renewalAt, 'RENEWAL_RECHECK'],
      [first.validUntil, 'VALIDITY_END'],
      [second.renewalAt, 'RENEWAL_RECHECK'],
      [second.validUntil, 'VALIDITY_END'],
    ]);
    expect(entries[0].parameters.map((p) => p.id)).toEqual([
      'rigid_expense.validity_months',
      'rigid_expense.renewal_lead_working_days',
    ]);
    expect(entries.every((e) => e.parameters.every((p) => p.source.length > 0))).toBe(true);
  });
});
