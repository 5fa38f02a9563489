import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import type { ActorRef } from '../../src/core/contracts/determination';
import type { RecoveryCommand, RecoveryInput, RecoveryState } from '../../src/core/contracts/recovery';
import { recoveryActUpdate, recoveryStateQuery } from '../../src/core/messages';
import { recoveryWorkflowId } from '../../src/core/workflow-ids';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { officer, supervisor } from '../support/actors';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the recovery workflow on the Java time-skipping server, with the REAL
// activities on a real PostgreSQL (migrated and seeded): the notice, an instalment plan whose
// first instalment falls overdue (a task for the county officers, closed once it is paid),
// and the recovery repaid. RECORD_HISTORIES=1 keeps the histories for the replay tier.

const QUEUE = 'recovery-test';
const COUNTY = '410502';
const HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const KEY = randomBytes(32).toString('hex');
const DAY = 86_400_000;

describe('recovery workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  const started: Array<{ id: string; file: string }> = [];
  /** Holds the (real) notice activity back until released: the moment its row already reads NOTIFIED. */
  let noticeGate: Promise<void> | null = null;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, { hmacKeyHex: KEY, encryptionKeyHex: KEY });
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
  beforeEach(async () => {
    env = await startTimeSkipping();
    const activities = createActivities({
      prisma,
      parameters: defaultParameterStore(),
      temporal: { client: env.client, taskQueue: QUEUE },
    });
    const issueRecoveryNotice = activities.issueRecoveryNotice;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: {
        ...activities,
        issueRecoveryNotice: async (n: { recoveryId: string }) => {
          await issueRecoveryNotice(n);
          await noticeGate;
        },
      },
    });
    running = worker.run();
  });
  afterEach(async () => {
    for (const { id, file } of started)
      await recordHistory(file, () => env.client.workflow.getHandle(id).fetchHistory());
    started.length = 0;
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

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
  const state = (h: WorkflowHandle): Promise<RecoveryState> => h.query(recoveryStateQuery);
  const act = (h: WorkflowHandle, actor: ActorRef, command: RecoveryCommand) =>
    h.executeUpdate(recoveryActUpdate, { args: [{ actor, requestId: `r-${randomUUID()}`, command }] });
  async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  }
  const repay = (cents: number) => ({
    action: 'recordRepayment' as const,
    repaymentId: randomUUID(),
    amountCents: cents,
    paidOn: '2026-12-01',
    reference: `HK-${cents}`,
  });

  /** An enrolled case, a recovery of two months (¥660 each) as the API opens it, and its workflow. */
  async function startRecovery(file: string, input: Omit<RecoveryInput, 'recoveryId'>): Promise<WorkflowHandle> {
    const applicationId = randomUUID();
    const enrolledCaseId = randomUUID();
    const recoveryId = randomUUID();
    await prisma.application.create({
      data: {
        id: applicationId,
        householdId: HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${applicationId}`,
        townshipCode: '410502002',
        countyCode: COUNTY,
        submittedBy: 'demo-village-assistant',
      },
    });
    await prisma.enrolledCase.create({
      data: {
        id: enrolledCaseId,
        applicationId,
        householdId: HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 660,
        membersIncluded: ['p1', 'p2'],
        startMonth: '2025-01',
        countyCode: COUNTY,
      },
    });
    const now = new Date(await env.currentTimeMs());
    await prisma.recovery.create({
      data: {
        id: recoveryId,
        enrolledCaseId,
        householdId: HOUSEHOLD,
        countyCode: COUNTY,
        sourceKind: 'COMPLAINT',
        sourceId: randomUUID(),
        findingKind: 'OTHER',
        finding: { kind: 'OTHER', effectiveFrom: '2025-11-01', description: '不符合保障条件' },
        cause: 'HOUSEHOLD',
        stage: 'FOUND',
        total: (input.totalCents / 100).toFixed(2),
        workflowId: recoveryWorkflowId(recoveryId),
        openedBy: officer.userId,
        openedAt: now,
        updatedAt: now,
        months: {
          create: ['2025-11', '2025-12'].map((month) => ({
            month,
            paid: '660.00',
            entitled: '0.00',
            overpaid: '660.00',
            explanation: [`${month}：已发放 660.00 元，应享受 0.00 元，多发 660.00 元`],
          })),
        },
      },
    });
    const h = await env.client.workflow.start('recoveryWorkflow', {
      taskQueue: QUEUE,
      workflowId: recoveryWorkflowId(recoveryId),
      args: [{ recoveryId, ...input }],
    });
    started.push({ id: h.workflowId, file: `recovery-${file}` });
    return h;
  }
  const recoveryRow = (h: WorkflowHandle) =>
    prisma.recovery.findUniqueOrThrow({
      where: { id: h.workflowId.replace(/^recovery-/, '') },
      include: { events: { orderBy: { id: 'asc' } }, repayments: true },
    });

  it('an instalment past its due date opens a task for the county officers, closed once it is paid; repaid closes it', async () => {
    const h = await startRecovery('instalment-overdue', { countyCode: COUNTY, totalCents: 132_000, correction: false });
    await eventually(async () => expect((await state(h)).stage).toBe('NOTIFIED'));
    const row = await recoveryRow(h);
    const notice = await prisma.notice.findFirstOrThrow({ where: { noticeKey: `recovery:${row.id}` } });
    expect(notice.text).toContain('合计应退还 1320.00 元');

    // The validator: not above the debt, not another county, write-off only by the supervisor.
    expect((await refusal(act(h, officer, repay(132_001)))).type).toBe('REPAYMENT_EXCEEDS_DEBT');
    expect((await refusal(act(h, { ...officer, jurisdiction: '410503' }, repay(100)))).type).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect((await refusal(act(h, officer, { action: 'writeOff', reason: '无', decisionRef: '无' }))).type).toBe(
      'ROLE_NOT_ALLOWED',
    );
    const cst = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
    const t0 = await env.currentTimeMs();
    const plan = [
      { dueOn: cst(t0 + 10 * DAY), amountCents: 66_000 },
      { dueOn: cst(t0 + 40 * DAY), amountCents: 66_000 },
    ];
    expect((await refusal(act(h, officer, { action: 'setInstalmentPlan', instalments: plan.slice(0, 1) }))).type).toBe(
      'INSTALMENTS_DO_NOT_SUM',
    );
    expect(await act(h, officer, { action: 'setInstalmentPlan', instalments: plan })).toMatchObject({
      stage: 'REPAYING',
      instalments: plan,
    });

    // Past the first due date: one task for the county officers.
    await env.sleep(12 * DAY);
    const task = await eventually(() =>
      prisma.task.findFirstOrThrow({ where: { caseId: row.id, type: 'RECOVERY_INSTALMENT_OVERDUE' } }),
    );
    expect(task).toMatchObject({
      caseKind: 'RECOVERY',
      candidateRole: 'COUNTY_OFFICER',
      jurisdiction: COUNTY,
      status: 'OPEN',
    });
    expect(task.reason).toContain('第 1 期');
    expect((await state(h)).overdueTask).toEqual({ taskId: task.id, instalment: 0 });

    // The instalment paid: the task is done; nothing overdue until the second due date.
    await act(h, officer, repay(66_000));
    await eventually(async () =>
      expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'DONE' }),
    );
    expect((await state(h)).overdueTask).toBeNull();
    await act(h, supervisor, repay(66_000));
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', closure: 'REPAID', repaidCents: 132_000 });
    const closed = await recoveryRow(h);
    expect(closed).toMatchObject({ stage: 'CLOSED', closure: 'REPAID' });
    expect(Number(closed.repaid)).toBe(1320);
    expect(closed.repayments).toHaveLength(2);
    expect(closed.events.map((e) => e.type)).toEqual([
      'NOTIFIED',
      'INSTALMENT_PLAN_SET',
      'INSTALMENT_OVERDUE',
      'REPAYMENT',
      'REPAYMENT',
      'REPAID',
    ]);
    expect(await prisma.task.count({ where: { caseId: row.id, type: 'RECOVERY_INSTALMENT_OVERDUE' } })).toBe(1);
  });

  it('an action sent while the notice is being issued waits for it, then is checked again', async () => {
    let release = (): void => undefined;
    noticeGate = new Promise((r) => (release = r));
    try {
      const h = await startRecovery('notice-pending', { countyCode: COUNTY, totalCents: 132_000, correction: false });
      // The notice's row already reads NOTIFIED; the workflow has not heard back from it yet.
      await eventually(async () => expect((await recoveryRow(h)).stage).toBe('NOTIFIED'));
      expect((await state(h)).stage).toBe('FOUND');
      const first = act(h, officer, repay(132_000));
      const second = act(h, officer, repay(132_000));
      await new Promise((r) => setTimeout(r, 200));
      release();
      // One repays everything; the other, checked again after the notice, finds nothing owed.
      const [a, b] = await Promise.allSettled([first, second]);
      const done = [a, b].filter((r) => r.status === 'fulfilled');
      expect(done).toEqual([
        { status: 'fulfilled', value: expect.objectContaining({ stage: 'CLOSED', closure: 'REPAID' }) },
      ]);
      const refused = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((await refusal(Promise.reject(refused.reason))).type).toBe('RECOVERY_CLOSED');
      await h.result();
      expect((await recoveryRow(h)).events.map((e) => e.type)).toEqual(['NOTIFIED', 'REPAYMENT', 'REPAID']);
    } finally {
      release();
      noticeGate = null;
    }
  });

  it('a correction is recorded as CORRECTED, with no notice', async () => {
    const h = await startRecovery('corrected', { countyCode: COUNTY, totalCents: 66_000, correction: true });
    expect(await h.result()).toMatchObject({ stage: 'CORRECTED', closure: null });
    const row = await recoveryRow(h);
    expect(row.events.map((e) => e.type)).toEqual(['CORRECTED']);
    expect(await prisma.notice.count({ where: { noticeKey: `recovery:${row.id}` } })).toBe(0);
  });
});
