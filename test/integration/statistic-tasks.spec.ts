import { randomBytes } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { createApplicationActivities, type ApplicationActivities } from '../../src/applications/application.activities';
import { cstDate } from '../../src/core/clock';
import { LocalCrossCheck } from '../../src/applications/cross-check';
import { LiveCalendar } from '../../src/calendar/live-calendar';
import type { Determination } from '../../src/core/contracts/policy-determination';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore, type ParameterVersion } from '../../src/policy';
import {
  ENTER_STATISTIC,
  statisticTaskKey,
  STATISTICS_WORKFLOW_ID,
  syncStatisticTasks,
} from '../../src/policy-api/statistic-tasks';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { TaskInboxQuery } from '../../src/tasks/task.dto';
import { TaskRepository } from '../../src/tasks/task.repository';
import { startTestPostgres, type TestDatabase } from '../support/postgres';
import { expenseMonthly, household, member, monthly } from '../unit/policy/fixtures';
import { insertApplication } from '../support/applications';

// A stale yearly statistic (this year's disposable income not entered) gives the
// administrator a task to enter it, once; an evaluation that finds the figure entered closes
// it; a failure to write the task never fails the evaluation. Real PostgreSQL, today's date.

const HOUSEHOLD = '00000000-0000-4000-8000-000000000002';
const COUNTY = '410502';
const INCOME = PARAMETER_IDS.PREVIOUS_YEAR_DISPOSABLE_INCOME;
const today = cstDate(new Date().toISOString());
const year = Number(today.slice(0, 4));

/** The shipped set with the county's disposable income from 1 January this year describing `figureYear`. */
function storeWithFigure(figureYear: number): ParameterStore {
  const from = `${year}-01-01`;
  const kept = DEFAULT_PARAMETERS.filter(
    (v) => !(v.id === INCOME && v.division === COUNTY && (v.validTo === undefined || v.validTo > from)),
  );
  const figure = (area: 'URBAN' | 'RURAL', value: number): ParameterVersion => ({
    id: INCOME,
    version: `${figureYear}-figure-test`,
    figureYear,
    validFrom: from,
    division: COUNTY,
    area,
    value,
    unit: 'YUAN_PER_PERSON_YEAR',
    citations: [{ sourceId: 'ANYANG_PLAN_2024', article: '二(二)5' }],
    placeholder: true,
  });
  return new ParameterStore([...kept, figure('URBAN', 42000), figure('RURAL', 21000)]);
}

