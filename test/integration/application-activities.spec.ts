import { randomBytes, randomUUID } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { createApplicationActivities, type ApplicationActivities } from '../../src/applications/application.activities';
import { LocalCrossCheck } from '../../src/applications/cross-check';
import { LiveCalendar } from '../../src/calendar/live-calendar';
import type { Determination } from '../../src/contracts/policy-determination';
import { defaultParameterStore } from '../../src/policy';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { expenseMonthly, household, member, monthly } from '../unit/policy/fixtures';

// The application activities against a real, migrated and seeded PostgreSQL (no Temporal).

const HOUSEHOLD = '00000000-0000-4000-8000-000000000002';

describe('application activities (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let activities: ApplicationActivities;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, { hmacKeyHex: randomBytes(32).toString('hex'), encryptionKeyHex: randomBytes(32).toString('hex') });
    prisma = createPrismaClient(db.url);
    activities = createApplicationActivities({ prisma, parameters: defaultParameterStore(), calendar: new LiveCalendar(prisma), crossCheck: new LocalCrossCheck(prisma) });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  async function application(category: string, facts: object): Promise<string> {
    const id = randomUUID();
    await prisma.application.create({
      data: {
        id, householdId: HOUSEHOLD, category, channel: 'ON_BEHALF', stage: 'REVIEW', workflowId: `application-${id}`,
        townshipCode: '410502002', countyCode: '410502', submittedBy: 'demo-village-assistant', facts: JSON.parse(JSON.stringify(facts)),
      },
    });
    return id;
  }

  it('刚性支出 is refused to a household the registry holds as 低保边缘, though staff typed no category; an exited case no longer counts', async () => {
    // Necessary medical spending far above half of the income: 刚性支出 on the facts alone.
    const date = '2026-11-20';
    const facts = household({
      applicationDate: date, categoriesRequested: ['RIGID_EXPENSE'],
      members: [member('a', '1975-01-01'), member('b', '1977-01-01', { relation: 'SPOUSE' })],
      income: monthly('a', 'WAGE', 2500, date), expenses: expenseMonthly('MEDICAL', 2000, 'b', date),
    });
    const before = await application('RIGID_EXPENSE', facts);
    expect((await activities.evaluateApplication({ applicationId: before, eventKey: 'e1' })).status).toBe('eligible');

    const nearCase = randomUUID();
    const nearApplication = await application('NEAR_MINIMUM', facts);
    await prisma.enrolledCase.create({ data: { id: nearCase, applicationId: nearApplication, householdId: HOUSEHOLD, category: 'NEAR_MINIMUM', monthlyAmount: 0, membersIncluded: ['a', 'b'], startMonth: '2026-12', countyCode: '410502' } });
    const held = await application('RIGID_EXPENSE', facts);
    expect((await activities.evaluateApplication({ applicationId: held, eventKey: 'e2' })).status).toBe('ineligible');
    const explanation = (await prisma.application.findUniqueOrThrow({ where: { id: held } })).explanation as unknown as Determination;
    expect(explanation.categories.RIGID_EXPENSE.reasons.find((r) => r.ruleId === 'RIGID_EXPENSE.NOT_OTHER_CATEGORY')).toMatchObject({ outcome: 'fail', zh: '已属于或符合低保边缘家庭，不再认定为刚性支出困难家庭' });

    await prisma.enrolledCase.update({ where: { id: nearCase }, data: { status: 'EXITED' } });
    const exited = await application('RIGID_EXPENSE', facts);
    expect((await activities.evaluateApplication({ applicationId: exited, eventKey: 'e3' })).status).toBe('eligible');
  });
});
