import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import type { ActorRef } from '../../src/core/contracts/determination';
import type { WarningInput, WarningState, WarningVerification } from '../../src/core/contracts/warning';
import { deliberationActUpdate, warningActUpdate, warningStateQuery } from '../../src/core/messages';
import type { DeliberationAction } from '../../src/core/contracts/deliberation';
import { dataBatchWorkflowId, deliberationWorkflowId, warningWorkflowId } from '../../src/core/workflow-ids';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { caseworker, officer, supervisor, village } from '../support/actors';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';
import { executable, temporalBinary } from '../support/temporal-binaries';
import { SEARCH_ATTRIBUTES } from '../../src/core/search-attributes';

// Workflow tier: the data batch and warning workflows on the Java time-skipping server, with
// the REAL activities on a real PostgreSQL (migrated and seeded). The verification's limit is
// the shipped parameter (10 working days), its escalation the county supervisor's task.
// RECORD_HISTORIES=1 keeps the histories for the replay tier.

const QUEUE = 'warning-test';
const COUNTY = '410502';
const TOWNSHIP = '410502002';
const HMAC_KEY = randomBytes(32);
const hmac = (id: string) => createHmac('sha256', HMAC_KEY).update(id).digest('hex');
const syntheticId = (first17: string) => first17 + residentIdCheckChar(first17);

