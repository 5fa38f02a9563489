import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { README_APPLICATION_EXAMPLE } from '../../src/core/contracts/application';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore } from '../../src/policy';
import { README_TASK_STEPS } from '../support/readme-steps';
import { staffDriver } from '../support/staff';
import { startStack, type Stack } from '../support/stack';

// A step that cannot complete stops its case where a person sees it: the policy engine
// refuses for a parameter not in force on the case's date; the incident shows on the case
// and in the supervisor's list; once the parameter is supplied, a retry completes the step.

/** The README's example, word for word (dated 2026-11-29). */
const readmeApplication = README_APPLICATION_EXAMPLE;

/** The seeded household of 和平村 (the same township), applying for a category. */
const secondHousehold = (category: 'MINIMUM_LIVING' | 'NEAR_MINIMUM') => ({
  ...readmeApplication,
  householdId: '00000000-0000-4000-8000-000000000002',
  category,
  facts: { ...readmeApplication.facts, categoriesRequested: [category] },
});

/**
 * The parameters the worker reads, as the administrator would change them: first without
 * any 低保 standard, then with the shipped ones (the parameter store itself is immutable).
 * The engine memoises a residence's parameters per store once they resolve, so the tests
 * switch one way only: the two that need the missing standard run first.
 */
const withoutStandard = new ParameterStore(
  DEFAULT_PARAMETERS.filter((v) => v.id !== PARAMETER_IDS.MINIMUM_LIVING_STANDARD),
);
const shipped = new ParameterStore(DEFAULT_PARAMETERS);
let current = withoutStandard;
const liveParameters = new Proxy(shipped, {
  get: (_target, name) => {
    const v: unknown = Reflect.get(current, name);
    return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(current) : v;
  },
});

