import request from 'supertest';
import { EscalationList } from '../../src/openapi/responses';
import { codesIn } from '../support/no-codes';
import { startStack, type Stack } from '../support/stack';

// Emergency aid, reserve funds and 一事一议 through HTTP against the Temporal dev server, a real worker and PostgreSQL:
// the small-amount path (reserve fund, EXPLAIN task, notice), one 一事一议 from convening to
// its follow-ups, the escalation board on a reserve-fund refusal, and the 4xx answers.

const TOWNSHIP = '410502002'; // the seeded caseworker's township; its reserve fund starts at 50,000.00
const OTHER_TOWNSHIP = '410502001';
const ID_NUMBER = '410502199001011236';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('emergency aid, 一事一议 and the escalation board (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const users = [
    'village.assistant',
    'township.caseworker',
    'county.officer',
    'county.supervisor',
    'county.supervisor2',
    'department.liaison',
    'liaison.civil-affairs',
    'liaison.finance',
    'liaison.education',
    'auditor',
  ];

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of users) tokens[u] = await stack.tokenFor(u);
  });
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const emergency = (overrides: Record<string, unknown> = {}) => ({
    townshipCode: TOWNSHIP,
    applicant: { name: '王某某', idNumber: ID_NUMBER },
    area: 'RURAL',
    kind: 'SUDDEN',
    amount: 800,
    description: '家中失火，生活无着',
    ...overrides,
  });
  async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await get();
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(v).slice(0, 500)}`);
      await sleep(150);
    }
  }
  const caseOf = (id: string) =>
    http
      .get(`/api/v1/emergency-aid/${id}`)
      .set(as('township.caseworker'))
      .expect(200)
      .then((r) => r.body);

  it('refuses bad input and misuse with 4xx and field-level reasons', async () => {
    const zero = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ amount: 0 }))
      .expect(400);
    expect(zero.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'amount' })]));
    const negative = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ amount: -50 }))
      .expect(400);
    expect(negative.body.errors[0].message).toContain('大于 0');
    const badId = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ applicant: { name: '王某某', idNumber: '410502199001011237' } }))
      .expect(400);
    expect(badId.body.errors[0].path).toBe('applicant.idNumber');
    const above = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ amount: 2500, path: 'SMALL_AMOUNT' }))
      .expect(403);
    expect(above.body).toMatchObject({ code: 'AMOUNT_ABOVE_APPROVER_LIMIT' });
    expect(above.body.message).toContain('2000.00 元');
    await http.post('/api/v1/emergency-aid').set(as('village.assistant')).send(emergency()).expect(403);
    const elsewhere = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ townshipCode: OTHER_TOWNSHIP }))
      .expect(403);
    expect(elsewhere.body.code).toBe('OUT_OF_JURISDICTION');
    await http
      .post('/api/v1/reserve-funds/410502002/top-ups')
      .set(as('county.officer'))
      .send({ amount: -1, reason: 'x' })
      .expect(400);
    await http
      .post('/api/v1/reserve-funds/410502002/top-ups')
      .set(as('township.caseworker'))
      .send({ amount: 1, reason: 'x' })
      .expect(403);
    await http.get('/api/v1/reserve-funds/41050200').set(as('county.officer')).expect(400);
    expect(await stack.prisma.emergencyCase.count()).toBe(0);
  });

  it('small amount: paid at once from the reserve fund, the EXPLAIN task arrives in the inbox, the explanation closes the case with a notice', async () => {
    const before = (await http.get(`/api/v1/reserve-funds/${TOWNSHIP}`).set(as('township.caseworker')).expect(200)).body
      .balance as number;
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .set('Idempotency-Key', 'emergency-e2e-0001')
      .send(emergency())
      .expect(201);
    expect(created.body).toMatchObject({ path: 'SMALL_AMOUNT', idNumberMasked: '410502********1236' });
    expect(created.body.idNumberHmac).toBeUndefined();
    expect(created.body.workflowId).toBe(`emergency-${created.body.id}`);
    expect(JSON.stringify(created.body.workflowId)).not.toContain(ID_NUMBER);
    const again = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .set('Idempotency-Key', 'emergency-e2e-0001')
      .send(emergency())
      .expect(201);
    expect(again.body.id).toBe(created.body.id);
    const id = created.body.id as string;
    // The workflow input carries no name or ID number.
    const history = JSON.stringify(await stack.temporal.client.workflow.getHandle(`emergency-${id}`).fetchHistory());
    expect(history).not.toContain(ID_NUMBER);
    expect(history).not.toContain('王某某');
    await until(
      'explanation due',
      () => caseOf(id),
      (c) => c.stage === 'EXPLANATION_DUE',
    );
    const fund = (await http.get(`/api/v1/reserve-funds/${TOWNSHIP}`).set(as('township.caseworker')).expect(200)).body;
    expect(fund.balance).toBe(before - 800);
    expect(fund.entries[0]).toMatchObject({ kind: 'PAYMENT', amount: 800, caseId: id });
    const inbox = await until(
      'EXPLAIN task',
      () =>
        http
          .get('/api/v1/tasks?type=EXPLAIN')
          .set(as('township.caseworker'))
          .expect(200)
          .then((r) => r.body.items as Array<{ caseId: string; dueAt: string }>),
      (items) => items.some((t) => t.caseId === id),
    );
    expect(inbox.find((t) => t.caseId === id)!.dueAt).toBeTruthy();
    await http
      .post(`/api/v1/emergency-aid/${id}/actions`)
      .set(as('county.officer'))
      .send({ action: 'explain', text: 'x' })
      .expect(403);
    await http
      .post(`/api/v1/emergency-aid/${id}/actions`)
      .set(as('township.caseworker'))
      .send({ action: 'explain' })
      .expect(400);
    await http
      .post(`/api/v1/emergency-aid/${id}/actions`)
      .set(as('township.caseworker'))
      .send({ action: 'explain', text: '火灾核实，已补充情况说明' })
      .expect(200);
    const done = await until(
      'closed',
      () => caseOf(id),
      (c) => c.stage === 'CLOSED',
    );
    expect(done.notice).toContain('800.00 元');
    expect(Number(done.approvedAmount)).toBe(800);
    expect(done.payments.map((p: { amount: string; source: string }) => [Number(p.amount), p.source])).toEqual([
      [800, 'RESERVE_FUND'],
    ]);
    expect(done.process).toMatchObject({ approvedAmount: 800, paidAmount: 800 });
    expect(codesIn(done.notice)).toEqual([]);
    await http
      .post(`/api/v1/emergency-aid/${id}/actions`)
      .set(as('township.caseworker'))
      .send({ action: 'explain', text: '再说明' })
      .expect(409);
    expect(await stack.prisma.auditLog.count({ where: { targetType: 'EmergencyCase', targetId: id } })).toBeGreaterThan(
      3,
    );
  });

  it('一事一议 over HTTP: convened with liaisons, 403 for a non-member, 409 for a second opinion, change allowed, decision, follow-up reported → closed', async () => {
    const liaisons = {
      civil: 'demo-liaison-civil-affairs',
      health: 'demo-department-liaison',
      education: 'demo-liaison-education',
    };
    await http
      .post('/api/v1/deliberations')
      .set(as('county.supervisor'))
      .send({
        question: '某户因病致贫',
        members: [
          { userId: 'demo-township-caseworker', department: 'CIVIL_AFFAIRS' },
          { userId: liaisons.health, department: 'HEALTH' },
        ],
      })
      .expect(400);
    const started = await http
      .post('/api/v1/deliberations')
      .set(as('county.supervisor'))
      .send({
        question: '某户因病致贫，需多部门联合救助',
        members: [
          { userId: liaisons.civil, department: 'CIVIL_AFFAIRS' },
          { userId: liaisons.health, department: 'HEALTH' },
          { userId: liaisons.education, department: 'EDUCATION' },
        ],
      })
      .expect(201);
    const id = started.body.id as string;
    const path = `/api/v1/deliberations/${id}/actions`;
    await until(
      'opinions',
      () =>
        http
          .get(`/api/v1/deliberations/${id}`)
          .set(as('county.supervisor'))
          .expect(200)
          .then((r) => r.body),
      (d) => d.process?.deadlineAt != null,
    );
    const notMember = await http
      .post(path)
      .set(as('liaison.finance'))
      .send({ action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' })
      .expect(403);
    expect(notMember.body.code).toBe('NOT_A_MEMBER');
    await http
      .post(path)
      .set(as('liaison.civil-affairs'))
      .send({ action: 'giveOpinion', opinion: 'REJECT', comment: '需核实' })
      .expect(200);
    const second = await http
      .post(path)
      .set(as('liaison.civil-affairs'))
      .send({ action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' })
      .expect(409);
    expect(second.body.code).toBe('OPINION_ALREADY_GIVEN');
    await http
      .post(path)
      .set(as('liaison.civil-affairs'))
      .send({ action: 'changeOpinion', opinion: 'APPROVE', comment: '核实后同意' })
      .expect(200);
    await http
      .post(path)
      .set(as('department.liaison'))
      .send({ action: 'giveOpinion', opinion: 'APPROVE', comment: '同意医疗救助' })
      .expect(200);
    await http
      .post(path)
      .set(as('county.supervisor2'))
      .send({
        action: 'decide',
        outcome: 'APPROVE',
        reason: 'x',
        measures: [{ item: '临时救助金', amount: 5000, department: 'CIVIL_AFFAIRS', dueOn: '2099-01-01' }],
      })
      .expect(403);
    const board = await http.get('/api/v1/escalations?kind=DELIBERATION').set(as('county.supervisor')).expect(200);
    expect(board.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      source: 'DELIBERATION',
      owner: 'demo-county-supervisor',
      slaState: 'ON_TIME',
    });
    await http
      .post(path)
      .set(as('county.supervisor'))
      .send({
        action: 'decide',
        outcome: 'APPROVE',
        reason: '多数同意',
        measures: [{ item: '临时救助金', amount: 5000, department: 'CIVIL_AFFAIRS', dueOn: '2099-01-01' }],
      })
      .expect(200);
    const withFollowUp = await until(
      'follow-up',
      () =>
        http
          .get(`/api/v1/deliberations/${id}`)
          .set(as('county.supervisor'))
          .expect(200)
          .then((r) => r.body),
      (d) => d.process?.followUps?.length === 1,
    );
    const taskId = withFollowUp.process.followUps[0].taskId as string;
    await http
      .post(path)
      .set(as('department.liaison'))
      .send({ action: 'reportFollowUp', taskId, result: 'DONE', details: 'x' })
      .expect(403);
    await http
      .post(path)
      .set(as('liaison.civil-affairs'))
      .send({ action: 'reportFollowUp', taskId, result: 'DONE', details: '已发放 5000 元' })
      .expect(200);
    const closed = await until(
      'closed',
      () =>
        http
          .get(`/api/v1/deliberations/${id}`)
          .set(as('county.supervisor'))
          .expect(200)
          .then((r) => r.body),
      (d) => d.stage === 'CLOSED',
    );
    expect(closed.opinions.find((o: { memberId: string }) => o.memberId === liaisons.civil)).toMatchObject({
      opinion: 'APPROVE',
      version: 2,
    });
    expect(await stack.prisma.auditLog.count({ where: { targetId: id, action: 'DELIBERATION_OPINION_CHANGED' } })).toBe(
      1,
    );
  });

  it('一事一议 from an emergency above the county limit: the decision names 40,000.00 → GET shows it approved and paid, the notice names it and no code', async () => {
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ amount: 45_000, description: '重大火灾，房屋烧毁' }))
      .expect(201);
    expect(created.body.path).toBe('DELIBERATION');
    const id = created.body.id as string;
    const referred = await until(
      'referred',
      () => caseOf(id),
      (c) => c.deliberationId !== null && c.stage === 'DELIBERATION',
    );
    const deliberationId = referred.deliberationId as string;
    const path = `/api/v1/deliberations/${deliberationId}/actions`;
    // The child records itself once started: 404 until then.
    const deliberation = () =>
      http
        .get(`/api/v1/deliberations/${deliberationId}`)
        .set(as('county.supervisor'))
        .then((r) => (r.status === 200 ? r.body : { status: r.status }));
    await until('convening', deliberation, (d) => d.process?.stage === 'CONVENING');
    await http
      .post(path)
      .set(as('county.supervisor'))
      .send({
        action: 'convene',
        members: [
          { userId: 'demo-liaison-civil-affairs', department: 'CIVIL_AFFAIRS' },
          { userId: 'demo-department-liaison', department: 'HEALTH' },
        ],
      })
      .expect(200);
    await until('opinions', deliberation, (d) => d.process?.deadlineAt != null);
    await http
      .post(path)
      .set(as('liaison.civil-affairs'))
      .send({ action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' })
      .expect(200);
    await http
      .post(path)
      .set(as('department.liaison'))
      .send({ action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' })
      .expect(200);
    await http
      .post(path)
      .set(as('county.supervisor'))
      .send({
        action: 'decide',
        outcome: 'APPROVE',
        reason: '一致同意',
        measures: [{ item: '临时救助金', amount: 40_000, department: 'CIVIL_AFFAIRS', dueOn: '2099-01-01' }],
      })
      .expect(200);
    // Approved and paid as soon as the chair decides, while the follow-up is still open.
    const approved = await until(
      'approved',
      () => caseOf(id),
      (c) => c.payments.length === 1,
    );
    expect(Number(approved.approvedAmount)).toBe(40_000);
    expect(approved.payments.map((p: { amount: string; source: string }) => [Number(p.amount), p.source])).toEqual([
      [40_000, 'COUNTY_BUDGET'],
    ]);
    const withFollowUp = await until('follow-up', deliberation, (d) => d.process?.followUps?.length === 1);
    await http
      .post(path)
      .set(as('liaison.civil-affairs'))
      .send({
        action: 'reportFollowUp',
        taskId: withFollowUp.process.followUps[0].taskId,
        result: 'DONE',
        details: '已发放 40000 元',
      })
      .expect(200);
    const closed = await until(
      'closed',
      () => caseOf(id),
      (c) => c.stage === 'CLOSED' && c.notice !== null,
    );
    expect(Number(closed.approvedAmount)).toBe(40_000);
    expect(Number(closed.paidAmount)).toBe(40_000);
    expect(closed.payments).toHaveLength(1);
    expect(closed.process).toMatchObject({
      stage: 'CLOSED',
      approvedAmount: 40_000,
      paidAmount: 40_000,
      outcome: 'CLOSED_BY_DELIBERATION',
    });
    const result = await stack.temporal.client.workflow.getHandle(`emergency-${id}`).result();
    expect(result).toMatchObject({ approvedAmount: 40_000, paidAmount: 40_000 });
    expect(closed.notice).toContain('临时救助金 40000.00 元（责任单位：民政，2099-01-01 前落实）');
    expect(closed.notice).toContain('经批准的临时救助金共计 40000.00 元，已按规定发放');
    expect(codesIn(closed.notice)).toEqual([]);
  });

  it('reserve fund refusal on the escalation board: listed with SLA and owner; take, reassign, decide (retry after a top-up)', async () => {
    await stack.prisma.$executeRaw`UPDATE reserve_fund SET balance = 100 WHERE township_code = ${TOWNSHIP}`;
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ amount: 600 }))
      .expect(201);
    const id = created.body.id as string;
    const item = await until(
      'fund refusal on the board',
      () =>
        http
          .get('/api/v1/escalations?kind=FUND_REFUSAL')
          .set(as('county.supervisor'))
          .expect(200)
          .then((r) => (r.body.items as Array<{ caseId: string }>).find((i) => i.caseId === id)),
      (i) => i !== undefined,
    );
    expect(item).toMatchObject({
      source: 'TASK',
      kind: 'FUND_REFUSAL',
      caseKind: 'EMERGENCY',
      owner: null,
      slaState: 'ON_TIME',
      countyCode: '410502',
    });
    expect((item as unknown as { reason: string }).reason).toContain('100.00 元');
    const escalationId = (item as unknown as { id: string }).id;
    await http.get('/api/v1/escalations').set(as('township.caseworker')).expect(403);
    await http.post(`/api/v1/escalations/${escalationId}/take`).set(as('county.supervisor')).expect(200);
    await http
      .post(`/api/v1/escalations/${escalationId}/reassign`)
      .set(as('county.supervisor'))
      .send({ assignee: 'demo-county-supervisor-2', reason: '由分管领导处理' })
      .expect(200);
    const owned = (
      await http.get('/api/v1/escalations?kind=FUND_REFUSAL').set(as('county.supervisor')).expect(200)
    ).body.items.find((i: { id: string }) => i.id === escalationId);
    expect(owned.owner).toBe('demo-county-supervisor-2');
    await http
      .post(`/api/v1/escalations/${escalationId}/decide`)
      .set(as('county.supervisor'))
      .send({ decision: 'RETRY_PAYMENT', reason: 'x' })
      .expect(409);
    await http
      .post(`/api/v1/escalations/${escalationId}/decide`)
      .set(as('county.supervisor2'))
      .send({ decision: 'RESOLVE', reason: 'x' })
      .expect(400);
    await http
      .post(`/api/v1/reserve-funds/${TOWNSHIP}/top-ups`)
      .set(as('county.officer'))
      .send({ amount: 10_000, reason: '县财政追加拨付' })
      .expect(201);
    await http
      .post(`/api/v1/escalations/${escalationId}/decide`)
      .set(as('county.supervisor2'))
      .send({ decision: 'RETRY_PAYMENT', reason: '已追加备用金' })
      .expect(200);
    const paid = await until(
      'paid',
      () => caseOf(id),
      (c) => c.stage === 'EXPLANATION_DUE',
    );
    expect(Number(paid.paidAmount)).toBe(600);
    const after = (await http.get(`/api/v1/reserve-funds/${TOWNSHIP}`).set(as('county.supervisor')).expect(200)).body;
    expect(after.balance).toBe(100 + 10_000 - 600);
    await until(
      'escalation closed',
      () => stack.prisma.task.findUniqueOrThrow({ where: { id: escalationId } }),
      (t) => t.status === 'DONE',
    );
  });

  it('the board lists the determination’s overdue-step escalations too (BREACHED by the response limit); a case marked complex and an escalation both go to 一事一议', async () => {
    const applicationId = '00000000-0000-4000-9000-000000000005';
    await stack.prisma.application.create({
      data: {
        id: applicationId,
        householdId: '00000000-0000-4000-8000-000000000001',
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'REVIEW',
        workflowId: `application-${applicationId}`,
        townshipCode: TOWNSHIP,
        countyCode: '410502',
        submittedBy: 'demo-village-assistant',
      },
    });
    // As the determination workflow opens it when a step is overdue (no due date of its own), 30 days ago: past the
    // 3-working-day response limit whatever the holidays and the hour of the run.
    const escalationId = '00000000-0000-4000-9000-0000000000e5';
    await stack.prisma.task.create({
      data: {
        id: escalationId,
        taskKey: 'ESCALATION#e2e',
        type: 'ESCALATION',
        applicationId,
        workflowId: `application-${applicationId}`,
        candidateRole: 'COUNTY_SUPERVISOR',
        jurisdiction: '410502',
        countyCode: '410502',
        townshipCode: TOWNSHIP,
        priority: 2,
        createdAt: new Date(Date.now() - 30 * 24 * 3600_000),
      },
    });
    const board = (await http.get('/api/v1/escalations').set(as('county.supervisor')).expect(200)).body.items as Array<{
      id: string;
      kind: string;
      slaState: string;
      caseKind: string;
      caseId: string;
      ageHours: number;
    }>;
    const item = board.find((i) => i.id === escalationId)!;
    expect(item).toMatchObject({
      kind: 'OVERDUE_STEP',
      slaState: 'BREACHED',
      caseKind: 'APPLICATION',
      caseId: applicationId,
    });
    expect(item.ageHours).toBeGreaterThanOrEqual(719);
    expect(board[0]!.slaState).toBe('BREACHED'); // breached first
    await http.get('/api/v1/escalations?sla=LATE').set(as('county.supervisor')).expect(400);
    const members = [
      { userId: 'demo-liaison-civil-affairs', department: 'CIVIL_AFFAIRS' },
      { userId: 'demo-department-liaison', department: 'HEALTH' },
    ];
    // A determination the supervisor marks complex: 一事一议 on that case reference.
    const complex = await http
      .post('/api/v1/deliberations')
      .set(as('county.supervisor'))
      .send({ question: '家庭情况复杂，提请一事一议', members, source: { kind: 'DETERMINATION', id: applicationId } })
      .expect(201);
    expect(complex.body).toMatchObject({
      sourceKind: 'DETERMINATION',
      sourceId: applicationId,
      countyCode: '410502',
      townshipCode: TOWNSHIP,
    });
    await http.post('/api/v1/deliberations').set(as('county.officer')).send({ question: 'x', members }).expect(403);
    // The overdue escalation decided: sent to 一事一议, closed and audited.
    await http
      .post(`/api/v1/escalations/${escalationId}/decide`)
      .set(as('county.supervisor'))
      .send({ decision: 'DELIBERATE', reason: '逾期且情况复杂' })
      .expect(400);
    const decided = await http
      .post(`/api/v1/escalations/${escalationId}/decide`)
      .set(as('county.supervisor'))
      .send({ decision: 'DELIBERATE', reason: '逾期且情况复杂', members })
      .expect(200);
    const d = (
      await http.get(`/api/v1/deliberations/${decided.body.deliberationId}`).set(as('county.supervisor')).expect(200)
    ).body;
    expect(d).toMatchObject({ sourceKind: 'ESCALATION', sourceId: escalationId });
    expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: escalationId } })).status).toBe('DONE');
    expect(await stack.prisma.auditLog.count({ where: { targetId: escalationId, action: 'ESCALATION_DECIDED' } })).toBe(
      1,
    );
    await http
      .post(`/api/v1/escalations/${escalationId}/decide`)
      .set(as('county.supervisor'))
      .send({ decision: 'RESOLVE', reason: 'x' })
      .expect(409);
  });

  it('the board answers in pages: disjoint pages in the board’s order, the SLA counts whole under the SLA filter, bad paging 400 naming the field', async () => {
    // A county no other test escalates in, read by the auditor (the whole city is theirs): only these five are open there.
    const county = '410527';
    const hour = 3600_000;
    const now = Date.now();
    const open = async (n: number, kind: string, createdHoursAgo: number, dueInHours: number) => {
      const id = `00000000-0000-4000-9000-0000000005${String(n).padStart(2, '0')}`;
      await stack.prisma.task.create({
        data: {
          id,
          taskKey: `ESCALATION#paging-${n}`,
          type: 'ESCALATION',
          caseKind: 'EMERGENCY',
          caseId: id,
          escalationKind: kind,
          reason: '分页测试',
          workflowId: `escalation-paging-${n}`,
          candidateRole: 'COUNTY_SUPERVISOR',
          jurisdiction: county,
          countyCode: county,
          townshipCode: `${county}001`,
          createdAt: new Date(now - createdHoursAgo * hour),
          dueAt: new Date(now + dueInHours * hour),
        },
      });
      return id;
    };
    // Breached (past due), at risk (90% of its span gone, the reminder share is 80%), on time: oldest first within each.
    const breachedOld = await open(1, 'OVERDUE_STEP', 240, -24);
    const breached = await open(2, 'MISSING_EXPLANATION', 120, -1);
    const atRisk = await open(3, 'OVERDUE_STEP', 216, 24);
    const onTimeNew = await open(4, 'OVERDUE_STEP', 1, 240);
    const onTimeOld = await open(5, 'OVERDUE_STEP', 2, 240);
    const board = (query: string) => http.get(`/api/v1/escalations?county=${county}&${query}`).set(as('auditor'));
    const ids = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id);
    const whole = { ON_TIME: 2, AT_RISK: 1, BREACHED: 2 };

    const all = (await board('pageSize=200').expect(200)).body;
    expect(ids(all)).toEqual([breachedOld, breached, atRisk, onTimeOld, onTimeNew]);
    expect(all).toMatchObject({ total: 5, page: 1, pageSize: 200, counts: whole });
    expect((await board('').expect(200)).body).toMatchObject({ page: 1, pageSize: 50, total: 5 });

    const first = (await board('pageSize=3').expect(200)).body;
    const second = (await board('pageSize=3&page=2').expect(200)).body;
    expect(first).toMatchObject({ page: 1, pageSize: 3, total: 5, counts: whole });
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: 5, counts: whole });
    for (const body of [all, first, second]) EscalationList.parse(body); // as the OpenAPI document describes it
    expect(ids(first)).toHaveLength(3);
    expect(ids(second)).toHaveLength(2);
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
    expect([...ids(first), ...ids(second)]).toEqual(ids(all));
    expect((await board('pageSize=3&page=3').expect(200)).body).toMatchObject({ items: [], total: 5 });

    // The SLA filter narrows the items and the total, not the summary; the kind filter narrows both.
    const onTime = (await board('sla=ON_TIME&pageSize=1&page=2').expect(200)).body;
    expect(ids(onTime)).toEqual([onTimeNew]);
    expect(onTime).toMatchObject({ total: 2, counts: whole });
    const overdueSteps = (await board('kind=OVERDUE_STEP&sla=BREACHED').expect(200)).body;
    expect(ids(overdueSteps)).toEqual([breachedOld]);
    expect(overdueSteps).toMatchObject({ total: 1, counts: { ON_TIME: 2, AT_RISK: 1, BREACHED: 1 } });

    for (const [query, path, message] of [
      ['pageSize=201', 'pageSize', '每页条数最多 200'],
      ['pageSize=0', 'pageSize', '每页条数至少为 1'],
      ['page=0', 'page', '页码至少为 1'],
      ['page=1.5', 'page', '页码须为整数'],
    ] as const) {
      const refused = (await board(query).expect(400)).body;
      expect({ query, errors: refused.errors }).toEqual({
        query,
        errors: [expect.objectContaining({ path, message })],
      });
    }
    await stack.prisma.task.deleteMany({
      where: { countyCode: county, taskKey: { startsWith: 'ESCALATION#paging-' } },
    });
  });

  it('an applicant not in the registry gets a minimal record, matched when the household is registered later', async () => {
    const idNumber = '410502199001011244';
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send(emergency({ amount: 300, applicant: { name: '李某', idNumber } }))
      .expect(201);
    expect(created.body.memberId).toBeNull();
    const registered = await http
      .post('/api/v1/households')
      .set(as('township.caseworker'))
      .send({
        divisionCode: '410502002001',
        area: 'RURAL',
        address: '和平村 1 号',
        members: [{ name: '李某', idNumber, relation: 'HEAD', labourCapacity: 'FULL' }],
      })
      .expect(201);
    const matched = await caseOf(created.body.id);
    expect(matched.memberId).toBe(registered.body.members[0].id);
    expect(
      await stack.prisma.auditLog.count({
        where: { action: 'EMERGENCY_APPLICANT_MATCHED', targetId: matched.memberId },
      }),
    ).toBe(1);
  });

  it('every notice these cases produced (emergency and application notices) names things in Chinese, never by code', async () => {
    const emergencies = await stack.prisma.emergencyCase.findMany({
      where: { notice: { not: null } },
      select: { notice: true },
    });
    const notices = await stack.prisma.notice.findMany({ select: { text: true } });
    const texts = [...emergencies.map((c) => c.notice!), ...notices.map((n) => n.text)];
    expect(emergencies.length).toBeGreaterThanOrEqual(2);
    expect(texts.filter((t) => codesIn(t).length > 0)).toEqual([]);
  });
});
