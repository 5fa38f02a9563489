import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { verifyAuditChain } from '../../src/audit/audit-log';
import { createEnrolmentActivities, type EnrolmentActivities } from '../../src/enrolment/enrolment.activities';
import {
  DEFAULT_PARAMETERS,
  defaultParameterStore,
  drillParameterStore,
  PARAMETER_IDS,
  ParameterStore,
} from '../../src/policy';
import { cstDate } from '../../src/core/clock';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { household, member, monthly } from '../unit/policy/fixtures';
import { insertApplication } from '../support/applications';

// The enrolment activities against a real, migrated and seeded PostgreSQL (no Temporal).

const HOUSEHOLD = '00000000-0000-4000-8000-000000000001';

describe('enrolment activities (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let activities: EnrolmentActivities;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    activities = createEnrolmentActivities({ prisma, parameters: defaultParameterStore() });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  async function enrolledCase(
    facts = household({ members: [member('p1', '1980-05-01')], income: monthly('p1', 'WAGE', 300) }),
    drill = false,
  ): Promise<string> {
    const applicationId = randomUUID();
    const id = randomUUID();
    await insertApplication(prisma, { id: applicationId, householdId: HOUSEHOLD, stage: 'ENROLLED', facts, drill });
    await prisma.enrolledCase.create({
      data: {
        id,
        applicationId,
        householdId: HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 330,
        membersIncluded: ['p1'],
        startMonth: '2027-01',
        countyCode: '410502',
        drill,
      },
    });
    return id;
  }

  it('a retried payment instruction activity writes one row and one audit row per case and month', async () => {
    const id = await enrolledCase();
    const p = { enrolledCaseId: id, month: '2027-01', amount: 330, members: ['p1'], countyCode: '410502' };
    const results = await Promise.all([activities.recordPaymentInstruction(p), activities.recordPaymentInstruction(p)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await activities.recordPaymentInstruction(p)).toEqual({ created: false });
    expect(await prisma.paymentInstruction.count({ where: { enrolledCaseId: id } })).toBe(1);
    const row = await prisma.paymentInstruction.findFirstOrThrow({ where: { enrolledCaseId: id } });
    expect(row).toMatchObject({ month: '2027-01', status: 'PENDING', countyCode: '410502', members: ['p1'] });
    expect(Number(row.amount)).toBe(330);
    expect(await prisma.auditLog.count({ where: { action: 'PAYMENT_INSTRUCTION_CREATED', targetId: row.id } })).toBe(1);
    await activities.recordPaymentInstruction({ ...p, month: '2027-02', amount: 280 });
    expect(await prisma.paymentInstruction.count({ where: { enrolledCaseId: id } })).toBe(2);
    expect(Number((await prisma.enrolledCase.findUniqueOrThrow({ where: { id } })).monthlyAmount)).toBe(280);
    expect((await verifyAuditChain(prisma)).valid).toBe(true);
  });

  it('plans the recheck by category and stability from the parameters, and records it on the case', async () => {
    const unstable = await enrolledCase();
    const planned = await activities.planRecheck({
      enrolledCaseId: unstable,
      category: 'MINIMUM_LIVING',
      from: '2027-01-10T00:00:00.000Z',
      county: '410502',
    });
    expect(planned).toEqual({ dueAt: '2027-07-10T00:00:00.000Z', months: 6, stable: false });
    expect(
      (await prisma.enrolledCase.findUniqueOrThrow({ where: { id: unstable } })).nextRecheckAt?.toISOString(),
    ).toBe('2027-07-10T00:00:00.000Z');
    const stable = await enrolledCase(household({ members: [member('p1', '1950-01-01', { labourCapacity: 'NONE' })] }));
    expect(
      await activities.planRecheck({
        enrolledCaseId: stable,
        category: 'MINIMUM_LIVING',
        from: '2027-01-10T00:00:00.000Z',
        county: '410502',
      }),
    ).toMatchObject({ months: 12, stable: true });
  });

  it('a recheck that reduces the amount stores its decision and a Chinese notice; exit writes the final record once', async () => {
    const id = await enrolledCase();
    const c = await prisma.enrolledCase.findUniqueOrThrow({ where: { id } });
    const recheckId = randomUUID();
    await activities.beginRecheck({
      recheckId,
      enrolledCaseId: id,
      workflowId: `recheck-${recheckId}`,
      reason: 'CHANGE',
    });
    await activities.beginRecheck({
      recheckId,
      enrolledCaseId: id,
      workflowId: `recheck-${recheckId}`,
      reason: 'CHANGE',
    });
    expect((await prisma.enrolledCase.findUniqueOrThrow({ where: { id } })).status).toBe('RECHECKING');
    const engine = await activities.evaluateRecheck({ recheckId, enrolledCaseId: id });
    expect(engine).toMatchObject({ status: 'eligible', membersIncluded: ['p1'], workRefusalLimit: 3 });
    const actor = { userId: 'demo-county-officer', role: 'COUNTY_OFFICER' as const, jurisdiction: '410502' };
    const outcome = {
      recheckId,
      outcome: 'ADJUST' as const,
      amount: 200,
      membersIncluded: ['p1'],
      reasons: ['家庭收入增加'],
      decidedBy: actor.userId,
      workRefusals: 0,
    };
    await activities.recordRecheckOutcome({
      ...outcome,
      enrolledCaseId: id,
      applicationId: c.applicationId,
      category: 'MINIMUM_LIVING',
      previousAmount: 330,
      actor,
      requestId: 'r1',
    });
    await activities.recordRecheckOutcome({
      ...outcome,
      enrolledCaseId: id,
      applicationId: c.applicationId,
      category: 'MINIMUM_LIVING',
      previousAmount: 330,
      actor,
      requestId: 'r1',
    });
    expect(await prisma.recheck.findUniqueOrThrow({ where: { id: recheckId } })).toMatchObject({
      status: 'DECIDED',
      outcome: 'ADJUST',
      reasons: ['家庭收入增加'],
      decidedBy: actor.userId,
    });
    const notices = await prisma.notice.findMany({ where: { applicationId: c.applicationId } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('调整为 200.00 元');
    expect(notices[0]!.text).toContain('家庭收入增加');

    await activities.closeCase({
      enrolledCaseId: id,
      applicationId: c.applicationId,
      reasons: ['渐退期已满'],
      event: 'PHASE_OUT_ENDED',
      lastPaidMonth: '2027-06',
    });
    await activities.closeCase({
      enrolledCaseId: id,
      applicationId: c.applicationId,
      reasons: ['渐退期已满'],
      event: 'PHASE_OUT_ENDED',
      lastPaidMonth: '2027-06',
    });
    expect(await prisma.enrolledCase.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'EXITED',
      exitReason: '渐退期已满',
      nextRecheckAt: null,
    });
    expect(await prisma.auditLog.count({ where: { action: 'ENROLLED_CASE_EXITED', targetId: id } })).toBe(1);
    expect(
      (await prisma.notice.findFirstOrThrow({ where: { applicationId: c.applicationId, kind: 'EXITED' } })).text,
    ).toContain('停止最低生活保障');
  });

  it("the phase-out notice states the end date the case's workflow plans, on the case's county parameter", async () => {
    // 文峰区 allows 3 months of phase-out; the city default is 6.
    const county = new ParameterStore([
      ...DEFAULT_PARAMETERS,
      {
        id: PARAMETER_IDS.PHASE_OUT_MAX_MONTHS,
        version: 'county-3',
        validFrom: '2021-07-01',
        division: '410502',
        value: 3,
        unit: 'MONTHS',
        citations: [{ sourceId: 'ANYANG_LOCAL_DEFAULT', note: '县级规定（测试）' }],
      },
    ]);
    const countyActivities = createEnrolmentActivities({ prisma, parameters: county });
    const id = await enrolledCase();
    const c = await prisma.enrolledCase.findUniqueOrThrow({ where: { id } });
    const recheckId = randomUUID();
    await countyActivities.beginRecheck({
      recheckId,
      enrolledCaseId: id,
      workflowId: `recheck-${recheckId}`,
      reason: 'PERIODIC',
    });
    await countyActivities.recordRecheckOutcome({
      recheckId,
      outcome: 'PHASE_OUT',
      amount: null,
      membersIncluded: null,
      reasons: ['就业后人均收入高于保障标准'],
      decidedBy: 'demo-county-officer',
      workRefusals: 0,
      enrolledCaseId: id,
      applicationId: c.applicationId,
      category: 'MINIMUM_LIVING',
      previousAmount: 330,
      actor: { userId: 'demo-county-officer', role: 'COUNTY_OFFICER', jurisdiction: '410502' },
      requestId: 'r-phase-out',
    });
    const planned = await countyActivities.planPhaseOut({ from: new Date().toISOString(), county: '410502' });
    expect(planned.months).toBe(3);
    const notice = await prisma.notice.findFirstOrThrow({
      where: { applicationId: c.applicationId, kind: 'RECHECK_PHASE_OUT' },
    });
    expect(notice.text).toContain(`保障金继续发放至 ${cstDate(planned.endsAt)} 止`);
  });

  it("under the drill set, rechecks and phase-out run in minutes, and a drill case's notices say it is a drill", async () => {
    const drilled = createEnrolmentActivities({ prisma, parameters: drillParameterStore() });
    const id = await enrolledCase(undefined, true);
    const from = '2027-01-10T00:00:00.000Z';
    const minutes = (iso: string) => (Date.parse(iso) - Date.parse(from)) / 60_000;
    // Unstable 低保 household: 6 months become 6 minutes; the phase-out's at most 6 months, 6 minutes.
    expect(
      minutes(
        (await drilled.planRecheck({ enrolledCaseId: id, category: 'MINIMUM_LIVING', from, county: '410502' })).dueAt,
      ),
    ).toBe(6);
    expect(minutes((await drilled.planPhaseOut({ from, county: '410502' })).endsAt)).toBe(6);
    // The shipped set is untouched by the drill's existence.
    expect((await activities.planPhaseOut({ from, county: '410502' })).endsAt).toBe('2027-07-10T00:00:00.000Z');

    const c = await prisma.enrolledCase.findUniqueOrThrow({ where: { id } });
    const recheckId = randomUUID();
    await drilled.beginRecheck({
      recheckId,
      enrolledCaseId: id,
      workflowId: `recheck-${recheckId}`,
      reason: 'PERIODIC',
    });
    const actor = { userId: 'demo-county-officer', role: 'COUNTY_OFFICER' as const, jurisdiction: '410502' };
    const before = Date.now();
    await drilled.recordRecheckOutcome({
      recheckId,
      outcome: 'PHASE_OUT',
      amount: null,
      membersIncluded: ['p1'],
      reasons: ['务工收入超过标准'],
      decidedBy: actor.userId,
      workRefusals: 0,
      enrolledCaseId: id,
      applicationId: c.applicationId,
      category: 'MINIMUM_LIVING',
      previousAmount: 330,
      actor,
      requestId: 'r-drill',
    });
    const notice = await prisma.notice.findFirstOrThrow({
      where: { applicationId: c.applicationId, kind: 'RECHECK_PHASE_OUT' },
    });
    expect(notice.text).toMatch(/^【演练】/);
    // Ends six minutes after the decision, to the minute (CST), not six months on.
    const endsOn = notice.text.match(/继续发放至 (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) 止/)?.[1];
    expect(endsOn).toBeDefined();
    const endsAt = Date.parse(`${endsOn!.replace(' ', 'T')}:00+08:00`);
    expect(endsAt - before).toBeGreaterThan(5 * 60_000 - 1);
    expect(endsAt - before).toBeLessThanOrEqual(6 * 60_000 + 60_000);

    await drilled.closeCase({
      enrolledCaseId: id,
      applicationId: c.applicationId,
      reasons: ['渐退期已满'],
      event: 'PHASE_OUT_ENDED',
      lastPaidMonth: null,
    });
    expect(
      (await prisma.notice.findFirstOrThrow({ where: { applicationId: c.applicationId, kind: 'EXITED' } })).text,
    ).toMatch(/^【演练】.*\n\n停止最低生活保障通知书/s);
  });
});
