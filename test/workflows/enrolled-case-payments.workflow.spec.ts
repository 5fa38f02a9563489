import { randomBytes, randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { seed } from '../../prisma/seed';
import type { EnrolledCaseInput, EnrolledCaseState, PaymentInstructionInput } from '../../src/core/contracts/enrolment';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { addMonths, DAY_MS, monthOf, monthStart } from '../../src/core/months';
import { enrolledCaseStateQuery } from '../../src/core/messages';
import { household, member } from '../unit/policy/fixtures';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier with the REAL activities on a real PostgreSQL: a year of an enrolled case's
// monthly payment instructions. Every month's activity commits its row and then loses its
// reply (a crash between the commit and the answer), so each month is attempted exactly
// twice; the database must hold exactly one instruction (and one audit row) per month.

const QUEUE = 'enrolled-case-payments-test';
const HOUSEHOLD = '00000000-0000-4000-8000-000000000001';

describe('enrolled-case payments on PostgreSQL (time-skipping, real activities)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    env = await startTimeSkipping();
  });
  afterAll(async () => {
    await env?.teardown();
    await prisma?.$disconnect();
    await db?.stop();
  });

  it('12 months: exactly 24 attempts, one instruction and one audit row for each of 12 consecutive months', async () => {
    const real = createActivities({ prisma, parameters: defaultParameterStore() });
    const attempts: string[] = [];
    const replyLost = new Set<string>();
    const activities = {
      ...real,
      recordPaymentInstruction: async (p: PaymentInstructionInput) => {
        attempts.push(p.month);
        const result = await real.recordPaymentInstruction(p);
        if (!replyLost.has(p.month)) {
          replyLost.add(p.month);
          throw new Error('connection reset after commit');
        }
        return result;
      },
    };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });

    // A stable 低保 household (elderly, no income, no labour capacity): its recheck is a year away.
    const facts = household({ members: [member('p1', '1950-01-01', { labourCapacity: 'NONE' })] });
    const applicationId = randomUUID();
    const enrolledCaseId = randomUUID();
    const first = addMonths(monthOf(await env.currentTimeMs()), 1);
    await prisma.application.create({
      data: {
        id: applicationId,
        householdId: HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${applicationId}`,
        townshipCode: '410502002',
        countyCode: '410502',
        submittedBy: 'demo-village-assistant',
        facts: JSON.parse(JSON.stringify(facts)),
      },
    });
    await prisma.enrolledCase.create({
      data: {
        id: enrolledCaseId,
        applicationId,
        householdId: HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 630,
        membersIncluded: ['p1'],
        startMonth: first,
        countyCode: '410502',
      },
    });
    const input: EnrolledCaseInput = {
      enrolledCaseId,
      applicationId,
      category: 'MINIMUM_LIVING',
      countyCode: '410502',
      townshipCode: '410502002',
      villageCode: '410502002001',
      monthlyAmount: 630,
      membersIncluded: ['p1'],
      startMonth: first,
    };

    const months = Array.from({ length: 12 }, (_, i) => addMonths(first, i));
    const state = await worker.runUntil(async () => {
      const h = await env.client.workflow.start('enrolledCaseWorkflow', {
        taskQueue: QUEUE,
        workflowId: `enrolled-case-${enrolledCaseId}`,
        args: [input],
      });
      // Just past the start of the twelfth month (CST).
      await env.sleep(monthStart(months[11]!) + DAY_MS - (await env.currentTimeMs()));
      for (let i = 0; ; i++) {
        const s: EnrolledCaseState = await h.query(enrolledCaseStateQuery);
        if (s.paymentsWritten === 12 || i > 300) return s;
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    expect(state).toMatchObject({
      paymentsWritten: 12,
      lastPaidMonth: months[11],
      nextPaymentMonth: addMonths(first, 12),
    });
    expect(attempts).toEqual(months.flatMap((m) => [m, m]));
    const rows = await prisma.paymentInstruction.findMany({ where: { enrolledCaseId }, orderBy: { month: 'asc' } });
    expect(rows.map((r) => [r.month, Number(r.amount), r.status, r.members])).toEqual(
      months.map((m) => [m, 630, 'PENDING', ['p1']]),
    );
    expect(
      await prisma.auditLog.count({
        where: { action: 'PAYMENT_INSTRUCTION_CREATED', targetId: { in: rows.map((r) => r.id) } },
      }),
    ).toBe(12);
  });
});
