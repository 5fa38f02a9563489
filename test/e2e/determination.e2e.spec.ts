import request from 'supertest';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore } from '../../src/policy';
import { staffDriver } from '../support/staff';
import { freshHousehold } from '../support/households';
import { startStack, type Stack } from '../support/stack';
import { household, member, monthly } from '../unit/policy/fixtures';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { CaseDetail } from '../../src/openapi/responses';

const validId = (first17: string) => first17 + residentIdCheckChar(first17);

// The determination process through HTTP with the demo users' tokens, against the dev
// server and a real worker. Publicity is shortened for this drill through a parameter
// (a county version of time_limit.publicity), not through code. Nothing here has to act
// inside that short window: what needs a case in publicity (the public listing, objections)
// uses a county that keeps the real 7 days; the objection paths after publicity are run on
// the time-skipping server (test/workflows/determination.workflow.spec.ts).

const PUBLICITY_DAYS = 0.00007; // about 6 seconds
const drillParameters = new ParameterStore([
  ...DEFAULT_PARAMETERS,
  {
    id: PARAMETER_IDS.TL_PUBLICITY,
    version: 'e2e-drill',
    validFrom: '2020-01-01',
    division: '410502',
    value: PUBLICITY_DAYS,
    unit: 'NATURAL_DAYS',
    citations: [{ sourceId: 'DRILL_MODE', note: '演练参数：缩短公示期（仅用于测试）' }],
    placeholder: true,
  },
]);

const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const facts = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});

