import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import type { ActorRef } from '../../src/core/contracts/determination';
import type { ParameterDecision } from '../../src/core/contracts/parameter-change';
import { decideParameterUpdate } from '../../src/core/messages';
import { parameterChangeWorkflowId } from '../../src/core/workflow-ids';
import { LiveParameterStore } from '../../src/policy-admin/live-parameter-store';
import { documentSourceId } from '../../src/policy-admin/parameter-rows';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { parameterChangeWorkflow } from '../../workflows/parameter-change.workflow';
import { supervisor } from '../support/actors';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the parameter-change workflow on the time-skipping server with the real
// activities and PostgreSQL. The four-eyes refusal, a wrong role and county, an approval
// (the version row, the task closed, the worker's store read again) and a rejection.
// RECORD_HISTORIES=1 keeps the histories for the replay tier.

const QUEUE = 'parameter-change-test';
const proposer: ActorRef = { userId: 'u-admin-1', role: 'ADMINISTRATOR', jurisdiction: '410500' };
const secondAdmin: ActorRef = { userId: 'u-admin-2', role: 'ADMINISTRATOR', jurisdiction: '410500' };
const otherCounty: ActorRef = { userId: 'u-sup-503', role: 'COUNTY_SUPERVISOR', jurisdiction: '410503' };
const DOC = { docNo: '安民〔2026〕30号', title: '关于调整特困人员基本生活标准的通知', issuedOn: '2026-11-25' };

describe('parameter-change workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let bundle: WorkflowBundleWithSourceMap;
  let parameters: LiveParameterStore;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    parameters = new LiveParameterStore(prisma);
    await parameters.start();
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
    env = await startTimeSkipping();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: createActivities({ prisma, parameters }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    parameters?.stop();
    await prisma?.$disconnect();
    await db?.stop();
  });

  async function start(division: string, validFrom: string, value: number) {
    const proposalId = randomUUID();
    const workflowId = parameterChangeWorkflowId(proposalId);
    await prisma.parameterProposal.create({
      data: {
        id: proposalId,
        parameterId: 'destitute.support_multiplier',
        version: validFrom,
        division,
        validFrom,
        value,
        unit: 'RATIO',
        citations: [{ sourceId: documentSourceId(DOC.docNo) }],
        document: DOC,
        proposedBy: proposer.userId,
        proposedRole: proposer.role,
        workflowId,
      },
    });
    const handle = await env.client.workflow.start(parameterChangeWorkflow, {
      workflowId,
      taskQueue: QUEUE,
      args: [
        { proposalId, parameterId: 'destitute.support_multiplier', division, validFrom, proposedBy: proposer.userId },
      ],
    });
    // The approver acts on the task, as staff do (the test server may not know an Update sent before the first workflow task).
    for (let i = 0; !(await prisma.task.findFirst({ where: { caseId: proposalId } })); i++) {
      if (i > 100) throw new Error('no APPROVE_PARAMETER task');
      await new Promise((r) => setTimeout(r, 50));
    }
    return { proposalId, handle };
  }

  const decide = (h: Awaited<ReturnType<typeof start>>['handle'], actor: ActorRef, command: ParameterDecision) =>
    h.executeUpdate(decideParameterUpdate, { args: [{ actor, requestId: randomUUID(), command }] });

  async function refusalType(p: Promise<unknown>): Promise<string | undefined> {
    try {
      await p;
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
        return error.cause.type ?? undefined;
      throw error;
    }
    return undefined;
  }

  it('refuses the proposer and another county; the county supervisor approves: version written, task closed, store read again', async () => {
    const { proposalId, handle } = await start('410502', '2027-01-01', 1.4);
    expect(await refusalType(decide(handle, proposer, { decision: 'APPROVE', reason: '本人' }))).toBe(
      'PARAMETER_FOUR_EYES',
    );
    expect(await refusalType(decide(handle, otherCounty, { decision: 'APPROVE', reason: '他县' }))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    const state = await decide(handle, supervisor, { decision: 'APPROVE', reason: '县政府同意' });
    expect(state).toMatchObject({ status: 'APPROVED', decidedBy: supervisor.userId });
    await expect(handle.result()).resolves.toMatchObject({ status: 'APPROVED' });
    // Decided means closed: a second decision finds no running workflow (the API answers 409 PARAMETER_PROPOSAL_DECIDED).
    await expect(decide(handle, secondAdmin, { decision: 'REJECT', reason: '再次' })).rejects.toThrow(/not found/);
    expect(await prisma.parameterVersion.count({ where: { proposalId, origin: 'APPROVED' } })).toBe(1);
    const task = await prisma.task.findFirstOrThrow({ where: { caseId: proposalId } });
    expect(task).toMatchObject({
      type: 'APPROVE_PARAMETER',
      status: 'DONE',
      outcome: 'APPROVED',
      completedBy: supervisor.userId,
    });
    // The worker's store read the table in the workflow's refresh step.
    const after = parameters.lookupNumber('destitute.support_multiplier', { date: '2027-01-01', county: '410502' });
    expect(after.value).toBe(1.4);
    expect(after.ref.source).toContain(DOC.docNo);
    await recordHistory('parameter-change-approved', () => handle.fetchHistory());
  });

  it('a second administrator rejects a city value: no version, the proposal and task closed with the reason', async () => {
    const { proposalId, handle } = await start('410500', '2027-03-01', 1.35);
    expect(await refusalType(decide(handle, supervisor, { decision: 'APPROVE', reason: '县级' }))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    await decide(handle, secondAdmin, { decision: 'REJECT', reason: '文件尚未印发' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'REJECTED' });
    expect(await prisma.parameterVersion.count({ where: { proposalId } })).toBe(0);
    expect(await prisma.parameterProposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
      status: 'REJECTED',
      decisionReason: '文件尚未印发',
    });
    await recordHistory('parameter-change-rejected', () => handle.fetchHistory());
  });
});
