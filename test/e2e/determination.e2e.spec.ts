import request from 'supertest';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore } from '../../src/policy';
import { staffDriver } from '../support/staff';
import { freshHousehold } from '../support/households';
import { startStack, type Stack } from '../support/stack';
import { household, member, monthly } from '../unit/policy/fixtures';

// The determination process through HTTP with the demo users' tokens, against the dev
// server and a real worker. Publicity is shortened for this drill through a parameter
// (a county version of time_limit.publicity), not through code.

const PUBLICITY_DAYS = 0.00007; // about 6 seconds
const drillParameters = new ParameterStore([
  ...DEFAULT_PARAMETERS,
  { id: PARAMETER_IDS.TL_PUBLICITY, version: 'e2e-drill', validFrom: '2020-01-01', division: '410502', value: PUBLICITY_DAYS, unit: 'NATURAL_DAYS', source: '演练参数：缩短公示期（仅用于测试）', placeholder: true },
]);

const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const facts = household({ members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })], income: monthly('p1', 'WAGE', 600) });

describe('determination process (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({}, { parameters: drillParameters });
    http = request(stack.app.getHttpServer());
    for (const u of ['village.assistant', 'township.caseworker', 'county.officer', 'county.supervisor']) tokens[u] = await stack.tokenFor(u);
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  // `http` is set in beforeAll, so the driver is built at call time.
  const inboxTask = (user: string, caseId: string, type: string) => staffDriver(http, as).inboxTask(user, caseId, type);
  const complete = (user: string, caseId: string, type: string, body: object) => staffDriver(http, as).complete(user, caseId, type, body);
  const stageOf = (caseId: string, stage: string) => staffDriver(http, as).stageOf(caseId, stage);

  /** One open application per household and category: tests after the first apply for households of their own. */
  async function submit(householdId?: string): Promise<string> {
    const res = await http.post('/api/v1/applications').set(as('village.assistant'))
      .send({ householdId: householdId ?? (await freshHousehold(stack.prisma)), category: 'MINIMUM_LIVING', channel: 'ON_BEHALF', facts, consent: { economicCheck: true, truthfulnessPromise: true } })
      .expect(201);
    return res.body.id as string;
  }


  const homeVisit = { action: 'recordHomeVisit', investigators: ['李调查', '王调查'], findings: '家中无大额财产', signedByHousehold: true };
  const approve = { action: 'submitOpinion', proposal: 'APPROVE', reasons: ['家庭月人均收入低于低保标准'] };

  async function toPublicity(caseId: string): Promise<void> {
    await complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' }).then((r) => expect(r.status).toBe(200));
    await complete('township.caseworker', caseId, 'HOME_VISIT', homeVisit).then((r) => expect(r.status).toBe(200));
    await stageOf(caseId, 'REVIEW');
    // The opinion is given beside the engine's explanation.
    await inboxTask('township.caseworker', caseId, 'REVIEW');
    const shown = await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200);
    expect(shown.body.explanation.categories.MINIMUM_LIVING).toMatchObject({ status: 'eligible', monthlyPerCapitaIncome: 300 });
    expect(shown.body.turn).toMatchObject({ type: 'REVIEW', role: 'TOWNSHIP_CASEWORKER', dueAt: expect.any(String) });
    await complete('township.caseworker', caseId, 'REVIEW', approve).then((r) => expect(r.status).toBe(200));
    await stageOf(caseId, 'PUBLICITY');
  }

  it('approve path: every stage through HTTP; the decision is stored with its snapshot, a notice and the enrolled case', async () => {
    const caseId = await submit(SEEDED_HOUSEHOLD);
    await toPublicity(caseId);

    const listing = await http.get('/api/v1/public/publicity?county=410502').expect(200);
    const entry = listing.body.find((e: { caseId: string }) => e.caseId === caseId);
    expect(entry).toMatchObject({ category: '最低生活保障', applicant: '演****', idNumber: expect.stringMatching(/^410502\*{8}\d{3}[\dX]$/), householdSize: 2, monthlyAmount: 660 });

    await stageOf(caseId, 'CONFIRMATION');
    const noReason = await complete('county.officer', caseId, 'CONFIRM', { action: 'confirm', amount: 700 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('AMOUNT_REASON_REQUIRED');
    const confirmed = await complete('county.officer', caseId, 'CONFIRM', { action: 'confirm' });
    expect(confirmed.status).toBe(200);

    const done = await stageOf(caseId, 'ENROLLED');
    expect(done.decision).toMatchObject({ outcome: 'APPROVED', decidedBy: 'demo-county-officer', decidedRole: 'COUNTY_OFFICER', factsVersion: 1 });
    expect(Number(done.decision.monthlyAmount)).toBe(660);
    expect(done.decision.parameterVersions).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'minimum_living.standard', version: expect.any(String) })]));
    expect(done.notices.map((n: { kind: string }) => n.kind)).toEqual(['DECISION_APPROVED']);
    expect(done.notices[0].text).toContain('月保障金额 660.00 元');
    expect(done.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['INTAKE_RECORDED', 'ACTION_accept', 'CROSS_CHECK_COMPLETED', 'ACTION_recordHomeVisit', 'POLICY_EVALUATED', 'ACTION_submitOpinion', 'PUBLICITY_STARTED', 'CONFIRMED']),
    );
    expect(done.tasks.every((t: { status: string }) => t.status === 'DONE' || t.status === 'CANCELLED')).toBe(true);
    // The closed case's process state is its workflow's result (no query replaying the history).
    const closed = await http.get(`/api/v1/cases/${caseId}`).set(as('county.officer')).expect(200);
    expect(closed.body.process).toMatchObject({ stage: 'ENROLLED', currentTask: null, outcome: { decidedBy: 'demo-county-officer', amount: 660 } });
    const enrolled = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { applicationId: caseId } });
    expect(enrolled).toMatchObject({ category: 'MINIMUM_LIVING', membersIncluded: ['p1', 'p2'] });

    // Later changes to the facts never alter the stored decision.
    await stack.prisma.application.update({ where: { id: caseId }, data: { facts: { changed: true } } });
    const decision = await stack.prisma.decision.findUniqueOrThrow({ where: { applicationId: caseId } });
    expect(decision.facts).toEqual(JSON.parse(JSON.stringify(facts)));

    const listed = await http.get('/api/v1/cases?stage=ENROLLED&county=410502').set(as('county.officer')).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('objection path: an anonymous objection during publicity → re-investigation → new opinion → new publicity → confirmation', async () => {
    const caseId = await submit();
    await toPublicity(caseId);
    const lodged = await http.post(`/api/v1/public/publicity/${caseId}/objections`).send({ text: '该户家中有营运车辆' }).expect(201);
    expect(lodged.body).toEqual({ round: 1 });

    await stageOf(caseId, 'OBJECTION_HANDLING');
    await complete('township.caseworker', caseId, 'RESOLVE_OBJECTION', { action: 'reinvestigate', note: '核查车辆情况' }).then((r) => expect(r.status).toBe(200));
    await complete('township.caseworker', caseId, 'HOME_VISIT', { ...homeVisit, findings: '车辆已于去年报废' }).then((r) => expect(r.status).toBe(200));
    await complete('township.caseworker', caseId, 'REVIEW', approve).then((r) => expect(r.status).toBe(200));
    await stageOf(caseId, 'PUBLICITY');
    // The read model shows the stage as the workflow enters it; the round is counted right after.
    for (let i = 0; i < 100 && (await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker'))).body.process?.publicityRound !== 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200)).body.process.publicityRound).toBe(2);
    await stageOf(caseId, 'CONFIRMATION');
    await complete('county.officer', caseId, 'CONFIRM', { action: 'confirm' }).then((r) => expect(r.status).toBe(200));
    const done = await stageOf(caseId, 'ENROLLED');
    expect(done.objections).toEqual([expect.objectContaining({ round: 1, text: '该户家中有营运车辆' })]);
    // Outside publicity nobody can object.
    const late = await http.post(`/api/v1/public/publicity/${caseId}/objections`).send({ text: '补充异议' }).expect(404);
    expect(late.body.code).toBe('NOT_IN_PUBLICITY');
  });

  it('refuses a step in another jurisdiction (403), out of order (409 naming the stage), or with a missing reason (400), changing nothing', async () => {
    const caseId = await submit();
    const taskId = await inboxTask('township.caseworker', caseId, 'ACCEPT');
    const stranger = await stack.tokenForActor({ userId: 'u-stranger', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502001' });
    const foreign = await http.post(`/api/v1/tasks/${taskId}/complete`).set({ authorization: `Bearer ${stranger}` }).send({ action: 'accept' }).expect(403);
    expect(foreign.body.code).toBe('OUT_OF_JURISDICTION');
    const early = await http.post(`/api/v1/tasks/${taskId}/complete`).set(as('township.caseworker')).send({ action: 'confirm' }).expect(409);
    expect(early.body).toMatchObject({ code: 'WRONG_STAGE', message: expect.stringContaining('SUBMITTED') });
    const noReason = await http.post(`/api/v1/cases/${caseId}/actions`).set(as('village.assistant')).send({ action: 'withdraw' }).expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect((await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200)).body).toMatchObject({ stage: 'SUBMITTED', turn: { taskId } });

    await http.post(`/api/v1/cases/${caseId}/actions`).set(as('village.assistant')).send({ action: 'withdraw', reason: '家庭情况好转' }).expect(200);
    const closed = await stageOf(caseId, 'WITHDRAWN');
    expect(closed.notices.map((n: { kind: string }) => n.kind)).toEqual(['WITHDRAWN']);
    expect(closed.tasks[0]).toMatchObject({ id: taskId, status: 'CANCELLED' });
  });
});
