import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { reportEmploymentToCase } from '../../src/assistance/employment-delivery';
import { createReferralActivities, openReferral } from '../../src/assistance/referral.activities';
import { trackZeroEmployment } from '../../src/assistance/zero-employment.tracker';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { insertApplication } from '../support/applications';

// The 零就业 register and a placement's change report against a real, migrated and seeded
// PostgreSQL (no Temporal: the change report is stored, no case workflow is signalled).

/** Seeded household 丁 (county 410581): two working-age members who can work, neither employed. */
const HOUSEHOLD_D = '00000000-0000-4000-8000-000000000004';
/** Seeded household 乙: its head is employed. */
const HOUSEHOLD_B = '00000000-0000-4000-8000-000000000002';

describe('零就业 register and employment placements (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const parameters = defaultParameterStore();
  const now = new Date('2026-12-01T02:00:00Z');

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  async function enrol(householdId: string, countyCode: string): Promise<string> {
    const applicationId = randomUUID();
    const enrolledCaseId = randomUUID();
    await insertApplication(prisma, {
      id: applicationId,
      householdId,
      stage: 'ENROLLED',
      townshipCode: `${countyCode}002`,
      facts: {},
    });
    await prisma.enrolledCase.create({
      data: {
        id: enrolledCaseId,
        applicationId,
        householdId,
        category: 'MINIMUM_LIVING',
        monthlyAmount: 500,
        membersIncluded: ['p1', 'p2'],
        startMonth: '2027-01',
        countyCode,
        townshipCode: `${countyCode}002`,
      },
    });
    return enrolledCaseId;
  }

  it('a household with an employed member is not tracked', async () => {
    const enrolledCaseId = await enrol(HOUSEHOLD_B, '410502');
    expect(await trackZeroEmployment({ prisma, parameters }, enrolledCaseId, now)).toBe(false);
    expect(await prisma.zeroEmploymentHousehold.findUnique({ where: { householdId: HOUSEHOLD_B } })).toBeNull();
  });

  it('tracked at enrolment (once however often it runs); a placement reports an income change once and clears it', async () => {
    const enrolledCaseId = await enrol(HOUSEHOLD_D, '410581');
    expect(await trackZeroEmployment({ prisma, parameters }, enrolledCaseId, now)).toBe(true);
    expect(await trackZeroEmployment({ prisma, parameters }, enrolledCaseId, now)).toBe(true);
    const tracked = await prisma.zeroEmploymentHousehold.findMany({ where: { householdId: HOUSEHOLD_D } });
    expect(tracked).toEqual([
      expect.objectContaining({ countyCode: '410581', membersCapable: 2, clearedAt: null, enrolledCaseId }),
    ]);
    expect(tracked[0]!.since.toISOString().slice(0, 10)).toBe('2026-12-01');

    const referralId = randomUUID();
    await openReferral(
      { prisma },
      {
        referralId,
        origin: 'ENROLMENT',
        countyCode: '410581',
        townshipCode: '410581002',
        memberRef: 'member-d1',
        enrolledCaseId,
        warningId: null,
        entitlement: 'EMPLOYMENT_ASSISTANCE',
        department: 'HR_SOCIAL_SECURITY',
        timeLimitWorkingDays: 15,
        periodicity: 'ONCE',
        amountRequired: false,
        year: 2026,
      },
    );
    const activities = createReferralActivities({ prisma });
    await activities.recordReferralEvent({
      referralId,
      eventKey: `DELIVERED#${randomUUID()}`,
      type: 'DELIVERED',
      stage: 'CLOSED',
      actor: null,
      requestId: null,
      detail: '人力资源和社会保障部门已落实：实现就业',
      delivery: {
        what: '介绍到本地企业就业',
        amount: null,
        periodFrom: null,
        periodTo: null,
        employment: { kind: 'JOB_FOUND', monthlyWage: 2600, from: '2026-12-10' },
      },
    });
    const note = { referralId, enrolledCaseId, outcome: 'DELIVERED' as const, summary: '已落实' };
    await activities.noteReferralOnCase(note);
    await activities.noteReferralOnCase(note); // a retried activity
    expect(await reportEmploymentToCase({ prisma }, referralId)).not.toBeNull();

    const changes = await prisma.changeReport.findMany({ where: { enrolledCaseId } });
    expect(changes).toEqual([expect.objectContaining({ kind: 'INCOME_CHANGE', material: true })]);
    expect(changes[0]!.details).toMatchObject({ occurredOn: '2026-12-10', referralId });
    expect(await prisma.zeroEmploymentHousehold.findUnique({ where: { householdId: HOUSEHOLD_D } })).toMatchObject({
      clearedReason: 'JOB_FOUND',
      clearedByReferralId: referralId,
    });
  });

  it('a tracked household whose registry now shows someone employed is cleared at the next enrolment', async () => {
    const household = '00000000-0000-4000-8000-000000000005';
    await prisma.household.create({
      data: { id: household, divisionCode: '410502002001', area: 'RURAL', address: '测试地址', createdBy: 'test' },
    });
    const member = await prisma.member.findFirstOrThrow({ where: { householdId: HOUSEHOLD_D } });
    const memberId = randomUUID();
    // A copy of a working-age member who can work (the ID columns made unique again).
    await prisma.member.create({
      data: {
        ...member,
        id: memberId,
        householdId: household,
        idNumberHmac: `${member.idNumberHmac}-copy`,
      },
    });
    const first = await enrol(household, '410502');
    expect(await trackZeroEmployment({ prisma, parameters }, first, now)).toBe(true);
    await prisma.member.update({ where: { id: memberId }, data: { employed: true } });
    const second = await enrol(household, '410502');
    expect(await trackZeroEmployment({ prisma, parameters }, second, now)).toBe(false);
    expect(await prisma.zeroEmploymentHousehold.findUnique({ where: { householdId: household } })).toMatchObject({
      clearedReason: 'REGISTRY_EMPLOYED',
    });
  });
});
