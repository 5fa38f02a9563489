import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import type { ActorRef } from '../../src/core/contracts/determination';
import type { DeliberationAction, DeliberationInput, DeliberationState } from '../../src/core/contracts/deliberation';
import type {
  EmergencyAction,
  EmergencyAidInput,
  EmergencyPath,
  EmergencyState,
} from '../../src/core/contracts/emergency';
import {
  defaultCalendar,
  defaultParameterStore,
  FIXED_DATE_HOLIDAYS,
  PARAMETER_IDS,
  WorkingDayCalendar,
} from '../../src/policy';
import { LiveCalendar } from '../../src/calendar/live-calendar';
import { cstDate, endOfDayCst } from '../../src/core/clock';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { topUp } from '../../src/reserve-fund/reserve-fund.ledger';
import { createActivities } from '../../src/worker/create-worker';
import {
  deliberationActUpdate,
  deliberationStateQuery,
  emergencyActUpdate,
  emergencyStateQuery,
} from '../../src/core/messages';
import { caseworker, officer, supervisor } from '../support/actors';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { recordHistory } from '../support/histories';
import { codesIn } from '../support/no-codes';
import { holidayScheduleLoadedWorkflowId } from '../../src/core/workflow-ids';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the emergency aid and 一事一议 workflows on the Java
// time-skipping server, with the REAL activities on a real PostgreSQL (migrated and seeded):
// tasks, reserve-fund ledger, audit rows are what the assertions read. Limits and deadlines
// come from the shipped parameters (township limit 2,000.00, county 30,000.00, explanation
// 10 WD, paperwork 20 WD, deliberation 10 WD + 5 WD once). RECORD_HISTORIES=1 keeps the
// histories for the replay tier.

const QUEUE = 'emergency-test';
const DAY = 24 * 3600_000;
const COUNTY = '410502';
const TOWNSHIP = '410502001';
/** The shipped parameters: on today's date the income test reads the latest disposable-income figure (marked stale). */
const params = defaultParameterStore();
const limit = (id: string) => params.lookupNumber(id, { date: new Date().toISOString().slice(0, 10), county: COUNTY });

const townshipCaseworker: ActorRef = { ...caseworker, jurisdiction: TOWNSHIP };
const otherTownship: ActorRef = { userId: 'u-other', role: 'TOWNSHIP_CASEWORKER', jurisdiction: '410502002' };
const liaison = (dept: string): ActorRef => ({
  userId: `demo-liaison-${dept}`,
  role: 'DEPARTMENT_LIAISON',
  jurisdiction: COUNTY,
});
const health: ActorRef = { userId: 'demo-department-liaison', role: 'DEPARTMENT_LIAISON', jurisdiction: COUNTY };
const civil = liaison('civil-affairs');
const education = liaison('education');
const finance = liaison('finance');
const chair: ActorRef = { userId: 'demo-county-supervisor', role: 'COUNTY_SUPERVISOR', jurisdiction: COUNTY };

