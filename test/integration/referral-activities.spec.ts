import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { verifyAuditChain } from '../../src/audit/audit-log';
import {
  createReferralActivities,
  openReferral,
  type ReferralActivities,
} from '../../src/assistance/referral.activities';
import { ReferralRepository } from '../../src/assistance/referral.repository';
import { openEnrolmentReferrals } from '../../src/assistance/enrolment-referrals';
import { defaultParameterStore } from '../../src/policy';
import type { ReferralInput } from '../../src/core/contracts/referral';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { enrolledCaseRow } from '../support/funds';

// The referral activities and the coverage count against a real, migrated and seeded
// PostgreSQL (no Temporal: rows only, no workflow started).

const COUNTY = '410502';

describe('referral activities and coverage (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let activities: ReferralActivities;
  let repo: ReferralRepository;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    activities = createReferralActivities({ prisma });
    repo = new ReferralRepository(prisma);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  const input = (over: Partial<ReferralInput> = {}): ReferralInput => ({
    referralId: randomUUID(),
    origin: 'ENROLMENT',
    countyCode: COUNTY,
    townshipCode: '410502002',
    memberRef: 'member-a',
    enrolledCaseId: null,
    warningId: null,
    entitlement: 'EDUCATION_AID',
    department: 'EDUCATION',
    timeLimitWorkingDays: 20,
    periodicity: 'YEARLY',
    amountRequired: true,
    year: 2026,
    ...over,
  });
  const event = (
    referralId: string,
    type: 'OPENED' | 'ESCALATED' | 'DELIVERED' | 'DECLINED',
    stage: 'OPEN' | 'CLOSED',
  ) => ({
    referralId,
    eventKey: `${type}#${randomUUID()}`,
    type,
    stage,
    actor: null,
    requestId: null,
    detail: type === 'DECLINED' ? '不符合条件' : null,
  });

  it('an open referral is never opened twice; once closed, the same entitlement may be referred again', async () => {
    const first = input();
    expect(await openReferral({ prisma }, first, { category: 'DESTITUTE' })).toBe(true);
    // A retry of the same referral finds its row; another referral of the same person and entitlement is refused.
    expect(await openReferral({ prisma }, first)).toBe(true);
    expect(await activities.openRenewalReferral(input())).toBe(false);
    expect(await prisma.referral.count({ where: { memberRef: 'member-a' } })).toBe(1);

    const e = event(first.referralId, 'DELIVERED', 'CLOSED');
    const delivered = {
      ...e,
      detail: '教育部门已落实：国家助学金 2000 元',
      delivery: { what: '国家助学金', amount: 2000, periodFrom: '2026-09-01', periodTo: '2027-07-31' },
    };
    await activities.recordReferralEvent(delivered);
    await activities.recordReferralEvent(delivered); // a retried activity writes nothing twice
    const row = await prisma.referral.findUniqueOrThrow({ where: { id: first.referralId }, include: { events: true } });
    expect(row).toMatchObject({ stage: 'CLOSED', outcome: 'DELIVERED', openKey: null, deliveredWhat: '国家助学金' });
    expect(Number(row.deliveredAmount)).toBe(2000);
    expect(row.events).toHaveLength(1);

    expect(await activities.openRenewalReferral(input({ origin: 'RENEWAL', year: 2027 }))).toBe(true);
    expect(await prisma.referral.count({ where: { memberRef: 'member-a' } })).toBe(2);
    expect((await verifyAuditChain(prisma)).valid).toBe(true);
  });

  it('coverage counts per entitlement: owed, delivered, pending, declined, overdue', async () => {
    const county = '410526';
    const opened = async (
      memberRef: string,
      entitlement: ReferralInput['entitlement'],
      department: ReferralInput['department'],
    ) => {
      const i = input({ countyCode: county, memberRef, entitlement, department });
      await openReferral({ prisma }, i, { category: 'DESTITUTE' });
      return i.referralId;
    };
    const a = await opened('p1', 'MEDICAL_PREMIUM_FULL', 'MEDICAL_INSURANCE');
    const b = await opened('p2', 'MEDICAL_PREMIUM_FULL', 'MEDICAL_INSURANCE');
    const c = await opened('p3', 'MEDICAL_PREMIUM_FULL', 'MEDICAL_INSURANCE');
    await opened('p2', 'EDUCATION_AID', 'EDUCATION');
    await activities.recordReferralEvent(event(a, 'DELIVERED', 'CLOSED'));
    await activities.recordReferralEvent(event(b, 'DECLINED', 'CLOSED'));
    await activities.recordReferralEvent(event(c, 'ESCALATED', 'OPEN'));
    expect(await repo.coverage(county, 'DESTITUTE')).toEqual([
      {
        entitlement: 'EDUCATION_AID',
        department: 'EDUCATION',
        owed: 1,
        delivered: 0,
        pending: 1,
        declined: 0,
        overdue: 0,
      },
      {
        entitlement: 'MEDICAL_PREMIUM_FULL',
        department: 'MEDICAL_INSURANCE',
        owed: 3,
        delivered: 1,
        pending: 1,
        declined: 1,
        overdue: 1,
      },
    ]);
    expect(await repo.coverage(county, 'MINIMUM_LIVING')).toEqual([]);
    const declined = await prisma.referral.findUniqueOrThrow({ where: { id: b } });
    expect(declined.declineReason).toBe('不符合条件');
  });
});

describe('referrals opened by an enrolment (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

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

  it('a 特困 household with a student: medical premium for each member, education aid for the student, once however often it runs', async () => {
    const student = await prisma.member.findFirstOrThrow({ where: { student: true } });
    const household = await prisma.household.findUniqueOrThrow({
      where: { id: student.householdId },
      include: { members: true },
    });
    const enrolledCaseId = await enrolledCaseRow(prisma, {
      householdId: household.id,
      members: household.members.map((m) => m.id),
      category: 'DESTITUTE',
      countyCode: COUNTY,
      startMonth: '2027-01',
      monthlyAmount: '900.00',
    });
    const deps = { prisma, parameters: defaultParameterStore() };
    const now = new Date('2026-12-01T02:00:00Z');
    await openEnrolmentReferrals(deps, enrolledCaseId, now);
    await openEnrolmentReferrals(deps, enrolledCaseId, now); // a retried start
    const rows = await prisma.referral.findMany({ where: { enrolledCaseId } });
    const byEntitlement = (e: string) => rows.filter((r) => r.entitlement === e);
    expect(byEntitlement('MEDICAL_PREMIUM_FULL')).toHaveLength(household.members.length);
    expect(byEntitlement('EDUCATION_AID')).toEqual([
      expect.objectContaining({
        memberRef: student.id,
        department: 'EDUCATION',
        idNumberMasked: student.idNumberMasked,
        stage: 'OPEN',
        year: 2026,
        category: 'DESTITUTE',
      }),
    ]);
    expect(rows.every((r) => r.openKey !== null && r.origin === 'ENROLMENT')).toBe(true);
    expect(new Set(rows.map((r) => r.openKey)).size).toBe(rows.length);
  });
});
