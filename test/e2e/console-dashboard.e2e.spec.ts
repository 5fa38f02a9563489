import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { launchBrowser, openPage, shot, signIn } from '../support/console-browser';
import { expectAccessible, fillDate } from '../support/accessibility';

// The staff console's 数据看板 and 下载 Excel in Debian's headless Chromium against `npm start`
// for real: the dashboard draws its three charts (ECharts' canvas) with the API's numbers in
// the tables beneath, a county filter changes them, a township sees its own; the applications
// list and the inbox download as workbooks holding the list's rows. axe-core on every screen, a
// screenshot of each (docs/screenshots/50-…).

jest.setTimeout(900_000);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOUSEHOLD = '00000000-0000-4000-8000-000000000001'; // seeded, in 410502002001
const cst = (local: string) => new Date(`${local}+08:00`);

describe('staff console: dashboards and Excel export in a real browser', () => {
  let launcher: Launcher;
  let browser: Browser;
  let prisma: PrismaClient;

  /** Rows of 2023 (no other row of the demo falls in those months), of 文峰区 and 林州市. */
  async function fixture() {
    const rows: Array<[township: string, category: string, at: string]> = [
      ['410502002', 'MINIMUM_LIVING', '2023-01-15T10:00:00'],
      ['410502002', 'MINIMUM_LIVING', '2023-02-15T10:00:00'],
      ['410502001', 'DESTITUTE', '2023-02-20T10:00:00'],
      ['410581002', 'MINIMUM_LIVING', '2023-03-05T10:00:00'],
      ['410581002', 'NEAR_MINIMUM', '2023-03-06T10:00:00'],
    ];
    for (const [township, category, at] of rows) {
      const id = randomUUID();
      await prisma.application.create({
        data: {
          id,
          householdId: HOUSEHOLD,
          category,
          channel: 'SELF',
          stage: 'SUBMITTED',
          workflowId: `test-application-${id}`,
          townshipCode: township,
          countyCode: township.slice(0, 6),
          submittedBy: 'test',
          createdAt: cst(at),
        },
      });
      const task = randomUUID();
      await prisma.task.create({
        data: {
          id: task,
          taskKey: 'test#1',
          type: 'ACCEPT',
          workflowId: `test-task-${task}`,
          candidateRole: 'TOWNSHIP_CASEWORKER',
          jurisdiction: township,
          countyCode: township.slice(0, 6),
          townshipCode: township,
          status: 'DONE',
          createdAt: cst(at),
          dueAt: cst(at.replace('T10', 'T18')),
          completedAt: cst(at.replace('T10', 'T12')),
        },
      });
      const emergency = randomUUID();
      await prisma.emergencyCase.create({
        data: {
          id: emergency,
          workflowId: `test-emergency-${emergency}`,
          countyCode: township.slice(0, 6),
          townshipCode: township,
          kind: 'ILLNESS',
          severity: 'ORDINARY',
          path: 'SMALL_AMOUNT',
          stage: 'CLOSED',
          requestedAmount: '800',
          approvedAmount: '800',
          paidAmount: '800',
          description: '测试',
          applicantName: '测试',
          idNumberHmac: `hmac-${emergency}`,
          idNumberEncrypted: 'x',
          idNumberMasked: '410502********0000',
          area: 'RURAL',
          createdBy: 'test',
          createdAt: cst(at),
        },
      });
    }
  }

  /** A recovery of 文峰区 (the recoveries list's workbook holds it). */
  async function recovery() {
    await prisma.recovery.create({
      data: {
        id: randomUUID(),
        enrolledCaseId: randomUUID(),
        householdId: HOUSEHOLD,
        countyCode: '410502',
        sourceKind: 'COMPLAINT',
        sourceId: randomUUID(),
        findingKind: 'INCOME',
        finding: {},
        cause: 'HOUSEHOLD',
        stage: 'NOTIFIED',
        total: '321.50',
        workflowId: `test-recovery-${randomUUID()}`,
        openedBy: 'test',
        openedAt: cst('2023-02-12T10:00:00'),
        updatedAt: new Date(),
      },
    });
  }

  const freshPage = () => openPage(browser, launcher.baseUrl);

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher({ SAFETYNET_DRILL: 'true' });
    prisma = createPrismaClient(launcher.databaseUrl);
    await fixture();
    await recovery();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await prisma?.$disconnect();
    await launcher?.stop();
  });

  async function tokenFor(username: string): Promise<string> {
    const res = await fetch(`${launcher.baseUrl}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  async function apiAs<T>(username: string, path: string): Promise<T> {
    const res = await fetch(`${launcher.baseUrl}/api/v1${path}`, {
      headers: { authorization: `Bearer ${await tokenFor(username)}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  async function choose(page: Page, select: string, option: string) {
    const item = page.getByRole('option', { name: option, exact: true });
    await until(`the options of ${select}`, async () => {
      await page.getByRole('combobox', { name: select, exact: true }).click({ force: true });
      return item
        .waitFor({ state: 'visible', timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
    });
    await page.waitForTimeout(400);
    await item.click();
    await item.waitFor({ state: 'hidden', timeout: 5_000 });
  }

  const loads = async (page: Page) =>
    Number(await page.locator('[data-test=dashboard-page]').getAttribute('data-loads'));
  async function search(page: Page) {
    const before = await loads(page);
    await page.locator('[data-test=search]').click();
    await until('the dashboard to answer', async () => (await loads(page)) > before);
  }
  const tableRows = (page: Page, table: string) =>
    page.locator(`[data-test=table-${table}] .el-table__body tr`).allInnerTexts();

  type Caseload = { rows: { countyCode: string; applications: number }[] };
  type Sla = { rows: { type: string; met: number }[] };
  type Emergency = { rows: { cases: number }[] };

  it('the dashboard draws the three aggregates with the API’s numbers in its tables; a county filter changes them', async () => {
    const page = await freshPage();
    await signIn(page, 'auditor');
    await page.locator('[data-test=menu-dashboard]').click();
    await page.locator('[data-test=dashboard-page]').waitFor();
    await until('the first load', async () => (await loads(page)) >= 1);
    await fillDate(page, '#dash-from', '2023-01');
    await fillDate(page, '#dash-to', '2023-03');
    await search(page);

    for (const chart of ['caseload', 'sla', 'emergency'])
      await page.locator(`[data-test=chart-${chart}] canvas`).first().waitFor();
    const q = '?from=2023-01&to=2023-03';
    const caseload = await apiAs<Caseload>('auditor', `/statistics/caseload${q}`);
    const sla = await apiAs<Sla>('auditor', `/statistics/sla${q}`);
    const emergency = await apiAs<Emergency>('auditor', `/statistics/emergency${q}`);
    expect(caseload.rows.map((r) => r.applications)).toEqual([1, 1, 1, 1, 1]);
    const shown = await tableRows(page, 'caseload');
    expect(shown).toHaveLength(caseload.rows.length);
    expect(shown[0]).toMatch(/2023-01\s+文峰区\s+最低生活保障\s+1\s+0/);
    expect(shown.filter((r) => r.includes('林州市'))).toHaveLength(2);
    expect(await tableRows(page, 'sla')).toHaveLength(sla.rows.length);
    expect((await tableRows(page, 'sla'))[0]).toMatch(/受理审查\s+文峰区\s+3\s+0\s+0\s+0/);
    expect(await tableRows(page, 'emergency')).toHaveLength(emergency.rows.length);
    await shot(page, '50-dashboard');
    await expectAccessible(page, 'dashboard');

    // One county: 林州市's rows only, and the chart redrawn from them.
    await choose(page, '县（市、区）', '林州市');
    await search(page);
    const linzhou = await tableRows(page, 'caseload');
    expect(linzhou).toHaveLength(2);
    expect(linzhou.every((r) => r.includes('林州市'))).toBe(true);
    expect(await tableRows(page, 'emergency')).toEqual([
      expect.stringMatching(/2023-03\s+林州市\s+小金额先行救助\s+2/),
    ]);
    await shot(page, '51-dashboard-county');
    await expectAccessible(page, 'dashboard county');

    // A range the API would refuse is refused in the browser by the same schema, in Chinese.
    await fillDate(page, '#dash-from', '2019-01');
    await page.locator('[data-test=search]').click();
    expect(await page.locator('[data-test=filter-error]').innerText()).toContain('统计区间最长 36 个月');
  });

  it('a township’s caseworker sees the township’s numbers and no county filter', async () => {
    const page = await freshPage();
    await signIn(page, 'township.caseworker');
    await page.locator('[data-test=menu-dashboard]').click();
    await until('the first load', async () => (await loads(page)) >= 1);
    await fillDate(page, '#dash-from', '2023-01');
    await fillDate(page, '#dash-to', '2023-03');
    await search(page);
    expect(await page.locator('[data-test=county]').count()).toBe(0);
    const rows = await tableRows(page, 'caseload');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes('文峰区') && r.includes('最低生活保障'))).toBe(true);
    await page.locator('[data-test=chart-caseload] canvas').first().waitFor();
  });

  async function workbookRows(path: string): Promise<unknown[][]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const out: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  }

  it('the applications, recoveries and inbox lists download as workbooks holding the list’s rows', async () => {
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.locator('[data-test=menu-cases]').click();
    await page.locator('[data-test=cases-page]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download]').click()]);
    expect(download.suggestedFilename()).toBe('applications.xlsx');
    const rows = await workbookRows(await download.path());
    const list = await apiAs<{ items: { id: string }[]; total: number }>(
      'county.officer',
      '/applications?pageSize=100',
    );
    expect(rows[0]!.slice(0, 2)).toEqual(['申请编号', '救助类别']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.items.map((i) => i.id));
    expect(await page.locator('[data-test=cases-page]').getAttribute('data-downloaded')).toBe(XLSX_TYPE);
    await shot(page, '52-cases-download');
    await expectAccessible(page, 'cases with download');

    // The recoveries list: its workbook holds the recovery, its amount a number.
    await page.locator('[data-test=menu-recoveries]').click();
    const [saved] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download]').click()]);
    expect(saved.suggestedFilename()).toBe('recoveries.xlsx');
    const recoveries = await workbookRows(await saved.path());
    const listed = await apiAs<{ items: { id: string }[] }>('county.officer', '/recoveries?pageSize=200');
    expect(recoveries[0]!.slice(0, 3)).toEqual(['追缴编号', '立案时间', '县（市、区）']);
    expect(recoveries.slice(1).map((r) => r[0])).toEqual(listed.items.map((i) => i.id));
    expect(recoveries.slice(1).map((r) => r[5])).toContain(321.5);
    await shot(page, '53-recoveries-download');
    await expectAccessible(page, 'recoveries with download');

    const inbox = await freshPage();
    await signIn(inbox, 'township.caseworker');
    await inbox.locator('[data-test=inbox-page]').waitFor();
    const [tasks] = await Promise.all([inbox.waitForEvent('download'), inbox.locator('[data-test=download]').click()]);
    expect(tasks.suggestedFilename()).toBe('tasks.xlsx');
    const taskRows = await workbookRows(await tasks.path());
    const live = await apiAs<{ items: { id: string }[] }>('township.caseworker', '/tasks?pageSize=100');
    expect(taskRows[0]![0]).toBe('任务编号');
    expect(taskRows.slice(1).map((r) => r[0])).toEqual(live.items.map((i) => i.id));
  });
});
