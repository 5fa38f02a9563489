import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { openCaseChangeReferrals } from '../../src/assistance/case-change-referrals';
import { openEnrolmentReferrals } from '../../src/assistance/enrolment-referrals';
import { createReferralActivities } from '../../src/assistance/referral.activities';
import type { Member as FactsMember } from '../../src/core/contracts/household-facts';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { enrolledCaseRow } from '../support/funds';

// A recheck keeps the case and the facts have changed: the matrix is applied again to the
// included members and only what is newly owed is referred (real PostgreSQL, rows only).

const COUNTY = '410502';

describe('referrals after a recheck that keeps the case (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const deps = () => ({ prisma, parameters: defaultParameterStore() });

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

  it('a member newly seriously ill is referred for medical assistance; delivered and declined items are not referred again', async () => {
    const student = await prisma.member.findFirstOrThrow({ where: { student: true } });
    const household = await prisma.household.findUniqueOrThrow({
      where: { id: student.householdId },
      include: { members: { orderBy: { id: 'asc' } } },
    });
    // The facts as the application holds them, by the registry's member ids.
    const facts = (ill: string | null) => ({
      members: household.members.map((m): FactsMember => ({
        id: m.id,
        birthDate: m.birthDate.toISOString().slice(0, 10),
        relation: m.relation as FactsMember['relation'],
        labourCapacity: m.labourCapacity as FactsMember['labourCapacity'],
        seriousIllness: m.seriousIllness || m.id === ill,
        employment: { employed: m.employed },
        student: m.student,
        coResident: true,
      })),
    });
    const enrolledCaseId = await enrolledCaseRow(prisma, {
      householdId: household.id,
      members: household.members.map((m) => m.id),
      category: 'DESTITUTE',
      countyCode: COUNTY,
      startMonth: '2026-12',
      monthlyAmount: '900.00',
      facts: facts(null),
    });
    const { applicationId } = await prisma.enrolledCase.findUniqueOrThrow({
      where: { id: enrolledCaseId },
      select: { applicationId: true },
    });
    const now = new Date('2026-12-04T02:00:00Z');
    await openEnrolmentReferrals(deps(), enrolledCaseId, now);
    const enrolled = await prisma.referral.findMany({ where: { enrolledCaseId } });
    const activities = createReferralActivities({ prisma });
    const close = async (entitlement: string, type: 'DELIVERED' | 'DECLINED') => {
      const r = enrolled.find((x) => x.entitlement === entitlement)!;
      await activities.recordReferralEvent({
        referralId: r.id,
        eventKey: `${type}#${randomUUID()}`,
        type,
        stage: 'CLOSED',
        actor: null,
        requestId: null,
        detail: type === 'DECLINED' ? '不符合本部门条件' : '已落实',
      });
    };
    await close('EDUCATION_AID', 'DELIVERED');
    await close('HOUSING_RENOVATION', 'DECLINED');

    // Nothing changed: nothing to refer.
    const recheckA = randomUUID();
    expect(
      await openCaseChangeReferrals(deps(), { enrolledCaseId, recheckId: recheckA, membersIncluded: null }, now),
    ).toBe(0);

    // The recheck found a member seriously ill (new facts on the application).
    const ill = household.members.find((m) => !m.seriousIllness)!;
    await prisma.application.update({ where: { id: applicationId }, data: { facts: facts(ill.id) } });
    const recheckB = randomUUID();
    const kept = { enrolledCaseId, recheckId: recheckB, membersIncluded: household.members.map((m) => m.id) };
    expect(await openCaseChangeReferrals(deps(), kept, now)).toBe(1);
    // A retried activity finds its own referral, and opens nothing more.
    await openCaseChangeReferrals(deps(), kept, now);
    const after = await prisma.referral.findMany({ where: { enrolledCaseId }, orderBy: { openedAt: 'asc' } });
    const added = after.filter((r) => r.origin === 'CASE_CHANGE');
    expect(added).toEqual([
      expect.objectContaining({
        memberRef: ill.id,
        entitlement: 'MEDICAL_ASSISTANCE',
        department: 'MEDICAL_INSURANCE',
        idNumberMasked: ill.idNumberMasked,
        stage: 'OPEN',
        year: 2026,
      }),
    ]);
    // Delivered this year and declined this year: not referred again; the open ones not twice.
    expect(after.filter((r) => r.entitlement === 'EDUCATION_AID')).toHaveLength(1);
    expect(after.filter((r) => r.entitlement === 'HOUSING_RENOVATION')).toHaveLength(1);
    expect(after).toHaveLength(enrolled.length + 1);

    // Next year the yearly education aid delivered this year is owed again; the declined one-off too.
    const nextYear = new Date('2027-03-01T02:00:00Z');
    await openCaseChangeReferrals(deps(), { ...kept, recheckId: randomUUID() }, nextYear);
    const later = await prisma.referral.findMany({ where: { enrolledCaseId, year: 2027 } });
    expect(later.map((r) => r.entitlement).sort()).toEqual(['EDUCATION_AID', 'HOUSING_RENOVATION']);

    // An exited case is referred nothing.
    await prisma.enrolledCase.update({ where: { id: enrolledCaseId }, data: { status: 'EXITED' } });
    expect(await openCaseChangeReferrals(deps(), { ...kept, recheckId: randomUUID() }, nextYear)).toBe(0);
  });
});
