import { randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { cstDate } from '../../src/core/clock';
import { outreachRoundWorkflowId, outreachSurveyWorkflowId } from '../../src/core/contracts/outreach';
import { createOutreachRoundActivities } from '../../src/monitoring/outreach/outreach-round.activities';
import { createPolicyNotAppliedActivities } from '../../src/monitoring/warnings/policy-not-applied.activities';
import { openOutreachTask } from '../../src/monitoring/outreach/outreach-tasks';
import { DEFAULT_PARAMETERS, ParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { outreachRoundWorkflow } from '../../workflows/outreach-round.workflow';
import { enrolledCaseRow } from '../support/funds';
import { recordHistory } from '../support/histories';
import { divisionChain, outreachHousehold } from '../support/outreach';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: a county's outreach round (plan 二(三)3) on the time-skipping server with its
// real activities and PostgreSQL, started as the county's Schedule starts it, paged two
// households at a time. Of the county's households only the priority ones due for a visit get
// a task (a disabled, weak-labour, seriously ill member, or an emergency case), none in 低保 or
// 特困, none visited within the interval, none with a visit task open; the same day's second
// round opens nothing.

const QUEUE = 'outreach-round-test';
const A = '410502';
const V1 = '410502002001';
const V2 = '410502002002';
const OTHER_COUNTY_VILLAGE = '410503001001';
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

describe('outreach round workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  const parameters = new ParameterStore(DEFAULT_PARAMETERS);

  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
    env = await startTimeSkipping();
    for (const v of [V1, V2, OTHER_COUNTY_VILLAGE]) await divisionChain(prisma, v);
  });
  afterAll(async () => {
    await env?.teardown();
    await prisma?.$disconnect();
    await db?.stop();
  });

  const visited = (householdId: string, villageCode: string, on: Date) =>
    prisma.outreachVisit.create({
      data: {
        id: randomUUID(),
        householdId,
        villageCode,
        countyCode: A,
        kind: 'ROUTINE',
        taskId: randomUUID(),
        visitor: 'test',
        visitedOn: new Date(`${cstDate(on.toISOString())}T00:00:00Z`),
        findings: '家庭情况稳定',
        outcome: 'NO_CHANGE',
        recordedAt: on,
      },
    });

  it('opens one visit task per due priority household for its village assistant, and nothing twice', async () => {
    // Due: a disabled member; an emergency case of a healthy member last month (another village);
    // 低保边缘 is no reason to skip; a visit long past the interval.
    const disabled = await outreachHousehold(prisma, V1, { disabilityType: 'PHYSICAL' });
    const emergency = await outreachHousehold(prisma, V2);
    await prisma.emergencyCase.create({
      data: {
        id: randomUUID(),
        workflowId: `emergency-${randomUUID()}`,
        countyCode: A,
        townshipCode: V2.slice(0, 9),
        villageCode: V2,
        kind: 'ACCIDENT',
        severity: 'SERIOUS',
        path: 'NORMAL',
        stage: 'CLOSED',
        requestedAmount: '3000.00',
        description: '意外事故',
        applicantName: '测试成员',
        idNumberHmac: emergency.hmac,
        idNumberEncrypted: 'test',
        idNumberMasked: '410502********0000',
        memberId: emergency.memberId,
        area: 'RURAL',
        createdBy: 'test',
        createdAt: daysAgo(30),
      },
    });
    const nearMinimum = await outreachHousehold(prisma, V1, { seriousIllness: true });
    await enrolledCaseRow(prisma, { countyCode: A, category: 'NEAR_MINIMUM', householdId: nearMinimum.householdId });
    const longAgo = await outreachHousehold(prisma, V1, { labourCapacity: 'PARTIAL' });
    await visited(longAgo.householdId, V1, daysAgo(200));
    // Due, but a survey's visit task is open already.
    const surveyed = await outreachHousehold(prisma, V1, { labourCapacity: 'NONE' });
    const surveyTask = await prisma.$transaction((tx) =>
      openOutreachTask(tx, {
        householdId: surveyed.householdId,
        villageCode: V1,
        kind: 'SURVEY',
        workflowId: outreachSurveyWorkflowId(randomUUID()),
      }),
    );
    expect(surveyTask).not.toBeNull();
    // Not due: visited ten days ago; 低保 running; 特困 imported; no priority fact; another county.
    const recent = await outreachHousehold(prisma, V1, { labourCapacity: 'NONE' });
    await visited(recent.householdId, V1, daysAgo(10));
    const minimum = await outreachHousehold(prisma, V1, { disabilityType: 'VISUAL' });
    await enrolledCaseRow(prisma, { countyCode: A, householdId: minimum.householdId });
    const destitute = await outreachHousehold(prisma, V2, { seriousIllness: true });
    await prisma.populationRecord.create({
      data: {
        id: randomUUID(),
        idNumberHmac: destitute.hmac,
        idNumberMasked: '410502********0000',
        name: '测试成员',
        category: 'DESTITUTE',
        origin: 'IMPORT',
        countyCode: A,
        since: new Date('2024-01-01'),
        batchId: randomUUID(),
        row: 2,
        recordedAt: new Date(),
        updatedAt: new Date(),
      },
    });
    await outreachHousehold(prisma, V1);
    await outreachHousehold(prisma, OTHER_COUNTY_VILLAGE, { disabilityType: 'PHYSICAL' });

    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities: {
        ...createOutreachRoundActivities({ prisma, parameters, pageSize: 2 }),
        // The day's class (a) check: the one enrolled case here was enrolled today (its enrolment refers).
        ...createPolicyNotAppliedActivities({ prisma, parameters, pageSize: 2 }),
      },
    });
    await worker.runUntil(async () => {
      const today = cstDate(new Date().toISOString());
      const first = await env.client.workflow.execute(outreachRoundWorkflow, {
        taskQueue: QUEUE,
        workflowId: 'outreach-round-scheduled',
        args: [{ countyCode: A }],
      });
      expect(first).toEqual({ countyCode: A, date: today, due: 5, opened: 4, policyNotApplied: 0 });

      const tasks = await prisma.task.findMany({
        where: { type: 'OUTREACH_VISIT', workflowId: outreachRoundWorkflowId(A, today) },
      });
      const expected = [disabled, emergency, nearMinimum, longAgo].map((h) => h.householdId).sort();
      expect(tasks.map((t) => t.caseId).sort()).toEqual(expected);
      for (const t of tasks) {
        expect(t).toMatchObject({
          status: 'OPEN',
          candidateRole: 'VILLAGE_ASSISTANT',
          caseKind: 'HOUSEHOLD',
          countyCode: A,
        });
        expect(t.jurisdiction).toBe(t.caseId === emergency.householdId ? V2 : V1);
        expect(t.townshipCode).toBe('410502002');
      }
      expect(
        await prisma.auditLog.count({ where: { action: 'TASK_OPENED', targetId: { in: tasks.map((t) => t.id) } } }),
      ).toBe(4);

      // The same day's second round: every due household has its task, nothing opens twice.
      const again = await env.client.workflow.execute(outreachRoundWorkflow, {
        taskQueue: QUEUE,
        workflowId: 'outreach-round-scheduled-2',
        args: [{ countyCode: A }],
      });
      expect(again).toEqual({ countyCode: A, date: today, due: 5, opened: 0, policyNotApplied: 0 });
      expect(await prisma.task.count({ where: { type: 'OUTREACH_VISIT' } })).toBe(5);

      await recordHistory('outreach-round-scheduled', () =>
        env.client.workflow.getHandle('outreach-round-scheduled').fetchHistory(),
      );
    });
  });
});
