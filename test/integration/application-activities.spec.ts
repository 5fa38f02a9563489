import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { createApplicationActivities, type ApplicationActivities } from '../../src/applications/application.activities';
import { LocalCrossCheck } from '../../src/applications/cross-check';
import { LiveCalendar } from '../../src/calendar/live-calendar';
import type { Determination } from '../../src/core/contracts/policy-determination';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { verifyAuditChain } from '../../src/audit/audit-log';
import { CaseRepository } from '../../src/cases/case.repository';
import type { ActorRef } from '../../src/core/contracts/determination';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { expenseMonthly, household, member, monthly } from '../unit/policy/fixtures';
import { insertApplication } from '../support/applications';

// The application activities against a real, migrated and seeded PostgreSQL (no Temporal).

const HOUSEHOLD = '00000000-0000-4000-8000-000000000002';

describe('application activities (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let activities: ApplicationActivities;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    activities = createApplicationActivities({
      prisma,
      parameters: defaultParameterStore(),
      calendar: new LiveCalendar(prisma),
      crossCheck: new LocalCrossCheck(prisma),
    });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  async function application(category: string, facts: object): Promise<string> {
    return insertApplication(prisma, { householdId: HOUSEHOLD, category, facts });
  }

  it("intake that runs before the API's transaction commits waits for it and keeps the API's row (no key violation, no retry)", async () => {
    const id = randomUUID();
    const input = {
      applicationId: id,
      householdId: HOUSEHOLD,
      category: 'MINIMUM_LIVING' as const,
      channel: 'ON_BEHALF' as const,
      countyCode: '410502',
      townshipCode: '410502002',
      villageCode: '410502002001',
      submittedBy: {
        userId: 'demo-village-assistant',
        role: 'VILLAGE_ASSISTANT' as const,
        jurisdiction: '410502002001',
      },
      requestId: 'req-intake-race',
      delegated: false,
      closeRelativeFlag: false,
    };
    let intake: Promise<void> | undefined;
    // The API's transaction: the row written, the workflow started (here: its first activity), then the commit.
    await prisma.$transaction(async (tx) => {
      await insertApplication(tx, {
        id,
        householdId: HOUSEHOLD,
        stage: 'SUBMITTED',
        receiptCode: 'RACE-0001',
        facts: { written: 'by the API' },
      });
      intake = activities.recordIntake(input);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await expect(intake).resolves.toBeUndefined();
    const row = await prisma.application.findUniqueOrThrow({ where: { id } });
    expect(row.receiptCode).toBe('RACE-0001');
    expect(row.facts).toEqual({ written: 'by the API' });
    expect(row.intakeRecordedAt).toBeInstanceOf(Date);
    // Run again (a retry after a lost completion): nothing more is written.
    await activities.recordIntake(input);
    expect(await prisma.applicationEvent.count({ where: { applicationId: id, type: 'INTAKE_RECORDED' } })).toBe(1);
  });

  it('刚性支出 is refused to a household the registry holds as 低保边缘, though staff typed no category; an exited case no longer counts', async () => {
    // Necessary medical spending far above half of the income: 刚性支出 on the facts alone.
    const date = '2026-11-20';
    const facts = household({
      applicationDate: date,
      categoriesRequested: ['RIGID_EXPENSE'],
      members: [member('a', '1975-01-01'), member('b', '1977-01-01', { relation: 'SPOUSE' })],
      income: monthly('a', 'WAGE', 2500, date),
      expenses: expenseMonthly('MEDICAL', 2000, 'b', date),
    });
    const before = await application('RIGID_EXPENSE', facts);
    expect((await activities.evaluateApplication({ applicationId: before, eventKey: 'e1' })).status).toBe('eligible');

    const nearCase = randomUUID();
    const nearApplication = await application('NEAR_MINIMUM', facts);
    await prisma.enrolledCase.create({
      data: {
        id: nearCase,
        applicationId: nearApplication,
        householdId: HOUSEHOLD,
        category: 'NEAR_MINIMUM',
        monthlyAmount: 0,
        membersIncluded: ['a', 'b'],
        startMonth: '2026-12',
        countyCode: '410502',
      },
    });
    const held = await application('RIGID_EXPENSE', facts);
    expect((await activities.evaluateApplication({ applicationId: held, eventKey: 'e2' })).status).toBe('ineligible');
    const explanation = (await prisma.application.findUniqueOrThrow({ where: { id: held } }))
      .explanation as unknown as Determination;
    expect(
      explanation.categories.RIGID_EXPENSE.reasons.find((r) => r.ruleId === 'RIGID_EXPENSE.NOT_OTHER_CATEGORY'),
    ).toMatchObject({ outcome: 'fail', zh: '已属于或符合低保边缘家庭，不再认定为刚性支出困难家庭' });

    await prisma.enrolledCase.update({ where: { id: nearCase }, data: { status: 'EXITED' } });
    const exited = await application('RIGID_EXPENSE', facts);
    expect((await activities.evaluateApplication({ applicationId: exited, eventKey: 'e3' })).status).toBe('eligible');
  });

  it('a home visit, the appraisal minutes and the county home visit are stored with their timeline events and audited once, however often the activity runs', async () => {
    const id = await application(
      'DESTITUTE',
      household({ members: [member('p1', '1950-01-01', { labourCapacity: 'NONE' })] }),
    );
    const caseworker: ActorRef = {
      userId: 'demo-township-caseworker',
      role: 'TOWNSHIP_CASEWORKER',
      jurisdiction: '410502002',
    };
    const officer: ActorRef = { userId: 'demo-county-officer', role: 'COUNTY_OFFICER', jurisdiction: '410502' };
    const selfCare = {
      eating: true,
      dressing: false,
      transferring: false,
      toileting: true,
      indoorMobility: false,
      bathing: false,
    };
    const steps: Array<Parameters<ApplicationActivities['recordApplicationEvent']>[0]> = [
      {
        applicationId: id,
        eventKey: 'ACTION_recordHomeVisit#1',
        type: 'ACTION_recordHomeVisit',
        stage: 'INVESTIGATION',
        actor: caseworker,
        requestId: 'req-visit',
        reason: null,
        record: {
          action: 'recordHomeVisit',
          investigators: ['u-investigator-1', 'u-investigator-2'],
          findings: '独居，无劳动能力，家中无存款',
          signedByHousehold: true,
          selfCareAssessment: selfCare,
        },
      },
      {
        applicationId: id,
        eventKey: 'ACTION_recordAppraisal#2',
        type: 'ACTION_recordAppraisal',
        stage: 'APPRAISAL',
        actor: caseworker,
        requestId: 'req-appraisal',
        reason: '民主评议 9 人参加，结论：同意',
        record: {
          action: 'recordAppraisal',
          participants: 9,
          result: 'SUPPORT',
          minutes: '与会代表一致认为该户情况属实',
        },
      },
      {
        applicationId: id,
        eventKey: 'ACTION_recordCountyHomeVisit#3',
        type: 'ACTION_recordCountyHomeVisit',
        stage: 'COUNTY_HOME_VISIT',
        actor: officer,
        requestId: 'req-county',
        reason: null,
        record: { action: 'recordCountyHomeVisit', findings: '县级入户核查属实' },
      },
    ];
    // Each step twice, as a retried activity would run it (the second time after its commit).
    for (const step of steps) {
      await activities.recordApplicationEvent(step);
      await activities.recordApplicationEvent(step);
    }
    // And concurrently: two attempts racing on the same key.
    await Promise.all([activities.recordApplicationEvent(steps[0]!), activities.recordApplicationEvent(steps[0]!)]);

    const detail = await new CaseRepository(prisma).findDetail(id);
    expect(detail!.homeVisits).toEqual([
      {
        kind: 'HOUSEHOLD',
        investigators: ['u-investigator-1', 'u-investigator-2'],
        findings: '独居，无劳动能力，家中无存款',
        householdSigned: true,
        selfCareAssessment: selfCare,
        recordedBy: caseworker.userId,
        recordedRole: 'TOWNSHIP_CASEWORKER',
        recordedAt: expect.any(Date),
      },
      {
        kind: 'COUNTY',
        investigators: [],
        findings: '县级入户核查属实',
        householdSigned: null,
        selfCareAssessment: null,
        recordedBy: officer.userId,
        recordedRole: 'COUNTY_OFFICER',
        recordedAt: expect.any(Date),
      },
    ]);
    expect(detail!.democraticAppraisals).toEqual([
      {
        participants: 9,
        result: 'SUPPORT',
        minutes: '与会代表一致认为该户情况属实',
        recordedBy: caseworker.userId,
        recordedRole: 'TOWNSHIP_CASEWORKER',
        recordedAt: expect.any(Date),
      },
    ]);
    expect(detail!.events.map((e) => e.type)).toEqual([
      'ACTION_recordHomeVisit',
      'ACTION_recordAppraisal',
      'ACTION_recordCountyHomeVisit',
    ]);

    const audit = await prisma.auditLog.findMany({
      where: {
        targetType: 'Application',
        targetId: id,
        action: { in: ['HOME_VISIT_RECORDED', 'DEMOCRATIC_APPRAISAL_RECORDED'] },
      },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actorId, a.requestId, a.details])).toEqual([
      [
        'HOME_VISIT_RECORDED',
        caseworker.userId,
        'req-visit',
        {
          eventKey: 'ACTION_recordHomeVisit#1',
          kind: 'HOUSEHOLD',
          investigators: 2,
          householdSigned: true,
          selfCareAssessed: true,
        },
      ],
      [
        'DEMOCRATIC_APPRAISAL_RECORDED',
        caseworker.userId,
        'req-appraisal',
        { eventKey: 'ACTION_recordAppraisal#2', participants: 9, result: 'SUPPORT' },
      ],
      [
        'HOME_VISIT_RECORDED',
        officer.userId,
        'req-county',
        { eventKey: 'ACTION_recordCountyHomeVisit#3', kind: 'COUNTY' },
      ],
    ]);
    // The audit trail names what was recorded, never what it says.
    const trail = await prisma.auditLog.findMany({
      where: { targetId: id },
      select: { action: true, reason: true, details: true },
    });
    expect(trail.length).toBeGreaterThan(audit.length);
    expect(JSON.stringify(trail)).not.toMatch(/独居|与会代表|核查属实|u-investigator/);
    expect((await verifyAuditChain(prisma)).valid).toBe(true);
  });

  it('a timeline event without a record (a case started before the patch) stores none', async () => {
    const id = await application(
      'MINIMUM_LIVING',
      household({ members: [member('p1', '1980-05-01')], income: monthly('p1', 'WAGE', 1000) }),
    );
    await activities.recordApplicationEvent({
      applicationId: id,
      eventKey: 'ACTION_recordHomeVisit#1',
      type: 'ACTION_recordHomeVisit',
      stage: 'INVESTIGATION',
      actor: null,
      requestId: null,
      reason: null,
    });
    expect(await prisma.homeVisit.count({ where: { applicationId: id } })).toBe(0);
    expect(await prisma.applicationEvent.count({ where: { applicationId: id } })).toBe(1);
  });
});
