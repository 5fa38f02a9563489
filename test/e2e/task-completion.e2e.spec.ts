import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { household, member, monthly } from '../unit/policy/fixtures';
import { defaultCalendar } from '../../src/policy';
import { cstDate } from '../../src/core/clock';
import {
  ENROLMENT_FACTS,
  enrolmentDriver,
  SEEDED_HOUSEHOLD,
  startEnrolmentStack,
  type EnrolmentStack,
} from '../support/enrolment';
import { freshHousehold } from '../support/households';

// One route completes every kind of task: POST /api/v1/tasks/:id/complete looks the task up
// and sends its case kind's Update (determination, enrolled-case recheck, emergency aid), a body
// for another step is 422 with the field named in Chinese (a malformed field 400, as on every
// route), and the old per-kind path still works.

/** The household's 刚性支出 application: an income above the 低保 line (the engine's answer does not matter here: the opinion says why it differs). */
const rigidFacts = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 2400),
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CJK = /[\u4e00-\u9fff]/;

describe('completing any task (e2e)', () => {
  let stack: EnrolmentStack['stack'];
  let http: EnrolmentStack['http'];
  let as: EnrolmentStack['as'];

  beforeAll(async () => {
    ({ stack, http, as } = await startEnrolmentStack([
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
    ]));
  });
  afterAll(() => stack?.stop());

  const driver = () => enrolmentDriver(http, as);
  const complete = (user: string, taskId: string, body: object) =>
    http.post(`/api/v1/tasks/${taskId}/complete`).set(as(user)).send(body);
  /** A task of a case found by the row's caseId (emergency and 一事一议 tasks have no application). */
  async function taskOfCase(user: string, caseId: string, type: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const res = await http.get(`/api/v1/tasks?caseId=${caseId}&type=${type}`).set(as(user)).expect(200);
      const task = (res.body.items as Array<{ id: string; caseId: string | null; applicationId: string | null }>).find(
        (t) => t.caseId === caseId || t.applicationId === caseId,
      );
      if (task) return task.id;
      await sleep(100);
    }
    throw new Error(`${user} never saw a ${type} task for ${caseId}`);
  }

  it('determination and enrolled-case recheck tasks: the Update of their own workflow; a body for another step is 422; the old recheck path is an alias', async () => {
    const caseId = await driver().submit();
    // One name, application: its own URL, and the previous release's /cases alias.
    const byName = (await http.get(`/api/v1/applications/${caseId}`).set(as('township.caseworker')).expect(200)).body;
    const byAlias = (await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200)).body;
    expect([byName.id, byName.workflowId, byAlias.id]).toEqual([caseId, `application-${caseId}`, caseId]);
    expect(
      (await http.get('/api/v1/applications?county=410502').set(as('township.caseworker')).expect(200)).body.items.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(caseId);
    const accept = await driver().inboxTask('township.caseworker', caseId, 'ACCEPT');

    // Another step's action, a case-level action, no action: 422 on `action`, in Chinese, and nothing sent.
    for (const body of [
      { action: 'confirm' },
      { action: 'withdraw', reason: '申请人撤回' },
      { decision: 'RESOLVE', reason: 'x' },
    ]) {
      const wrong = await complete('township.caseworker', accept, body).expect(422);
      expect(wrong.body).toMatchObject({
        code: 'TASK_PAYLOAD_INVALID',
        errors: [expect.objectContaining({ path: 'action', code: 'action_not_for_task' })],
      });
      expect(wrong.body.message).toMatch(CJK);
      expect(wrong.body.errors[0].message).toContain('accept');
    }
    // The right action with a malformed field: 400 naming the field, as on every route.
    const malformed = await complete('township.caseworker', accept, { action: 'accept', unexpected: 1 }).expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    expect(malformed.body.errors).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(malformed.body.errors[0].message).toMatch(CJK);
    // Another role: 403 with the reason, as before.
    const officer = await complete('county.officer', accept, { action: 'accept' }).expect(403);
    expect(officer.body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200)).body.stage).toBe(
      'SUBMITTED',
    );

    await complete('township.caseworker', accept, { action: 'accept' }).expect(200);
    await driver().stageOf(caseId, 'INVESTIGATION');
    for (let i = 0; i < 200; i++) {
      if ((await http.get(`/api/v1/tasks/${accept}`).set(as('township.caseworker')).expect(200)).body.status === 'DONE')
        break;
      await sleep(100);
    }
    // Done: 409 with the reason.
    expect((await complete('township.caseworker', accept, { action: 'accept' }).expect(409)).body.code).toBe(
      'TASK_NOT_OPEN',
    );

    const enrolledId = await driver().enrol(caseId);
    await http
      .post(`/api/v1/enrolled-cases/${enrolledId}/changes`)
      .set(as('village.assistant'))
      .send({
        kind: 'INCOME_CHANGE',
        description: '户主在县城务工，月收入约 1500 元',
        occurredOn: '2026-10-01',
        memberId: 'p1',
      })
      .expect(202);

    const investigate = await driver().inboxTask('township.caseworker', caseId, 'RECHECK_INVESTIGATE');
    const decideTooSoon = await complete('township.caseworker', investigate, {
      action: 'decide',
      decision: { outcome: 'UNCHANGED' },
    }).expect(422);
    expect(decideTooSoon.body.errors).toEqual([
      expect.objectContaining({ path: 'action', message: expect.stringContaining('recordInvestigation') }),
    ]);
    const bad = await complete('township.caseworker', investigate, {
      action: 'recordInvestigation',
      homeVisit: 'yes',
    }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['findings', 'homeVisit']);
    expect(bad.body.errors.every((e: { message: string }) => CJK.test(e.message))).toBe(true);
    const investigated = await complete('township.caseworker', investigate, {
      action: 'recordInvestigation',
      findings: '入户核实：务工收入不稳定，家庭人均收入仍低于标准',
      homeVisit: true,
    }).expect(200);
    expect(investigated.body).toMatchObject({ stage: expect.any(String) });

    // The deprecated per-kind path still completes a recheck task.
    const decide = await driver().inboxTask('county.officer', caseId, 'RECHECK_DECIDE');
    await http
      .post(`/api/v1/recheck-tasks/${decide}/complete`)
      .set(as('county.officer'))
      .send({ action: 'decide', decision: { outcome: 'UNCHANGED', note: '维持' } })
      .expect(200);
    for (let i = 0; i < 200; i++) {
      const c = (await http.get(`/api/v1/enrolled-cases/${enrolledId}`).set(as('county.officer')).expect(200)).body;
      if (c.rechecks?.[0]?.status === 'DECIDED') break;
      await sleep(100);
    }
    const after = (await http.get(`/api/v1/enrolled-cases/${enrolledId}`).set(as('county.officer')).expect(200)).body;
    expect(after.rechecks).toEqual([
      expect.objectContaining({ status: 'DECIDED', outcome: 'UNCHANGED', decidedBy: 'demo-county-officer' }),
    ]);
  });

  it('confirming 刚性支出 (paid no monthly amount): a typed monthly amount is a 400 on `amount` in Chinese, before anything is sent', async () => {
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .send({
        householdId: SEEDED_HOUSEHOLD,
        category: 'RIGID_EXPENSE',
        channel: 'ON_BEHALF',
        facts: rigidFacts,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    const caseId = submitted.body.id as string;
    const ok = (r: { status: number }) => expect(r.status).toBe(200);
    await driver().complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' }).then(ok);
    await driver()
      .complete('township.caseworker', caseId, 'START_INVESTIGATION', { action: 'startInvestigation' })
      .then(ok);
    await driver()
      .complete('township.caseworker', caseId, 'HOME_VISIT', {
        action: 'recordHomeVisit',
        investigators: ['李调查', '王调查'],
        findings: '家中医疗支出大',
        signedByHousehold: true,
      })
      .then(ok);
    await driver()
      .complete('township.caseworker', caseId, 'REVIEW', {
        action: 'submitOpinion',
        proposal: 'APPROVE',
        reasons: ['医疗支出致家庭困难'],
        disagreementReason: '入户核实家庭支出确有困难',
      })
      .then(ok);
    await driver().stageOf(caseId, 'CONFIRMATION');
    const confirm = await driver().inboxTask('county.officer', caseId, 'CONFIRM');
    const typed = await complete('county.officer', confirm, {
      action: 'confirm',
      amount: 500,
      amountReason: '按实际困难程度给予',
    }).expect(400);
    expect(typed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'amount', code: 'not_paid_monthly' }],
    });
    expect(typed.body.errors[0].message).toMatch(CJK);
    expect((await http.get(`/api/v1/tasks/${confirm}`).set(as('county.officer')).expect(200)).body.status).toBe('OPEN');
    await complete('county.officer', confirm, { action: 'confirm' }).expect(200);
    const decided = await driver().stageOf(caseId, 'ENROLLED');
    expect(decided.decision).toMatchObject({ outcome: 'APPROVED', category: 'RIGID_EXPENSE' });
  });

  it('starting the investigation: its task due in 3 working days; an appointment before today 400, a second start 409; the home visit then due 10 working days after the start', async () => {
    const calendar = defaultCalendar();
    const workingDays = (from: Date | string, to: Date | string) =>
      calendar.workingDaysBetween(cstDate(new Date(from).toISOString()), cstDate(new Date(to).toISOString())).days;
    const today = cstDate(new Date().toISOString());
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const submit = async () => {
      const householdId = await freshHousehold(stack.prisma);
      const res = await http
        .post('/api/v1/applications')
        .set(as('village.assistant'))
        .send({
          householdId,
          category: 'MINIMUM_LIVING',
          channel: 'ON_BEHALF',
          facts: ENROLMENT_FACTS,
          consent: { economicCheck: true, truthfulnessPromise: true },
        })
        .expect(201);
      const id = res.body.id as string;
      await driver()
        .complete('township.caseworker', id, 'ACCEPT', { action: 'accept' })
        .then((r) => expect(r.status).toBe(200));
      return id;
    };
    const caseId = await submit();
    const start = await driver().inboxTask('township.caseworker', caseId, 'START_INVESTIGATION');
    const startRow = await stack.prisma.task.findUniqueOrThrow({ where: { id: start } });
    expect(startRow).toMatchObject({ candidateRole: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502002', status: 'OPEN' });
    expect(workingDays(startRow.createdAt, startRow.dueAt!)).toBe(3);

    // Refused, nothing changes: a date that does not exist (400 on the field), a booked visit before today (400, in Chinese).
    const malformed = await complete('township.caseworker', start, {
      action: 'startInvestigation',
      appointmentDate: '2026-02-30',
    }).expect(400);
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'appointmentDate' })],
    });
    const past = await complete('township.caseworker', start, {
      action: 'startInvestigation',
      appointmentDate: day(-1),
    }).expect(400);
    expect(past.body).toMatchObject({ code: 'APPOINTMENT_IN_PAST', message: expect.stringContaining(day(-1)) });
    expect(past.body.message).toMatch(CJK);
    expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: start } })).status).toBe('OPEN');

    // Started, with the first visit booked: the task done, its event and audit row, the home visit's own limit.
    const started = await complete('township.caseworker', start, {
      action: 'startInvestigation',
      appointmentDate: day(2),
    }).expect(200);
    expect(started.body.investigation).toEqual({ startedAt: expect.any(String), appointmentDate: day(2) });
    const visit = await driver().inboxTask('township.caseworker', caseId, 'HOME_VISIT');
    const visitRow = await stack.prisma.task.findUniqueOrThrow({ where: { id: visit } });
    expect(workingDays(started.body.investigation.startedAt, visitRow.dueAt!)).toBe(10);
    expect(await stack.prisma.task.findUniqueOrThrow({ where: { id: start } })).toMatchObject({
      status: 'DONE',
      outcome: 'startInvestigation',
      completedBy: 'demo-township-caseworker',
    });
    const event = await stack.prisma.applicationEvent.findFirstOrThrow({
      where: { applicationId: caseId, type: 'ACTION_startInvestigation' },
    });
    expect(event).toMatchObject({
      stage: 'INVESTIGATION',
      actorId: 'demo-township-caseworker',
      reason: `已启动调查，首次入户预约日期：${day(2)}`,
    });
    const audit = await stack.prisma.auditLog.findMany({
      where: { targetId: caseId, action: 'APPLICATION_ACTION_startInvestigation' },
    });
    expect(audit.map((a) => [a.actorId, a.role, a.reason])).toEqual([
      ['demo-township-caseworker', 'TOWNSHIP_CASEWORKER', event.reason],
    ]);

    // Started twice: the done task 409 TASK_NOT_OPEN; on the case 409 INVESTIGATION_ALREADY_STARTED, with the reason.
    expect((await complete('township.caseworker', start, { action: 'startInvestigation' }).expect(409)).body.code).toBe(
      'TASK_NOT_OPEN',
    );
    const twice = await http
      .post(`/api/v1/applications/${caseId}/actions`)
      .set(as('township.caseworker'))
      .send({ action: 'startInvestigation' })
      .expect(409);
    expect(twice.body).toMatchObject({ code: 'INVESTIGATION_ALREADY_STARTED', message: expect.stringMatching(CJK) });
    expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: visit } })).status).toBe('OPEN');

    // On the case, as the other case actions: the live start task is completed.
    const other = await submit();
    const otherStart = await driver().inboxTask('township.caseworker', other, 'START_INVESTIGATION');
    expect(
      (
        await http
          .post(`/api/v1/applications/${other}/actions`)
          .set(as('county.officer'))
          .send({ action: 'startInvestigation' })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_NOT_ALLOWED');
    const onCase = await http
      .post(`/api/v1/applications/${other}/actions`)
      .set(as('township.caseworker'))
      .send({ action: 'startInvestigation' })
      .expect(200);
    expect(onCase.body.investigation).toEqual({ startedAt: expect.any(String), appointmentDate: null });
    await driver().inboxTask('township.caseworker', other, 'HOME_VISIT');
    expect(await stack.prisma.task.findUniqueOrThrow({ where: { id: otherStart } })).toMatchObject({
      status: 'DONE',
      outcome: 'startInvestigation',
    });
    for (const id of [caseId, other]) {
      await http
        .post(`/api/v1/applications/${id}/actions`)
        .set(as('village.assistant'))
        .send({ action: 'withdraw', reason: '测试结束' })
        .expect(200);
    }
  });

  it("emergency-aid tasks: the emergency workflow's Update with the task named; another step's action is 422", async () => {
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send({
        townshipCode: '410502002',
        applicant: { name: '王某某', idNumber: '410502199001011236' },
        area: 'RURAL',
        kind: 'SUDDEN',
        amount: 800,
        description: '家中失火，生活无着',
      })
      .expect(201);
    const id = created.body.id as string;
    const explain = await taskOfCase('township.caseworker', id, 'EXPLAIN');
    const wrong = await complete('township.caseworker', explain, { action: 'grantAid', amount: 100 }).expect(422);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ path: 'action', message: expect.stringContaining('explain') }),
    ]);
    const empty = await complete('township.caseworker', explain, { action: 'explain' }).expect(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'text' })]);
    expect((await complete('county.officer', explain, { action: 'explain', text: 'x' }).expect(403)).body.code).toBe(
      'ROLE_NOT_ALLOWED',
    );
    await complete('township.caseworker', explain, { action: 'explain', text: '火灾核实，已补充情况说明' }).expect(200);
    for (let i = 0; i < 200; i++) {
      const c = (await http.get(`/api/v1/emergency-aid/${id}`).set(as('township.caseworker')).expect(200)).body;
      if (c.stage === 'CLOSED') break;
      await sleep(100);
    }
    expect((await http.get(`/api/v1/emergency-aid/${id}`).set(as('township.caseworker')).expect(200)).body.stage).toBe(
      'CLOSED',
    );
    expect(
      (await complete('township.caseworker', explain, { action: 'explain', text: '再说明' }).expect(409)).body.code,
    ).toBe('TASK_NOT_OPEN');
  });

  it('documents one completion route for every kind, and the old per-kind paths as deprecated aliases', async () => {
    type Op = {
      deprecated?: boolean;
      requestBody?: { content: Record<string, { schema: { anyOf?: unknown[] } }> };
      responses: Record<string, unknown>;
    };
    const doc = (await http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Op>>;
    };
    const op = doc.paths['/api/v1/tasks/{id}/complete']!.post!;
    expect(op.deprecated).toBeFalsy();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '403', '409', '422']));
    expect(doc.paths['/api/v1/recheck-tasks/{id}/complete']!.post!.deprecated).toBe(true);
    expect(doc.paths['/api/v1/payment-tasks/{id}/complete']!.post!.deprecated).toBe(true);
    // The core record's old name: /cases aliases of /applications.
    expect([
      doc.paths['/api/v1/cases']!.get!.deprecated,
      doc.paths['/api/v1/cases/{id}']!.get!.deprecated,
      doc.paths['/api/v1/cases/{id}/actions']!.post!.deprecated,
      doc.paths['/api/v1/cases/{id}/changes']!.post!.deprecated,
    ]).toEqual([true, true, true, true]);
    expect([
      doc.paths['/api/v1/applications/{id}']!.get!.deprecated,
      doc.paths['/api/v1/enrolled-cases/{id}/changes']!.post!.deprecated,
    ]).toEqual([undefined, undefined]);
  });

  it('serves exactly the operations listed in openapi-operations.txt (URLs only change on purpose, old ones stay as aliases)', async () => {
    const doc = (await http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const listed = readFileSync(join(__dirname, 'openapi-operations.txt'), 'utf8').split('\n').filter(Boolean);
    expect(served).toEqual(listed);
  });
});