describe('incidents (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({}, { parameters: liveParameters });
    http = request(stack.app.getHttpServer());
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'county.supervisor',
      'administrator',
    ])
      tokens[u] = await stack.tokenFor(u);
    tokens['village.assistant.2'] = await stack.tokenForActor({
      userId: 'u-village-2',
      role: 'VILLAGE_ASSISTANT',
      jurisdiction: '410502002002',
    });
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const driver = () => staffDriver(http, as);
  const homeVisit = {
    action: 'recordHomeVisit',
    investigators: ['李调查', '王调查'],
    findings: '家中无大额财产',
    signedByHousehold: true,
  };

  async function incidentOf(caseId: string) {
    for (let i = 0; i < 200; i++) {
      const res = await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200);
      const open = (res.body.incidents as Array<{ status: string }>).find((x) => x.status === 'OPEN');
      if (open) return res.body.incidents[0];
      await new Promise((r) => setTimeout(r, 100));
    }
    const handle = stack.temporal.client.workflow.getHandle(`application-${caseId}`);
    const history = await handle.fetchHistory();
    const tail = (history.events ?? []).slice(-8).map((e) => JSON.stringify(e).slice(0, 400));
    throw new Error(
      `no incident on ${caseId}: ${JSON.stringify((await handle.describe()).raw.pendingActivities)}\n${tail.join('\n')}`,
    );
  }

  it('closing the case on an incident ends its workflow and cancels its tasks', async () => {
    current = withoutStandard;
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.assistant.2'))
      .set('Idempotency-Key', 'incident-e2e-0002')
      .send(secondHousehold('NEAR_MINIMUM'))
      .expect(201);
    const caseId = submitted.body.id as string;
    await driver()
      .complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' })
      .then((r) => expect(r.status).toBe(200));
    await driver()
      .investigate('township.caseworker', caseId, homeVisit)
      .then((r) => expect(r.status).toBe(200));
    const incident = await incidentOf(caseId);

    const noReason = await http
      .post(`/api/v1/incidents/${incident.id}/close`)
      .set(as('county.supervisor'))
      .send({})
      .expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    await http
      .post(`/api/v1/incidents/${incident.id}/close`)
      .set(as('county.supervisor'))
      .send({ reason: '该户已迁出本县，终止办理' })
      .expect(200);
    const shown = await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200);
    expect(shown.body.stage).toBe('CLOSED');
    expect(shown.body.incidents[0]).toMatchObject({
      id: incident.id,
      status: 'CLOSED',
      resolvedBy: 'demo-county-supervisor',
    });
    expect(shown.body.tasks.filter((t: { status: string }) => t.status === 'OPEN' || t.status === 'CLAIMED')).toEqual(
      [],
    );
    const described = await stack.temporal.client.workflow.getHandle(`application-${caseId}`).describe();
    expect(described.status.name).toBe('TERMINATED');
  });

  it('an incident of an application whose intake never wrote its row can still be closed (no 500)', async () => {
    const id = randomUUID();
    const caseId = randomUUID();
    await stack.prisma.incident.create({
      data: {
        id,
        workflowId: `application-${caseId}`,
        caseKind: 'APPLICATION',
        caseId,
        countyCode: '410502',
        step: 'recordIntake',
        errorCode: 'RETRIES_EXHAUSTED',
        message: '受理登记写入失败',
      },
    });
    const closed = await http
      .post(`/api/v1/incidents/${id}/close`)
      .set(as('county.supervisor'))
      .send({ reason: '重复提交，终止办理' })
      .expect(200);
    expect(closed.body).toMatchObject({ id, status: 'CLOSED', resolvedBy: 'demo-county-supervisor' });
    expect(await stack.prisma.application.count({ where: { id: caseId } })).toBe(0);
    const audit = await stack.prisma.auditLog.findFirst({ where: { targetId: id, action: 'INCIDENT_CASE_CLOSED' } });
    expect(audit?.reason).toBe('重复提交，终止办理');
  });

  it('a parameter missing on the case date raises an incident; supplied, a retry completes the step', async () => {
    current = withoutStandard;
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.assistant.2'))
      .set('Idempotency-Key', 'incident-e2e-0001')
      .send(secondHousehold('MINIMUM_LIVING'))
      .expect(201);
    const caseId = submitted.body.id as string;
    await driver()
      .complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' })
      .then((r) => expect(r.status).toBe(200));
    await driver()
      .investigate('township.caseworker', caseId, homeVisit)
      .then((r) => expect(r.status).toBe(200));

    const incident = await incidentOf(caseId);
    expect(incident).toMatchObject({
      caseKind: 'APPLICATION',
      caseId,
      countyCode: '410502',
      step: 'evaluateApplication',
      errorCode: 'PARAMETER_NOT_IN_FORCE',
      status: 'OPEN',
      occurrences: 1,
      message:
        '政策测算未能完成：参数 minimum_living.standard 在 2026-11-29（410502 农村）没有生效的版本，请管理员补录',
    });
    expect(incident.firstAt).toEqual(incident.lastAt);

    // The supervisor and the administrator see it; a caseworker may not act on it.
    const listed = await http.get('/api/v1/incidents?status=OPEN').set(as('county.supervisor')).expect(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(incident.id);
    expect(
      (await http.get('/api/v1/incidents').set(as('administrator')).expect(200)).body.total,
    ).toBeGreaterThanOrEqual(1);
    await http.get('/api/v1/incidents').set(as('township.caseworker')).expect(403);
    await http.post(`/api/v1/incidents/${incident.id}/retry`).set(as('township.caseworker')).send({}).expect(403);

    // Retried before the cause is fixed: the same incident opens again, counted twice.
    await http
      .post(`/api/v1/incidents/${incident.id}/retry`)
      .set(as('county.supervisor'))
      .send({ reason: '先重试一次' })
      .expect(200);
    for (let i = 0; i < 200; i++) {
      const again = (await http.get(`/api/v1/incidents/${incident.id}`).set(as('county.supervisor')).expect(200)).body;
      if (again.status === 'OPEN' && again.occurrences === 2) break;
      if (i === 199) throw new Error(`incident stayed ${again.status} / ${again.occurrences}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // The parameter is supplied; the retry completes the step and the case reaches review.
    current = shipped;
    const retried = await http
      .post(`/api/v1/incidents/${incident.id}/retry`)
      .set(as('county.supervisor'))
      .send({ reason: '已补录低保标准' })
      .expect(200);
    expect(['RETRYING', 'RESOLVED']).toContain(retried.body.status);
    await driver().inboxTask('township.caseworker', caseId, 'REVIEW');
    const resolved = (await http.get(`/api/v1/incidents/${incident.id}`).set(as('county.supervisor')).expect(200)).body;
    expect(resolved).toMatchObject({ status: 'RESOLVED', occurrences: 2, resolvedBy: 'demo-county-supervisor' });
    await http.post(`/api/v1/incidents/${incident.id}/retry`).set(as('county.supervisor')).send({}).expect(409);

    const audit = await stack.prisma.auditLog.findMany({
      where: { targetType: 'Incident', targetId: incident.id },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'INCIDENT_RAISED',
      'INCIDENT_RETRY_REQUESTED',
      'INCIDENT_RAISED',
      'INCIDENT_RETRY_REQUESTED',
      'INCIDENT_RESOLVED',
    ]);
  });

  it("the README's example, followed word for word, reaches the review task on the shipped parameters", async () => {
    current = shipped;
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .set('Idempotency-Key', 'demo-0001')
      .send(readmeApplication)
      .expect(201);
    const caseId = submitted.body.id as string;
    for (const step of README_TASK_STEPS) {
      await driver()
        .complete('township.caseworker', caseId, step.type, step.body)
        .then((r) => expect(r.status).toBe(200));
    }
    await driver().inboxTask('township.caseworker', caseId, 'REVIEW');
    const shown = await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200);
    expect(shown.body.explanation.categories.MINIMUM_LIVING.status).toBe('eligible');
    expect(shown.body.incidents).toEqual([]);
  });
});