describe('determination process (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({}, { parameters: drillParameters });
    http = request(stack.app.getHttpServer());
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'administrator',
    ])
      tokens[u] = await stack.tokenFor(u);
    // 北关区 (410503) keeps the shipped 7-day publicity.
    tokens['village.410503'] = await stack.tokenForActor({
      userId: 'u-village-410503001001',
      role: 'VILLAGE_ASSISTANT',
      jurisdiction: '410503001001',
    });
    tokens['caseworker.410503'] = await stack.tokenForActor({
      userId: 'u-caseworker-410503001',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410503001',
    });
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  // `http` is set in beforeAll, so the driver is built at call time.
  const inboxTask = (user: string, caseId: string, type: string) => staffDriver(http, as).inboxTask(user, caseId, type);
  const complete = (user: string, caseId: string, type: string, body: object) =>
    staffDriver(http, as).complete(user, caseId, type, body);
  const stageOf = (caseId: string, stage: string) => staffDriver(http, as).stageOf(caseId, stage);

  /** One open application per household and category: tests after the first apply for households of their own. */
  async function submit(householdId?: string): Promise<string> {
    const res = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .send({
        householdId: householdId ?? (await freshHousehold(stack.prisma)),
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    return res.body.id as string;
  }

  const homeVisit = {
    action: 'recordHomeVisit',
    investigators: ['李调查', '王调查'],
    findings: '家中无大额财产',
    signedByHousehold: true,
  };
  const approve = { action: 'submitOpinion', proposal: 'APPROVE', reasons: ['家庭月人均收入低于低保标准'] };

  /**
   * To the approving opinion, then until publicity round 1 has started: its timeline event stays,
   * whereas a 6-second stage can be over before a poll sees it.
   */
  async function toPublicity(caseId: string): Promise<void> {
    await complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' }).then((r) =>
      expect(r.status).toBe(200),
    );
    await staffDriver(http, as)
      .investigate('township.caseworker', caseId, homeVisit)
      .then((r) => expect(r.status).toBe(200));
    await stageOf(caseId, 'REVIEW');
    // The opinion is given beside the engine's explanation.
    await inboxTask('township.caseworker', caseId, 'REVIEW');
    const shown = await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200);
    expect(shown.body.explanation.categories.MINIMUM_LIVING).toMatchObject({
      status: 'eligible',
      monthlyPerCapitaIncome: 300,
    });
    expect(shown.body.turn).toMatchObject({ type: 'REVIEW', role: 'TOWNSHIP_CASEWORKER', dueAt: expect.any(String) });
    await complete('township.caseworker', caseId, 'REVIEW', approve).then((r) => expect(r.status).toBe(200));
    await published(caseId);
  }

  async function until(caseId: string, stage: string, user: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if ((await http.get(`/api/v1/cases/${caseId}`).set(as(user)).expect(200)).body.stage === stage) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`case ${caseId} never reached ${stage}`);
  }

  /** Waits until the case's timeline shows its publicity started. */
  async function published(caseId: string, user = 'township.caseworker'): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const res = await http.get(`/api/v1/cases/${caseId}`).set(as(user)).expect(200);
      if ((res.body.events as Array<{ type: string }>).some((e) => e.type === 'PUBLICITY_STARTED')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`publicity of ${caseId} never started`);
  }

  it('approve path: every stage through HTTP; the decision is stored with its snapshot, a notice and the enrolled case', async () => {
    const caseId = await submit(SEEDED_HOUSEHOLD);
    await toPublicity(caseId);
    await stageOf(caseId, 'CONFIRMATION');
    const noReason = await complete('county.officer', caseId, 'CONFIRM', { action: 'confirm', amount: 700 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('AMOUNT_REASON_REQUIRED');
    const confirmed = await complete('county.officer', caseId, 'CONFIRM', { action: 'confirm' });
    expect(confirmed.status).toBe(200);

    const done = await stageOf(caseId, 'ENROLLED');
    expect(done.decision).toMatchObject({
      outcome: 'APPROVED',
      decidedBy: 'demo-county-officer',
      decidedRole: 'COUNTY_OFFICER',
      factsVersion: 1,
    });
    expect(Number(done.decision.monthlyAmount)).toBe(660);
    expect(done.decision.parameterVersions).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'minimum_living.standard', version: expect.any(String) })]),
    );
    expect(done.notices.map((n: { kind: string }) => n.kind)).toEqual(['DECISION_APPROVED']);
    expect(done.notices[0].text).toContain('月保障金额 660.00 元');
    expect(done.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        'INTAKE_RECORDED',
        'ACTION_accept',
        'CROSS_CHECK_COMPLETED',
        'ACTION_startInvestigation',
        'ACTION_recordHomeVisit',
        'POLICY_EVALUATED',
        'ACTION_submitOpinion',
        'PUBLICITY_STARTED',
        'CONFIRMED',
      ]),
    );
    expect(done.tasks.every((t: { status: string }) => t.status === 'DONE' || t.status === 'CANCELLED')).toBe(true);
    // The home visit as recorded, from the database (not Temporal's history), audited once without its findings.
    expect(done.homeVisits).toEqual([
      {
        kind: 'HOUSEHOLD',
        investigators: ['李调查', '王调查'],
        findings: '家中无大额财产',
        householdSigned: true,
        selfCareAssessment: null,
        recordedBy: 'demo-township-caseworker',
        recordedRole: 'TOWNSHIP_CASEWORKER',
        recordedAt: expect.any(String),
      },
    ]);
    expect(done.democraticAppraisals).toEqual([]);
    // As the OpenAPI document promises (the schema the contract test checks).
    expect(CaseDetail.safeParse(done).error).toBeUndefined();
    const visitAudit = await stack.prisma.auditLog.findMany({
      where: { targetId: caseId, action: 'HOME_VISIT_RECORDED' },
    });
    expect(visitAudit.map((a) => a.details)).toEqual([
      expect.objectContaining({ kind: 'HOUSEHOLD', investigators: 2, householdSigned: true }),
    ]);
    // The closed case's process state is its workflow's result (no query replaying the history).
    const closed = await http.get(`/api/v1/cases/${caseId}`).set(as('county.officer')).expect(200);
    expect(closed.body.process).toMatchObject({
      stage: 'ENROLLED',
      currentTask: null,
      outcome: { decidedBy: 'demo-county-officer', amount: 660 },
    });
    const enrolled = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { applicationId: caseId } });
    expect(enrolled).toMatchObject({ category: 'MINIMUM_LIVING', membersIncluded: ['p1', 'p2'] });

    // The evaluation met a stale yearly statistic (the 2022 floor area on a 2024 application): the
    // administrator's inbox asks for the 2023 figure; no workflow owns that task, so it is not completed by hand.
    const statistics = await http.get('/api/v1/tasks?type=ENTER_STATISTIC').set(as('administrator')).expect(200);
    const floorArea = (statistics.body.items as Array<{ id: string; reason: string }>).find((t) =>
      t.reason.includes('2023 年度人均住房面积'),
    );
    expect(floorArea).toMatchObject({
      type: 'ENTER_STATISTIC',
      status: 'OPEN',
      candidateRole: 'ADMINISTRATOR',
      countyCode: '410500',
    });
    const byHand = await http
      .post(`/api/v1/tasks/${floorArea!.id}/complete`)
      .set(as('administrator'))
      .send({ action: 'accept' })
      .expect(400);
    expect(byHand.body.code).toBe('TASK_CLOSES_ITSELF');

    // Later changes to the facts never alter the stored decision.
    await stack.prisma.application.update({ where: { id: caseId }, data: { facts: { changed: true } } });
    const decision = await stack.prisma.decision.findUniqueOrThrow({ where: { applicationId: caseId } });
    expect(decision.facts).toEqual(JSON.parse(JSON.stringify(facts)));

    const listed = await http.get('/api/v1/cases?stage=ENROLLED&county=410502').set(as('county.officer')).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('publicity on the real 7 days (another county): listed with masked data; objections, anonymous or signed, lodged and shown on the case; none once it is withdrawn', async () => {
    const registered = await http
      .post('/api/v1/households')
      .set(as('caseworker.410503'))
      .send({
        divisionCode: '410503001001',
        area: 'URBAN',
        address: '红旗路街道 1 号',
        members: [
          { name: '王某某', idNumber: validId('41050319580312101'), relation: 'HEAD', labourCapacity: 'PARTIAL' },
          { name: '李某某', idNumber: validId('41050319600708102'), relation: 'SPOUSE', labourCapacity: 'PARTIAL' },
        ],
      })
      .expect(201);
    const householdId = registered.body.id as string;
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.410503'))
      .send({
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts: { ...facts, residence: { county: '410503', area: 'URBAN' } },
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    const caseId = submitted.body.id as string;
    const { complete: completeAs, investigate } = staffDriver(http, as);
    expect((await completeAs('caseworker.410503', caseId, 'ACCEPT', { action: 'accept' })).status).toBe(200);
    expect((await investigate('caseworker.410503', caseId, homeVisit)).status).toBe(200);
    await staffDriver(http, as).inboxTask('caseworker.410503', caseId, 'REVIEW');
    const beforeOpinion = Date.now();
    expect((await completeAs('caseworker.410503', caseId, 'REVIEW', approve)).status).toBe(200);
    await published(caseId, 'caseworker.410503');
    const afterPublished = Date.now();
    const shown = (await http.get(`/api/v1/cases/${caseId}`).set(as('caseworker.410503')).expect(200)).body;
    expect(shown).toMatchObject({ stage: 'PUBLICITY', process: { stage: 'PUBLICITY', publicityRound: 1 } });
    // Seven natural days from its start, which lies between the opinion and the moment it was seen.
    const started = Date.parse(shown.process.publicityEndsAt) - 7 * 24 * 3600_000;
    expect(started).toBeGreaterThanOrEqual(beforeOpinion);
    expect(started).toBeLessThanOrEqual(afterPublished);

    const listing = (await http.get('/api/v1/public/publicity?county=410503').expect(200)).body as Array<{
      caseId: string;
      idNumber: string;
    }>;
    expect(listing.map((e) => e.caseId)).toEqual([caseId]);
    expect(listing[0]).toEqual({
      caseId,
      category: '最低生活保障',
      village: expect.any(String),
      applicant: '王**',
      idNumber: expect.stringMatching(/^410503\*{8}\d{3}[\dX]$/),
      householdSize: 2,
      monthlyAmount: shown.explanation.categories.MINIMUM_LIVING.proposedMonthlyBenefit,
      endsAt: shown.process.publicityEndsAt,
    });
    expect(listing[0]!.idNumber).toBe(`410503********${validId('41050319580312101').slice(-4)}`);
    expect(
      (await http.get('/api/v1/public/publicity?county=410502').expect(200)).body.map(
        (e: { caseId: string }) => e.caseId,
      ),
    ).not.toContain(caseId);

    const anonymous = await http
      .post(`/api/v1/public/publicity/${caseId}/objections`)
      .send({ text: '该户家中有营运车辆' })
      .expect(201);
    expect(anonymous.body).toEqual({ round: 1 });
    await http
      .post(`/api/v1/public/publicity/${caseId}/objections`)
      .send({ text: '该户子女有稳定收入', contact: '13800000000' })
      .expect(201);
    await http.post(`/api/v1/public/publicity/${caseId}/objections`).send({}).expect(400);
    const withObjections = (await http.get(`/api/v1/cases/${caseId}`).set(as('caseworker.410503')).expect(200)).body;
    // The case shows what was objected; who objected (the contact) is kept off it.
    expect(withObjections.objections.map((o: { round: number; text: string }) => [o.round, o.text]).sort()).toEqual([
      [1, '该户子女有稳定收入'],
      [1, '该户家中有营运车辆'],
    ]);
    expect(JSON.stringify(withObjections)).not.toContain('13800000000');
    const stored = await stack.prisma.objection.findMany({
      where: { applicationId: caseId },
      orderBy: { createdAt: 'asc' },
    });
    expect(stored.map((o) => [o.round, o.text, o.contact])).toEqual([
      [1, '该户家中有营运车辆', null],
      [1, '该户子女有稳定收入', '13800000000'],
    ]);
    const audited = await stack.prisma.auditLog.findMany({
      where: { targetId: caseId, action: 'OBJECTION_LODGED' },
      orderBy: { seq: 'asc' },
    });
    expect(audited.map((a) => (a.details as { anonymous: boolean }).anonymous)).toEqual([true, false]);
    expect(withObjections.process).toMatchObject({ stage: 'PUBLICITY', objectionsThisRound: 2 });

    await http
      .post(`/api/v1/cases/${caseId}/actions`)
      .set(as('village.410503'))
      .send({ action: 'withdraw', reason: '测试结束' })
      .expect(200);
    await until(caseId, 'WITHDRAWN', 'caseworker.410503');
    const late = await http
      .post(`/api/v1/public/publicity/${caseId}/objections`)
      .send({ text: '补充异议' })
      .expect(404);
    expect(late.body.code).toBe('NOT_IN_PUBLICITY');
    expect((await http.get('/api/v1/public/publicity?county=410503').expect(200)).body).toEqual([]);
  });

  it("refuses a step in another jurisdiction (403), out of order (422 naming the step's actions), or with a missing reason (400), changing nothing", async () => {
    const caseId = await submit();
    const taskId = await inboxTask('township.caseworker', caseId, 'ACCEPT');
    const stranger = await stack.tokenForActor({
      userId: 'u-stranger',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502001',
    });
    const foreign = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set({ authorization: `Bearer ${stranger}` })
      .send({ action: 'accept' })
      .expect(403);
    expect(foreign.body.code).toBe('OUT_OF_JURISDICTION');
    const early = await http
      .post(`/api/v1/tasks/${taskId}/complete`)
      .set(as('township.caseworker'))
      .send({ action: 'confirm' })
      .expect(422);
    expect(early.body).toMatchObject({
      code: 'TASK_PAYLOAD_INVALID',
      errors: [expect.objectContaining({ path: 'action', message: expect.stringContaining('accept') })],
    });
    const noReason = await http
      .post(`/api/v1/cases/${caseId}/actions`)
      .set(as('village.assistant'))
      .send({ action: 'withdraw' })
      .expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect((await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200)).body).toMatchObject({
      stage: 'SUBMITTED',
      turn: { taskId },
    });

    await http
      .post(`/api/v1/cases/${caseId}/actions`)
      .set(as('village.assistant'))
      .send({ action: 'withdraw', reason: '家庭情况好转' })
      .expect(200);
    const closed = await stageOf(caseId, 'WITHDRAWN');
    expect(closed.notices.map((n: { kind: string }) => n.kind)).toEqual(['WITHDRAWN']);
    expect(closed.tasks[0]).toMatchObject({ id: taskId, status: 'CANCELLED' });
  });
});
