import request from 'supertest';
import { DRILL_MINUTES, DRILL_SOURCE, PARAMETER_IDS, drillParameterStore } from '../../src/policy';
import { staffDriver } from '../support/staff';
import { startStack, type Stack } from '../support/stack';
import { household, member, monthly } from '../unit/policy/fixtures';

// Drill mode on the real stack: the shipped drill parameter set (minutes for every natural-day
// and month limit), run here at 1/30 of its minutes so the real-time wait stays short —
// publicity 3 minutes becomes 6 seconds, a 6- or 12-month recheck 12 or 24 seconds. The
// case goes through publicity on the drill's clock, is marked drill, its notice says so,
// and its first periodic recheck starts within seconds.

const SCALE = 1 / 30;
const PUBLICITY_MS = DRILL_MINUTES[PARAMETER_IDS.TL_PUBLICITY] * SCALE * 60_000;
const LONGEST_RECHECK_MS = DRILL_MINUTES[PARAMETER_IDS.RECHECK_MINIMUM_LIVING_STABLE] * SCALE * 60_000;
const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const facts = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('drill mode (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // As `SAFETYNET_DRILL=1 npm start` sets it up: the switch, the launcher's embedded mark, the drill set.
    stack = await startStack(
      { SAFETYNET_DRILL: 'true', SAFETYNET_EMBEDDED: 'true' },
      { parameters: drillParameterStore({ scale: SCALE }) },
    );
    http = request(stack.app.getHttpServer());
    for (const u of ['village.assistant', 'township.caseworker', 'county.officer']) tokens[u] = await stack.tokenFor(u);
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const complete = (user: string, caseId: string, type: string, body: object) =>
    staffDriver(http, as).complete(user, caseId, type, body);
  const stageOf = (
    caseId: string,
    stage: string,
    timeoutMs?: number,
    ready?: (body: { events: { type: string }[] }) => boolean,
  ) => staffDriver(http, as).stageOf(caseId, stage, timeoutMs, ready);

  it('publicity runs on the drill minutes; the case, its list row, its notice and its enrolled case are marked; the recheck comes within seconds', async () => {
    expect(stack.config.SAFETYNET_DRILL).toBe(true);
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

    await complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' }).then((r) =>
      expect(r.status).toBe(200),
    );
    await complete('township.caseworker', caseId, 'START_INVESTIGATION', { action: 'startInvestigation' }).then((r) =>
      expect(r.status).toBe(200),
    );
    await complete('township.caseworker', caseId, 'HOME_VISIT', {
      action: 'recordHomeVisit',
      investigators: ['李调查', '王调查'],
      findings: '家中无大额财产',
      signedByHousehold: true,
    }).then((r) => expect(r.status).toBe(200));
    await complete('township.caseworker', caseId, 'REVIEW', {
      action: 'submitOpinion',
      proposal: 'APPROVE',
      reasons: ['家庭月人均收入低于低保标准'],
    }).then((r) => expect(r.status).toBe(200));

    // ---- publicity: due after the drill's seconds, not 7 days ----
    // The stage moves first; the publicity's own row (its end date, its event) a step later.
    const publicity = await stageOf(caseId, 'PUBLICITY', undefined, (b) =>
      b.events.some((e) => e.type === 'PUBLICITY_STARTED'),
    );
    const started = publicity.events.find((e: { type: string }) => e.type === 'PUBLICITY_STARTED');
    const length = Date.parse(publicity.stageDueAt) - Date.parse(started.at);
    expect(length).toBeGreaterThan(PUBLICITY_MS - 1_000);
    expect(length).toBeLessThan(PUBLICITY_MS + 1_000);
    const openedAt = Date.now();
    await stageOf(caseId, 'CONFIRMATION', PUBLICITY_MS + 15_000);
    expect(Date.now() - openedAt).toBeLessThan(PUBLICITY_MS + 15_000);
    await complete('county.officer', caseId, 'CONFIRM', { action: 'confirm' }).then((r) => expect(r.status).toBe(200));
    const done = await stageOf(caseId, 'ENROLLED');

    // ---- the marks ----
    expect(done.drill).toBe(true);
    expect(done.notices).toEqual([
      expect.objectContaining({ kind: 'DECISION_APPROVED', text: expect.stringMatching(/^【演练】.*不具法律效力/) }),
    ]);
    const listed = await http.get('/api/v1/cases?county=410502&stage=ENROLLED').set(as('county.officer')).expect(200);
    expect(listed.body.items.find((c: { id: string }) => c.id === caseId)).toMatchObject({ drill: true });
    const enrolled = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { applicationId: caseId } });
    expect(enrolled.drill).toBe(true);

    // ---- the first periodic recheck: planned seconds ahead (a drill version, not 6 or 12 months), then started ----
    let nextRecheckAt: Date | null = null;
    for (let i = 0; i < 100 && !nextRecheckAt; i++) {
      nextRecheckAt = (await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { id: enrolled.id } })).nextRecheckAt;
      if (!nextRecheckAt) await sleep(100);
    }
    expect(nextRecheckAt!.getTime() - Date.now()).toBeLessThan(LONGEST_RECHECK_MS + 1_000);
    const shown = await http.get(`/api/v1/enrolled-cases/${enrolled.id}`).set(as('county.officer')).expect(200);
    expect(shown.body).toMatchObject({ drill: true });
    let recheckTask = null;
    for (const until = Date.now() + LONGEST_RECHECK_MS + 20_000; !recheckTask && Date.now() < until;) {
      recheckTask = await stack.prisma.task.findFirst({
        where: { applicationId: caseId, type: 'RECHECK_INVESTIGATE' },
      });
      if (!recheckTask) await sleep(250);
    }
    expect(recheckTask).toMatchObject({ status: 'OPEN', candidateRole: 'TOWNSHIP_CASEWORKER' });
    expect(await stack.prisma.recheck.findFirst({ where: { enrolledCaseId: enrolled.id } })).toMatchObject({
      reason: 'PERIODIC',
    });
  });

  it('the policy API lists the drill versions in force', async () => {
    const listed = await http
      .get('/api/v1/policy/parameters?date=2026-12-04&county=410502')
      .set(as('township.caseworker'))
      .expect(200);
    const publicity = listed.body.parameters.find((p: { id: string }) => p.id === PARAMETER_IDS.TL_PUBLICITY);
    expect(publicity).toMatchObject({
      version: 'drill',
      division: '410502',
      unit: 'NATURAL_DAYS',
      source: DRILL_SOURCE,
      placeholder: true,
    });
  });

  it('an emergency case started in drill mode is marked too', async () => {
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send({
        townshipCode: '410502002',
        applicant: { name: '王某某', idNumber: '410502199001011236' },
        area: 'RURAL',
        kind: 'SUDDEN',
        amount: 300,
        description: '家中失火，生活无着',
      })
      .expect(201);
    const shown = await http.get(`/api/v1/emergency-aid/${created.body.id}`).set(as('township.caseworker')).expect(200);
    expect(shown.body.drill).toBe(true);
  });
});
