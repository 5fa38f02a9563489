import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { cstDate } from '../../src/core/clock';
import { addMonths } from '../../src/core/months';
import { fundCheckWorkflowId, type FundFinding } from '../../src/core/contracts/funds';
import { createFundCheckActivities } from '../../src/funds/fund-check.activities';
import { latestMonthPastDeadline, paymentDeadline } from '../../src/funds/fund-month';
import { DEFAULT_PARAMETERS, ParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { fundCheckWorkflow } from '../../workflows/fund-check.workflow';
import { enrolledCaseRow, instructionRow } from '../support/funds';
import { recordHistory } from '../support/histories';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { startTimeSkipping } from '../support/time-skipping';

// Workflow tier: the monthly fund check on the time-skipping server with its real activities
// and PostgreSQL, started as the Schedule starts it (no month: the latest month past its
// payment deadline on today's date). One county's month has a case never instructed, one
// left unpaid past the deadline, one paid short, one paid twice and one refused by the bank:
// the county's FUND_DISCREPANCY task lists them; a rerun opens no second task.

const QUEUE = 'fund-check-test';
const A = '410502';
const B = '410503';

describe('fund check workflow (time-skipping, real activities and PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let env: TestWorkflowEnvironment;
  const parameters = new ParameterStore(DEFAULT_PARAMETERS);

  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
    env = await startTimeSkipping();
  });
  afterAll(async () => {
    await env?.teardown();
    await prisma?.$disconnect();
    await db?.stop();
  });

  it('finds the missed, late, short, doubled and failed payments of the month and opens one task per county', async () => {
    const today = cstDate(new Date().toISOString());
    const month = latestMonthPastDeadline(parameters, today);
    const deadline = paymentDeadline(parameters, A, month);
    expect(today > deadline).toBe(true);
    // Today's date: the month checked is this one after the 20th (the shipped deadline), else the last one.
    expect(month).toBe(Number(today.slice(8, 10)) > 20 ? today.slice(0, 7) : addMonths(today.slice(0, 7), -1));

    const onTime = await enrolledCaseRow(prisma, { countyCode: A });
    await instructionRow(prisma, onTime, A, month, { status: 'PAID', paidOn: `${month}-05` });
    const missing = await enrolledCaseRow(prisma, { countyCode: A, monthlyAmount: '720.00' });
    const unpaid = await enrolledCaseRow(prisma, { countyCode: A, status: 'PHASE_OUT' });
    const unpaidPayment = await instructionRow(prisma, unpaid, A, month);
    const short = await enrolledCaseRow(prisma, { countyCode: A });
    const shortPayment = await instructionRow(prisma, short, A, month, { status: 'PAID', paidAmount: '400.00' });
    const twice = await enrolledCaseRow(prisma, { countyCode: A });
    const twicePayment = await instructionRow(prisma, twice, A, month, {
      status: 'PAID',
      paidAmount: '1200.00',
      paidTimes: 2,
    });
    const refused = await enrolledCaseRow(prisma, { countyCode: A });
    const refusedPayment = await instructionRow(prisma, refused, A, month, {
      status: 'FAILED',
      failureReason: '账户已销户',
    });
    // Not owed: suspended, an unpaid category, exited before the month, started after it.
    await enrolledCaseRow(prisma, { countyCode: A, status: 'SUSPENDED' });
    await enrolledCaseRow(prisma, { countyCode: A, category: 'NEAR_MINIMUM' });
    await enrolledCaseRow(prisma, { countyCode: A, status: 'EXITED', exitedAt: new Date('2025-12-01T00:00:00Z') });
    await enrolledCaseRow(prisma, { countyCode: A, startMonth: '2099-01' });
    // The other county paid everything on time.
    const fine = await enrolledCaseRow(prisma, { countyCode: B });
    await instructionRow(prisma, fine, B, month, { status: 'PAID' });

    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowsPath: require.resolve('../../workflows'),
      activities: createFundCheckActivities({ prisma, parameters }),
    });
    await worker.runUntil(async () => {
      const first = await env.client.workflow.execute(fundCheckWorkflow, {
        taskQueue: QUEUE,
        workflowId: 'fund-check-scheduled',
        args: [{ month: null, countyCode: null }],
      });
      expect(first.month).toBe(month);
      expect(first.deadline).toBe(deadline);
      const a = first.counties.find((c) => c.countyCode === A)!;
      expect(first.counties.map((c) => c.countyCode)).toEqual([A, B]);
      expect(a).toMatchObject({ findings: 5, opened: true });
      expect(first.counties.find((c) => c.countyCode === B)).toEqual({
        countyCode: B,
        findings: 0,
        taskId: null,
        opened: false,
      });

      const task = await prisma.task.findUniqueOrThrow({ where: { id: a.taskId! } });
      expect(task).toMatchObject({
        type: 'FUND_DISCREPANCY',
        status: 'OPEN',
        candidateRole: 'COUNTY_OFFICER',
        countyCode: A,
        workflowId: fundCheckWorkflowId(A, month),
      });
      expect(task.reason).toContain('应发未发（无支付指令） 1 项');
      const check = await prisma.fundCheck.findUniqueOrThrow({ where: { countyCode_month: { countyCode: A, month } } });
      expect(check.taskId).toBe(task.id);
      const findings = (check.findings as unknown as FundFinding[]).map((f) => [
        f.kind,
        f.enrolledCaseId,
        f.paymentInstructionId,
      ]);
      expect(findings).toEqual(
        expect.arrayContaining([
          ['MISSING', missing, null],
          ['LATE', unpaid, unpaidPayment],
          ['PARTIAL', short, shortPayment],
          ['DUPLICATED', twice, twicePayment],
          ['FAILED', refused, refusedPayment],
        ]),
      );
      expect(findings).toHaveLength(5);
      expect(await prisma.auditLog.count({ where: { action: 'TASK_OPENED', targetId: task.id } })).toBe(1);

      // The next day's run: the unpaid one was paid meanwhile (late), nothing opens twice.
      await prisma.paymentInstruction.update({
        where: { id: unpaidPayment },
        data: { status: 'PAID', paidAmount: '600.00', paidOn: today, paidTimes: 1 },
      });
      const again = await env.client.workflow.execute(fundCheckWorkflow, {
        taskQueue: QUEUE,
        workflowId: 'fund-check-scheduled-2',
        args: [{ month: null, countyCode: null }],
      });
      expect(again.counties.find((c) => c.countyCode === A)).toEqual({
        countyCode: A,
        findings: 5,
        taskId: task.id,
        opened: false,
      });
      expect(await prisma.task.count({ where: { type: 'FUND_DISCREPANCY' } })).toBe(1);

      await recordHistory('fund-check-scheduled', () =>
        env.client.workflow.getHandle('fund-check-scheduled').fetchHistory(),
      );
    });
  });
});
