import { randomBytes, randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import type { EnrolledCaseInput, EnrolledCaseState } from '../../src/core/contracts/enrolment';
import { addMonths, DAY_MS, monthOf, monthStart } from '../../src/core/months';
import { enrolledCaseStateQuery } from '../../src/core/messages';
import { enrolledCaseWorkflowId, standardAdjustmentWorkflowId } from '../../src/core/workflow-ids';
import type { RecordAdjustmentInput } from '../../src/enrolment/adjustment.activities';
import { LiveParameterStore } from '../../src/policy-admin/live-parameter-store';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { standardAdjustmentWorkflow } from '../../workflows/standard-adjustment.workflow';
import { household, member, monthly } from '../unit/policy/fixtures';
import { freshHousehold } from '../support/households';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the yearly adjustment on the time-skipping server with the real activities
// and PostgreSQL. An enrolled case of 北关区 (410503) urban, two persons with a per-capita
// income of 200, is paid (660 − 200) × 2 = 920 for three months; the standard is then raised
// to 700 from the first of those months. The worker "crashes" twice: once after the case's
// row is committed but before its answer, once after the whole page. The case is adjusted
// once: back pay 3 × 80 = 240, and the next month is paid (700 − 200) × 2 = 1000.
// RECORD_HISTORIES=1 keeps both histories for the replay tier.

const QUEUE = 'standard-adjustment-test';
const COUNTY = '410503';
const VILLAGE = '410503001001';
const STANDARD = 'minimum_living.standard';

describe('standard-adjustment workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
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
    env = await startTimeSkipping();
  });
  afterAll(async () => {
    await env?.teardown();
    parameters?.stop();
    await prisma?.$disconnect();
    await db?.stop();
  });

  it('adjusts a case once across two crashes: back pay for the months paid, the new amount after', async () => {
    const real = createActivities({ prisma, parameters, temporal: { client: env.client, taskQueue: QUEUE } });
    const pages: string[] = [];
    const recorded: string[] = [];
    const activities = {
      ...real,
      // The page is done, its answer is lost: the retried page must find every case done.
      adjustPage: async (adjustmentId: string, after: string | null) => {
        const result = await real.adjustPage!(adjustmentId, after);
        pages.push(after ?? 'first');
        if (pages.length === 1) throw new Error('worker lost after the page');
        return result;
      },
      // The case's row is committed, its answer is lost: the retry answers what was recorded.
      recordStandardAdjustment: async (r: RecordAdjustmentInput) => {
        const result = await real.recordStandardAdjustment(r);
        recorded.push(r.enrolledCaseId);
        if (recorded.length === 1) throw new Error('connection reset after commit');
        return result;
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });

    const householdId = await freshHousehold(prisma, VILLAGE);
    const facts = household({
      residence: { county: COUNTY, area: 'URBAN' },
      members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
      income: monthly('p1', 'PENSION_BASIC', 400),
    });
    const applicationId = randomUUID();
    const enrolledCaseId = randomUUID();
    const first = monthOf(await env.currentTimeMs());
    const workflowId = enrolledCaseWorkflowId(enrolledCaseId);
    await prisma.application.create({
      data: {
        id: applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${applicationId}`,
        townshipCode: '410503001',
        countyCode: COUNTY,
        submittedBy: 'test',
        facts: JSON.parse(JSON.stringify(facts)),
      },
    });
    await prisma.enrolledCase.create({
      data: {
        id: enrolledCaseId,
        applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 920,
        membersIncluded: ['p1', 'p2'],
        startMonth: first,
        countyCode: COUNTY,
        workflowId,
      },
    });
    const input: EnrolledCaseInput = {
      enrolledCaseId,
      applicationId,
      category: 'MINIMUM_LIVING',
      countyCode: COUNTY,
      townshipCode: '410503001',
      villageCode: VILLAGE,
      monthlyAmount: 920,
      membersIncluded: ['p1', 'p2'],
      startMonth: first,
    };
    const months = [first, addMonths(first, 1), addMonths(first, 2), addMonths(first, 3)];
    const adjustmentId = randomUUID();

    const state = await worker.runUntil(async () => {
      const h = await env.client.workflow.start('enrolledCaseWorkflow', {
        taskQueue: QUEUE,
        workflowId,
        args: [input],
      });
      const waitFor = async (ok: (s: EnrolledCaseState) => boolean) => {
        for (let i = 0; ; i++) {
          const s: EnrolledCaseState = await h.query(enrolledCaseStateQuery);
          if (ok(s) || i > 300) return s;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      // Three months instructed at the old amount.
      await env.sleep(monthStart(months[2]!) + DAY_MS - (await env.currentTimeMs()));
      await waitFor((s) => s.paymentsWritten === 3);

      // The county's raised standard (over the city's 660), approved, in force from the first of those months.
      const current = await prisma.parameterVersion.findFirstOrThrow({
        where: { parameterId: STANDARD, area: 'URBAN' },
        orderBy: { validFrom: 'desc' },
      });
      expect(current.value).toBe(660);
      await prisma.parameterVersion.create({
        data: {
          id: randomUUID(),
          parameterId: STANDARD,
          version: `${first}-01`,
          division: COUNTY,
          area: 'URBAN',
          validFrom: `${first}-01`,
          value: 700,
          unit: current.unit,
          citations: current.citations as never,
          origin: 'APPROVED',
          approvedBy: 'test',
        },
      });
      await prisma.standardAdjustment.create({
        data: {
          id: adjustmentId,
          parameterId: STANDARD,
          versionId: current.id,
          effectiveDate: `${first}-01`,
          scope: { counties: [COUNTY], categories: ['MINIMUM_LIVING'] },
          total: 1,
          requestedBy: 'test',
          workflowId: standardAdjustmentWorkflowId(adjustmentId),
        },
      });
      const result = await env.client.workflow.execute(standardAdjustmentWorkflow, {
        taskQueue: QUEUE,
        workflowId: standardAdjustmentWorkflowId(adjustmentId),
        args: [{ adjustmentId, total: 1 }],
      });
      expect(result).toEqual({ status: 'COMPLETED' });
      await recordHistory('standard-adjustment', () =>
        env.client.workflow.getHandle(standardAdjustmentWorkflowId(adjustmentId)).fetchHistory(),
      );

      // The next month is paid at the new amount.
      await env.sleep(monthStart(months[3]!) + DAY_MS - (await env.currentTimeMs()));
      const s = await waitFor((x) => x.paymentsWritten === 4);
      await recordHistory('enrolled-case-adjusted', () => h.fetchHistory());
      return s;
    });

    expect(pages).toEqual(['first', 'first']);
    expect(recorded).toEqual([enrolledCaseId, enrolledCaseId]);
    expect(state).toMatchObject({ monthlyAmount: 1000, pendingAmount: null, adjustmentsApplied: [adjustmentId] });
    const paid = await prisma.paymentInstruction.findMany({ where: { enrolledCaseId }, orderBy: { month: 'asc' } });
    expect(paid.map((p) => [p.month, Number(p.amount)])).toEqual([
      [months[0], 920],
      [months[1], 920],
      [months[2], 920],
      [months[3], 1000],
    ]);
    const backPay = await prisma.adjustmentBackPay.findMany({ where: { enrolledCaseId }, orderBy: { month: 'asc' } });
    expect(backPay.map((b) => [b.month, Number(b.amount)])).toEqual(months.slice(0, 3).map((m) => [m, 80]));
    expect(
      await prisma.auditLog.count({ where: { targetId: enrolledCaseId, action: 'ENROLLED_CASE_STANDARD_CHANGED' } }),
    ).toBe(1);
    const run = await prisma.standardAdjustment.findUniqueOrThrow({ where: { id: adjustmentId } });
    expect(run).toMatchObject({ status: 'COMPLETED', processed: 1 });
    expect(run.report).toMatchObject({
      changed: 1,
      unchanged: 0,
      rechecksOpened: 0,
      backPayTotal: 240,
      byCounty: [expect.objectContaining({ countyCode: COUNTY, backPayTotal: 240 })],
    });
  });
});
