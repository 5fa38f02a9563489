import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { cstDate } from '../../src/core/clock';
import { plusMonths } from '../../src/core/months';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { ENROLMENT_FACTS, SEEDED_HOUSEHOLD } from '../support/enrolment';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { SHOTS, launchBrowser, openPage, signIn } from '../support/console-browser';
import { expectAccessible } from '../support/accessibility';

// The case page's 未来日程 in Debian's headless Chromium against `npm start`: an enrolled case
// (an unstable household: a recheck every 6 months) whose next recheck is planned; the county
// officer loads the projection on demand and reads each date with its legal basis; the village
// assistant has no such section. axe-core on the screen, a screenshot (docs/screenshots/46-…).

jest.setTimeout(600_000);

const COUNTY = '410502';

describe('staff console: the case page’s future schedule in a real browser', () => {
  let launcher: Launcher;
  let browser: Browser;
  let prisma: PrismaClient;
  let applicationId = '';
  const nextRecheckAt = new Date(Date.now() + 100 * 86_400_000);

  const freshPage = () => openPage(browser, launcher.baseUrl);

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher();
    prisma = createPrismaClient(launcher.databaseUrl);
    applicationId = await enrolledCase();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await prisma?.$disconnect();
    await launcher?.stop();
  });

  /** An enrolled case of the seeded household (its read model: the next recheck planned), its application the case page's. */
  async function enrolledCase(): Promise<string> {
    const application = randomUUID();
    await prisma.application.create({
      data: {
        id: application,
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `determination-${application}`,
        townshipCode: `${COUNTY}002`,
        countyCode: COUNTY,
        submittedBy: 'test',
        facts: ENROLMENT_FACTS as object,
      },
    });
    await prisma.enrolledCase.create({
      data: {
        id: randomUUID(),
        applicationId: application,
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        monthlyAmount: '660.00',
        membersIncluded: ['p1', 'p2'],
        startMonth: '2026-01',
        countyCode: COUNTY,
        townshipCode: `${COUNTY}002`,
        status: 'ACTIVE',
        nextRecheckAt,
      },
    });
    return application;
  }

  it('the county officer loads the future schedule on demand: each date with its legal basis', async () => {
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.goto(`${launcher.baseUrl}/cases/${applicationId}`);
    const section = page.locator('[data-test=future-schedule]');
    await section.waitFor();
    // Nothing is computed until asked.
    expect(await section.locator('.el-table').count()).toBe(0);
    await section.locator('[data-test=load-schedule]').click();
    const rows = section.locator('[data-test=schedule-table] .el-table__body tr');
    await until('the projected dates', async () => (await rows.count()) > 0, 30_000);
    const headers = await section.locator('[data-test=schedule-table] thead th').allInnerTexts();
    expect(headers.map((h) => h.trim())).toEqual(['日期', '事项', '依据']);
    // Three years of 6-monthly rechecks: the planned one, then one every 6 months.
    const texts = await rows.allInnerTexts();
    expect(texts).toHaveLength(6);
    expect(texts[0]).toContain(cstDate(nextRecheckAt.toISOString()));
    expect(texts[1]).toContain(cstDate(new Date(plusMonths(nextRecheckAt.getTime(), 6)).toISOString()));
    for (const t of texts) {
      expect(t).toContain('定期复核');
      expect(t).toContain('《');
      expect(t).toContain('recheck.minimum_living_unstable_months');
    }
    await page.locator('h1').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, '62-case-future-schedule.png'), fullPage: true });
    await expectAccessible(page, 'case future schedule');
    await page.context().close();
  });

  it('the village assistant’s case page has no future schedule (the API refuses the role)', async () => {
    const page = await freshPage();
    await signIn(page, 'village.assistant');
    await page.goto(`${launcher.baseUrl}/cases/${applicationId}`);
    await page.locator('[data-test=case-summary]').waitFor();
    expect(await page.locator('[data-test=future-schedule]').count()).toBe(0);
    await page.context().close();
  });
});