describe('emergency aid and 一事一议 workflows (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  const started: Array<{ id: string; file: string }> = [];

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });
  // One server per test: time skipping is global to a server.
  /** Simulated time each test covered (REPORT_SIMULATED_TIME=1 prints it: the issue asks for the longest chain). */
  const simulated: Array<[string, number]> = [];
  afterAll(() => {
    if (process.env.REPORT_SIMULATED_TIME)
      process.stdout.write(
        `${simulated.map(([n, ms]) => `${(ms / DAY).toFixed(1).padStart(6)} d  ${n}`).join('\n')}\n`,
      );
  });
  beforeEach(async () => {
    env = await startTimeSkipping();

    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: createActivities({ prisma, parameters: params }),
    });
    running = worker.run();
  });
  afterEach(async () => {
    // The span of the longest workflow of the test, from its start to its close (in simulated time).
    let span = 0;
    for (const { id } of started) {
      const d = await env.client.workflow.getHandle(id).describe();
      span = Math.max(span, (d.closeTime ?? new Date(await env.currentTimeMs())).getTime() - d.startTime.getTime());
    }
    simulated.push([expect.getState().currentTestName ?? '?', span]);
    for (const { id, file } of started)
      await recordHistory(file, () => env.client.workflow.getHandle(id).fetchHistory());
    started.length = 0;
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  // ---- helpers ----

  async function fund(township: string, balance: number) {
    await prisma.$transaction((tx) =>
      topUp(tx, {
        townshipCode: township,
        countyCode: COUNTY,
        amount: balance,
        entryKey: `test:${randomUUID()}`,
        actor: { actorId: 'test', role: 'SYSTEM' },
      }),
    );
  }
  const balance = async (township: string) =>
    Number((await prisma.reserveFund.findUniqueOrThrow({ where: { townshipCode: township } })).balance);

  async function startCase(
    file: string,
    path: EmergencyPath,
    amount: number,
    township = TOWNSHIP,
  ): Promise<WorkflowHandle> {
    const caseId = randomUUID();
    await prisma.emergencyCase.create({
      data: {
        id: caseId,
        workflowId: `emergency-${caseId}`,
        countyCode: COUNTY,
        townshipCode: township,
        kind: path === 'EXPENSE_TYPE' ? 'EXPENSE' : 'SUDDEN',
        severity: path === 'AID_FIRST' ? 'SEVERE' : 'ORDINARY',
        path,
        stage: 'RECEIVED',
        requestedAmount: amount,
        description: '测试',
        applicantName: '测试',
        idNumberHmac: 'h',
        idNumberEncrypted: 'e',
        idNumberMasked: 'm',
        area: 'RURAL',
        createdBy: townshipCaseworker.userId,
      },
    });
    const t = limit(PARAMETER_IDS.EMERGENCY_TOWNSHIP_APPROVAL_LIMIT);
    const c = limit(PARAMETER_IDS.EMERGENCY_COUNTY_APPROVAL_LIMIT);
    const input: EmergencyAidInput = {
      caseId,
      countyCode: COUNTY,
      townshipCode: township,
      path,
      requestedAmount: amount,
      area: 'RURAL',
      submittedBy: { ...townshipCaseworker, jurisdiction: township },
      requestId: 'r0',
      limits: { townshipApprovalLimit: t.value, countyApprovalLimit: c.value, refs: [t.ref, c.ref] },
    };
    const h = await env.client.workflow.start('emergencyAidWorkflow', {
      taskQueue: QUEUE,
      workflowId: `emergency-${caseId}`,
      args: [input],
    });
    started.push({ id: h.workflowId, file: `emergency-${file}` });
    return h;
  }
  const caseIdOf = (h: WorkflowHandle) => h.workflowId.replace(/^emergency-/, '');

  async function eventually<T>(check: () => Promise<T>, tries = 400): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await check();
      } catch (error) {
        if (i > tries) throw error;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }
  const state = (h: WorkflowHandle): Promise<EmergencyState> => h.query(emergencyStateQuery);
  async function taskOf(h: WorkflowHandle, type: string): Promise<string> {
    return eventually(async () => {
      const s = await state(h);
      expect(s.currentTask?.type).toBe(type);
      return s.currentTask!.taskId;
    });
  }
  async function stageOf(h: WorkflowHandle, stage: string): Promise<EmergencyState> {
    return eventually(async () => {
      const s = await state(h);
      expect(s.stage).toBe(stage);
      return s;
    });
  }
  const act = (h: WorkflowHandle, actor: ActorRef, command: EmergencyAction) =>
    h.executeUpdate(emergencyActUpdate, { args: [{ actor, requestId: `r-${command.action}`, command }] });
  const dact = (h: WorkflowHandle, actor: ActorRef, command: DeliberationAction) =>
    h.executeUpdate(deliberationActUpdate, { args: [{ actor, requestId: `r-${command.action}`, command }] });
  async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  }
  const tasks = (caseId: string, type?: string) =>
    prisma.task.findMany({ where: { caseId, ...(type ? { type } : {}) }, orderBy: { createdAt: 'asc' } });
  const row = (caseId: string) =>
    prisma.emergencyCase.findUniqueOrThrow({ where: { id: caseId }, include: { payments: true } });
  /**
   * The approved amount agrees everywhere a person or a system reads it: the read model, the
   * workflow's state and result, the payments and the notice (which names no code).
   */
  async function expectApproved(h: WorkflowHandle, amount: number, payments: Array<[number, string]>) {
    const result = await h.result();
    expect(result).toMatchObject({ approvedAmount: amount, paidAmount: amount });
    expect((await state(h)).approvedAmount).toBe(amount);
    const r = await row(caseIdOf(h));
    expect(Number(r.approvedAmount)).toBe(amount);
    expect(Number(r.paidAmount)).toBe(amount);
    expect(r.payments.map((p) => [Number(p.amount), p.source]).sort()).toEqual(payments.sort());
    expect(r.notice).toContain(`${amount.toFixed(2)} 元`);
    expect(codesIn(r.notice!)).toEqual([]);
    return r;
  }

  /** Skips time to just past an instant. */
  async function sleepPast(iso: string | Date, extraMs = 60_000) {
    const target = new Date(iso).getTime() + extraMs;
    const now = await env.currentTimeMs();
    if (target > now) await env.sleep(target - now);
  }

  /** The n-th working day after an instant's CST date, counted day by day on the shipped calendar, at the close of that day. */
  function workingDaysAfter(fromMs: number, n: number): string {
    const calendar = defaultCalendar();
    let day = Date.parse(`${cstDate(new Date(fromMs).toISOString())}T00:00:00Z`);
    for (let left = n; left > 0;) {
      day += DAY;
      if (calendar.isWorkingDay(new Date(day).toISOString().slice(0, 10))) left--;
    }
    return endOfDayCst(new Date(day).toISOString().slice(0, 10));
  }
  /** Drains a township's reserve fund to `amount` (as payments would have left it). */
  async function setBalance(township: string, amount: number) {
    await prisma.$transaction((tx) =>
      topUp(tx, {
        townshipCode: township,
        countyCode: COUNTY,
        amount: 0.01,
        entryKey: `t:${randomUUID()}`,
        actor: { actorId: 't', role: 'SYSTEM' },
      }),
    );
    await prisma.$executeRaw`UPDATE reserve_fund SET balance = ${amount} WHERE township_code = ${township}`;
  }
  async function fundRefusalOf(h: WorkflowHandle): Promise<EmergencyState> {
    return eventually(async () => {
      const x = await state(h);
      expect(x.fundRefusal).not.toBeNull();
      // The refusal is in the state a moment before its escalation task row exists.
      expect(await prisma.task.count({ where: { id: x.fundRefusal!.escalationTaskId } })).toBe(1);
      return x;
    });
  }

  // ---- small amount ----

  it('small amount: paid at once from the reserve fund, then the explanation arrives and the case closes with a notice', async () => {
    await fund(TOWNSHIP, 5000);
    const before = await balance(TOWNSHIP);
    const h = await startCase('small-paid', 'SMALL_AMOUNT', 800);
    const caseId = caseIdOf(h);
    const explainTask = await taskOf(h, 'EXPLAIN');
    expect(await balance(TOWNSHIP)).toBe(before - 800);
    const r = await row(caseId);
    expect(r.stage).toBe('EXPLANATION_DUE');
    expect(r.payments.map((p) => [Number(p.amount), p.source])).toEqual([[800, 'RESERVE_FUND']]);
    // The workflow shows the task as it opens it; its row is written a moment later.
    const t = await eventually(async () => {
      const [row] = await tasks(caseId, 'EXPLAIN');
      expect(row).toBeDefined();
      return row!;
    });
    expect(t.dueAt).not.toBeNull();
    // Someone of another township cannot explain it.
    expect((await refusal(act(h, otherTownship, { action: 'explain', text: '说明' }))).type).toBe(
      'OUT_OF_JURISDICTION',
    );
    await h.executeUpdate(emergencyActUpdate, {
      args: [
        {
          actor: townshipCaseworker,
          requestId: 'r1',
          taskId: explainTask,
          command: { action: 'explain', text: '家中失火，已核实，先行救助 800 元' },
        },
      ],
    });
    const result = await h.result();
    expect(result).toMatchObject({ stage: 'CLOSED', paidAmount: 800 });
    await expectApproved(h, 800, [[800, 'RESERVE_FUND']]);
    const closed = await row(caseId);
    expect(closed.explanation).toContain('家中失火');
    expect(closed.notice).toContain('800.00 元');
    expect((await tasks(caseId, 'EXPLAIN'))[0]!.status).toBe('DONE');
    expect(await prisma.task.count({ where: { caseId, type: 'ESCALATION' } })).toBe(0);
    const audit = await prisma.auditLog.findMany({
      where: { targetType: 'ReserveFund', targetId: TOWNSHIP, action: 'RESERVE_FUND_PAID' },
    });
    expect(audit.some((a) => (a.details as { caseId?: string }).caseId === caseId)).toBe(true);
  });

  it('small amount: explanation late → reminder → escalation to the county supervisor, closed when it finally arrives', async () => {
    await fund(TOWNSHIP, 5000);
    const h = await startCase('small-late', 'SMALL_AMOUNT', 500);
    const caseId = caseIdOf(h);
    await taskOf(h, 'EXPLAIN');
    const explain = await eventually(async () => {
      const [t] = await tasks(caseId, 'EXPLAIN');
      expect(t).toBeDefined();
      return t!;
    });
    const opened = await env.currentTimeMs();
    const due = explain!.dueAt!.getTime();
    // Before the reminder share (80%) of the 10 working days: nothing yet.
    await env.sleep((due - opened) * 0.5);
    expect((await tasks(caseId, 'EXPLAIN'))[0]!.reminderSentAt).toBeNull();
    await sleepPast(new Date(opened + (due - opened) * 0.8 + 3600_000), 0);
    await eventually(async () => expect((await tasks(caseId, 'EXPLAIN'))[0]!.reminderSentAt).not.toBeNull());
    expect(await prisma.task.count({ where: { caseId, type: 'ESCALATION' } })).toBe(0);
    await sleepPast(explain!.dueAt!);
    const escalation = await eventually(async () => {
      const [e] = await tasks(caseId, 'ESCALATION');
      expect(e).toBeDefined();
      return e!;
    });
    expect(escalation).toMatchObject({
      escalationKind: 'MISSING_EXPLANATION',
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: COUNTY,
      status: 'OPEN',
    });
    expect((await tasks(caseId, 'EXPLAIN'))[0]!.escalatedAt).not.toBeNull();
    expect((await state(h)).overdueSteps).toBe(1);
    await act(h, townshipCaseworker, { action: 'explain', text: '补交说明' });
    await h.result();
    expect((await tasks(caseId, 'ESCALATION'))[0]!.status).toBe('DONE');
  });

  it('reserve fund refused → the supervisor pays from the county budget: paid in full, the township’s balance untouched, then the explanation closes it', async () => {
    const township = '410502002';
    await setBalance(township, 300);
    const h = await startCase('fund-county-budget', 'SMALL_AMOUNT', 800, township);
    const caseId = caseIdOf(h);
    const refused = await fundRefusalOf(h);
    expect(refused).toMatchObject({ stage: 'SMALL_AMOUNT', paidAmount: 0 });
    const [escalation] = await tasks(caseId, 'ESCALATION');
    expect(escalation).toMatchObject({
      id: refused.fundRefusal!.escalationTaskId,
      escalationKind: 'FUND_REFUSAL',
      status: 'OPEN',
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: COUNTY,
    });
    expect(
      (
        await refusal(
          act(h, officer, { action: 'resolveFundRefusal', decision: 'PAY_FROM_COUNTY_BUDGET', reason: 'x' }),
        )
      ).type,
    ).toBe('ROLE_NOT_ALLOWED');
    await act(h, supervisor, {
      action: 'resolveFundRefusal',
      decision: 'PAY_FROM_COUNTY_BUDGET',
      reason: '备用金不足，由县级临时救助资金支付',
    });
    const explain = await taskOf(h, 'EXPLAIN');
    expect(await state(h)).toMatchObject({ stage: 'EXPLANATION_DUE', paidAmount: 800, fundRefusal: null });
    const r = await row(caseId);
    expect(r.payments.map((p) => [Number(p.amount), p.source, p.paymentKey])).toEqual([
      [800, 'COUNTY_BUDGET', `${caseId}:1:2`],
    ]);
    expect(Number(r.paidAmount)).toBe(800);
    expect(await balance(township)).toBe(300);
    expect((await tasks(caseId, 'ESCALATION'))[0]).toMatchObject({
      status: 'DONE',
      outcome: 'PAY_FROM_COUNTY_BUDGET',
      completedBy: supervisor.userId,
    });
    expect(
      await prisma.auditLog.count({
        where: {
          targetId: township,
          action: 'RESERVE_FUND_PAYMENT_REFUSED',
          details: { path: ['caseId'], equals: caseId },
        },
      }),
    ).toBe(1);
    expect(
      await prisma.auditLog.count({
        where: { targetId: township, action: 'RESERVE_FUND_PAID', details: { path: ['caseId'], equals: caseId } },
      }),
    ).toBe(0);
    await h.executeUpdate(emergencyActUpdate, {
      args: [
        {
          actor: { ...townshipCaseworker, jurisdiction: township },
          requestId: 'r-explain',
          taskId: explain,
          command: { action: 'explain', text: '备用金不足，县级资金已先行支付' },
        },
      ],
    });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', paidAmount: 800 });
    expect((await row(caseId)).notice).toBe(
      '临时救助决定通知：经审批，给予您临时救助金 800.00 元，已按规定发放。如有疑问，可向乡镇（街道）人民政府咨询。',
    );
  });

  it('reserve fund refused → the supervisor closes the case with a reason: nothing paid, no explanation asked, the notice gives the reason', async () => {
    const township = '410502002';
    await setBalance(township, 200);
    const h = await startCase('fund-closed', 'SMALL_AMOUNT', 900, township);
    const caseId = caseIdOf(h);
    await fundRefusalOf(h);
    await act(h, supervisor, {
      action: 'resolveFundRefusal',
      decision: 'CLOSE',
      reason: '已转介慈善组织救助，本案不再支付',
    });
    // Approved, then closed unpaid by the supervisor: the approval stays on the record.
    expect(await h.result()).toEqual({
      caseId,
      stage: 'CLOSED',
      approvedAmount: 900,
      paidAmount: 0,
      deliberation: null,
    });
    const r = await row(caseId);
    expect(r).toMatchObject({
      stage: 'CLOSED',
      notice: '临时救助办结通知：理由：已转介慈善组织救助，本案不再支付。如有疑问，可向乡镇（街道）人民政府咨询。',
    });
    expect(r.closedAt).not.toBeNull();
    expect(r.payments).toEqual([]);
    expect(Number(r.paidAmount)).toBe(0);
    expect(await balance(township)).toBe(200);
    expect((await tasks(caseId)).map((t) => [t.type, t.status, t.outcome])).toEqual([['ESCALATION', 'DONE', 'CLOSE']]);
    const closed = await prisma.auditLog.findMany({
      where: { targetType: 'EmergencyCase', targetId: caseId, action: 'EMERGENCY_CLOSED' },
    });
    expect(closed.map((a) => [a.actorId, a.reason, (a.details as { kind: string }).kind])).toEqual([
      [supervisor.userId, '已转介慈善组织救助，本案不再支付', 'CLOSED_BY_SUPERVISOR'],
    ]);
  });

  // ---- aid first ----

  it('aid first: the county grants direct aid in two stages, the emergency eases, registration and paperwork complete, the second stage is paid', async () => {
    const h = await startCase('aid-first', 'AID_FIRST', 6000);
    const caseId = caseIdOf(h);
    await taskOf(h, 'GRANT_AID');
    // 6,000.00 is above the township's limit: the county officer grants; the caseworker may not.
    expect((await refusal(act(h, townshipCaseworker, { action: 'grantAid', amount: 6000 }))).type).toBe(
      'ROLE_NOT_ALLOWED',
    );
    const tooMuch = await refusal(act(h, officer, { action: 'grantAid', amount: 40_000 }));
    expect(tooMuch.type).toBe('AMOUNT_ABOVE_APPROVER_LIMIT');
    expect(tooMuch.message).toContain('30000.00 元');
    await act(h, officer, {
      action: 'grantAid',
      amount: 6000,
      stages: [
        { amount: 4000, afterDays: 0 },
        { amount: 2000, afterDays: 30 },
      ],
    });
    await stageOf(h, 'AWAITING_EASE');
    await eventually(async () => expect(Number((await row(caseId)).paidAmount)).toBe(4000));
    expect((await row(caseId)).payments[0]!.source).toBe('COUNTY_BUDGET');
    await act(h, townshipCaseworker, { action: 'markEased', note: '伤者出院' });
    const taskId = await taskOf(h, 'REGISTER_AND_COMPLETE');
    const paperwork = await eventually(async () => {
      const [t] = await tasks(caseId, 'REGISTER_AND_COMPLETE');
      expect(t).toBeDefined();
      return t!;
    });
    expect(paperwork.dueAt!.getTime() - (await env.currentTimeMs())).toBeGreaterThan(20 * DAY); // 20 working days
    expect(
      (
        await refusal(
          act(h, townshipCaseworker, {
            action: 'registerAndComplete',
            recipientConfirmed: true,
            reason: '意外伤害',
            amount: 9000,
            materials: ['申请书'],
            signaturesComplete: true,
            sealsComplete: true,
          }),
        )
      ).type,
    ).toBe('AMOUNT_ABOVE_APPROVAL');
    await h.executeUpdate(emergencyActUpdate, {
      args: [
        {
          actor: townshipCaseworker,
          requestId: 'r-reg',
          taskId,
          command: {
            action: 'registerAndComplete',
            recipientConfirmed: true,
            reason: '意外伤害',
            amount: 6000,
            materials: ['申请书', '医院证明', '审批表'],
            signaturesComplete: true,
            sealsComplete: true,
          },
        },
      ],
    });
    await env.sleep(31 * DAY);
    const result = await h.result();
    expect(result).toMatchObject({ stage: 'CLOSED', paidAmount: 6000 });
    await expectApproved(h, 6000, [
      [4000, 'COUNTY_BUDGET'],
      [2000, 'COUNTY_BUDGET'],
    ]);
    const r = await row(caseId);
    expect(r.payments.map((p) => Number(p.amount)).sort()).toEqual([2000, 4000]);
    expect(r.registration).toMatchObject({ amount: 6000, sealsComplete: true });
    expect(r.eased).toBe(true);
  });

  it('aid first: paperwork deadline missed → escalation', async () => {
    await fund(TOWNSHIP, 5000);
    const h = await startCase('aid-first-late', 'AID_FIRST', 1500);
    const caseId = caseIdOf(h);
    await taskOf(h, 'GRANT_AID');
    // Township approval: its limit (2,000.00) is named in the refusal.
    const above = await refusal(act(h, townshipCaseworker, { action: 'grantAid', amount: 2500 }));
    expect(above.type).toBe('AMOUNT_ABOVE_APPROVER_LIMIT');
    expect(above.message).toContain('2000.00 元');
    await act(h, townshipCaseworker, { action: 'grantAid', amount: 1500 });
    await stageOf(h, 'AWAITING_EASE');
    await act(h, townshipCaseworker, { action: 'markEased' });
    await taskOf(h, 'REGISTER_AND_COMPLETE');
    const paperwork = await eventually(async () => {
      const [t] = await tasks(caseId, 'REGISTER_AND_COMPLETE');
      expect(t).toBeDefined();
      return t!;
    });
    await sleepPast(paperwork.dueAt!);
    const escalation = await eventually(async () => {
      const [e] = await tasks(caseId, 'ESCALATION');
      expect(e).toBeDefined();
      return e!;
    });
    expect(escalation).toMatchObject({ escalationKind: 'PAPERWORK_OVERDUE', status: 'OPEN' });
    expect((await tasks(caseId, 'REGISTER_AND_COMPLETE'))[0]!.reminderSentAt).not.toBeNull();
    expect((await state(h)).stage).toBe('PAPERWORK_DUE');
    await h.terminate('test done');
  });

  it('aid first referred to 一事一议 by the approver: convened, an abstention completes the quorum, REJECT by majority → the emergency is refused, nothing paid', async () => {
    const h = await startCase('aid-first-deliberated-rejected', 'AID_FIRST', 1500);
    const caseId = caseIdOf(h);
    const grant = await taskOf(h, 'GRANT_AID');
    expect((await refusal(act(h, otherTownship, { action: 'referToDeliberation', reason: '复杂' }))).type).toBe(
      'OUT_OF_JURISDICTION',
    );
    await act(h, townshipCaseworker, {
      action: 'referToDeliberation',
      reason: '家庭情况复杂，涉及多部门，提请一事一议',
    });
    const s = await eventually(async () => {
      const x = await state(h);
      expect(x.deliberationId).not.toBeNull();
      return x;
    });
    expect(s).toMatchObject({ stage: 'DELIBERATION', approvedAmount: null, paidAmount: 0 });
    expect((await tasks(caseId, 'GRANT_AID'))[0]).toMatchObject({
      id: grant,
      status: 'DONE',
      outcome: 'referToDeliberation',
      completedBy: townshipCaseworker.userId,
    });
    const deliberationId = s.deliberationId!;
    const child = env.client.workflow.getHandle(`deliberation-${deliberationId}`);
    started.push({ id: child.workflowId, file: 'deliberation-from-aid-first-rejected' });
    const dstate = (): Promise<DeliberationState> => child.query(deliberationStateQuery);
    await eventually(async () =>
      expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'CONVENE', status: 'OPEN' } })).toBe(1),
    );
    expect(await prisma.deliberation.findUniqueOrThrow({ where: { id: deliberationId } })).toMatchObject({
      sourceKind: 'EMERGENCY',
      sourceId: caseId,
      question: '家庭情况复杂，涉及多部门，提请一事一议',
      stage: 'CONVENING',
    });
    await dact(child, chair, {
      action: 'convene',
      members: [
        { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
        { userId: health.userId, department: 'HEALTH' },
        { userId: finance.userId, department: 'FINANCE' },
      ],
    });
    await eventually(async () =>
      expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'OPINION' } })).toBe(3),
    );
    await dact(child, civil, { action: 'giveOpinion', opinion: 'REJECT', comment: '收入核实后不符合条件' });
    expect((await dstate()).tally).toEqual({
      approve: 0,
      reject: 1,
      abstain: 0,
      quorumReached: false,
      majorityApproves: false,
    });
    expect(
      (await refusal(dact(child, chair, { action: 'decide', outcome: 'REJECT', measures: [], reason: '不同意' }))).type,
    ).toBe('QUORUM_NOT_REACHED');
    await dact(child, health, { action: 'giveOpinion', opinion: 'ABSTAIN', comment: '无意见' });
    // 2 of 3 members have spoken (more than half): the abstention counts toward the quorum, not toward either side.
    expect((await dstate()).tally).toEqual({
      approve: 0,
      reject: 1,
      abstain: 1,
      quorumReached: true,
      majorityApproves: false,
    });
    expect(
      (
        await refusal(
          dact(child, chair, {
            action: 'decide',
            outcome: 'APPROVE',
            measures: [{ item: '临时救助金', amount: 1500, department: 'CIVIL_AFFAIRS', dueOn: '2099-01-01' }],
            reason: '同意',
          }),
        )
      ).type,
    ).toBe('MAJORITY_MISMATCH');
    await dact(child, chair, { action: 'decide', outcome: 'REJECT', measures: [], reason: '多数成员单位不同意' });
    expect(await h.result()).toEqual({
      caseId,
      stage: 'REFUSED',
      approvedAmount: null,
      paidAmount: 0,
      deliberation: { deliberationId, outcome: 'REJECT', measures: [], closedReason: null },
    });
    const r = await row(caseId);
    expect(r.stage).toBe('REFUSED');
    expect(r.payments).toEqual([]);
    expect(r.notice).toContain('集体研究，决定不予救助。如对本决定有异议');
    const d = await prisma.deliberation.findUniqueOrThrow({ where: { id: deliberationId } });
    expect(d).toMatchObject({ stage: 'CLOSED', outcome: 'REJECT' });
    const dtasks = await prisma.task.findMany({ where: { caseId: deliberationId }, orderBy: { createdAt: 'asc' } });
    expect(dtasks.filter((t) => t.type === 'FOLLOW_UP')).toEqual([]);
    expect(
      dtasks
        .filter((t) => t.type === 'OPINION')
        .map((t) => [t.assignee, t.status, t.outcome])
        .sort(),
    ).toEqual(
      [
        [civil.userId, 'DONE', 'REJECT'],
        [finance.userId, 'CANCELLED', 'DECIDED'],
        [health.userId, 'DONE', 'ABSTAIN'],
      ].sort(),
    );
    expect(dtasks.find((t) => t.type === 'DELIBERATION_DECIDE')).toMatchObject({
      status: 'DONE',
      outcome: 'REJECT',
      completedBy: chair.userId,
    });
  });

  it('一事一议 direct: an abstention alone is no quorum; with an approval it is, and the majority approves; one department reports its measure REFUSED → closed with both reports', async () => {
    const deliberationId = randomUUID();
    const q = limit(PARAMETER_IDS.DELIBERATION_QUORUM_SHARE);
    const m = limit(PARAMETER_IDS.DELIBERATION_MAJORITY_SHARE);
    const input: DeliberationInput = {
      deliberationId,
      countyCode: COUNTY,
      townshipCode: null,
      source: { kind: 'DIRECT', id: null },
      question: '某户因病致贫，子女就学困难',
      convened: {
        chair,
        members: [
          { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
          { userId: health.userId, department: 'HEALTH' },
          { userId: education.userId, department: 'EDUCATION' },
        ],
        requestId: 'r0',
      },
      rules: { quorumShare: q.value, majorityShare: m.value, refs: [q.ref, m.ref] },
    };
    const h = await env.client.workflow.start('deliberationWorkflow', {
      taskQueue: QUEUE,
      workflowId: `deliberation-${deliberationId}`,
      args: [input],
    });
    started.push({ id: h.workflowId, file: 'deliberation-follow-up-refused' });
    const dstate = (): Promise<DeliberationState> => h.query(deliberationStateQuery);
    await eventually(async () => expect((await dstate()).deadlineAt).not.toBeNull());
    await dact(h, civil, { action: 'giveOpinion', opinion: 'ABSTAIN', comment: '不属本部门职责' });
    expect((await dstate()).tally).toEqual({
      approve: 0,
      reject: 0,
      abstain: 1,
      quorumReached: false,
      majorityApproves: false,
    });
    const today = new Date((await env.currentTimeMs()) + 8 * 3600_000).toISOString().slice(0, 10);
    const dueOn = new Date(Date.parse(today) + 10 * DAY).toISOString().slice(0, 10);
    const measures = [
      { item: '医疗费用减免', amount: 5000, department: 'HEALTH' as const, dueOn },
      { item: '就学资助', amount: 2000, department: 'EDUCATION' as const, dueOn },
    ];
    expect(
      (await refusal(dact(h, chair, { action: 'decide', outcome: 'APPROVE', measures, reason: '同意' }))).type,
    ).toBe('QUORUM_NOT_REACHED');
    await dact(h, health, { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意医疗救助' });
    expect((await dstate()).tally).toEqual({
      approve: 1,
      reject: 0,
      abstain: 1,
      quorumReached: true,
      majorityApproves: true,
    });
    await dact(h, chair, { action: 'decide', outcome: 'APPROVE', measures, reason: '多数同意' });
    const follow = await eventually(async () => {
      const f = (await dstate()).followUps;
      expect(f).toHaveLength(2);
      return f;
    });
    // Opened side by side, in no set order.
    expect(follow.map((f) => [f.department, f.assignee, f.dueAt]).sort()).toEqual([
      ['EDUCATION', education.userId, endOfDayCst(dueOn)],
      ['HEALTH', health.userId, endOfDayCst(dueOn)],
    ]);
    const of = (dept: string) => follow.find((f) => f.department === dept)!.taskId;
    await dact(h, education, {
      action: 'reportFollowUp',
      taskId: of('EDUCATION'),
      result: 'REFUSED',
      details: '该生已享受国家助学金，不重复资助',
    });
    expect((await dstate()).stage).toBe('FOLLOW_UP');
    expect(
      (
        await refusal(
          dact(h, education, {
            action: 'reportFollowUp',
            taskId: of('EDUCATION'),
            result: 'DONE',
            details: '改为已落实',
          }),
        )
      ).type,
    ).toBe('FOLLOW_UP_NOT_OPEN');
    await dact(h, health, {
      action: 'reportFollowUp',
      taskId: of('HEALTH'),
      result: 'DONE',
      details: '已减免 5000 元',
    });
    expect(await h.result()).toEqual({ deliberationId, outcome: 'APPROVE', measures, closedReason: null });
    const done = await prisma.task.findMany({ where: { caseId: deliberationId, type: 'FOLLOW_UP' } });
    expect(done.map((t) => [t.assignee, t.status, t.outcome, t.completedBy]).sort()).toEqual(
      [
        [education.userId, 'DONE', 'REFUSED', education.userId],
        [health.userId, 'DONE', 'DONE', health.userId],
      ].sort(),
    );
    const reports = await prisma.auditLog.findMany({
      where: { targetId: deliberationId, action: 'DELIBERATION_FOLLOW_UP_REPORTED' },
      orderBy: { seq: 'asc' },
    });
    expect(reports.map((a) => a.reason)).toEqual([
      '就学资助：未能落实，该生已享受国家助学金，不重复资助',
      '医疗费用减免：已落实，已减免 5000 元',
    ]);
    expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'ESCALATION' } })).toBe(0);
    expect(await prisma.deliberation.findUniqueOrThrow({ where: { id: deliberationId } })).toMatchObject({
      stage: 'CLOSED',
      outcome: 'APPROVE',
      closedReason: null,
    });
  });

  // ---- expense type ----

  async function expenseTo(h: WorkflowHandle, annualIncome: number) {
    await taskOf(h, 'EMERGENCY_ACCEPT');
    await act(h, townshipCaseworker, { action: 'accept' });
    await taskOf(h, 'EMERGENCY_INVESTIGATE');
    await act(h, townshipCaseworker, {
      action: 'recordInvestigation',
      investigators: ['张', '李'],
      findings: '入户核实',
      householdSize: 3,
      annualIncome,
      rigidExpenses: 20_000,
    });
    await taskOf(h, 'EMERGENCY_REVIEW');
    return state(h);
  }

  it('expense type: full procedure with the income test against previous-year disposable income → approved, paid, notice', async () => {
    await fund(TOWNSHIP, 5000);
    const h = await startCase('expense-approve', 'EXPENSE_TYPE', 1800);
    const caseId = caseIdOf(h);
    const s = await expenseTo(h, 30_000);
    // (30,000 − 20,000) / 3 = 3,333.33 < the rural 2023 figure of 文峰区 (19,700.00)
    expect(s.incomeTest).toMatchObject({ eligible: true, perCapitaIncome: 3333.33 });
    expect(s.incomeTest!.parameter.id).toBe('statistics.previous_year_disposable_income');
    expect(
      (await refusal(act(h, townshipCaseworker, { action: 'submitOpinion', proposal: 'REFUSE', reasons: ['不同意'] })))
        .type,
    ).toBe('DISAGREEMENT_REASON_REQUIRED');
    await act(h, townshipCaseworker, {
      action: 'submitOpinion',
      proposal: 'APPROVE',
      amount: 1800,
      reasons: ['医疗支出大'],
    });
    await taskOf(h, 'EMERGENCY_CONFIRM');
    await act(h, townshipCaseworker, { action: 'confirm' });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', paidAmount: 1800 });
    await expectApproved(h, 1800, [[1800, 'RESERVE_FUND']]);
    const r = await row(caseId);
    expect(r.decision).toMatchObject({ outcome: 'APPROVED', amount: 1800 });
    expect(r.notice).toContain('1800.00 元');
    expect(r.notice).toContain('低于上年度当地农村居民人均可支配收入 19700.00 元');
  });

  it('expense type: income above the threshold → refused by the county with reasons and a Chinese notice', async () => {
    const h = await startCase('expense-refuse', 'EXPENSE_TYPE', 5000);
    const caseId = caseIdOf(h);
    const s = await expenseTo(h, 200_000);
    expect(s.incomeTest!.eligible).toBe(false);
    await act(h, townshipCaseworker, { action: 'submitOpinion', proposal: 'REFUSE', reasons: ['收入超过标准'] });
    await taskOf(h, 'EMERGENCY_CONFIRM');
    expect((await refusal(act(h, townshipCaseworker, { action: 'refuse', reasons: ['x'] }))).type).toBe(
      'ROLE_NOT_ALLOWED',
    );
    await act(h, officer, { action: 'refuse', reasons: ['家庭收入不符合支出型临时救助条件'] });
    expect(await h.result()).toMatchObject({ stage: 'REFUSED', paidAmount: 0 });
    const r = await row(caseId);
    expect(r.stage).toBe('REFUSED');
    expect(r.notice).toContain('不予救助');
    expect(r.notice).toContain('不低于上年度当地农村居民人均可支配收入');
    expect(r.payments).toHaveLength(0);
  });

  it('expense type: the acceptance step overdue → due 5 working days after it opened, reminded, escalated once (OVERDUE_STEP), closed when accepted', async () => {
    const h = await startCase('expense-overdue', 'EXPENSE_TYPE', 1200);
    const caseId = caseIdOf(h);
    const taskId = await taskOf(h, 'EMERGENCY_ACCEPT');
    const dueAt = workingDaysAfter(await env.currentTimeMs(), 5);
    const accept = await eventually(async () => {
      const [t] = await tasks(caseId, 'EMERGENCY_ACCEPT');
      expect(t).toBeDefined();
      return t!;
    });
    expect(accept).toMatchObject({
      id: taskId,
      dueAt: new Date(dueAt),
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: TOWNSHIP,
      priority: 1,
    });
    expect((await state(h)).currentTask).toMatchObject({ taskId, dueAt });
    await sleepPast(dueAt, -3600_000);
    await eventually(async () => expect((await tasks(caseId, 'EMERGENCY_ACCEPT'))[0]!.reminderSentAt).not.toBeNull());
    expect(await prisma.task.count({ where: { caseId, type: 'ESCALATION' } })).toBe(0);
    await sleepPast(dueAt);
    const escalation = await eventually(async () => {
      const [e] = await tasks(caseId, 'ESCALATION');
      expect(e).toBeDefined();
      return e!;
    });
    expect(escalation).toMatchObject({
      escalationKind: 'OVERDUE_STEP',
      reason: '支出型临时救助受理逾期',
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: COUNTY,
      priority: 2,
      status: 'OPEN',
    });
    expect((await tasks(caseId, 'EMERGENCY_ACCEPT'))[0]!.escalatedAt).not.toBeNull();
    expect(await state(h)).toMatchObject({ stage: 'EXPENSE_TYPE', step: 'ACCEPT', overdueSteps: 1 });
    await env.sleep(2 * DAY);
    expect(await prisma.task.count({ where: { caseId, type: 'ESCALATION' } })).toBe(1);
    await act(h, townshipCaseworker, { action: 'accept' });
    await taskOf(h, 'EMERGENCY_INVESTIGATE');
    await eventually(async () =>
      expect((await tasks(caseId, 'ESCALATION'))[0]).toMatchObject({ status: 'DONE', outcome: 'STEP_COMPLETED' }),
    );
    expect((await tasks(caseId, 'EMERGENCY_ACCEPT'))[0]).toMatchObject({ status: 'DONE', outcome: 'accept' });
    await h.terminate('test done');
  });

  // ---- deliberation ----

  it('above the county limit → deliberation: convened, opinions (non-member 403, second 409, change audited), quorum, decision (its civil-affairs amount approved and paid at once), follow-ups reported → closed', async () => {
    const h = await startCase('deliberation-paid', 'DELIBERATION', 50_000);
    const caseId = caseIdOf(h);
    const s = await stageOf(h, 'DELIBERATION');
    const child = env.client.workflow.getHandle(
      `deliberation-${
        s.deliberationId ??
        (
          await eventually(async () => {
            const x = await state(h);
            expect(x.deliberationId).not.toBeNull();
            return x;
          })
        ).deliberationId
      }`,
    );
    started.push({ id: child.workflowId, file: 'deliberation-from-emergency-paid' });
    const dstate = (): Promise<DeliberationState> => child.query(deliberationStateQuery);
    await eventually(async () =>
      expect(await prisma.task.count({ where: { type: 'CONVENE', status: 'OPEN' } })).toBeGreaterThan(0),
    );
    expect(
      (await refusal(dact(child, civil, { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' }))).type,
    ).toBe('WRONG_STAGE');
    await dact(child, chair, {
      action: 'convene',
      members: [
        { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
        { userId: health.userId, department: 'HEALTH' },
        { userId: finance.userId, department: 'FINANCE' },
      ],
    });
    await eventually(async () => expect((await dstate()).deadlineAt).not.toBeNull());
    const deliberationId = (await dstate()).deliberationId;
    await eventually(async () =>
      expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'OPINION' } })).toBe(3),
    );
    expect(
      (await refusal(dact(child, education, { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' }))).type,
    ).toBe('NOT_A_MEMBER');
    await dact(child, civil, { action: 'giveOpinion', opinion: 'REJECT', comment: '需再核实' });
    expect(
      (await refusal(dact(child, civil, { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' }))).type,
    ).toBe('OPINION_ALREADY_GIVEN');
    expect(
      (
        await refusal(
          dact(child, chair, {
            action: 'decide',
            outcome: 'APPROVE',
            measures: [{ item: '临时救助金', amount: 20000, department: 'CIVIL_AFFAIRS', dueOn: '2099-01-01' }],
            reason: '决定',
          }),
        )
      ).type,
    ).toBe('QUORUM_NOT_REACHED');
    await dact(child, civil, { action: 'changeOpinion', opinion: 'APPROVE', comment: '核实后同意' });
    await dact(child, health, { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意医疗救助' });
    const tally = (await dstate()).tally;
    expect(tally).toMatchObject({ approve: 2, reject: 0, quorumReached: true, majorityApproves: true });
    expect(
      (await refusal(dact(child, chair, { action: 'decide', outcome: 'REJECT', measures: [], reason: '不同意' }))).type,
    ).toBe('MAJORITY_MISMATCH');
    const today = new Date((await env.currentTimeMs()) + 8 * 3600_000).toISOString().slice(0, 10);
    const plus = (days: number) => new Date(Date.parse(today) + days * DAY).toISOString().slice(0, 10);
    await dact(child, chair, {
      action: 'decide',
      outcome: 'APPROVE',
      reason: '多数同意',
      measures: [
        { item: '临时救助金', amount: 20_000, department: 'CIVIL_AFFAIRS', dueOn: plus(10) },
        { item: '医疗费用减免', amount: 15_000, department: 'HEALTH', dueOn: plus(20) },
        { item: '就学资助', amount: 3_000, department: 'EDUCATION', dueOn: plus(20) },
      ],
    });
    const follow = await eventually(async () => {
      const f = (await dstate()).followUps;
      expect(f).toHaveLength(3);
      return f;
    });
    // The civil-affairs amount is the case's approved amount, paid from the county budget without waiting for the follow-ups.
    await eventually(async () =>
      expect((await row(caseId)).payments.map((p) => [Number(p.amount), p.source])).toEqual([
        [20_000, 'COUNTY_BUDGET'],
      ]),
    );
    expect(Number((await row(caseId)).approvedAmount)).toBe(20_000);
    expect((await state(h)).approvedAmount).toBe(20_000);
    // Assigned to the members of those departments, and to a county liaison for the one without a member.
    expect(follow.map((f) => f.assignee).sort()).toEqual(
      [civil.userId, 'demo-liaison-education', health.userId].sort(),
    );
    expect((await refusal(dact(child, civil, { action: 'giveOpinion', opinion: 'APPROVE', comment: 'x' }))).type).toBe(
      'WRONG_STAGE',
    );
    const of = (dept: string) => follow.find((f) => f.department === dept)!.taskId;
    expect(
      (
        await refusal(
          dact(child, health, { action: 'reportFollowUp', taskId: of('CIVIL_AFFAIRS'), result: 'DONE', details: 'x' }),
        )
      ).type,
    ).toBe('NOT_THE_RESPONSIBLE_DEPARTMENT');
    await dact(child, civil, {
      action: 'reportFollowUp',
      taskId: of('CIVIL_AFFAIRS'),
      result: 'DONE',
      details: '已发放 20000 元',
    });
    await dact(child, health, { action: 'reportFollowUp', taskId: of('HEALTH'), result: 'DONE', details: '已减免' });
    expect((await dstate()).stage).toBe('FOLLOW_UP');
    await dact(child, education, {
      action: 'reportFollowUp',
      taskId: of('EDUCATION'),
      result: 'DONE',
      details: '已资助',
    });
    const result = await h.result();
    expect(result.stage).toBe('CLOSED');
    expect(result.deliberation).toMatchObject({ outcome: 'APPROVE' });
    const closed = await expectApproved(h, 20_000, [[20_000, 'COUNTY_BUDGET']]);
    expect(closed.measures).toHaveLength(3);
    expect(closed.notice).toContain('临时救助金 20000.00 元（责任单位：民政');
    expect(closed.notice).toContain('医疗费用减免 15000.00 元（责任单位：卫生健康');
    expect(closed.notice).toContain('经批准的临时救助金共计 20000.00 元，已按规定发放');
    const d = await prisma.deliberation.findUniqueOrThrow({
      where: { id: deliberationId },
      include: { opinions: true },
    });
    expect(d.stage).toBe('CLOSED');
    expect(d.opinions.find((o) => o.memberId === civil.userId)).toMatchObject({ opinion: 'APPROVE', version: 2 });
    const changes = await prisma.auditLog.findMany({
      where: { targetId: deliberationId, action: 'DELIBERATION_OPINION_CHANGED' },
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.details).toMatchObject({ previous: 'REJECT', opinion: 'APPROVE' });
    expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'FOLLOW_UP', status: 'DONE' } })).toBe(3);
    // The finance member never gave an opinion: its task was cancelled at the decision.
    expect(
      (
        await prisma.task.findFirstOrThrow({
          where: { caseId: deliberationId, type: 'OPINION', assignee: finance.userId },
        })
      ).status,
    ).toBe('CANCELLED');
  });

  /** The 一事一议 a case referred: convened by the chair with civil affairs and health, both giving the same opinion. */
  async function deliberationOf(h: WorkflowHandle, file: string, opinion: 'APPROVE' | 'REJECT') {
    const { deliberationId } = await eventually(async () => {
      const x = await state(h);
      expect(x.deliberationId).not.toBeNull();
      return x;
    });
    const child = env.client.workflow.getHandle(`deliberation-${deliberationId}`);
    started.push({ id: child.workflowId, file });
    const dstate = (): Promise<DeliberationState> => child.query(deliberationStateQuery);
    await eventually(async () =>
      expect(await prisma.task.count({ where: { caseId: deliberationId!, type: 'CONVENE' } })).toBe(1),
    );
    await dact(child, chair, {
      action: 'convene',
      members: [
        { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
        { userId: health.userId, department: 'HEALTH' },
      ],
    });
    await eventually(async () => expect((await dstate()).deadlineAt).not.toBeNull());
    await dact(child, civil, { action: 'giveOpinion', opinion, comment: '意见' });
    await dact(child, health, { action: 'giveOpinion', opinion, comment: '意见' });
    const today = new Date((await env.currentTimeMs()) + 8 * 3600_000).toISOString().slice(0, 10);
    return { child, dstate, dueOn: new Date(Date.parse(today) + 10 * DAY).toISOString().slice(0, 10) };
  }

  it('aid first referred to 一事一议: the decision names 40,000.00 → approved on the case, paid once, named in the notice', async () => {
    const h = await startCase('aid-first-deliberated', 'AID_FIRST', 40_000);
    const caseId = caseIdOf(h);
    await taskOf(h, 'GRANT_AID');
    await act(h, officer, { action: 'referToDeliberation', reason: '金额超过县级审批限额，提请一事一议' });
    const { child, dstate, dueOn } = await deliberationOf(h, 'deliberation-from-aid-first', 'APPROVE');
    await dact(child, chair, {
      action: 'decide',
      outcome: 'APPROVE',
      reason: '一致同意',
      measures: [
        { item: '临时救助金', amount: 40_000, department: 'CIVIL_AFFAIRS', dueOn },
        { item: '医疗救助一站式结算', amount: null, department: 'HEALTH', dueOn },
      ],
    });
    // Paid as soon as the chair decides: the follow-ups are still open.
    await eventually(async () =>
      expect((await row(caseId)).payments.map((p) => [Number(p.amount), p.source])).toEqual([
        [40_000, 'COUNTY_BUDGET'],
      ]),
    );
    expect((await dstate()).stage).toBe('FOLLOW_UP');
    expect((await state(h)).approvedAmount).toBe(40_000);
    const follow = await eventually(async () => {
      const f = (await dstate()).followUps;
      expect(f).toHaveLength(2);
      return f;
    });
    await dact(child, civil, {
      action: 'reportFollowUp',
      taskId: follow.find((f) => f.department === 'CIVIL_AFFAIRS')!.taskId,
      result: 'DONE',
      details: '已发放',
    });
    await dact(child, health, {
      action: 'reportFollowUp',
      taskId: follow.find((f) => f.department === 'HEALTH')!.taskId,
      result: 'DONE',
      details: '已结算',
    });
    const closed = await expectApproved(h, 40_000, [[40_000, 'COUNTY_BUDGET']]);
    expect(closed.stage).toBe('CLOSED');
    expect(closed.notice).toContain('经批准的临时救助金共计 40000.00 元，已按规定发放');
    expect(closed.notice).toContain('医疗救助一站式结算（责任单位：卫生健康');
    const approved = await prisma.auditLog.findMany({ where: { targetId: caseId, action: 'EMERGENCY_APPROVED' } });
    expect(approved.map((a) => (a.details as { amount?: number }).amount)).toEqual([40_000]);
  });

  it('一事一议 decides not to help: no amount, no payment, a refusal notice with the remedy and no codes', async () => {
    const h = await startCase('deliberation-rejected', 'DELIBERATION', 45_000);
    const { child } = await deliberationOf(h, 'deliberation-rejected-from-emergency', 'REJECT');
    await dact(child, chair, { action: 'decide', outcome: 'REJECT', reason: '经核实已获其他救助', measures: [] });
    const result = await h.result();
    expect(result).toMatchObject({ stage: 'REFUSED', approvedAmount: null, paidAmount: 0 });
    const r = await row(caseIdOf(h));
    expect(r.approvedAmount).toBeNull();
    expect(r.payments).toHaveLength(0);
    expect(r.notice).toContain('决定不予救助');
    expect(r.notice).toContain('行政复议');
    expect(codesIn(r.notice!)).toEqual([]);
  });

  it('deliberation deadline without quorum → chair reminded → extended once → decision; overdue follow-up → escalation; chair closes with a reason', async () => {
    const deliberationId = randomUUID();
    const q = limit(PARAMETER_IDS.DELIBERATION_QUORUM_SHARE);
    const m = limit(PARAMETER_IDS.DELIBERATION_MAJORITY_SHARE);
    const input: DeliberationInput = {
      deliberationId,
      countyCode: COUNTY,
      townshipCode: null,
      source: { kind: 'DIRECT', id: null },
      question: '某户因病致贫，多部门联合救助',
      convened: {
        chair,
        members: [
          { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
          { userId: health.userId, department: 'HEALTH' },
          { userId: education.userId, department: 'EDUCATION' },
        ],
        requestId: 'r0',
      },
      rules: { quorumShare: q.value, majorityShare: m.value, refs: [q.ref, m.ref] },
    };
    const h = await env.client.workflow.start('deliberationWorkflow', {
      taskQueue: QUEUE,
      workflowId: `deliberation-${deliberationId}`,
      args: [input],
    });
    started.push({ id: h.workflowId, file: 'deliberation-extended' });
    const dstate = (): Promise<DeliberationState> => h.query(deliberationStateQuery);
    const first = await eventually(async () => {
      const s = await dstate();
      expect(s.deadlineAt).not.toBeNull();
      return s;
    });
    await dact(h, civil, { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' });
    expect((await refusal(dact(h, chair, { action: 'extend', reason: '未到期' }))).type).toBe('WRONG_STAGE');
    await sleepPast(first.deadlineAt!);
    await eventually(async () => expect((await dstate()).deadlineMissed).toBe(true));
    const decide = await prisma.task.findFirstOrThrow({
      where: { caseId: deliberationId, type: 'DELIBERATION_DECIDE' },
    });
    expect(decide.reminderSentAt).not.toBeNull();
    expect(decide.assignee).toBe(chair.userId);
    const other: ActorRef = { userId: 'demo-county-supervisor-2', role: 'COUNTY_SUPERVISOR', jurisdiction: COUNTY };
    expect((await refusal(dact(h, other, { action: 'extend', reason: '延期' }))).type).toBe('NOT_THE_CHAIR');
    const extended = await dact(h, chair, { action: 'extend', reason: '成员单位出差，延期五个工作日' });
    expect(extended.extended).toBe(true);
    expect(Date.parse(extended.deadlineAt!)).toBeGreaterThan(Date.parse(first.deadlineAt!));
    expect((await refusal(dact(h, chair, { action: 'extend', reason: '再延期' }))).type).toBe('ALREADY_EXTENDED');
    // The open tasks carry the new deadline, their reminders re-armed; the answered one keeps its own.
    const rescheduled = await prisma.task.findMany({
      where: { caseId: deliberationId, type: { in: ['DELIBERATION_DECIDE', 'OPINION'] } },
    });
    expect(
      rescheduled
        .filter((t) => t.dueAt!.toISOString() === extended.deadlineAt)
        .map((t) => t.assignee)
        .sort(),
    ).toEqual([chair.userId, education.userId, health.userId].sort());
    expect(rescheduled.find((t) => t.type === 'DELIBERATION_DECIDE')!.reminderSentAt).toBeNull();
    await dact(h, health, { action: 'giveOpinion', opinion: 'APPROVE', comment: '同意' });
    const today = new Date((await env.currentTimeMs()) + 8 * 3600_000).toISOString().slice(0, 10);
    const dueOn = new Date(Date.parse(today) + 5 * DAY).toISOString().slice(0, 10);
    await dact(h, chair, {
      action: 'decide',
      outcome: 'APPROVE',
      reason: '同意',
      measures: [{ item: '医疗救助', amount: 8000, department: 'HEALTH', dueOn }],
    });
    const f = await eventually(async () => {
      const s = await dstate();
      expect(s.followUps).toHaveLength(1);
      return s.followUps[0]!;
    });
    await sleepPast(f.dueAt);
    await eventually(async () =>
      expect(
        await prisma.task.count({
          where: { caseId: deliberationId, type: 'ESCALATION', escalationKind: 'FOLLOW_UP_OVERDUE', status: 'OPEN' },
        }),
      ).toBe(1),
    );
    expect((await dstate()).followUps[0]!.escalated).toBe(true);
    await dact(h, chair, { action: 'close', reason: '卫健部门已另行处理，召集人结案' });
    expect(await h.result()).toMatchObject({ outcome: 'APPROVE', closedReason: '卫健部门已另行处理，召集人结案' });
    expect((await prisma.task.findFirstOrThrow({ where: { caseId: deliberationId, type: 'FOLLOW_UP' } })).status).toBe(
      'CANCELLED',
    );
    expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'ESCALATION', status: 'OPEN' } })).toBe(0);
    expect((await prisma.deliberation.findUniqueOrThrow({ where: { id: deliberationId } })).closedReason).toContain(
      '召集人结案',
    );
  });

  it('deliberation: a holiday schedule loaded while opinions are due → the sweep re-plans the provisional deadline of every open task, once', async () => {
    // A worker whose calendar knows no year without the table: the deadline is provisional.
    const queue = `${QUEUE}-calendar`;
    const calendar = new LiveCalendar(prisma, () => new WorkingDayCalendar([]));
    const w = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queue,
      workflowBundle: bundle,
      activities: createActivities({
        prisma,
        parameters: params,
        calendar,
        temporal: { client: env.client, taskQueue: queue },
      }),
    });
    const run = w.run();
    const deliberationId = randomUUID();
    let years: number[] = [];
    try {
      const q = limit(PARAMETER_IDS.DELIBERATION_QUORUM_SHARE);
      const m = limit(PARAMETER_IDS.DELIBERATION_MAJORITY_SHARE);
      const input: DeliberationInput = {
        deliberationId,
        countyCode: COUNTY,
        townshipCode: null,
        source: { kind: 'DIRECT', id: null },
        question: '节假日安排载入后重新计算期限',
        convened: {
          chair,
          members: [
            { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
            { userId: health.userId, department: 'HEALTH' },
          ],
          requestId: 'r0',
        },
        rules: { quorumShare: q.value, majorityShare: m.value, refs: [q.ref, m.ref] },
      };
      const h = await env.client.workflow.start('deliberationWorkflow', {
        taskQueue: queue,
        workflowId: `deliberation-${deliberationId}`,
        args: [input],
      });
      started.push({ id: h.workflowId, file: 'deliberation-calendar-loaded' });
      const dstate = (): Promise<DeliberationState> => h.query(deliberationStateQuery);
      const tasks = () =>
        prisma.task.findMany({ where: { caseId: deliberationId, type: { in: ['OPINION', 'DELIBERATION_DECIDE'] } } });
      const before = await eventually(async () => {
        const s = await dstate();
        expect(s.deadlineAt).not.toBeNull();
        expect(await tasks()).toHaveLength(3);
        return s.deadlineAt!;
      });
      expect((await tasks()).every((t) => t.dueProvisional && t.dueAt!.toISOString() === before)).toBe(true);

      // The administrator's load, as the API stores it (test data: the deadline day is off), then the sweep.
      const first = new Date(await env.currentTimeMs()).getUTCFullYear() - 1;
      years = Array.from({ length: Number(cstDate(before).slice(0, 4)) + 2 - first }, (_, i) => first + i);
      const loadedAt = new Date();
      await prisma.holidaySchedule.createMany({
        data: years.map((year) => ({
          year,
          holidays: [
            ...new Set([
              ...FIXED_DATE_HOLIDAYS.map((md) => `${year}-${md}`),
              ...[cstDate(before)].filter((d) => d.startsWith(`${year}-`)),
            ]),
          ],
          makeUpWorkdays: [],
          source: '测试用节假日安排',
          loadedBy: 'test',
          loadedAt,
        })),
      });
      const loaded = { year: years.at(-2)!, loadedAt: loadedAt.toISOString() };
      const sweepId = holidayScheduleLoadedWorkflowId(loaded);
      started.push({ id: sweepId, file: 'holiday-schedule-loaded' });
      const swept = await env.client.workflow.execute('holidayScheduleLoadedWorkflow', {
        taskQueue: queue,
        workflowId: sweepId,
        args: [loaded],
      });
      expect(swept.signalled).toBe(1); // this deliberation, by the first sweep; planned on the loaded year, the second finds nothing provisional

      const after = await eventually(async () => {
        const s = await dstate();
        expect(s.deadlineAt).not.toBe(before);
        return s.deadlineAt!;
      });
      expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
      await eventually(async () =>
        expect((await tasks()).map((t) => [t.dueAt!.toISOString(), t.dueProvisional])).toEqual([
          [after, false],
          [after, false],
          [after, false],
        ]),
      );
      expect(
        await prisma.auditLog.count({
          where: { action: 'TASK_DUE_RECALCULATED', targetId: { in: (await tasks()).map((t) => t.id) } },
        }),
      ).toBe(3);
      expect(
        (await prisma.deliberation.findUniqueOrThrow({ where: { id: deliberationId } })).deadlineAt!.toISOString(),
      ).toBe(after);
      await dact(h, chair, { action: 'close', reason: '测试结束' });
      await h.result();
    } finally {
      await prisma.holidaySchedule.deleteMany({ where: { year: { in: years } } });
      w.shutdown();
      await run;
    }
  });

  it('一事一议 convened at its start: an action arriving with the start meets the chair and OPINIONS — another supervisor’s close is refused, the chair’s closes it at once', async () => {
    // The workflow's queue has no worker until both closes wait at the server: they come with its first task.
    const queue = `${QUEUE}-held`;
    const q = limit(PARAMETER_IDS.DELIBERATION_QUORUM_SHARE);
    const m = limit(PARAMETER_IDS.DELIBERATION_MAJORITY_SHARE);
    const other: ActorRef = { userId: 'demo-county-supervisor-2', role: 'COUNTY_SUPERVISOR', jurisdiction: COUNTY };
    const startHeld = async (file: string) => {
      const deliberationId = randomUUID();
      const input: DeliberationInput = {
        deliberationId,
        countyCode: COUNTY,
        townshipCode: null,
        source: { kind: 'DIRECT', id: null },
        question: '召集后即时处理',
        convened: {
          chair,
          members: [
            { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
            { userId: health.userId, department: 'HEALTH' },
          ],
          requestId: 'r0',
        },
        rules: { quorumShare: q.value, majorityShare: m.value, refs: [q.ref, m.ref] },
      };
      const h = await env.client.workflow.start('deliberationWorkflow', {
        taskQueue: queue,
        workflowId: `deliberation-${deliberationId}`,
        args: [input],
      });
      started.push({ id: h.workflowId, file });
      return { h, deliberationId };
    };
    const runHeld = async <T>(body: () => Promise<T>): Promise<T> => {
      await new Promise((r) => setTimeout(r, 1000));
      const w = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: queue,
        workflowBundle: bundle,
        activities: createActivities({ prisma, parameters: params }),
      });
      return w.runUntil(body);
    };

    const first = await startHeld('deliberation-closed-by-other-at-start');
    const byOther = refusal(dact(first.h, other, { action: 'close', reason: '非召集人结案' }));
    await runHeld(async () => {
      expect((await byOther).type).toBe('NOT_THE_CHAIR');
      await eventually(async () =>
        expect(await prisma.task.count({ where: { caseId: first.deliberationId, type: 'OPINION' } })).toBe(2),
      );
      expect(await first.h.query(deliberationStateQuery)).toMatchObject({
        stage: 'OPINIONS',
        chairId: chair.userId,
        closedReason: null,
      });
      await dact(first.h, chair, { action: 'close', reason: '测试结束' });
      await first.h.result();
    });

    const second = await startHeld('deliberation-closed-by-chair-at-start');
    const byChair = dact(second.h, chair, { action: 'close', reason: '召集人当即结案' });
    const result = await runHeld(async () => {
      await byChair;
      return second.h.result();
    });
    expect(result).toEqual({
      deliberationId: second.deliberationId,
      outcome: null,
      measures: [],
      closedReason: '召集人当即结案',
    });
    expect(await prisma.deliberation.findUniqueOrThrow({ where: { id: second.deliberationId } })).toMatchObject({
      stage: 'CLOSED',
      closedReason: '召集人当即结案',
    });
    expect(await prisma.task.count({ where: { caseId: second.deliberationId } })).toBe(0); // closed before any task was opened
  });

  // ---- reserve fund ----

  it('reserve fund exhausted → payment refused (nothing moved), escalated; after a top-up the supervisor retries and it is paid', async () => {
    const township = '410502002';
    const start = await balance(township);
    // Drain it to 500.00 with a real payment, then ask for 800.00.
    await prisma.$transaction((tx) =>
      topUp(tx, {
        townshipCode: township,
        countyCode: COUNTY,
        amount: 0.01,
        entryKey: `t:${randomUUID()}`,
        actor: { actorId: 't', role: 'SYSTEM' },
      }),
    );
    await prisma.$executeRaw`UPDATE reserve_fund SET balance = 500 WHERE township_code = ${township}`;
    const h = await startCase('fund-refused', 'SMALL_AMOUNT', 800, township);
    const caseId = caseIdOf(h);
    const s = await eventually(async () => {
      const x = await state(h);
      expect(x.fundRefusal).not.toBeNull();
      // The refusal is in the state a moment before its escalation task row exists.
      expect(await prisma.task.count({ where: { id: x.fundRefusal!.escalationTaskId } })).toBe(1);
      return x;
    });
    expect(s.fundRefusal!.reason).toContain('500.00 元');
    expect(await balance(township)).toBe(500);
    const [escalation] = await tasks(caseId, 'ESCALATION');
    expect(escalation).toMatchObject({
      escalationKind: 'FUND_REFUSAL',
      status: 'OPEN',
      candidateRole: 'COUNTY_SUPERVISOR',
    });
    expect(
      await prisma.auditLog.count({
        where: {
          targetId: township,
          action: 'RESERVE_FUND_PAYMENT_REFUSED',
          details: { path: ['caseId'], equals: caseId },
        },
      }),
    ).toBe(1);
    expect(
      (await refusal(act(h, townshipCaseworker, { action: 'resolveFundRefusal', decision: 'RETRY', reason: 'x' })))
        .type,
    ).toBe('ROLE_NOT_ALLOWED');
    await prisma.$transaction((tx) =>
      topUp(tx, {
        townshipCode: township,
        countyCode: COUNTY,
        amount: 1000,
        entryKey: `t:${randomUUID()}`,
        actor: { actorId: 't', role: 'SYSTEM' },
      }),
    );
    await act(h, supervisor, { action: 'resolveFundRefusal', decision: 'RETRY', reason: '已追加备用金' });
    await taskOf(h, 'EXPLAIN');
    expect(await balance(township)).toBe(700);
    expect((await tasks(caseId, 'ESCALATION'))[0]).toMatchObject({
      status: 'DONE',
      outcome: 'RETRY',
      completedBy: supervisor.userId,
    });
    expect(start).toBeGreaterThanOrEqual(0);
    await h.terminate('test done');
  });

  it('every notice and closing reason these workflows wrote names things in Chinese, never by code', async () => {
    const cases = await prisma.emergencyCase.findMany({ where: { notice: { not: null } }, select: { notice: true } });
    expect(cases.length).toBeGreaterThanOrEqual(5);
    const closing = await prisma.auditLog.findMany({
      where: { action: { in: ['EMERGENCY_CLOSED', 'EMERGENCY_REFUSED'] } },
      select: { reason: true },
    });
    const texts = [...cases.map((c) => c.notice!), ...closing.flatMap((a) => (a.reason ? [a.reason] : []))];
    expect(texts.filter((t) => codesIn(t).length > 0)).toEqual([]);
  });
});
