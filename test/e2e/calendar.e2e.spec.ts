import request from 'supertest';
import { FIXED_DATE_HOLIDAYS } from '../../src/policy';
import { cstDate } from '../../src/core/clock';
import { staffDriver } from '../support/staff';
import { startStack, type Stack } from '../support/stack';
import { household, member, monthly } from '../unit/policy/fixtures';

// Holiday schedules through HTTP: the built-in years, an administrator's
// load with its checks, and a running case whose provisional whole-process limit is
// planned again on the loaded year.

const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const facts = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('holiday schedules (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['village.assistant', 'township.caseworker', 'county.officer', 'administrator'])
      tokens[u] = await stack.tokenFor(u);
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const fixed = (year: number) => FIXED_DATE_HOLIDAYS.map((md) => `${year}-${md}`);

  it('lists the built-in years, and from which year on due dates are provisional', async () => {
    const res = await http.get('/api/v1/calendar/holiday-schedules').set(as('township.caseworker')).expect(200);
    const years = res.body.years as Array<{ year: number; origin: string; source: string }>;
    expect(years.find((y) => y.year === 2026)).toMatchObject({
      origin: 'BUILT_IN',
      source: expect.stringContaining('chinese-days'),
    });
    expect(years.some((y) => y.year === res.body.provisionalFrom)).toBe(false);
    expect(res.body.provisionalFrom).toBeGreaterThanOrEqual(Number(cstDate(new Date().toISOString()).slice(0, 4)));
    const missing = await http
      .get(`/api/v1/calendar/holiday-schedules/${res.body.provisionalFrom}`)
      .set(as('township.caseworker'))
      .expect(404);
    expect(missing.body.message).toContain('尚未载入');
  });

  it('refuses a load by anyone but an administrator (403), and a schedule that is not one for that year (400, by field)', async () => {
    const good = { holidays: fixed(2031), makeUpWorkdays: [], source: '国办发明电〔2030〕1号' };
    await http.put('/api/v1/calendar/holiday-schedules/2031').set(as('county.officer')).send(good).expect(403);

    const bad = await http
      .put('/api/v1/calendar/holiday-schedules/2031')
      .set(as('administrator'))
      .send({ holidays: ['2031-01-01', '2031-01-01', '2031-02-30'], makeUpWorkdays: ['2031-01-06'], source: '' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['holidays.2', 'source']),
    );

    const weekdayMakeUp = await http
      .put('/api/v1/calendar/holiday-schedules/2031')
      .set(as('administrator'))
      .send({ ...good, holidays: [...good.holidays, '2031-01-01'], makeUpWorkdays: ['2031-01-06'] }) // a Monday
      .expect(400);
    expect(weekdayMakeUp.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'holidays.5', message: expect.stringContaining('重复') }),
        expect.objectContaining({ path: 'makeUpWorkdays.0', message: expect.stringContaining('不是周六或周日') }),
      ]),
    );

    const otherYear = await http
      .put('/api/v1/calendar/holiday-schedules/2031')
      .set(as('administrator'))
      .send({ ...good, holidays: ['2030-10-01'] })
      .expect(400);
    expect(otherYear.body.errors).toEqual([expect.objectContaining({ path: 'holidays.0', code: 'NOT_IN_YEAR' })]);
    await http.put('/api/v1/calendar/holiday-schedules/1999').set(as('administrator')).send(good).expect(400);

    // None of these stored anything.
    expect(await stack.prisma.holidaySchedule.count()).toBe(0);
  });

  it('a load makes a running case plan its provisional whole-process limit again on the loaded year', async () => {
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .send({
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    const caseId = submitted.body.id as string;
    const staff = staffDriver(http, as);
    await staff
      .complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' })
      .then((r) => expect(r.status).toBe(200));
    const accepted = await staff.stageOf(caseId, 'INVESTIGATION');
    const before = accepted.processDueAt as string;
    const year = Number(cstDate(before).slice(0, 4));
    const listed = await http.get('/api/v1/calendar/holiday-schedules').set(as('township.caseworker')).expect(200);
    // 30 working days from acceptance end in a year without a published schedule: provisional.
    expect(year).toBeGreaterThanOrEqual(listed.body.provisionalFrom);

    // The notice for that year (test data): its fixed-date holidays, and the due day itself off.
    const loaded = await http
      .put(`/api/v1/calendar/holiday-schedules/${year}`)
      .set(as('administrator'))
      .send({
        holidays: [...new Set([...fixed(year), cstDate(before)])],
        makeUpWorkdays: [],
        source: '测试用节假日安排（国办发明电）',
      })
      .expect(200);
    expect(loaded.body).toMatchObject({
      year,
      origin: 'LOADED',
      loadedBy: 'demo-administrator',
      replaced: false,
      recalculation: { workflowId: expect.stringMatching(new RegExp(`^holiday-schedule-${year}-\\d+$`)) },
    });

    let shown = accepted;
    // The due date is written just before its timeline event: wait for both.
    const recalculated = (c: typeof accepted) =>
      (c.events as { type: string }[]).some((e) => e.type === 'PROCESS_DUE_RECALCULATED');
    for (let i = 0; i < 100 && (shown.processDueAt === before || !recalculated(shown)); i++) {
      await sleep(100);
      shown = (await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200)).body;
    }
    expect(Date.parse(shown.processDueAt)).toBeGreaterThan(Date.parse(before));
    expect(cstDate(shown.processDueAt)).not.toBe(cstDate(before));
    expect(shown.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'PROCESS_DUE_RECALCULATED',
          reason: expect.stringContaining('节假日安排已载入'),
        }),
      ]),
    );
    const audit = await stack.prisma.auditLog.findFirst({
      where: { action: 'HOLIDAY_SCHEDULE_LOADED', targetId: String(year) },
    });
    expect(audit).toMatchObject({ actorId: 'demo-administrator', role: 'ADMINISTRATOR' });

    const after = await http.get('/api/v1/calendar/holiday-schedules').set(as('township.caseworker')).expect(200);
    expect(after.body.years.find((y: { year: number }) => y.year === year)).toMatchObject({
      origin: 'LOADED',
      loadedBy: 'demo-administrator',
    });
    expect(after.body.provisionalFrom).not.toBe(year);
  });
});
