import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/dev/data-dir';
import { createEnrolmentStarter } from '../../src/enrolment/enrolment.starter';
import { dataConverterFor } from '../../src/temporal/data-converter';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { ENROLMENT_FACTS, SEEDED_HOUSEHOLD } from '../support/enrolment';
import { instructionRow } from '../support/funds';
import { submitActionForm } from '../support/action-form';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { SHOTS, launchBrowser, openPage, shot, signIn } from '../support/console-browser';
import { expectAccessible, fillDate } from '../support/accessibility';

// The policy administration and operations screens in Debian's headless Chromium against
// `npm start`, through the UI only: an administrator proposes a parameter version (refused in
// the browser, then by the API, what was typed kept), cannot approve it themselves (four eyes,
// in Chinese), a second administrator approves it from the inbox and the history shows it; a
// what-if runs over an enrolled case and its result downloads as XLSX; the yearly adjustment
// form refuses a missing date; a holiday schedule is loaded; an incident is retried (refused:
// its case is gone) and closed, the auditor reads without actions; the village assistant finds
// the enrolled case (its workflow running) and reports a change. axe-core on each screen.

jest.setTimeout(900_000);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const COUNTY = '410502';
const MULTIPLIER = 'near_minimum.income_multiplier';

describe('staff console: policy administration and operations in a real browser', () => {
  let launcher: Launcher;
  let browser: Browser;
  let prisma: PrismaClient;
  let connection: Connection | undefined;
  const incidentId = randomUUID();
  const stopped = randomUUID();
  const enrolledCaseId = randomUUID();
  // The payload key of the launcher's workflows, so this suite's client can start one.
  const payloadKey = randomBytes(32).toString('hex');

  const freshPage = () => openPage(browser, launcher.baseUrl);

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher({ PII_ENCRYPTION_KEY: payloadKey });
    prisma = createPrismaClient(launcher.databaseUrl);
    await enrolledCase();
    // A second administrator (four eyes): signs in with a token, as production does.
    await prisma.user.create({
      data: {
        id: 'ui-administrator-2',
        username: 'ui.administrator2',
        displayName: '第二管理员',
        role: 'ADMINISTRATOR',
        jurisdictionCode: '410500',
      },
    });
    // An application stopped on an incident whose workflow has gone (retry is refused, closing works).
    await prisma.application.create({
      data: {
        id: stopped,
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'INVESTIGATION',
        workflowId: `determination-${stopped}`,
        townshipCode: `${COUNTY}002`,
        countyCode: COUNTY,
        submittedBy: 'test',
        facts: ENROLMENT_FACTS as object,
      },
    });
    await prisma.incident.create({
      data: {
        id: incidentId,
        workflowId: `determination-${stopped}`,
        caseKind: 'APPLICATION',
        caseId: stopped,
        countyCode: COUNTY,
        step: 'evaluateApplication',
        errorCode: 'DATA_ERROR',
        message: '家庭经济状况核对结果缺失，无法测算',
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await connection?.close();
    await browser?.close();
    await prisma?.$disconnect();
    await launcher?.stop();
  });

  /** An enrolled 低保 case of the seeded household in 文峰区 with its workflow running: the what-if's scope, the case page's case. */
  async function enrolledCase(): Promise<void> {
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
        id: enrolledCaseId,
        applicationId: application,
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        monthlyAmount: '660.00',
        membersIncluded: ['p1', 'p2'],
        startMonth: '2026-01',
        countyCode: COUNTY,
        townshipCode: `${COUNTY}002`,
        status: 'ACTIVE',
      },
    });
    connection = await Connection.connect({ address: `127.0.0.1:${launcher.ports.temporal}` });
    const client = new Client({
      connection,
      dataConverter: dataConverterFor({ PII_ENCRYPTION_KEY: payloadKey, TEMPORAL_PAYLOAD_PREVIOUS_KEYS: [] }),
    });
    await createEnrolmentStarter({ prisma, client, taskQueue: 'safetynet' })(enrolledCaseId);
  }

  /** The production path: a bearer token pasted on the login page. */
  async function signInWithToken(page: Page, username: string) {
    const res = await fetch(`${launcher.baseUrl}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    const { accessToken } = (await res.json()) as { accessToken: string };
    await page.locator('[data-test=use-token]').click();
    await page.locator('#token').fill(`Bearer ${accessToken}`);
    await page.locator('[data-test=token-login]').click();
    await page.locator('[data-test=menu]').waitFor();
  }

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

  async function fillField(page: Page, key: string, value: string) {
    await page.locator(`[data-test="field-${key}"] textarea, [data-test="field-${key}"] input`).first().fill(value);
  }

  const fieldError = (page: Page, key: string) =>
    page.locator(`[data-test="field-${key}"] .el-form-item__error`).innerText();

  /** Clicks the form's submit button and waits until the form has answered (refused, or sent). */
  async function submit(page: Page): Promise<void> {
    await submitActionForm(page, 30_000);
  }

  const noEnglish = (text: string) => expect(text).not.toMatch(/[A-Za-z]{4,}/);

  /** Opens the live task of that type from the inbox (not claimed: the decision needs no claim). */
  async function openTask(page: Page, typeName: string) {
    await page.locator('[data-test=menu-inbox]').click();
    const row = page.locator('[data-test=inbox] .el-table__row', { hasText: typeName }).first();
    await until(
      `a ${typeName} task in the inbox`,
      async () => {
        await page.locator('[data-test=search]').click();
        await page.waitForTimeout(500);
        return (await row.count()) > 0;
      },
      60_000,
    );
    await row.locator('[data-test=open-task]').click();
    await page.locator('[data-test=proposal-summary] .el-descriptions').waitFor();
  }

  it('a parameter proposed (refused in the browser, then by the API, input kept), refused to its proposer, approved by a second administrator', async () => {
    const page = await freshPage();
    await signIn(page, 'administrator');
    await page.locator('[data-test=menu-parameters]').click();
    await until('the parameters', async () => (await page.locator('[data-test=in-force] .el-table__row').count()) > 10);
    await page.getByPlaceholder('按参数标识筛选').fill(MULTIPLIER);
    await page.locator(`[data-test="propose-${MULTIPLIER}"]`).first().click();
    const form = page.locator('[data-test=proposal]');
    await form.locator('[data-test=action-form]').waitFor();
    // Starts from the value in force, its unit and line.
    expect(await form.locator('[data-test=field-value] textarea').inputValue()).toBe('1.5');

    await fillField(page, 'value', '9');
    await fillDate(page, '#f-validFrom', '2027-03-01');
    await submit(page);
    // Refused in the browser by the API's own schema: the deciding document is missing.
    expect(await page.locator('[data-test=refusal]').innerText()).toContain('请按提示修改');
    expect(await fieldError(page, 'docNo')).toMatch(/[\u4e00-\u9fff]/);

    await fillField(page, 'docNo', '安政办〔2026〕9号');
    await fillField(page, 'title', '关于调整低保边缘家庭认定标准的通知');
    await fillDate(page, '#f-issuedOn', '2026-12-01');
    await submit(page);
    // Refused by the API (implausible multiplier), under the value, what was typed kept.
    const outOfRange = await fieldError(page, 'value');
    expect(outOfRange).toContain('超出合理范围');
    noEnglish(await page.locator('[data-test=refusal]').innerText());
    expect(await form.locator('[data-test=field-docNo] input').inputValue()).toBe('安政办〔2026〕9号');
    await shot(page, '81-parameter-proposal-refused');
    await expectAccessible(page, 'parameter proposal refused');

    await fillField(page, 'value', '1.6');
    await submit(page);
    await page.locator('[data-test=proposed]').waitFor();
    await until('the pending proposal', async () =>
      (await page.locator('[data-test=pending]').innerText()).includes(MULTIPLIER),
    );
    expect(await page.locator('[data-test=pending]').innerText()).toContain('1.6');
    await shot(page, '80-parameters');
    await expectAccessible(page, 'parameters');

    // Four eyes: the proposer may not decide their own proposal; the API's reason in Chinese.
    await openTask(page, '审批参数调整');
    expect(await page.locator('[data-test=proposal-value]').innerText()).toContain('1.6');
    await fillField(page, 'reason', '同意');
    await submit(page);
    const fourEyes = await page.locator('[data-test=refusal]').innerText();
    expect(fourEyes).toMatch(/[\u4e00-\u9fff]/);
    noEnglish(fourEyes);
    expect(await page.locator('[data-test=field-reason] textarea').inputValue()).toBe('同意');
    await shot(page, '82-parameter-four-eyes-refused');
    await page.context().close();

    const second = await freshPage();
    await signInWithToken(second, 'ui.administrator2');
    await openTask(second, '审批参数调整');
    await submit(second);
    expect(await fieldError(second, 'reason')).toBe('须填写审批理由');
    await shot(second, '83-task-approve-parameter');
    await expectAccessible(second, 'approve parameter');
    await fillField(second, 'reason', '经局务会研究同意');
    await submit(second);
    await second.waitForURL((url) => url.pathname === '/policy/parameters');
    await until(
      'the parameters',
      async () => (await second.locator('[data-test=in-force] .el-table__row').count()) > 10,
    );
    expect(await second.locator('[data-test=pending]').innerText()).not.toContain(MULTIPLIER);
    await second.locator(`[data-test="history-${MULTIPLIER}"]`).first().click();
    const history = second.locator('[data-test=history]');
    await history.waitFor();
    await until('the approved version', async () => (await history.innerText()).includes('2027-03-01'));
    const text = await history.innerText();
    expect(text).toContain('审批');
    expect(text).toContain('已批准');
    expect(text).toContain('安政办〔2026〕9号');
    await history.scrollIntoViewIfNeeded();
    await second.screenshot({ path: join(SHOTS, '84-parameter-history.png'), fullPage: true });
    await expectAccessible(second, 'parameter history');
    await second.context().close();
  });

  it('a what-if over the enrolled case: progress, the result per county and category, the workbook', async () => {
    const page = await freshPage();
    await signIn(page, 'administrator');
    await page.locator('[data-test=menu-simulations]').click();
    await page.locator('[data-test=simulation-form]').waitFor();
    // Nothing filled: refused in the browser in the schema's Chinese words.
    await page.locator('[data-test=start]').click();
    await page.locator('[data-test=refusal]').waitFor();
    expect(await fieldError(page, 'effectiveDate')).toMatch(/[\u4e00-\u9fff]/);

    await fillDate(page, '#sim-date', '2027-01-01');
    await choose(page, '参数', 'minimum_living.standard');
    expect(Number(await page.locator('#draft-value-0').inputValue())).toBeGreaterThan(0);
    await page.locator('#draft-value-0').fill('900');
    await page.locator('[data-test=start]').click();
    await page.locator('[data-test=simulation-run]').waitFor();
    await until(
      'the run completed',
      async () => (await page.locator('[data-test=simulation-page]').getAttribute('data-status')) === 'COMPLETED',
      180_000,
    );
    expect(await page.locator('[data-test=run-progress]').innerText()).toMatch(/已测算 (\d+) \/ \1 件/);
    const summary = await page.locator('[data-test=summary]').innerText();
    expect(summary).toContain('文峰区');
    expect(summary).toContain('最低生活保障');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download]').click()]);
    expect(download.suggestedFilename()).toMatch(/^simulation-[0-9a-f-]{36}\.xlsx$/);
    const saved = await download.path();
    expect(statSync(saved).size).toBeGreaterThan(0);
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    expect(await page.locator('[data-test=simulation-page]').getAttribute('data-downloaded')).toBe(XLSX_TYPE);
    await shot(page, '85-simulation');
    await expectAccessible(page, 'simulation');
    await page.context().close();
  });

  it('the yearly adjustment form refuses a missing effective date in the browser', async () => {
    const page = await freshPage();
    await signIn(page, 'administrator');
    await page.locator('[data-test=menu-adjustments]').click();
    await page.locator('[data-test=adjustment-form]').waitFor();
    await page.locator('[data-test=start]').click();
    await page.locator('[data-test=refusal]').waitFor();
    expect(await fieldError(page, 'effectiveDate')).toMatch(/[\u4e00-\u9fff]/);
    noEnglish(await page.locator('[data-test=refusal]').innerText());
    await shot(page, '86-adjustment-refused');
    await expectAccessible(page, 'adjustment');
    await page.context().close();
  });

  it('a holiday schedule loaded by the administrator (a weekday as make-up day refused in the browser)', async () => {
    const page = await freshPage();
    await signIn(page, 'administrator');
    await page.locator('[data-test=menu-holidays]').click();
    await until('the years', async () => (await page.locator('[data-test=years] .el-table__row').count()) > 0);
    await page.locator('#schedule-year').fill('2031');
    await fillField(page, 'holidays', '2031-01-01');
    // 2031-01-02 is a Thursday: no make-up day needed.
    await fillField(page, 'makeUpWorkdays', '2031-01-02');
    await fillField(page, 'source', '国办发明电〔2030〕1号');
    await submit(page);
    expect(await fieldError(page, 'makeUpWorkdays')).toContain('不是周六或周日');
    await fillField(page, 'makeUpWorkdays', '');
    await submit(page);
    await page.locator('[data-test=loaded]').waitFor();
    expect(await page.locator('[data-test=loaded]').innerText()).toContain('2031 年节假日安排已载入');
    await until('the year listed', async () => (await page.locator('[data-test=years]').innerText()).includes('2031'));
    await shot(page, '87-holidays');
    await expectAccessible(page, 'holidays');
    await page.context().close();
  });

  it('an incident: retry refused (its case is gone), then closed with a reason; the auditor reads without actions', async () => {
    const page = await freshPage();
    await signIn(page, 'administrator');
    await page.locator('[data-test=menu-incidents]').click();
    const row = page.locator('[data-test=incidents] .el-table__row', { hasText: '家庭经济状况核对结果缺失' });
    await row.waitFor();
    expect(await row.innerText()).toContain('文峰区');
    await row.locator('[data-test=retry]').click();
    await page.locator('[data-test=confirm]').click();
    await until(
      'the refusal',
      async () => (await page.locator('[data-test=field-reason] .el-form-item__error').count()) > 0,
    );
    const refused = await fieldError(page, 'reason');
    expect(refused).toContain('无法重试');
    noEnglish(refused);
    await page.locator('h1').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, '88-incident-retry-refused.png'), fullPage: true });
    await page.getByRole('button', { name: '取消' }).click();

    await row.locator('[data-test=close]').click();
    await page.locator('[data-test=confirm]').click();
    await until(
      'the reason asked',
      async () => (await fieldError(page, 'reason').catch(() => '')) === '结案须填写理由',
    );
    await page.locator('#incident-reason').fill('申请人已撤回申请');
    await page.locator('[data-test=confirm]').click();
    await until('the incident closed', async () => (await row.count()) === 0);
    expect((await prisma.incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe('CLOSED');
    expect((await prisma.application.findUniqueOrThrow({ where: { id: stopped } })).stage).toBe('CLOSED');
    await page.context().close();

    const auditor = await freshPage();
    await signIn(auditor, 'auditor');
    await auditor.locator('[data-test=menu-incidents]').click();
    await choose(auditor, '状态', '已结案');
    await auditor.locator('[data-test=search]').click();
    const closed = auditor.locator('[data-test=incidents] .el-table__row', { hasText: '家庭经济状况核对结果缺失' });
    await closed.waitFor();
    expect(await closed.innerText()).toContain('已结案');
    expect(await auditor.locator('[data-test=retry]').count()).toBe(0);
    await shot(auditor, '89-incidents');
    await expectAccessible(auditor, 'incidents');
    await auditor.context().close();
  });

  it('the enrolled case page: found in 在保对象, a change report refused in the browser, then reported', async () => {
    const page = await freshPage();
    await signIn(page, 'village.assistant');
    await page.locator('[data-test=menu-enrolled-cases]').click();
    const row = page.locator('[data-test=enrolled-cases] .el-table__row', { hasText: '最低生活保障' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('660.00');
    await shot(page, '90-enrolled-cases');
    await expectAccessible(page, 'enrolled cases');

    await row.locator('[data-test=open-enrolled-case]').click();
    await page.locator('[data-test=enrolled-summary]').waitFor();
    expect(await page.locator('[data-test=enrolled-status]').innerText()).toBe('在保');
    const form = page.locator('[data-test=change-report]');
    await form.locator('[data-test=action-form]').waitFor();
    await submit(page);
    expect(await page.locator('[data-test=refusal]').innerText()).toContain('请按提示修改');
    expect(await fieldError(page, 'description')).toMatch(/[\u4e00-\u9fff]/);
    await choose(page, '变化类型', '收入变化');
    await fillField(page, 'description', '配偶外出务工，月收入约 2000 元');
    await submit(page);
    await page.locator('[data-test=reported]').waitFor();
    expect(await page.locator('[data-test=reported]').innerText()).toContain('启动复核');
    await until('the change listed', async () =>
      (await page.locator('[data-test=changes]').innerText()).includes('收入变化'),
    );
    expect(await prisma.changeReport.count({ where: { enrolledCaseId, kind: 'INCOME_CHANGE' } })).toBe(1);
    await until('the toasts gone', async () => (await page.locator('.el-message').count()) === 0, 15_000);
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, '91-enrolled-case-change-report.png'), fullPage: true });
    await expectAccessible(page, 'enrolled case');
    await page.context().close();
  });

  it('发放指令: a county month one by one; a failure recorded with its reason (refused without one)', async () => {
    await instructionRow(prisma, enrolledCaseId, COUNTY, '2025-06', { amount: '660.00' });
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.locator('[data-test=menu-payment-instructions]').click();
    await page.locator('#instruction-month').fill('2025-06');
    await page.locator('#instruction-month').press('Enter');
    await page.locator('h1').click();
    await page.locator('[data-test=search]').click();
    const row = page.locator('[data-test=instructions] .el-table__row', { hasText: '660.00' });
    await row.waitFor();
    expect(await row.innerText()).toContain('待发放');
    await row.locator('[data-test=failed]').click();
    await page.locator('[data-test=confirm]').click();
    await until(
      'the reason asked',
      async () => (await fieldError(page, 'reason').catch(() => '')) === '请填写发放失败的原因',
    );
    await page.locator('#failure-reason').fill('账户已销户');
    await page.locator('[data-test=confirm]').click();
    await until('the failure recorded', async () => (await row.innerText()).includes('账户已销户'));
    expect(await row.locator('[data-test=failed]').count()).toBe(0);
    await shot(page, '92-payment-instructions');
    await expectAccessible(page, 'payment instructions');
    await page.context().close();
  });

  it('复核活动: a campaign started by the county officer, its progress followed until done', async () => {
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.locator('[data-test=menu-campaigns]').click();
    await page.locator('[data-test=start-campaign]').waitFor();
    // Nothing chosen: refused in the browser.
    await page.locator('[data-test=start]').click();
    await until('the categories asked', async () => (await fieldError(page, 'categories').catch(() => '')) !== '');
    const option = page.getByRole('option', { name: '最低生活保障', exact: true });
    await until('the category options', async () => {
      await page.getByRole('combobox', { name: '救助类别', exact: true }).click({ force: true });
      return option
        .waitFor({ state: 'visible', timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
    });
    await page.waitForTimeout(400);
    await option.click();
    await page.keyboard.press('Escape');
    await fillDate(page, '#due-from', '2026-01-01');
    await fillDate(page, '#due-to', '2027-12-31');
    await page.locator('[data-test=start]').click();
    await page.locator('[data-test=campaign-progress]').waitFor();
    await until(
      'the campaign done',
      async () => (await page.locator('[data-test=campaign-status]').innerText()) === '已完成',
      120_000,
    );
    expect(await page.locator('[data-test=campaigns]').innerText()).toContain('已完成');
    // The window as it was typed (the API stores its end as the instant after the last day).
    expect(await page.locator('[data-test=campaigns]').innerText()).toContain('2026/01/01 至 2027/12/31');
    await shot(page, '93-campaigns');
    await expectAccessible(page, 'campaigns');
    await page.context().close();
  });

  it('数据比对: a department file from test/fixtures (one bad row added) uploaded; its report, the refused row and its download', async () => {
    const fixture = readFileSync(
      join(PROJECT_ROOT, 'test', 'fixtures', 'data-exchange', 'hrss-unemployed.csv'),
      'utf8',
    );
    // A county outside Anyang: refused by row and column, the others staged.
    const withBadRow = `${fixture.trimEnd()}\n410105198001010035,测试外地,410105,2025-06-01,\n`;
    const page = await freshPage();
    await signIn(page, 'county.officer');
    await page.locator('[data-test=menu-data-batches]').click();
    const attempts = async () =>
      Number(await page.locator('[data-test=data-batch-page]').getAttribute('data-attempts'));
    // No source chosen: refused in the browser.
    await page.locator('[data-test=upload]').click();
    expect(await page.locator('[data-test=refusal]').innerText()).toBe('请选择数据来源');
    await choose(page, '数据来源', '人力资源和社会保障部门：登记失业人员');
    await page.locator('#batch-file').setInputFiles({
      name: '登记失业人员.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(withBadRow, 'utf8'),
    });
    expect(await page.locator('[data-test=picked-file]').innerText()).toBe('登记失业人员.csv');
    const before = await attempts();
    await page.locator('[data-test=upload]').click();
    await until('the upload answered', async () => (await attempts()) > before, 30_000);
    const report = page.locator('[data-test=batch-report]');
    await report.waitFor();
    expect(await page.locator('[data-test=rows-read]').innerText()).toBe('3');
    expect(await page.locator('[data-test=rows-refused]').innerText()).toBe('1');
    const refusals = await page.locator('[data-test=refusals]').innerText();
    expect(refusals).toContain('县（市、区）代码');
    noEnglish(refusals.replace(/\d+/g, ''));
    await until(
      'the batch matched',
      async () => (await page.locator('[data-test=batch-status]').innerText()) === '已比对',
      120_000,
    );
    expect(await page.locator('[data-test=rows-matched]').innerText()).toMatch(/^\d+$/);
    expect(await page.locator('[data-test=warnings-raised]').innerText()).toMatch(/^\d+$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=download-refusals]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^refusals-[0-9a-f-]{36}\.csv$/);
    expect(readFileSync(await download.path(), 'utf8')).toContain('县（市、区）代码');
    await shot(page, '94-data-batch-report');
    await expectAccessible(page, 'data batch');
    await page.context().close();
  });

  it('随机调查: the county supervisor draws a sample (refused in the browser without a size); the sample and its tasks shown', async () => {
    const page = await freshPage();
    await signIn(page, 'county.supervisor');
    await page.locator('[data-test=menu-surveys]').click();
    await page.locator('[data-test=draw] [data-test=action-form]').waitFor();
    expect(await page.locator('[data-test=field-scope] input').inputValue()).toBe(COUNTY);
    await submit(page);
    expect(await fieldError(page, 'sampleSize')).toMatch(/[\u4e00-\u9fff]/);
    await page.locator('[data-test=field-sampleSize] input').fill('2');
    await fillField(page, 'seed', 'ui-survey-1');
    await submit(page);
    const survey = page.locator('[data-test=survey]');
    await survey.waitFor();
    expect(await survey.innerText()).toContain('ui-survey-1');
    expect(await page.locator('[data-test=sample] .el-table__row').count()).toBe(2);
    expect(await page.locator('[data-test=visited]').innerText()).toBe('0');
    await shot(page, '95-survey');
    await expectAccessible(page, 'survey');
    await page.context().close();
  });
});
