import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { SEEDED_HOUSEHOLD } from '../support/enrolment';
import { enrolledCaseRow, instructionRow } from '../support/funds';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { launchBrowser, openPage, shot, signIn } from '../support/console-browser';
import { expectAccessible, fillDate } from '../support/accessibility';

// The record lists and the last buttons of the console in Debian's headless Chromium against
// `npm start`, through the UI only: emergency-aid cases and 一事一议 found, filtered, downloaded as
// XLSX and opened; a refused filter keeps what was typed and shows the API's words; the county
// supervisor runs the month's fund check by hand and reads what it found (the officer has no
// such button); past payment batches download as XLSX under the span shown and open their
// instructions; past simulations, adjustments and surveys open their details (surveys download too); a role without the screen is refused it. axe-core on each screen.

jest.setTimeout(900_000);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const COUNTY = '410502';
/** A month whose payment deadline has passed: the fund check may run for it. */
const MONTH = '2026-10';
const validId = (first17: string) => first17 + residentIdCheckChar(first17);

describe('staff console: record lists and the manual fund check in a real browser', () => {
  let launcher: Launcher;
  let browser: Browser;
  let prisma: PrismaClient;
  const simulationId = randomUUID();
  const adjustmentId = randomUUID();
  const surveyId = randomUUID();
  let emergencyId = '';
  let deliberationId = '';

  async function token(username: string): Promise<string> {
    const res = await fetch(`${launcher.baseUrl}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  async function post(username: string, path: string, body: object): Promise<{ id: string }> {
    const res = await fetch(`${launcher.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(username)}` },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  }

  const freshPage = () => openPage(browser, launcher.baseUrl);

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher();
    prisma = createPrismaClient(launcher.databaseUrl);
    // An emergency case raised by the township (its workflow asks for an explanation next).
    emergencyId = (
      await post('township.caseworker', '/emergency-aid', {
        townshipCode: `${COUNTY}002`,
        applicant: { name: '赵某某', idNumber: validId('41050219900101100') },
        kind: 'SUDDEN',
        amount: 800,
        area: 'RURAL',
        description: '家中突发火灾，生活用品损毁',
      })
    ).id;
    // A 一事一议 convened by the county supervisor.
    deliberationId = (
      await post('county.supervisor', '/deliberations', {
        question: '某户因病致贫，需民政、卫健联合救助',
        members: [
          { userId: 'demo-liaison-civil-affairs', department: 'CIVIL_AFFAIRS' },
          { userId: 'demo-department-liaison', department: 'HEALTH' },
        ],
      })
    ).id;
    // Two paid cases of 文峰区: October paid for one, refused by the bank for the other.
    const a = await enrolledCaseRow(prisma, { countyCode: COUNTY, startMonth: '2026-01' });
    const b = await enrolledCaseRow(prisma, { countyCode: COUNTY, startMonth: '2026-01', monthlyAmount: '450.00' });
    await instructionRow(prisma, a, COUNTY, MONTH, { status: 'PAID' });
    await instructionRow(prisma, b, COUNTY, MONTH, { amount: '450.00', status: 'FAILED', failureReason: '账户已销户' });
    // A finished what-if, a finished adjustment and a survey, as their workflows and route leave them.
    await prisma.policySimulation.create({
      data: {
        id: simulationId,
        status: 'COMPLETED',
        effectiveDate: '2027-01-01',
        drafts: [{ parameterId: 'minimum_living.standard', value: 900, unit: 'CNY_PER_MONTH', division: COUNTY }],
        scope: { counties: [COUNTY], categories: ['MINIMUM_LIVING'] },
        total: 2,
        processed: 2,
        summary: [
          {
            countyCode: COUNTY,
            category: 'MINIMUM_LIVING',
            cases: 2,
            newlyEligible: 0,
            noLongerEligible: 0,
            amountUp: 2,
            amountDown: 0,
            unchanged: 0,
            notEvaluated: 0,
            monthlyCostDifference: 240,
            restOfYearCostDifference: 2880,
          },
        ],
        requestedBy: 'demo-administrator',
        workflowId: `policy-simulation-${simulationId}`,
        finishedAt: new Date(),
      },
    });
    const county = { countyCode: COUNTY, changed: 2, unchanged: 0, rechecksOpened: 0, skipped: 0, backPayTotal: 240 };
    await prisma.standardAdjustment.create({
      data: {
        id: adjustmentId,
        parameterId: 'minimum_living.standard',
        versionId: randomUUID(),
        effectiveDate: '2027-01-01',
        scope: { counties: [COUNTY], categories: ['MINIMUM_LIVING'] },
        status: 'COMPLETED',
        total: 2,
        processed: 2,
        report: { changed: 2, unchanged: 0, rechecksOpened: 0, skipped: 0, backPayTotal: 240, byCounty: [county] },
        requestedBy: 'demo-administrator',
        workflowId: `standard-adjustment-${adjustmentId}`,
        finishedAt: new Date(),
      },
    });
    await prisma.outreachSurvey.create({
      data: {
        id: surveyId,
        scopeCode: `${COUNTY}002`,
        countyCode: COUNTY,
        sampleSize: 1,
        scopeSize: 12,
        seed: 'ui-records',
        createdBy: 'demo-county-supervisor',
        households: { create: [{ householdId: SEEDED_HOUSEHOLD, villageCode: `${COUNTY}002001`, position: 0 }] },
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await prisma?.$disconnect();
    await launcher?.stop();
  });

  async function choose(page: Page, select: string, option: string) {
    const item = page.getByRole('option', { name: option, exact: true });
    await until(`the options of ${select}`, async () => {
      await page.getByRole('combobox', { name: select, exact: true }).first().click({ force: true });
      return item
        .waitFor({ state: 'visible', timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
    });
    await page.waitForTimeout(400);
    await item.click();
    await until(`the list of ${select} closed`, async () => !(await item.isVisible()));
  }

  /** A downloaded workbook's first sheet: its header and rows, as exceljs reads them back. */
  async function workbookRows(path: string | null): Promise<unknown[][]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path!) as unknown as ArrayBuffer); // exceljs types its Buffer as ArrayBuffer-backed
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  const noEnglish = (text: string) => expect(text).not.toMatch(/[A-Za-z]{4,}/);

  async function menuOf(page: Page): Promise<string[]> {
    return (await page.locator('[data-test=menu] [role=menuitem]').allInnerTexts()).map((t) => t.trim());
  }

  it('临时救助: a refused township code keeps what was typed; filtered by kind, downloaded as XLSX, opened', async () => {
    const page = await freshPage();
    await signIn(page, 'township.caseworker');
    await page.locator('[data-test=menu-emergency-list]').click();
    const row = page.locator('[data-test=emergency-cases] .el-table__row', { hasText: '赵某某' });
    await row.waitFor();
    expect(await row.innerText()).toContain('800.00');
    // A township code of the wrong length: the API refuses it in Chinese, the input stays.
    await page.locator('input[data-test=township]').fill('41050200');
    await page.locator('[data-test=search]').click();
    const refusal = page.locator('[data-test=list-error]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/[\u4e00-\u9fff]/);
    noEnglish(await refusal.innerText());
    expect(await page.locator('input[data-test=township]').inputValue()).toBe('41050200');
    await page.locator('input[data-test=township]').fill('');
    await choose(page, '救助类型', '支出型');
    await page.locator('[data-test=search]').click();
    await until('no expense-type case', async () => (await row.count()) === 0);
    await choose(page, '救助类型', '急难型');
    await page.locator('[data-test=search]').click();
    await row.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download]').click()]);
    expect(download.suggestedFilename()).toBe('emergency-aid.xlsx');
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(await page.locator('.page[data-downloaded]').getAttribute('data-downloaded')).toBe(XLSX_TYPE);
    await shot(page, '96-emergency-list');
    await expectAccessible(page, 'emergency list');
    await row.locator('[data-test=open-emergency]').click();
    await page.waitForURL(new RegExp(`/emergency-aid/${emergencyId}$`));
    await page.locator('[data-test=emergency-meta]').waitFor();
    await page.context().close();
  });

  it('一事一议: listed for the county, filtered by stage, downloaded, opened', async () => {
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.locator('[data-test=menu-deliberations]').click();
    const row = page.locator('[data-test=deliberations] .el-table__row', { hasText: '某户因病致贫' });
    await row.waitFor();
    await choose(page, '阶段', '已办结');
    await page.locator('[data-test=search]').click();
    await until('no closed matter', async () => (await row.count()) === 0);
    await page.reload();
    await row.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download]').click()]);
    expect(download.suggestedFilename()).toBe('deliberations.xlsx');
    await shot(page, '97-deliberation-list');
    await expectAccessible(page, 'deliberation list');
    await row.locator('[data-test=open-deliberation]').click();
    await page.waitForURL(new RegExp(`/deliberations/${deliberationId}$`));
    expect(await page.locator('[data-test=question]').innerText()).toContain('某户因病致贫');
    await page.context().close();
  });

  it('资金发放: the county supervisor runs the month’s check by hand and reads what it found; the officer has no such button', async () => {
    const officer = await freshPage();
    await signIn(officer, 'county.officer');
    await officer.locator('[data-test=menu-funds]').click();
    await officer.locator('[data-test=fund-check]').waitFor();
    expect(await officer.locator('[data-test=run-check]').count()).toBe(0);
    await officer.context().close();

    const page = await freshPage();
    await signIn(page, 'county.supervisor');
    await page.locator('[data-test=menu-funds]').click();
    await fillDate(page, '#fund-month', MONTH);
    await page.locator('[data-test=search]').click();
    await page.locator('[data-test=run-check]').click();
    const result = page.locator('[data-test=run-result]');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.innerText()).toContain(`${MONTH} 月发放核查已完成`);
    expect(await result.innerText()).toContain('资金发放问题核查');
    const findings = page.locator('[data-test=fund-findings]');
    await until('the findings', async () => (await findings.innerText()).includes('发放失败'));
    expect(await page.locator('[data-test=check-task]').innerText()).toBe('资金发放问题核查');
    await shot(page, '98-fund-check-run');
    await expectAccessible(page, 'fund check run');
    await page.context().close();
  });

  it('发放批次: a reversed span refused with the API’s words; the county’s months listed and downloaded as XLSX; a batch opens its instructions', async () => {
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.locator('[data-test=menu-payment-batches]').click();
    await fillDate(page, '#batch-from', '2026-12');
    await fillDate(page, '#batch-to', '2026-01');
    await page.locator('[data-test=search]').click();
    await page.locator('[data-test=field-errors]').waitFor();
    expect(await page.locator('[data-test=field-errors]').innerText()).toContain('截止月份不能早于起始月份');
    noEnglish(await page.locator('[data-test=list-error]').innerText());
    await fillDate(page, '#batch-from', '2026-01');
    await fillDate(page, '#batch-to', '2026-12');
    await page.locator('[data-test=search]').click();
    const row = page.locator('[data-test=payment-batches] .el-table__row', { hasText: MONTH });
    await row.waitFor();
    expect(await row.innerText()).toContain('1050.00');
    expect(await row.innerText()).toContain('600.00');
    // 下载 Excel sends the span on screen: the workbook holds the rows the table lists.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download]').click()]);
    expect(download.suggestedFilename()).toBe('payment-batches.xlsx');
    const [header, ...batches] = await workbookRows(await download.path());
    expect(header).toEqual([
      '月份',
      '县（市、区）',
      '指令数',
      '已发放',
      '发放失败',
      '待发放',
      '应发金额（元）',
      '实发金额（元）',
    ]);
    expect(batches.map((b) => b[0])).toEqual(
      (await page.locator('[data-test=payment-batches] .el-table__row td:first-child').allInnerTexts()).map((t) =>
        t.trim(),
      ),
    );
    expect(batches.find((b) => b[0] === MONTH)).toEqual([MONTH, COUNTY, 2, 1, 1, 0, 1050, 600]);
    expect(await page.locator('.page[data-downloaded]').getAttribute('data-downloaded')).toBe(XLSX_TYPE);
    await shot(page, '99-payment-batches');
    await expectAccessible(page, 'payment batches');
    await row.locator('[data-test=open-batch]').click();
    await page.waitForURL((url) => url.pathname === '/funds/instructions' && url.search.includes(MONTH));
    await until('the batch’s instructions', async () =>
      (await page.locator('[data-test=instructions]').innerText()).includes('账户已销户'),
    );
    await page.context().close();
  });

  it('政策模拟记录 and 调标记录: the administrator’s past runs, each opening its result', async () => {
    const page = await freshPage();
    await signIn(page, 'administrator');
    await page.locator('[data-test=menu-simulation-records]').click();
    const sim = page.locator('[data-test=simulation-records] .el-table__row', { hasText: 'minimum_living.standard' });
    await sim.waitFor();
    expect(await sim.innerText()).toContain('已完成');
    await shot(page, '100-simulation-records');
    await expectAccessible(page, 'simulation records');
    await sim.locator('[data-test=open-record]').click();
    await until(
      'the run’s result',
      async () => (await page.locator('[data-test=simulation-page]').getAttribute('data-status')) === 'COMPLETED',
    );
    expect(page.url()).toContain(simulationId);
    expect(await page.locator('[data-test=summary]').innerText()).toContain('文峰区');

    await page.locator('[data-test=menu-adjustment-records]').click();
    const adj = page.locator('[data-test=adjustment-records] .el-table__row', { hasText: 'minimum_living.standard' });
    await adj.waitFor();
    expect(await adj.innerText()).toContain('2 / 0 / 0');
    await shot(page, '101-adjustment-records');
    await expectAccessible(page, 'adjustment records');
    await adj.locator('[data-test=open-record]').click();
    await page.locator('[data-test=report]').waitFor();
    expect(page.url()).toContain(adjustmentId);
    expect(await page.locator('[data-test=run-status]').innerText()).toBe('已完成');
    await page.context().close();
  });

  it('随机调查记录: the county officer downloads the list and opens a past survey’s sample; a village assistant is refused the screen', async () => {
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.locator('[data-test=menu-survey-records]').click();
    const row = page.locator('[data-test=survey-records] .el-table__row', { hasText: `${COUNTY}002` });
    await row.waitFor();
    expect(await row.innerText()).toContain('12');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download]').click()]);
    expect(download.suggestedFilename()).toBe('surveys.xlsx');
    const surveys = await workbookRows(await download.path());
    expect(surveys[0]).toEqual(['随机调查编号', '抽取时间', '县（市、区）', '抽样范围', '抽取户数', '范围内户数']);
    expect(surveys.find((r) => r[0] === surveyId)?.slice(2)).toEqual([COUNTY, `${COUNTY}002`, 1, 12]);
    await shot(page, '102-survey-records');
    await expectAccessible(page, 'survey records');
    await row.locator('[data-test=open-record]').click();
    await page.locator('[data-test=sample]').waitFor();
    expect(page.url()).toContain(surveyId);
    expect(await page.locator('[data-test=draw]').count()).toBe(0);
    await page.context().close();

    const village = await freshPage();
    await signIn(village, 'village.assistant');
    const menu = await menuOf(village);
    for (const title of ['临时救助', '一事一议', '发放批次', '随机调查记录', '政策模拟记录', '调标记录'])
      expect(menu).not.toContain(title);
    await village.goto(`${launcher.baseUrl}/monitoring/survey-records`);
    await village.getByText('无权访问').waitFor();
    await village.goto(`${launcher.baseUrl}/funds/batches`);
    await village.getByText('无权访问').waitFor();
    await village.context().close();
  });
});
