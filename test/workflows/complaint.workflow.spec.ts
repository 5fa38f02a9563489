import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import type { ComplaintAction, ComplaintInput, ComplaintState } from '../../src/core/contracts/complaint';
import type { ActorRef } from '../../src/core/contracts/determination';
import { complaintActUpdate, complaintStateQuery } from '../../src/core/messages';
import { complaintWorkflowId } from '../../src/core/workflow-ids';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { officer, supervisor } from '../support/actors';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the complaint workflow on the Java time-skipping server, with the REAL
// activities on a real PostgreSQL (migrated and seeded). The answer's limit is the shipped
// parameter (15 working days), its escalation the county supervisor's task.
// RECORD_HISTORIES=1 keeps the histories for the replay tier.

/** The city's civil-affairs supervisor: complaints about county staff are theirs. */
const city: ActorRef = { userId: 'u-city-supervisor', role: 'CITY_SUPERVISOR', jurisdiction: '410500' };
const QUEUE = 'complaint-test';
const COUNTY = '410502';
const KEY = randomBytes(32).toString('hex');

describe('complaint workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  const started: Array<{ id: string; file: string }> = [];

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
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: createActivities({
        prisma,
        parameters: defaultParameterStore(),
        temporal: { client: env.client, taskQueue: QUEUE },
      }),
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
  const state = (h: WorkflowHandle): Promise<ComplaintState> => h.query(complaintStateQuery);
  const answer = (h: WorkflowHandle, actor: ActorRef, command: ComplaintAction) =>
    h.executeUpdate(complaintActUpdate, { args: [{ actor, requestId: `r-${randomUUID()}`, command }] });
  async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  }

  /** A complaint row as the API registers it, and its workflow started. */
  async function startComplaint(file: string, input: Omit<ComplaintInput, 'complaintId'>): Promise<WorkflowHandle> {
    const complaintId = randomUUID();
    const now = new Date();
    await prisma.complaint.create({
      data: {
        id: complaintId,
        receiptHash: randomBytes(32).toString('hex'),
        channel: 'PUBLIC',
        subject: input.subject,
        countyCode: input.countyCode,
        enrolledCaseId: input.enrolledCaseId,
        content: '低保评议不公开，请核查',
        anonymous: true,
        stage: 'REGISTERED',
        workflowId: complaintWorkflowId(complaintId),
        registeredAt: now,
        updatedAt: now,
      },
    });
    const h = await env.client.workflow.start('complaintWorkflow', {
      taskQueue: QUEUE,
      workflowId: complaintWorkflowId(complaintId),
      args: [{ complaintId, ...input }],
    });
    started.push({ id: h.workflowId, file: `complaint-${file}` });
    return h;
  }
  const complaintRow = (h: WorkflowHandle) =>
    prisma.complaint.findUniqueOrThrow({
      where: { id: h.workflowId.replace(/^complaint-/, '') },
      include: { events: { orderBy: { id: 'asc' } } },
    });

  it('an overdue answer escalates to the county supervisor once; the county officer still answers it', async () => {
    const h = await startComplaint('escalated', { subject: 'PROCEDURE', countyCode: COUNTY, enrolledCaseId: null });
    const opened = await eventually(async () => {
      const s = await state(h);
      expect(s.currentTask).not.toBeNull();
      return s.currentTask!;
    });
    expect(opened).toMatchObject({ candidateRole: 'COUNTY_OFFICER', jurisdiction: COUNTY });
    const task = await eventually(() => prisma.task.findUniqueOrThrow({ where: { id: opened.taskId } }));
    expect(task).toMatchObject({ type: 'COMPLAINT_HANDLE', caseKind: 'COMPLAINT', status: 'OPEN' });
    expect((await complaintRow(h)).dueAt?.toISOString()).toBe(task.dueAt?.toISOString());

    // Another county's officer: refused by the validator, nothing changes.
    const stranger: ActorRef = { ...officer, jurisdiction: '410503' };
    expect((await refusal(answer(h, stranger, { action: 'answerComplaint', findings: '无', reply: '无' }))).type).toBe(
      'OUT_OF_JURISDICTION',
    );
    // No enrolled case named: no recheck to open.
    expect(
      (await refusal(answer(h, officer, { action: 'answerComplaint', findings: '无', reply: '无', openRecheck: true })))
        .type,
    ).toBe('NO_ENROLLED_CASE');

    // Past the due date: one escalation task for the county supervisors, the complaint marked overdue.
    await env.sleep(task.dueAt!.getTime() - (await env.currentTimeMs()) + 3_600_000);
    const escalation = await eventually(() =>
      prisma.task.findFirstOrThrow({ where: { caseId: task.caseId!, type: 'ESCALATION' } }),
    );
    expect(escalation).toMatchObject({ candidateRole: 'COUNTY_SUPERVISOR', escalationKind: 'OVERDUE_STEP' });
    await eventually(async () => expect((await complaintRow(h)).overdue).toBe(true));
    expect(await prisma.task.count({ where: { caseId: task.caseId!, type: 'ESCALATION' } })).toBe(1);

    await answer(h, officer, {
      action: 'answerComplaint',
      findings: '经核查，该村民主评议已按规定公示',
      reply: '经核查，民主评议结果已在村务公开栏公示七天，程序符合规定。',
    });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', overdue: true, changeReportId: null });
    const row = await complaintRow(h);
    expect(row).toMatchObject({
      stage: 'CLOSED',
      findings: '经核查，该村民主评议已按规定公示',
      reply: '经核查，民主评议结果已在村务公开栏公示七天，程序符合规定。',
    });
    expect(row.answeredAt).not.toBeNull();
    expect(row.events.map((e) => e.type)).toEqual(['ASSIGNED', 'ESCALATED', 'INVESTIGATED', 'ANSWERED', 'CLOSED']);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({ status: 'DONE' });
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'DONE',
      completedBy: officer.userId,
    });
    // Every step on the audit trail, the findings and reply not in it.
    const audit = await prisma.auditLog.findMany({ where: { targetType: 'Complaint', targetId: row.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'COMPLAINT_ANSWERED',
        'COMPLAINT_ASSIGNED',
        'COMPLAINT_CLOSED',
        'COMPLAINT_ESCALATED',
        'COMPLAINT_INVESTIGATED',
      ].sort(),
    );
    expect(JSON.stringify(audit.map((a) => [a.reason, a.details]))).not.toContain('村务公开栏');
  });

  it('a complaint about county staff is the city supervisors’ to answer, not the county’s', async () => {
    const h = await startComplaint('staff-city', { subject: 'STAFF', countyCode: COUNTY, enrolledCaseId: null });
    const opened = await eventually(async () => {
      const s = await state(h);
      expect(s.currentTask).not.toBeNull();
      return s.currentTask!;
    });
    expect(opened).toMatchObject({ candidateRole: 'CITY_SUPERVISOR', jurisdiction: '410500' });
    // Neither the county officer nor the county supervisor (in place) judges their own county.
    for (const actor of [officer, supervisor])
      expect((await refusal(answer(h, actor, { action: 'answerComplaint', findings: '无', reply: '无' }))).type).toBe(
        'ROLE_NOT_ALLOWED',
      );
    await answer(h, city, {
      action: 'answerComplaint',
      findings: '已约谈相关工作人员',
      reply: '已核实并督促整改。',
    });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', overdue: false });
    const row = await complaintRow(h);
    expect(row.events.map((e) => e.type)).toEqual(['ASSIGNED', 'INVESTIGATED', 'ANSWERED', 'CLOSED']);
    expect(row.events[0]!.reason).toBe('已交市级民政主管办理');
  });

  it('a county home visit asked for before the answer: its task, recorded on the case, then the answer', async () => {
    const applicationId = randomUUID();
    const enrolledCaseId = randomUUID();
    await prisma.application.create({
      data: {
        id: applicationId,
        householdId: '00000000-0000-4000-8000-000000000001',
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${applicationId}`,
        townshipCode: '410502002',
        countyCode: COUNTY,
        submittedBy: 'test',
        facts: {},
      },
    });
    await prisma.enrolledCase.create({
      data: {
        id: enrolledCaseId,
        applicationId,
        householdId: '00000000-0000-4000-8000-000000000001',
        category: 'MINIMUM_LIVING',
        monthlyAmount: 300,
        membersIncluded: ['p1'],
        startMonth: '2026-12',
        countyCode: COUNTY,
      },
    });
    const h = await startComplaint('home-visit', { subject: 'CASE', countyCode: COUNTY, enrolledCaseId });
    await eventually(async () => expect((await state(h)).currentTask).not.toBeNull());
    await answer(h, officer, { action: 'requestHomeVisit', reason: '核实实际居住情况' });
    expect((await refusal(answer(h, officer, { action: 'answerComplaint', findings: '无', reply: '无' }))).type).toBe(
      'HOME_VISIT_OPEN',
    );
    const visit = await eventually(() =>
      prisma.task.findFirstOrThrow({
        where: { caseId: h.workflowId.replace(/^complaint-/, ''), type: 'COMPLAINT_HOME_VISIT' },
      }),
    );
    expect(visit).toMatchObject({ candidateRole: 'COUNTY_OFFICER', jurisdiction: COUNTY, status: 'OPEN' });
    await answer(h, officer, { action: 'recordHomeVisit', findings: '入户核查：家中有人居住' });
    await eventually(async () => expect((await state(h)).homeVisit).toBeNull());
    expect(await prisma.homeVisit.findMany({ where: { applicationId } })).toEqual([
      expect.objectContaining({ kind: 'COUNTY', findings: '入户核查：家中有人居住', recordedBy: officer.userId }),
    ]);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({ status: 'DONE' });
    await answer(h, officer, {
      action: 'answerComplaint',
      findings: '反映不实',
      reply: '经入户核查，反映情况不属实。',
    });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', homeVisit: null });
    expect((await complaintRow(h)).events.map((e) => e.type)).toEqual([
      'ASSIGNED',
      'HOME_VISIT_REQUESTED',
      'HOME_VISIT_RECORDED',
      'INVESTIGATED',
      'ANSWERED',
      'CLOSED',
    ]);
  });
});
