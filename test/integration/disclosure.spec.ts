import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { DisclosureRepository } from '../../src/supervision/disclosure/disclosure.repository';
import { DisclosureService, type MonthlyStatistics } from '../../src/supervision/disclosure/disclosure.service';
import { lastFullMonth } from '../../src/core/contracts/disclosure';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { insertApplication } from '../support/applications';

// The public statistics against real PostgreSQL rows: what is counted (paid instructions of
// the month, not pending ones, not the demo's drill cases), and what is suppressed (a small
// cell and the complements that would give it back by subtraction).

const MONTH = '2026-10';

describe('public statistics (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let statistics: MonthlyStatistics;

  /** `n` enrolled cases of a county and category, each with one instruction for `month`. */
  async function cases(
    county: string,
    category: string,
    n: number,
    opts: {
      amount?: number;
      paidAmount?: number;
      members?: number;
      status?: 'PAID' | 'PENDING';
      month?: string;
      drill?: boolean;
    } = {},
  ) {
    for (let i = 0; i < n; i++) {
      const householdId = randomUUID();
      const applicationId = randomUUID();
      const id = randomUUID();
      await prisma.household.create({
        data: { id: householdId, divisionCode: `${county}001001`, area: 'RURAL', address: '测试户', createdBy: 'test' },
      });
      await insertApplication(prisma, {
        id: applicationId,
        householdId,
        category,
        stage: 'ENROLLED',
        townshipCode: `${county}001`,
        submittedBy: 'test',
        facts: {},
        drill: opts.drill ?? false,
      });
      const members = Array.from({ length: opts.members ?? 1 }, (_, k) => `m${k}`);
      await prisma.enrolledCase.create({
        data: {
          id,
          applicationId,
          householdId,
          category,
          monthlyAmount: opts.amount ?? 300,
          membersIncluded: members,
          startMonth: '2026-01',
          countyCode: county,
          drill: opts.drill ?? false,
          payments: {
            create: {
              id: randomUUID(),
              month: opts.month ?? MONTH,
              amount: opts.amount ?? 300,
              members,
              countyCode: county,
              status: opts.status ?? 'PAID',
              ...(opts.paidAmount !== undefined ? { paidAmount: opts.paidAmount } : {}),
            },
          },
        },
      });
    }
  }

  async function emergencyAid(county: string, n: number, amount: number) {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      await prisma.emergencyCase.create({
        data: {
          id,
          workflowId: `emergency-${id}`,
          countyCode: county,
          townshipCode: `${county}001`,
          kind: 'ILLNESS',
          severity: 'SERIOUS',
          path: 'STANDARD',
          stage: 'PAID',
          requestedAmount: amount,
          description: '测试',
          applicantName: '测试',
          idNumberHmac: randomBytes(16).toString('hex'),
          idNumberEncrypted: 'x',
          idNumberMasked: 'x',
          area: 'RURAL',
          createdBy: 'test',
          payments: {
            create: {
              id: randomUUID(),
              paymentKey: `test-${id}`,
              stage: 1,
              amount,
              source: 'COUNTY_BUDGET',
              createdAt: new Date(`${MONTH}-15T02:00:00Z`),
            },
          },
        },
      });
    }
  }

  async function complaint(county: string, answeredAt: string, dueAt: string) {
    await prisma.complaint.create({
      data: {
        id: randomUUID(),
        receiptHash: randomBytes(32).toString('hex'),
        channel: 'PUBLIC',
        subject: 'PROCEDURE',
        countyCode: county,
        content: '测试',
        anonymous: true,
        stage: 'ANSWERED',
        registeredAt: new Date(`${MONTH}-01T02:00:00Z`),
        updatedAt: new Date(answeredAt),
        answeredAt: new Date(answeredAt),
        dueAt: new Date(dueAt),
      },
    });
  }

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    // 文峰区: 6 households on 低保 (2 persons each), 2 on 特困 — the small cell.
    await cases('410502', 'MINIMUM_LIVING', 6, { members: 2, amount: 600 });
    await cases('410502', 'DESTITUTE', 2, { amount: 1000 });
    // 北关区 and 殷都区: large enough on their own.
    await cases('410503', 'MINIMUM_LIVING', 8);
    await cases('410503', 'DESTITUTE', 9, { amount: 1000 });
    await cases('410505', 'MINIMUM_LIVING', 20);
    await cases('410505', 'DESTITUTE', 9, { amount: 1000 });
    // The bank paid one of them short: what it paid is what is published.
    await cases('410505', 'DESTITUTE', 1, { amount: 1000, paidAmount: 500 });
    // Not counted: an instruction not paid yet, another month, the embedded demo's drill case.
    await cases('410505', 'MINIMUM_LIVING', 1, { status: 'PENDING' });
    await cases('410505', 'MINIMUM_LIVING', 1, { month: '2026-09' });
    await cases('410505', 'MINIMUM_LIVING', 1, { drill: true });
    // Emergency aid: one case in 文峰区 (small), six in 北关区.
    await emergencyAid('410502', 1, 2000);
    await emergencyAid('410503', 6, 1500);
    // Complaints answered in October (China time): five on time, one late; one answered in November.
    for (let i = 0; i < 5; i++) await complaint('410502', `${MONTH}-10T02:00:00Z`, `${MONTH}-20T00:00:00Z`);
    await complaint('410502', `${MONTH}-25T02:00:00Z`, `${MONTH}-20T00:00:00Z`);
    await complaint('410502', '2026-10-31T17:00:00Z', '2026-11-20T00:00:00Z');
    const service = new DisclosureService(new DisclosureRepository(prisma), defaultParameterStore());
    statistics = await service.monthly(MONTH);
  }, 120_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  const county = (code: string) => statistics.counties.find((c) => c.countyCode === code)!;
  const cell = (code: string, category: string) => county(code).benefits.find((b) => b.category === category)!;

  it('lists every county of the city with the threshold and its source', () => {
    expect(statistics.counties).toHaveLength(9);
    expect(statistics.threshold).toBe(5);
    expect(statistics.thresholdSource).toContain('三(三)');
  });

  it('publishes the cells large enough on their own, counting paid instructions of the month only', () => {
    expect(cell('410505', 'MINIMUM_LIVING')).toMatchObject({ households: 20, persons: 20, amountPaid: '6000.00' });
    expect(cell('410505', 'DESTITUTE')).toMatchObject({ households: 10, amountPaid: '9500.00', suppressed: false });
    expect(county('410505').benefitsTotal).toMatchObject({ households: 30, amountPaid: '15500.00' });
  });

  it('suppresses the small cell and the complements that would give it back', () => {
    expect(cell('410502', 'DESTITUTE')).toEqual({
      category: 'DESTITUTE',
      households: null,
      persons: null,
      amountPaid: null,
      suppressed: true,
    });
    // Its row's other cell, and one cell of its column with that cell's column partner.
    expect(cell('410502', 'MINIMUM_LIVING').suppressed).toBe(true);
    expect(cell('410503', 'DESTITUTE').suppressed).toBe(true);
    expect(cell('410503', 'MINIMUM_LIVING').suppressed).toBe(true);
    // The totals stay: four unknowns under four sums do not give any one of them back.
    expect(county('410502').benefitsTotal).toMatchObject({ households: 8, persons: 14, amountPaid: '5600.00' });
    expect(statistics.city.benefits.find((b) => b.category === 'DESTITUTE')).toMatchObject({ households: 21 });
    expect(statistics.city.benefitsTotal).toMatchObject({ households: 55, amountPaid: '32500.00' });
  });

  it('emergency aid: one case in a county is hidden with its complement, the city total stays', () => {
    expect(county('410502').emergencyAid).toEqual({ cases: null, amount: null, suppressed: true });
    expect(county('410503').emergencyAid).toEqual({ cases: null, amount: null, suppressed: true });
    expect(statistics.city.emergencyAid).toEqual({ cases: 7, amount: '11000.00', suppressed: false });
  });

  it('complaints answered in the month by China time, and how many on time', () => {
    expect(county('410502').complaints).toEqual({ answered: 6, answeredOnTime: 5, suppressed: false });
    expect(county('410581').complaints).toEqual({ answered: 0, answeredOnTime: 0, suppressed: false });
  });

  it('the default month is the last full one, by China time on today’s date', () => {
    const now = new Date();
    const cst = new Date(now.getTime() + 8 * 3_600_000);
    const previous = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
    expect(lastFullMonth(now)).toBe(previous.toISOString().slice(0, 7));
    expect(lastFullMonth(new Date('2027-01-01T16:30:00Z'))).toBe('2026-12');
    expect(lastFullMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12');
  });
});
