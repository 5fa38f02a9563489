import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { applyStandardAdjustmentUpdate, enrolledCaseStateQuery } from '../../src/core/messages';
import { enrolledCaseWorkflowId } from '../../src/core/workflow-ids';
import { enrolledCaseWorkflow } from '../../workflows/enrolled-case.workflow';
import { freshHousehold } from '../support/households';
import { startStack, type Stack } from '../support/stack';
import { household, member, monthly } from '../unit/policy/fixtures';

// The yearly adjustment (调标) through HTTP on the real stack: the 低保 standard of 北关区
// (410503) urban raised 660 → 700 from 2026-10-01, approved by a second administrator, then
// applied to the running enrolled cases of the county. Per person the gap method pays
// max(standard − per-capita income, floor):
//   C per capita 200, two persons: (660 − 200) × 2 = 920 → (700 − 200) × 2 = 1000; October to
//     December are already instructed at 920 → back pay 3 × 80 = 240, 1000 from January.
//   E per capita 800: not eligible at 700 either → not cut off, a recheck is opened.

const COUNTY = '410503';
const VILLAGE = '410503001001';
const STANDARD = 'minimum_living.standard';
const EFFECTIVE = '2026-10-01';
const DOC = { docNo: '北民〔2026〕9号', title: '关于调整北关区城市最低生活保障标准的通知', issuedOn: '2026-09-20' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('standard adjustment (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (u: string) => ({ authorization: `Bearer ${tokens[u]}` });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    tokens['administrator'] = await stack.tokenFor('administrator');
    tokens['administrator2'] = await stack.tokenForActor({
      userId: randomUUID(),
      role: 'ADMINISTRATOR',
      jurisdiction: '410500',
    });
    ids['C'] = await enrolled(200, 920);
    ids['E'] = await enrolled(800, 300);
  });
  afterAll(() => stack?.stop());

  /** A two-person urban household (a basic pension of 2 × perCapita) enrolled from October with its workflow running. */
  async function enrolled(perCapita: number, amount: number): Promise<string> {
    const householdId = await freshHousehold(stack.prisma, VILLAGE);
    const facts = household({
      residence: { county: COUNTY, area: 'URBAN' },
      members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
      income: monthly('p1', 'PENSION_BASIC', perCapita * 2),
    });
    const applicationId = randomUUID();
    await stack.prisma.application.create({
      data: {
        id: applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${applicationId}`,
        townshipCode: '410503001',
        countyCode: COUNTY,
        submittedBy: 'e2e',
        facts,
      } as never,
    });
    const id = randomUUID();
    const workflowId = enrolledCaseWorkflowId(id);
    await stack.prisma.enrolledCase.create({
      data: {
        id,
        applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        monthlyAmount: amount,
        membersIncluded: ['p1', 'p2'],
        startMonth: '2026-10',
        countyCode: COUNTY,
        workflowId,
        townshipCode: '410503001',
        villageCode: VILLAGE,
      },
    });
    await stack.temporal.client.workflow.start(enrolledCaseWorkflow, {
      workflowId,
      taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
      args: [
        {
          enrolledCaseId: id,
          applicationId,
          category: 'MINIMUM_LIVING',
          countyCode: COUNTY,
          townshipCode: '410503001',
          villageCode: VILLAGE,
          monthlyAmount: amount,
          membersIncluded: ['p1', 'p2'],
          startMonth: '2026-10',
        },
      ],
    });
    return id;
  }

  async function until<T>(what: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await what();
      if (v) return v;
      if (Date.now() > end) throw new Error('timed out');
      await sleep(250);
    }
  }

  const adjust = (body: object) => http.post('/api/v1/policy/adjustments').set(as('administrator')).send(body);
  const finished = (id: string) =>
    until(async () => {
      const r = await http.get(`/api/v1/policy/adjustments/${id}`).set(as('administrator')).expect(200);
      return r.body.status !== 'RUNNING' ? r.body : null;
    });

  it('refuses an unapproved standard and an empty scope with field messages, storing nothing', async () => {
    const none = await adjust({ parameterId: STANDARD, effectiveDate: EFFECTIVE, scope: { counties: [COUNTY] } });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'ADJUSTMENT_VERSION_NOT_APPROVED' });
    expect(none.body.errors).toEqual([expect.objectContaining({ path: 'parameterId', code: 'VERSION_NOT_APPROVED' })]);
    expect(none.body.errors[0].message).toMatch(/批准/);
    const bad = await adjust({ parameterId: STANDARD, effectiveDate: '2026-02-30', scope: {} });
    expect(bad.status).toBe(400);
    expect(await stack.prisma.standardAdjustment.count()).toBe(0);
  });

  it('applies the approved standard: new amount, notice, back pay once, a recheck instead of a cut-off', async () => {
    // Every payment month since October is instructed at the old amount first.
    await until(
      async () => (await stack.prisma.paymentInstruction.count({ where: { enrolledCaseId: ids['C'] } })) >= 3,
    );

    const proposed = await http
      .post(`/api/v1/policy/parameters/${STANDARD}/proposals`)
      .set(as('administrator'))
      .send({
        value: 700,
        unit: 'YUAN_PER_PERSON_MONTH',
        validFrom: EFFECTIVE,
        division: COUNTY,
        area: 'URBAN',
        document: DOC,
        article: '第一条',
      })
      .expect(201);
    const proposalId = proposed.body.id as string;
    await http
      .post(`/api/v1/policy/parameters/proposals/${proposalId}/decision`)
      .set(as('administrator2'))
      .send({ decision: 'APPROVE', reason: '经区政府研究同意' })
      .expect(200);
    const version = await until(() => stack.prisma.parameterVersion.findFirst({ where: { proposalId } }));

    const empty = await adjust({
      parameterId: STANDARD,
      effectiveDate: EFFECTIVE,
      scope: { counties: ['410527'] },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'scope', code: 'EMPTY_SCOPE' })]);

    const started = await adjust({
      parameterId: STANDARD,
      versionId: version.id,
      effectiveDate: EFFECTIVE,
      scope: { counties: [COUNTY], categories: ['MINIMUM_LIVING'] },
    }).expect(201);
    expect(started.body).toMatchObject({ status: 'RUNNING', progress: { total: 2 } });
    const done = await finished(started.body.id);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      progress: { processed: 2, total: 2 },
      report: { changed: 1, unchanged: 0, rechecksOpened: 1, backPayTotal: 240 },
    });
    expect(done.report.byCounty).toEqual([expect.objectContaining({ countyCode: COUNTY, backPayTotal: 240 })]);

    // C: back pay per month paid at 920, the notice, the new amount from January on.
    const backPay = await stack.prisma.adjustmentBackPay.findMany({
      where: { enrolledCaseId: ids['C'] },
      orderBy: { month: 'asc' },
    });
    expect(backPay.map((b) => [b.month, Number(b.amount)])).toEqual([
      ['2026-10', 80],
      ['2026-11', 80],
      ['2026-12', 80],
    ]);
    const c = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { id: ids['C'] } });
    const notice = await stack.prisma.notice.findFirstOrThrow({
      where: { applicationId: c.applicationId, kind: 'STANDARD_ADJUSTED' },
    });
    expect(notice.text).toContain('由 920.00 元调整为 1000.00 元');
    expect(notice.text).toContain('240.00 元将予以补发');
    const handle = stack.temporal.client.workflow.getHandle(c.workflowId!);
    const state = await handle.query(enrolledCaseStateQuery);
    expect(state.pendingAmount).toMatchObject({ amount: 1000, fromMonth: '2027-01' });
    expect(
      await stack.prisma.auditLog.count({ where: { targetId: ids['C'], action: 'ENROLLED_CASE_STANDARD_CHANGED' } }),
    ).toBe(1);

    // E: still enrolled, a recheck running (started by the adjustment).
    const e = await stack.prisma.enrolledCase.findUniqueOrThrow({ where: { id: ids['E'] } });
    const eState = await until(async () => {
      const s = await stack.temporal.client.workflow.getHandle(e.workflowId!).query(enrolledCaseStateQuery);
      return s.currentRecheck ? s : null;
    });
    expect(eState.status).not.toBe('EXITED');
    expect(eState.currentRecheck).toMatchObject({ reason: 'CHANGE' });

    // The same Update again (a retried page): nothing new is written.
    const again = await handle.executeUpdate(applyStandardAdjustmentUpdate, {
      args: [{ adjustmentId: started.body.id, effectiveMonth: '2026-10', newAmount: 1000, reason: '重试' }],
    });
    expect(again).toMatchObject({ outcome: 'CHANGED', backPay: 240 });

    // The adjustment run again: C is already at the new amount, nothing is paid twice.
    const rerun = await adjust({
      parameterId: STANDARD,
      versionId: version.id,
      effectiveDate: EFFECTIVE,
      scope: { counties: [COUNTY], categories: ['MINIMUM_LIVING'] },
    }).expect(201);
    const second = await finished(rerun.body.id);
    expect(second.report).toMatchObject({ changed: 0, backPayTotal: 0 });
    expect(await stack.prisma.adjustmentBackPay.count({ where: { enrolledCaseId: ids['C'] } })).toBe(3);
    expect(
      await stack.prisma.notice.count({ where: { applicationId: c.applicationId, kind: 'STANDARD_ADJUSTED' } }),
    ).toBe(1);
  });
});