describe('stale-statistic tasks for the administrator (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let stale: ApplicationActivities;
  let fresh: ApplicationActivities;
  const taskKey = statisticTaskKey({ parameterId: INCOME, division: COUNTY, area: 'URBAN' }, year - 1);
  const admin = { userId: 'demo-administrator', role: 'ADMINISTRATOR' as const, jurisdiction: '410500' };
  const inbox = (actor: typeof admin | { userId: string; role: 'AUDITOR'; jurisdiction: string }) =>
    new TaskRepository(prisma).inbox(actor, TaskInboxQuery.parse({ type: ENTER_STATISTIC }));
  const task = () => prisma.task.findMany({ where: { workflowId: STATISTICS_WORKFLOW_ID, taskKey } });

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
    const deps = { prisma, calendar: new LiveCalendar(prisma), crossCheck: new LocalCrossCheck(prisma) };
    stale = createApplicationActivities({ ...deps, parameters: storeWithFigure(year - 3) });
    fresh = createApplicationActivities({ ...deps, parameters: storeWithFigure(year - 1) });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  /** A 刚性支出 application dated today (the category that reads the disposable income). */
  async function application(): Promise<string> {
    const facts = household({
      applicationDate: today,
      categoriesRequested: ['RIGID_EXPENSE'],
      members: [member('a', '1975-01-01'), member('b', '1977-01-01', { relation: 'SPOUSE' })],
      income: monthly('a', 'WAGE', 2500, today),
      expenses: expenseMonthly('MEDICAL', 2000, 'b', today),
    });
    return insertApplication(prisma, { householdId: HOUSEHOLD, category: 'RIGID_EXPENSE', countyCode: COUNTY, facts });
  }

  it('a stale figure opens one task in the administrator inbox, however many evaluations meet it; the determination still stands', async () => {
    for (const eventKey of ['e1', 'e2']) {
      const id = await application();
      expect((await stale.evaluateApplication({ applicationId: id, eventKey })).status).toBe('eligible');
      const explanation = (await prisma.application.findUniqueOrThrow({ where: { id } }))
        .explanation as unknown as Determination;
      expect(explanation.parametersUsed.find((p) => p.id === INCOME)).toMatchObject({
        division: COUNTY,
        stale: { figureYear: year - 3, expectedYear: year - 1 },
      });
    }
    const [t, ...more] = await task();
    expect(more).toEqual([]);
    expect(t).toMatchObject({
      type: ENTER_STATISTIC,
      status: 'OPEN',
      candidateRole: 'ADMINISTRATOR',
      jurisdiction: COUNTY,
      applicationId: null,
      dueAt: null,
    });
    expect(t!.reason).toBe(
      `请录入文峰区城镇 ${year - 1} 年度居民人均可支配收入（参数 ${INCOME}）：尚未录入，测算暂按 ${year - 3} 年度数据`,
    );
    expect(await prisma.auditLog.count({ where: { targetType: 'Task', targetId: t!.id, action: 'TASK_OPENED' } })).toBe(
      1,
    );

    const listed = await inbox(admin);
    expect(listed.items.map((i) => i.id)).toContain(t!.id);
    expect((await inbox({ userId: 'demo-auditor', role: 'AUDITOR', jurisdiction: '410500' })).items).toEqual([]);
  });

  it('an evaluation that finds the figure entered closes the task; it leaves the inbox', async () => {
    const [open] = await task();
    expect(open!.status).toBe('OPEN');
    expect((await fresh.evaluateApplication({ applicationId: await application(), eventKey: 'e3' })).status).toBe(
      'eligible',
    );
    const [closed] = await task();
    expect(closed).toMatchObject({ id: open!.id, status: 'DONE', outcome: 'STATISTIC_ENTERED' });
    expect((await inbox(admin)).items.map((i) => i.id)).not.toContain(open!.id);
    // A later stale evaluation for the same year does not reopen it (one task per statistic, division and year).
    await stale.evaluateApplication({ applicationId: await application(), eventKey: 'e4' });
    expect(await task()).toEqual([expect.objectContaining({ id: open!.id, status: 'DONE' })]);
  });

  it('a task that cannot be written is logged, and the evaluation completes as if nothing happened', async () => {
    await prisma.task.deleteMany({ where: { workflowId: STATISTICS_WORKFLOW_ID } });
    // PostgreSQL itself refuses the row: a real failure, not a stub.
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION refuse_statistic_task() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_statistic_task BEFORE INSERT ON task FOR EACH ROW WHEN (NEW.type = 'ENTER_STATISTIC') EXECUTE FUNCTION refuse_statistic_task()`,
    );
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const id = await application();
      expect((await stale.evaluateApplication({ applicationId: id, eventKey: 'e5' })).status).toBe('eligible');
      expect((await prisma.application.findUniqueOrThrow({ where: { id } })).explanation).not.toBeNull();
      expect(await task()).toEqual([]);
      expect(warn).toHaveBeenCalledWith(
        '统计数据录入任务未能更新',
        expect.objectContaining({ parameterId: INCOME, division: COUNTY }),
      );
      // Nor does an unreachable database make the call throw.
      const nowhere = createPrismaClient('postgresql://nobody:nothing@127.0.0.1:1/none');
      await expect(
        syncStatisticTasks(
          nowhere,
          storeWithFigure(year - 3),
          [
            {
              id: INCOME,
              version: `${year - 3}-figure-test`,
              division: COUNTY,
              area: 'URBAN',
              source: 's',
              citations: [],
              placeholder: true,
            },
          ],
          today,
        ),
      ).resolves.toBeUndefined();
      await nowhere.$disconnect();
    } finally {
      warn.mockRestore();
      await prisma.$executeRawUnsafe('DROP TRIGGER refuse_statistic_task ON task');
      await prisma.$executeRawUnsafe('DROP FUNCTION refuse_statistic_task()');
    }
  });
});