describe('data batch and warning workflows (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  const started: Array<{ id: string; file: string }> = [];

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, { hmacKeyHex: HMAC_KEY.toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') });
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

  // ---- helpers ----

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
  const state = (h: WorkflowHandle): Promise<WarningState> => h.query(warningStateQuery);
  const act = (h: WorkflowHandle, actor: ActorRef, command: WarningVerification) =>
    h.executeUpdate(warningActUpdate, { args: [{ actor, requestId: `r-${command.outcome}`, command }] });
  async function refusal(p: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  }

  /** A warning row as a batch's matching writes it, and its workflow started. */
  async function startWarning(file: string, input: Omit<WarningInput, 'warningId'>): Promise<WorkflowHandle> {
    const warningId = randomUUID();
    const batchId = randomUUID();
    await prisma.warning.create({
      data: {
        id: warningId,
        openKey: `${warningId}|key`,
        warningClass: input.warningClass,
        source: input.source,
        idNumberHmac: 'h'.repeat(64),
        countyCode: input.countyCode,
        townshipCode: input.townshipCode,
        enrolledCaseId: input.enrolledCaseId,
        stage: 'RAISED',
        firstBatchId: batchId,
        lastBatchId: batchId,
        lastRow: 2,
        eventDate: new Date('2026-10-01'),
        details: { name: '测试' },
        raisedAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const h = await env.client.workflow.start('warningWorkflow', {
      taskQueue: QUEUE,
      workflowId: warningWorkflowId(warningId),
      args: [{ warningId, ...input }],
    });
    started.push({ id: h.workflowId, file: `warning-${file}` });
    return h;
  }
  const warningRow = (h: WorkflowHandle) =>
    prisma.warning.findUniqueOrThrow({
      where: { id: h.workflowId.replace(/^warning-/, '') },
      include: { events: { orderBy: { id: 'asc' } } },
    });

  // ---- class (b): the home verification ----

  it('an overdue verification escalates to the county supervisor once; the township still disposes of it', async () => {
    const h = await startWarning('verification-escalated', {
      warningClass: 'NOT_COVERED',
      source: 'DPF_SEVERE_DISABILITY',
      countyCode: COUNTY,
      townshipCode: TOWNSHIP,
      enrolledCaseId: null,
      change: null,
    });
    const opened = await eventually(async () => {
      const s = await state(h);
      expect(s.currentTask).not.toBeNull();
      return s.currentTask!;
    });
    expect(opened).toMatchObject({ candidateRole: 'TOWNSHIP_CASEWORKER', jurisdiction: TOWNSHIP });
    // The state shows the task as the activity opens it: the row follows.
    const task = await eventually(() => prisma.task.findUniqueOrThrow({ where: { id: opened.taskId } }));
    expect(task).toMatchObject({ type: 'WARNING_VERIFICATION', caseKind: 'WARNING', status: 'OPEN' });
    expect((await warningRow(h)).dueAt?.toISOString()).toBe(task.dueAt?.toISOString());

    // The wrong role, another township: refused by the validator, nothing changes.
    expect(
      (await refusal(act(h, village, { action: 'recordVerification', outcome: 'DISMISS', findings: '无' }))).type,
    ).toBe('ROLE_NOT_ALLOWED');
    const other: ActorRef = { ...caseworker, jurisdiction: '410502001' };
    expect(
      (await refusal(act(h, other, { action: 'recordVerification', outcome: 'DISMISS', findings: '无' }))).type,
    ).toBe('OUT_OF_JURISDICTION');

    // Past the due date: one escalation task for the county supervisors, the warning marked overdue.
    await env.sleep(task.dueAt!.getTime() - (await env.currentTimeMs()) + 3_600_000);
    const escalation = await eventually(async () => {
      const e = await prisma.task.findFirstOrThrow({ where: { caseId: task.caseId!, type: 'ESCALATION' } });
      return e;
    });
    expect(escalation).toMatchObject({ candidateRole: 'COUNTY_SUPERVISOR', escalationKind: 'OVERDUE_STEP' });
    await eventually(async () => expect((await warningRow(h)).overdue).toBe(true));

    await act(h, caseworker, {
      action: 'recordVerification',
      outcome: 'START_APPLICATION',
      findings: '户主重度残疾，家庭收入低，已指导提出低保申请',
    });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', outcome: 'APPLICATION_ADVISED', overdue: true });
    const row = await warningRow(h);
    expect(row).toMatchObject({ stage: 'CLOSED', outcome: 'APPLICATION_ADVISED', openKey: null });
    expect(row.events.map((e) => e.type)).toEqual(['VERIFICATION', 'ESCALATED', 'CLOSED']);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({ status: 'DONE' });
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'DONE',
      completedBy: caseworker.userId,
    });
  });

  it('the county supervisor may record the verification in place, and a stranger is the county officer’s', async () => {
    const h = await startWarning('stranger-referred', {
      warningClass: 'NOT_COVERED',
      source: 'EMERGENCY_DISASTER',
      countyCode: COUNTY,
      townshipCode: null,
      enrolledCaseId: null,
      change: null,
    });
    const opened = await eventually(async () => {
      const s = await state(h);
      expect(s.currentTask).not.toBeNull();
      return s.currentTask!;
    });
    expect(opened).toMatchObject({ candidateRole: 'COUNTY_OFFICER', jurisdiction: COUNTY });
    await eventually(() => prisma.task.findUniqueOrThrow({ where: { id: opened.taskId } }));
    expect(
      (await refusal(act(h, caseworker, { action: 'recordVerification', outcome: 'DISMISS', findings: '无' }))).type,
    ).toBe('ROLE_NOT_ALLOWED');
    await act(h, supervisor, {
      action: 'recordVerification',
      outcome: 'REFER',
      department: 'EMERGENCY_MANAGEMENT',
      findings: '房屋受损，转应急管理部门实施受灾人员救助',
    });
    const result = await h.result();
    expect(result).toMatchObject({ stage: 'CLOSED', outcome: 'REFERRED', referralId: expect.any(String) });
    const row = await warningRow(h);
    expect(row).toMatchObject({ department: 'EMERGENCY_MANAGEMENT', overdue: false });
    expect(row.events.map((e) => [e.type, e.actor])).toEqual([
      ['VERIFICATION', null],
      ['REFERRED', supervisor.userId],
      ['REFERRAL_OPENED', null],
      ['CLOSED', supervisor.userId],
    ]);
    // The department's part is a referral of its one item in the matrix, to its liaison in the county.
    const referral = await prisma.referral.findUniqueOrThrow({ where: { id: result.referralId! } });
    expect(referral).toMatchObject({
      origin: 'WARNING',
      warningId: row.id,
      memberRef: `warning:${row.id}`,
      entitlement: 'DISASTER_RELIEF',
      department: 'EMERGENCY_MANAGEMENT',
      countyCode: COUNTY,
      timeLimitWorkingDays: 10,
    });
    await eventually(async () =>
      expect((await prisma.task.findFirstOrThrow({ where: { caseId: referral.id } })).candidateRole).toBe(
        'DEPARTMENT_LIAISON',
      ),
    );
  });

  it('the verification opens the household’s application on its behalf, pre-filled from the registry', async () => {
    // The determination it starts carries search attributes, which the time-skipping server
    // does not know: this one runs on the dev server, with the real activities as above.
    const local = await TestWorkflowEnvironment.createLocal({
      server: { executable: executable(temporalBinary('cli')), searchAttributes: SEARCH_ATTRIBUTES },
    });
    const localWorker = await Worker.create({
      connection: local.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: createActivities({
        prisma,
        parameters: defaultParameterStore(),
        temporal: { client: local.client, taskQueue: QUEUE },
      }),
    });
    try {
      await localWorker.runUntil(async () => {
        const warningId = randomUUID();
        await prisma.warning.create({
          data: {
            id: warningId,
            openKey: `${warningId}|key`,
            warningClass: 'NOT_COVERED',
            source: 'HEALTH_SERIOUS_ILLNESS',
            idNumberHmac: 'h'.repeat(64),
            countyCode: COUNTY,
            townshipCode: '410502002',
            // 演示户主乙's household (prisma/seed.ts), as matching would have found it.
            householdId: '00000000-0000-4000-8000-000000000002',
            stage: 'RAISED',
            firstBatchId: randomUUID(),
            lastBatchId: randomUUID(),
            lastRow: 2,
            eventDate: new Date('2026-10-01'),
            details: { name: '测试' },
            raisedAt: new Date(),
            updatedAt: new Date(),
          },
        });
        const h = await local.client.workflow.start('warningWorkflow', {
          taskQueue: QUEUE,
          workflowId: warningWorkflowId(warningId),
          args: [
            {
              warningId,
              warningClass: 'NOT_COVERED',
              source: 'HEALTH_SERIOUS_ILLNESS',
              countyCode: COUNTY,
              townshipCode: '410502002',
              enrolledCaseId: null,
              change: null,
            } satisfies WarningInput,
          ],
        });
        await eventually(async () => expect((await state(h)).currentTask).not.toBeNull());
        expect(
          (
            await refusal(
              act(h, caseworker, {
                action: 'recordVerification',
                outcome: 'START_APPLICATION',
                findings: '无劳动能力',
                category: 'MINIMUM_LIVING',
              }),
            )
          ).type,
        ).toBe('CONSENT_REQUIRED');
        await act(h, caseworker, {
          action: 'recordVerification',
          outcome: 'START_APPLICATION',
          findings: '患肝硬化，无劳动能力，家庭收入低',
          category: 'MINIMUM_LIVING',
          consent: { economicCheck: true, truthfulnessPromise: true },
        });
        const result = await h.result();
        await recordHistory('warning-application-started', () => h.fetchHistory());
        expect(result).toMatchObject({
          stage: 'CLOSED',
          outcome: 'APPLICATION_STARTED',
          applicationId: expect.any(String),
        });
        const application = await prisma.application.findUniqueOrThrow({ where: { id: result.applicationId! } });
        expect(application).toMatchObject({
          householdId: '00000000-0000-4000-8000-000000000002',
          category: 'MINIMUM_LIVING',
          channel: 'WARNING',
          warningId,
          submittedBy: caseworker.userId,
          townshipCode: '410502002',
        });
        const facts = application.facts as { members: { relation: string }[]; residence: { county: string } };
        expect(facts.residence.county).toBe(COUNTY);
        expect(facts.members.map((m) => m.relation).sort()).toEqual(['APPLICANT', 'CHILD', 'PARENT']);
        const events = await prisma.warningEvent.findMany({ where: { warningId }, orderBy: { id: 'asc' } });
        expect(events.map((e) => e.type)).toEqual(['VERIFICATION', 'APPLICATION_STARTED', 'CLOSED']);
        // Its determination runs: the township's acceptance is open.
        await eventually(async () =>
          expect(await prisma.task.count({ where: { applicationId: application.id, type: 'ACCEPT' } })).toBe(1),
        );
      });
    } finally {
      await local.teardown();
    }
  }, 120_000);

  it('too complex for one department: 一事一议 as a child, whose decision closes the warning', async () => {
    const h = await startWarning('deliberated', {
      warningClass: 'NOT_COVERED',
      source: 'HEALTH_SERIOUS_ILLNESS',
      countyCode: COUNTY,
      townshipCode: null,
      enrolledCaseId: null,
      change: null,
    });
    await eventually(async () => expect((await state(h)).currentTask).not.toBeNull());
    await act(h, officer, {
      action: 'recordVerification',
      outcome: 'DELIBERATE',
      findings: '重病且无劳动力，需医保、民政等部门会商',
    });
    const deliberationId = await eventually(async () => {
      const s = await state(h);
      expect(s).toMatchObject({ stage: 'DELIBERATION', deliberationId: expect.any(String) });
      return s.deliberationId!;
    });
    const child = env.client.workflow.getHandle(deliberationWorkflowId(deliberationId));
    await eventually(async () =>
      expect(await prisma.deliberation.findUniqueOrThrow({ where: { id: deliberationId } })).toMatchObject({
        sourceKind: 'WARNING',
        sourceId: h.workflowId.replace(/^warning-/, ''),
        stage: 'CONVENING',
      }),
    );
    const civil: ActorRef = { userId: 'demo-liaison-civil-affairs', role: 'DEPARTMENT_LIAISON', jurisdiction: COUNTY };
    const health: ActorRef = { userId: 'demo-department-liaison', role: 'DEPARTMENT_LIAISON', jurisdiction: COUNTY };
    const dact = (actor: ActorRef, command: DeliberationAction) =>
      child.executeUpdate(deliberationActUpdate, { args: [{ actor, requestId: `r-${command.action}`, command }] });
    await eventually(async () =>
      expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'CONVENE', status: 'OPEN' } })).toBe(1),
    );
    await dact(supervisor, {
      action: 'convene',
      members: [
        { userId: civil.userId, department: 'CIVIL_AFFAIRS' },
        { userId: health.userId, department: 'HEALTH' },
      ],
    });
    await eventually(async () =>
      expect(await prisma.task.count({ where: { caseId: deliberationId, type: 'OPINION' } })).toBe(2),
    );
    await dact(civil, { action: 'giveOpinion', opinion: 'REJECT', comment: '已有医疗救助覆盖' });
    await dact(health, { action: 'giveOpinion', opinion: 'REJECT', comment: '按大病保险报销' });
    await dact(supervisor, { action: 'decide', outcome: 'REJECT', measures: [], reason: '现有政策可覆盖' });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', outcome: 'DELIBERATED', deliberationId });
    const row = await warningRow(h);
    expect(row.events.map((e) => e.type)).toEqual(['VERIFICATION', 'DELIBERATION', 'CLOSED']);
    expect(row.reason).toContain('一事一议决定不予帮扶');
  });

  // ---- class (d): the enrolled case ----

  it('a case that is no longer running has nothing to hear: the warning closes as dismissed', async () => {
    const h = await startWarning('case-gone', {
      warningClass: 'POSSIBLY_NO_LONGER_ELIGIBLE',
      source: 'VEHICLE_REGISTER',
      countyCode: COUNTY,
      townshipCode: TOWNSHIP,
      enrolledCaseId: randomUUID(),
      change: 'ASSET_CHANGE',
    });
    expect(await h.result()).toMatchObject({ stage: 'CLOSED', outcome: 'DISMISSED', changeReportId: null });
    expect((await warningRow(h)).reason).toBe('该保障案件已退出，无需处置');
  });

  // ---- the batch ----

  it('a staged batch is matched, its warnings raised and started, and a second run creates nothing twice', async () => {
    const batchId = randomUUID();
    const known = syntheticId('41050219500202007'); // 乙's father, seeded, not enrolled
    const stranger = syntheticId('41050219770707123');
    await prisma.dataBatch.create({
      data: {
        id: batchId,
        source: 'DPF_SEVERE_DISABILITY',
        fileName: 'dpf.csv',
        sha256: 'a'.repeat(64),
        encoding: 'utf-8',
        scopeCode: COUNTY,
        status: 'STAGED',
        rowsRead: 2,
        rowsRefused: 0,
        rowsStaged: 2,
        uploadedBy: 'test',
        uploadedAt: new Date(),
        stagedAt: new Date(),
        rows: {
          create: [known, stranger].map((id, i) => ({
            row: i + 2,
            idNumberHmac: hmac(id),
            countyCode: COUNTY,
            eventDate: new Date('2026-09-01'),
            fields: { name: `测试${i}`, category: '肢体', grade: '一级', issuedOn: '2026-09-01' },
          })),
        },
      },
    });
    const h = await env.client.workflow.start('dataBatchWorkflow', {
      taskQueue: QUEUE,
      workflowId: dataBatchWorkflowId(batchId),
      args: [{ batchId, countyCode: COUNTY }],
    });
    started.push({ id: h.workflowId, file: 'data-batch-matched' });
    expect(await h.result()).toEqual({
      rowsMatched: 1,
      warningsRaised: 2,
      warningsUpdated: 0,
      populationRecorded: null,
    });
    const batch = await prisma.dataBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch).toMatchObject({ status: 'REPORTED', rowsMatched: 1, warningsRaised: 2 });
    const warnings = await prisma.warning.findMany({
      where: { firstBatchId: batchId },
      orderBy: { townshipCode: 'asc' },
    });
    expect(warnings.map((w) => [w.townshipCode, w.workflowId !== null])).toEqual([
      [TOWNSHIP, true],
      [null, true],
    ]);
    // Each warning's workflow opened its verification.
    for (const w of warnings)
      await eventually(async () =>
        expect(await prisma.task.count({ where: { caseId: w.id, type: 'WARNING_VERIFICATION' } })).toBe(1),
      );

    // The same batch again (a retried start after a crash): the stored counts, nothing new.
    const again = await env.client.workflow.execute('dataBatchWorkflow', {
      taskQueue: QUEUE,
      workflowId: `${dataBatchWorkflowId(batchId)}-again`,
      args: [{ batchId, countyCode: COUNTY }],
    });
    expect(again).toEqual({ rowsMatched: 1, warningsRaised: 2, warningsUpdated: 0, populationRecorded: null });
    expect(await prisma.warning.count({ where: { firstBatchId: batchId } })).toBe(2);
    const audits = await prisma.auditLog.count({ where: { targetId: batchId, action: 'DATA_BATCH_MATCHED' } });
    expect(audits).toBe(1);
  });
});
