import { randomBytes, randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import { policySimulationWorkflowId } from '../../src/core/workflow-ids';
import { LiveParameterStore } from '../../src/policy-admin/live-parameter-store';
import { SIMULATION_PAGE } from '../../src/policy-admin/simulation.activities';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { policySimulationWorkflow } from '../../workflows/policy-simulation.workflow';
import { household, member, monthly } from '../unit/policy/fixtures';
import { freshHousehold } from '../support/households';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the what-if workflow on the time-skipping server with the real activities
// and PostgreSQL, over more cases than one page (the cursor moves from page to page and from
// enrolled cases to applications). RECORD_HISTORIES=1 keeps the history for the replay tier.

const QUEUE = 'policy-simulation-test';

describe('policy-simulation workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  let parameters: LiveParameterStore;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    parameters = new LiveParameterStore(prisma);
    await parameters.start();
    env = await startTimeSkipping();
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
  });
  afterAll(async () => {
    await env?.teardown();
    parameters?.stop();
    await prisma?.$disconnect();
    await db?.stop();
  });

  it('pages through every case in scope and writes the summary', async () => {
    const householdId = await freshHousehold(prisma, '410505001001');
    const facts = household({
      residence: { county: '410505', area: 'URBAN' },
      members: [member('p1', '1958-03-12')],
      income: monthly('p1', 'PENSION_BASIC', 680),
    });
    const enrolled = SIMULATION_PAGE + 3;
    const apps = Array.from({ length: enrolled + 2 }, () => randomUUID());
    await prisma.application.createMany({
      data: apps.map((id, i) => ({
        id,
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: i < enrolled ? 'ENROLLED' : 'REVIEW',
        workflowId: `application-${id}`,
        townshipCode: '410505001',
        countyCode: '410505',
        submittedBy: 'test',
        facts,
      })) as never,
    });
    await prisma.enrolledCase.createMany({
      data: apps.slice(0, enrolled).map((applicationId) => ({
        id: randomUUID(),
        applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 0,
        membersIncluded: ['p1'],
        startMonth: '2024-05',
        countyCode: '410505',
      })),
    });
    const simulationId = randomUUID();
    const draft = {
      parameterId: 'minimum_living.standard',
      value: 700,
      unit: 'YUAN_PER_PERSON_MONTH',
      division: '410505',
      area: 'URBAN',
    };
    await prisma.policySimulation.create({
      data: {
        id: simulationId,
        effectiveDate: '2027-07-01',
        drafts: [draft],
        scope: { counties: ['410505'], categories: ['MINIMUM_LIVING'] },
        total: apps.length,
        requestedBy: 'test',
        workflowId: policySimulationWorkflowId(simulationId),
      },
    });
    const bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
    });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: createActivities({ prisma, parameters }),
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(policySimulationWorkflow, {
        workflowId: policySimulationWorkflowId(simulationId),
        taskQueue: QUEUE,
        args: [{ simulationId }],
      });
      await expect(handle.result()).resolves.toEqual({ status: 'COMPLETED' });
      await recordHistory('policy-simulation-completed', () => handle.fetchHistory());
    });
    const run = await prisma.policySimulation.findUniqueOrThrow({ where: { id: simulationId } });
    expect(run).toMatchObject({ status: 'COMPLETED', processed: apps.length });
    // 680 a month, one person: ineligible at 660, eligible at 700 (max(20, floor 330) = 330); six months of 2027 left.
    expect(run.summary).toEqual([
      expect.objectContaining({
        countyCode: '410505',
        cases: apps.length,
        newlyEligible: apps.length,
        monthlyCostDifference: 330 * apps.length,
        restOfYearCostDifference: 330 * apps.length * 6,
      }),
    ]);
  });

  it('cancelled before its first page: the run is marked CANCELLED and no case row is written', async () => {
    const simulationId = randomUUID();
    await prisma.policySimulation.create({
      data: {
        id: simulationId,
        effectiveDate: '2027-07-01',
        drafts: [
          { parameterId: 'minimum_living.standard', value: 710, unit: 'YUAN_PER_PERSON_MONTH', division: '410505' },
        ],
        scope: { counties: ['410505'], categories: ['MINIMUM_LIVING'] },
        total: 1,
        requestedBy: 'test',
        workflowId: policySimulationWorkflowId(simulationId),
      },
    });
    const handle = await env.client.workflow.start(policySimulationWorkflow, {
      workflowId: policySimulationWorkflowId(simulationId),
      taskQueue: QUEUE,
      args: [{ simulationId }],
    });
    await handle.cancel(); // before any worker polls: the first page is never run
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: createActivities({ prisma, parameters }),
    });
    await worker.runUntil(async () => {
      await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
      await recordHistory('policy-simulation-cancelled', () => handle.fetchHistory());
    });
    expect(await prisma.policySimulation.findUniqueOrThrow({ where: { id: simulationId } })).toMatchObject({
      status: 'CANCELLED',
    });
    expect(await prisma.policySimulationCase.count({ where: { simulationId } })).toBe(0);
  });
});
