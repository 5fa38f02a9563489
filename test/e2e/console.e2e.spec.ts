import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { COUNTIES } from '../../prisma/seed-data';
import { SOURCE_LAYOUTS } from '../../src/core/contracts/data-source';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { submitActionForm } from '../support/action-form';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { SHOTS, launchBrowser, openPage, signIn } from '../support/console-browser';
import { ROLE_MENUS } from '../support/role-menus';
import { expectAccessible } from '../support/accessibility';

// The staff console in Debian's headless Chromium against `npm start` for real (drill mode, so
// publicity lasts minutes): an application walked through the UI from intake to its decision,
// each role's menu, an expired token, axe-core on every screen, a screenshot of each.

jest.setTimeout(900_000);

const INITIAL_JS_BUDGET = 500 * 1024;

/** The page's tab storage, named without the DOM library. */
type TabStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };

describe('staff console in a real browser', () => {
  let launcher: Launcher;
  let browser: Browser;
  const figures: Record<string, string> = {};

  const freshPage = () => openPage(browser, launcher.baseUrl);

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher({ SAFETYNET_DRILL: 'true' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await launcher?.stop();
    // Figures are logged, not asserted (timing depends on the machine); docs/console.md quotes them.
    console.log(`console figures: ${JSON.stringify(figures)}`);
  });

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  /** Inbox loads finished so far (the page counts them). */
  const inboxLoads = async (page: Page) =>
    Number((await page.locator('[data-test=inbox-page]').getAttribute('data-loads')) ?? 0);

  /** The inbox is usable: more than `after` loads answered, so its rows (or its empty text) are the API's answer. */
  async function inboxUsable(page: Page, after = 0) {
    await page.locator('[data-test=inbox-page]').waitFor();
    await until('the inbox to load', async () => (await inboxLoads(page)) > after, 30_000);
  }

  /** Opens the first live task of that type from the inbox, searching again until the workflow has opened it. */
  async function openTask(page: Page, typeName: string, timeoutMs = 60_000) {
    await page.goto(`${launcher.baseUrl}/inbox`);
    const row = page.locator('[data-test=inbox] .el-table__row', { hasText: typeName }).first();
    await until(
      `a ${typeName} task in the inbox`,
      async () => {
        const before = await inboxLoads(page);
        await page.locator('[data-test=search]').click();
        await inboxUsable(page, before);
        return (await row.count()) > 0;
      },
      timeoutMs,
    );
    if ((await row.locator('[data-test=claim]').count()) > 0) {
      await row.locator('[data-test=claim]').click();
      await row.locator('[data-test=unclaim]').waitFor();
    }
    await row.locator('[data-test=open-task]').click();
    await page.locator('[data-test=action-form]').waitFor();
  }

  /** Picks an option of an Element Plus select (its input sits under the shown value, hence force). */
  async function choose(page: Page, select: string, option: string) {
    await page.getByRole('combobox', { name: select }).click({ force: true });
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  async function fillField(page: Page, key: string, value: string) {
    await page.locator(`[data-test="field-${key}"] textarea, [data-test="field-${key}"] input`).first().fill(value);
  }

  /** Submits the form on the page and waits for the case page; a refusal shown instead fails with its text. */
  async function submitAndLandOnCase(page: Page): Promise<void> {
    await submit(page);
    if (!/\/cases\//.test(page.url())) {
      await shot(page, 'failed-submit');
      const refusal = await page
        .locator('[data-test=refusal]')
        .innerText()
        .catch(() => '');
      throw new Error(
        `refused: ${refusal} ${(await page.locator('.el-form-item__error').allInnerTexts()).join(' / ')}`,
      );
    }
    await page.locator('[data-test=stage]').waitFor();
  }

  /** Clicks the form's submit button and waits until the form has answered it (refused, or sent and navigated away). */
  async function submit(page: Page): Promise<void> {
    await submitActionForm(page, 60_000);
  }

  /** The public complaint form's submit: waits until the page has answered it. */
  async function submitPublic(page: Page): Promise<void> {
    const attempts = async () => Number(await page.locator('[data-test=complaint-page]').getAttribute('data-attempts'));
    const before = await attempts();
    await page.locator('[data-test=submit]').click();
    await until('the complaint form to answer', async () => (await attempts()) > before, 30_000);
  }

  /** An application submitted through the API by a demo user (the archive's facts fixture): its id and receipt code. */
  async function submitApplication(
    username: string,
    householdId: string,
    category: string,
  ): Promise<{ id: string; receiptCode: string }> {
    const issued = await fetch(`${launcher.baseUrl}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    const { accessToken } = (await issued.json()) as { accessToken: string };
    const submitted = await fetch(`${launcher.baseUrl}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        householdId,
        category,
        channel: 'ON_BEHALF',
        facts: JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'archive', 'facts.json'), 'utf8')) as unknown,
        consent: { economicCheck: true, truthfulnessPromise: true },
      }),
    });
    expect(submitted.status).toBe(201);
    return (await submitted.json()) as { id: string; receiptCode: string };
  }

  const noEnglish = (text: string) => expect(text).not.toMatch(/[A-Za-z]{4,}/);

  it('serves the console at / with a page for client routes, and leaves /api/v1 as it was', async () => {
    const home = await fetch(`${launcher.baseUrl}/tasks/00000000-0000-4000-8000-000000000000`, {
      headers: { accept: 'text/html' },
    });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="app">');
    const api = await fetch(`${launcher.baseUrl}/api/v1/no-such-route`, {
      headers: { accept: 'text/html,application/json' },
    });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');

    // The initial JavaScript: the entry script and the modules it preloads, gzipped.
    const html = await (await fetch(`${launcher.baseUrl}/`)).text();
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    let gz = 0;
    for (const src of scripts)
      gz += gzipSync(Buffer.from(await (await fetch(`${launcher.baseUrl}${src}`)).arrayBuffer())).length;
    figures.initialJsGzipKB = (gz / 1024).toFixed(1);
    expect(gz).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });

  it('walks an application through the UI from intake to its decision', async () => {
    // ---- the village assistant submits it on the household's behalf ----
    const va = await freshPage();
    await va.locator('[data-test=demo-users]').waitFor();
    await shot(va, '01-login');
    await expectAccessible(va, 'login');
    const clicked = await signIn(va, 'village.assistant');
    await inboxUsable(va);
    figures.loginToInboxMs = String(Date.now() - clicked);
    await shot(va, '02-inbox-village-assistant');
    await expectAccessible(va, 'inbox');

    await va.locator('[data-test=menu-new-application]').click();
    await va.locator('#household').fill('00000000-0000-4000-8000-000000000001');
    await va.locator('[data-test=load-household]').click();
    await va.locator('[data-test=members] .el-table__row').first().waitFor();
    await choose(va, '第 1 位成员劳动能力', '无劳动能力');
    // Without the consents the browser refuses, with the API's own Chinese message.
    await submit(va);
    await va.locator('[data-test=refusal]').waitFor();
    await va.locator('.el-form-item__error').first().waitFor();
    const refused = await va.locator('.el-form-item__error').allInnerTexts();
    expect(refused.join('')).toContain('核对授权');
    refused.forEach(noEnglish);
    await shot(va, '03-new-application-refused');
    await expectAccessible(va, 'new application');
    await va.getByText('已取得家庭经济状况核对授权').click();
    await va.getByText('已签署如实申报承诺').click();
    await submitAndLandOnCase(va);
    const caseId = /\/cases\/([0-9a-f-]{36})/.exec(va.url())![1]!;
    expect(await va.locator('[data-test=stage]').innerText()).toBe('待受理');
    await shot(va, '04-case-submitted');
    await expectAccessible(va, 'case');

    // ---- the township caseworker: accept, start the investigation, record the visit, give the opinion ----
    const tc = await freshPage();
    await signIn(tc, 'township.caseworker');
    await choose(tc, '事项类型', '受理审查');
    await openTask(tc, '受理审查');
    await shot(tc, '05-task-accept');
    await expectAccessible(tc, 'task form');
    await fillField(tc, 'note', '材料齐全，予以受理');
    await submitAndLandOnCase(tc);

    await openTask(tc, '启动调查');
    // A past appointment passes the browser's date check; the API refuses it, in Chinese, and the date typed stays.
    await tc.locator('#f-appointmentDate').fill('2020-01-02');
    await tc.locator('#f-appointmentDate').press('Enter');
    await submit(tc);
    const apiRefusal = await tc.locator('[data-test=refusal]').innerText();
    expect(apiRefusal).toMatch(/[\u4e00-\u9fff]/);
    noEnglish(apiRefusal);
    expect(await tc.locator('#f-appointmentDate').inputValue()).toBe('2020-01-02');
    await shot(tc, '06-task-refused-by-api');
    await tc.locator('#f-appointmentDate').fill('');
    await tc.locator('#f-appointmentDate').press('Enter');
    await submitAndLandOnCase(tc);

    await openTask(tc, '入户调查');
    await fillField(tc, 'investigators', '李调查');
    await fillField(tc, 'findings', '家中无大额财产，户主无劳动能力');
    await tc.getByText('入户调查表已经申请家庭签字确认').click();
    await submit(tc);
    // One investigator: the shared schema wants two, so nothing is sent and what was typed stays.
    expect(await tc.locator('[data-test=field-investigators] .el-form-item__error').innerText()).toMatch(
      /[\u4e00-\u9fff]/,
    );
    expect(await tc.locator('[data-test=field-findings] textarea').inputValue()).toBe('家中无大额财产，户主无劳动能力');
    await fillField(tc, 'investigators', '李调查\n王调查');
    await submitAndLandOnCase(tc);

    await openTask(tc, '乡镇审核');
    await choose(tc, '审核意见', '拟同意');
    await fillField(tc, 'reasons', '家庭人均收入低于当地低保标准');
    await fillField(tc, 'disagreementReason', '经入户调查核实');
    await submitAndLandOnCase(tc);
    await until('the case to enter publicity', async () => {
      await tc.reload();
      await tc.locator('[data-test=stage]').waitFor();
      return (await tc.locator('[data-test=stage]').innerText()) === '公示';
    });
    await shot(tc, '07-case-publicity');
    await expectAccessible(tc, 'case in publicity');

    // ---- the public publicity page (no login): the household listed masked; an empty objection refused in the browser ----
    const pub = await freshPage();
    await pub.goto(`${launcher.baseUrl}/public/publicity`);
    await until('the publicity listing', async () => (await pub.locator('[data-test=publicity-item]').count()) > 0);
    const listing = await pub.locator('[data-test=publicity-list]').innerText();
    expect(listing).toContain('最低生活保障');
    expect(listing).not.toMatch(/\d{17}[\dX]/);
    await pub.locator('[data-test=object]').first().click();
    await pub.locator('[data-test=lodge]').click();
    await pub.locator('[data-test=objection-form] .el-form-item__error').first().waitFor();
    const objectionRefused = await pub.locator('[data-test=objection-form] .el-form-item__error').first().innerText();
    expect(objectionRefused).toMatch(/[\u4e00-\u9fff]/);
    noEnglish(objectionRefused);
    await shot(pub, '63-public-publicity');
    await expectAccessible(pub, 'public publicity');
    await pub.context().close();

    // ---- publicity ends (drill minutes): the county officer confirms ----
    const co = await freshPage();
    await signIn(co, 'county.officer');
    await openTask(co, '审核确认', 300_000);
    await shot(co, '08-task-confirm');
    await submitAndLandOnCase(co);
    await until('the decision', async () => {
      await co.reload();
      await co.locator('[data-test=stage]').waitFor();
      return (await co.locator('[data-test=stage]').innerText()) === '已纳入保障';
    });
    expect(co.url()).toContain(caseId);
    await shot(co, '09-case-enrolled');
    for (const p of [va, tc, co]) await p.context().close();
  });

  it('the medical insurance liaison answers the enrolled household’s referral: ID revealed on a reason, delivery checked, then closed', async () => {
    const page = await freshPage();
    await signIn(page, 'liaison.medical-insurance');
    await page.locator('[data-test=menu-referrals]').click();
    // The enrolment above opened the household's referrals; the worker writes them within moments.
    const row = page.locator('[data-test=referrals] .el-table__row', { hasText: '待接收' }).first();
    await until(
      'a referral in the department’s list',
      async () => {
        await page.locator('[data-test=search]').click();
        await page.waitForTimeout(300);
        return (await row.count()) > 0;
      },
      60_000,
    );
    const listed = await page.locator('[data-test=referrals]').innerText();
    expect(listed).toContain('医疗保障');
    expect(listed).not.toMatch(/教育|住房和城乡建设/);
    await shot(page, '14-referrals-liaison');
    await expectAccessible(page, 'referral list');

    await row.locator('[data-test=open-referral]').click();
    await page.locator('[data-test=referral-stage]').waitFor();
    const masked = await page.locator('[data-test=referral-summary]').innerText();
    expect(masked).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    // The full ID number: refused without a reason (the API's Chinese field message), shown with one.
    await page.locator('[data-test=reveal]').click();
    const noReason = await page.locator('[data-test=reveal-error]').innerText();
    expect(noReason).toMatch(/[\u4e00-\u9fff]/);
    noEnglish(noReason);
    await page.locator('#reveal-reason').fill('办理医保参保资助需核对身份证号');
    await page.locator('[data-test=reveal]').click();
    await until('the ID number shown', async () =>
      /\d{17}[\dX]/.test(await page.locator('[data-test=referral-summary]').innerText()),
    );
    await shot(page, '15-referral-liaison');
    await expectAccessible(page, 'referral');

    // A delivery without the amount and period this yearly subsidy needs: refused in the browser, nothing sent.
    await page.locator('[data-test=choose-DELIVER]').click();
    await fillField(page, 'what', '城乡居民医保个人缴费定额资助 2027 年度');
    await submit(page);
    expect(await page.locator('[data-test=field-amount] .el-form-item__error').innerText()).toContain('金额');
    expect(await page.locator('[data-test=referral-stage]').innerText()).toBe('待接收');
    await shot(page, '16-referral-delivery-refused');
    await page.locator('#f-amount').fill('380');
    for (const [key, value] of [
      ['periodFrom', '2027-01-01'],
      ['periodTo', '2027-12-31'],
    ]) {
      await page.locator(`#f-${key}`).fill(value!);
      await page.locator(`#f-${key}`).press('Enter');
    }
    await submit(page);
    await until(
      'the referral closed',
      async () => (await page.locator('[data-test=referral-stage]').innerText()) === '已办结',
    );
    expect(await page.locator('[data-test=delivery]').innerText()).toContain('380');
    expect(await page.locator('[data-test=referral-timeline]').innerText()).toContain('医疗保障部门已落实');
    await shot(page, '17-referral-delivered');
    await page.context().close();
  });

  it('the township verifies a monitoring warning in the browser and refers it to the department that owes the item', async () => {
    // A health department record of 乙's father (seeded, in no category): a class (b) warning.
    const issued = await fetch(`${launcher.baseUrl}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county.officer' }),
    });
    const { accessToken } = (await issued.json()) as { accessToken: string };
    const cols = SOURCE_LAYOUTS.HEALTH_SERIOUS_ILLNESS.columns;
    const row: Record<string, string> = {
      idNumber: '41050219500202007' + residentIdCheckChar('41050219500202007'),
      name: '演示父亲乙',
      county: '410502',
      disease: '尿毒症',
      diagnosedOn: '2026-10-01',
    };
    const csv = [cols.map((c) => c.header).join(','), cols.map((c) => row[c.key] ?? '').join(',')].join('\r\n');
    const form = new FormData();
    form.set('source', 'HEALTH_SERIOUS_ILLNESS');
    form.set('file', new Blob([csv + '\r\n'], { type: 'text/csv' }), 'illness.csv');
    const uploaded = await fetch(`${launcher.baseUrl}/api/v1/monitoring/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);

    const tc = await freshPage();
    await signIn(tc, 'township.caseworker');
    await openTask(tc, '预警上门核查', 120_000);
    await shot(tc, '18-task-warning-verification');
    await expectAccessible(tc, 'warning verification');
    // Opening the application on the household's behalf needs the consents collected at the visit.
    await tc.locator('[data-test=choose-START_APPLICATION]').click();
    await fillField(tc, 'findings', '经入户核查，家庭困难');
    await choose(tc, '代为提出申请的救助类别', '最低生活保障');
    await submit(tc);
    expect(await tc.locator('[data-test=field-economicCheck] .el-form-item__error').innerText()).toContain('核对授权');
    await tc.locator('[data-test=choose-REFER]').click();
    await choose(tc, '责任部门', '医疗保障');
    await fillField(tc, 'findings', '经入户核查，患尿毒症，长期透析，医疗支出大');
    await submit(tc);
    // Medical insurance delivers several items: the API asks which, under the field; what was typed stays.
    const which = await tc.locator('[data-test=field-entitlement] .el-form-item__error').innerText();
    expect(which).toContain('须选择其一');
    expect(await tc.locator('[data-test=field-findings] textarea').inputValue()).toContain('长期透析');
    await choose(tc, '转介事项', '住院及门诊慢特病医疗救助');
    await submit(tc);
    await tc.waitForURL(/\/warnings\//);
    await until('the warning referred', async () => {
      await tc.reload();
      await tc.locator('[data-test=warning-stage]').waitFor();
      return (await tc.locator('[data-test=warning-stage]').innerText()) === '已处置';
    });
    expect(await tc.locator('[data-test=warning-referrals]').innerText()).toContain('住院及门诊慢特病医疗救助');
    // The department's record under its file's Chinese column names.
    const record = await tc.locator('[data-test=warning-details]').innerText();
    expect(record).toContain('尿毒症');
    noEnglish(record);
    expect(await tc.locator('[data-test=warning-timeline]').innerText()).toContain('已转介医疗保障部门落实');
    await shot(tc, '19-warning-referred');
    await expectAccessible(tc, 'warning');
    await tc.locator('[data-test=menu-warnings]').click();
    await tc.locator('[data-test=warnings] .el-table__row').first().waitFor();
    await shot(tc, '20-warnings');
    await expectAccessible(tc, 'warning list');
    await tc.context().close();
  });

  it('the case’s electronic archive: a file that is not what it claims is refused in Chinese, a 户口簿 filed and replaced with a reason', async () => {
    const { id } = await submitApplication(
      'village.assistant',
      '00000000-0000-4000-8000-000000000001',
      'MINIMUM_LIVING',
    );

    const page = await freshPage();
    await signIn(page, 'village.assistant');
    await page.goto(`${launcher.baseUrl}/cases/${id}`);
    const panel = page.locator('[data-test=documents]');
    await panel.locator('[data-test=upload-form]').waitFor();
    const answers = async () => Number(await panel.getAttribute('data-answers'));
    const upload = async (name: string, buffer: Buffer) => {
      await page.locator('[data-test=document-file]').setInputFiles({ name, mimeType: 'application/pdf', buffer });
      const before = await answers();
      await page.locator('[data-test=upload]').click();
      await until('the upload answered', async () => (await answers()) > before, 30_000);
    };
    await choose(page, '材料类型', '户口簿');
    // A program renamed .pdf: the API reads its first bytes and refuses it; the type chosen stays.
    await upload('户口簿.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]));
    const refusal = await page.locator('[data-test=documents-error]').innerText();
    // The API's Chinese reason (format names such as PDF and JPEG are as staff know them).
    expect(refusal).toContain('内容不是允许的类型');
    expect(await page.locator('[data-test=document-type]').innerText()).toContain('户口簿');
    await shot(page, '60-case-documents-refused');

    await upload('户口簿.pdf', Buffer.from('%PDF-1.4\n% 户口簿首页\n%%EOF\n'));
    await until('the document listed', async () =>
      (await page.locator('[data-test=document-list]').innerText()).includes('户口簿.pdf'),
    );
    await page.locator('[data-test=replace]').first().click();
    await page.getByRole('textbox', { name: '替换理由' }).fill('原扫描件不清晰，重新扫描');
    await upload('户口簿-重扫.pdf', Buffer.from('%PDF-1.4\n% 户口簿首页（清晰）\n%%EOF\n'));
    await until('the new version listed', async () =>
      (await page.locator('[data-test=document-list]').innerText()).includes('户口簿-重扫.pdf'),
    );
    const list = await page.locator('[data-test=document-list]').innerText();
    expect(list).toContain('已替换');
    expect(list).toContain('原扫描件不清晰，重新扫描');
    await shot(page, '61-case-documents');
    await expectAccessible(page, 'case documents');
    await page.context().close();
  });

  it('办件进度查询 without login: the receipt code shows the stage and the due date, the surname only', async () => {
    const { receiptCode: code } = await submitApplication(
      'township.caseworker',
      '00000000-0000-4000-8000-000000000002',
      'NEAR_MINIMUM',
    );

    const page = await freshPage();
    await page.goto(`${launcher.baseUrl}/public/progress`);
    const attempts = async () => Number(await page.locator('[data-test=progress-page]').getAttribute('data-attempts'));
    const lookUp = async (value: string) => {
      await page.locator('[data-test=receipt-code]').fill(value);
      const before = await attempts();
      await page.locator('[data-test=lookup]').click();
      await until('the lookup answered', async () => (await attempts()) > before, 30_000);
    };
    await lookUp('ABCDEFGHJKMN');
    expect(await page.locator('[data-test=lookup-error]').innerText()).toContain('未找到该受理编号');
    await lookUp(code);
    expect(await page.locator('[data-test=stage]').innerText()).toBe('待受理');
    const shown = await page.locator('[data-test=progress]').innerText();
    expect(shown).toContain('低保边缘');
    expect(shown).not.toMatch(/\d{17}[\dX]|演示户主/);
    await shot(page, '64-public-progress');
    await expectAccessible(page, 'public progress');
    await page.context().close();
  });

  it('shows each role only its menu', async () => {
    for (const [username, expected] of Object.entries(ROLE_MENUS)) {
      const page = await freshPage();
      await signIn(page, username);
      const items = await page.locator('[data-test=menu] [role=menuitem]').allInnerTexts();
      expect({ username, items: items.map((s) => s.trim()) }).toEqual({ username, items: expected });
      await shot(page, `10-menu-${username.replace('.', '-')}`);
      await page.context().close();
    }
    // A screen the role may not use, typed into the address bar: refused, not shown.
    const auditor = await freshPage();
    await signIn(auditor, 'auditor');
    await auditor.goto(`${launcher.baseUrl}/applications/new`);
    await auditor.getByText('无权访问').waitFor();
    await shot(auditor, '11-forbidden');
    await expectAccessible(auditor, 'forbidden');
    await auditor.context().close();
  });

  it('returns to the login page when the API refuses the token (401)', async () => {
    const page = await freshPage();
    await signIn(page, 'township.caseworker');
    await inboxUsable(page);
    // The token expires: the stored one no longer verifies.
    await page.evaluate(() => {
      const storage = (globalThis as unknown as { sessionStorage: TabStorage }).sessionStorage;
      const saved = JSON.parse(storage.getItem('safetynet.session')!) as { token: string };
      storage.setItem('safetynet.session', JSON.stringify({ ...saved, token: `${saved.token}x` }));
    });
    await page.reload();
    await page.waitForURL(/\/login/);
    await page.locator('[data-test=expired]').waitFor();
    noEnglish(await page.locator('[data-test=expired]').innerText());
    await shot(page, '12-login-expired');
    // Signing in again works: nothing of the expired session is left behind.
    await signIn(page, 'township.caseworker');
    await inboxUsable(page);
    await page.context().close();
  });

  it('signs in with a pasted bearer token, as production does, and refuses a token that is not one', async () => {
    const issued = await fetch(`${launcher.baseUrl}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county.supervisor' }),
    });
    const { accessToken } = (await issued.json()) as { accessToken: string };
    const page = await freshPage();
    await page.locator('[data-test=use-token]').click();
    await page.locator('#token').fill('不是令牌');
    await page.locator('[data-test=token-login]').click();
    const error = await page.locator('[data-test=login-error]').innerText();
    expect(error).toContain('令牌');
    noEnglish(error);
    await page.locator('#token').fill(`Bearer ${accessToken}`);
    await shot(page, '13-login-token');
    await expectAccessible(page, 'token login');
    await page.locator('[data-test=token-login]').click();
    await page.locator('[data-test=menu]').waitFor();
    const items = await page.locator('[data-test=menu] [role=menuitem]').allInnerTexts();
    expect(items.map((s) => s.trim())).toEqual(ROLE_MENUS['county.supervisor']);
    await page.context().close();
  });

  it('the public side without login: the month’s statistics, and a complaint filed, answered by the county and read by its receipt code', async () => {
    const page = await freshPage();
    await page.goto(`${launcher.baseUrl}/public/statistics`);
    const table = page.locator('[data-test=statistics]');
    await table.locator('.el-table__body-wrapper .el-table__row').nth(9).waitFor();
    const names = await table.locator('.el-table__body-wrapper .el-table__row td:first-child').allInnerTexts();
    expect(names.map((n) => n.trim())).toEqual([...COUNTIES.map(([, name]) => name), '全市合计']);
    expect(await page.locator('[data-test=suppression-note]').innerText()).toContain('少于 5 户');
    noEnglish(await page.locator('[data-test=statistics-page]').innerText());
    await expectAccessible(page, 'public statistics');
    await shot(page, '21-public-statistics');

    // Filed without county or content: refused in Chinese beside each field, nothing sent.
    await page.locator('[data-test=public-nav] a', { hasText: '投诉举报' }).click();
    await page.locator('[data-test=complaint-page]').waitFor();
    await submitPublic(page);
    expect(await page.locator('[data-test=refusal]').innerText()).toContain('请按提示修改');
    await page.locator('.el-form-item__error').first().waitFor();
    const errors = await page.locator('.el-form-item__error').allInnerTexts();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    errors.forEach(noEnglish);
    await expectAccessible(page, 'public complaint');
    await shot(page, '22-public-complaint-refused');

    const content = `浏览器测试：村里某户家中开有超市，仍在领取低保（${Date.now()}）。`;
    await choose(page, '所在县（市、区）', '文峰区');
    await page.locator('#content').fill(content);
    await submitPublic(page);
    const receipt = (await page.locator('[data-test=receipt] .code').innerText()).trim();
    expect(receipt).toMatch(/^[0-9A-Za-z]{12}$/);

    // The county officer answers it from the inbox, reading what was filed.
    const officer = await freshPage();
    await signIn(officer, 'county.officer');
    await openTask(officer, '投诉举报办理');
    await until(
      'the complaint this test filed',
      async () => (await officer.locator('[data-test=complaint]').innerText()).includes(content),
      30_000,
    );
    await fillField(officer, 'findings', '经入户核查，该户确有经营收入，已通知其申报。');
    await fillField(officer, 'reply', '您反映的情况经核查属实，已依规处理，感谢您的监督。');
    await expectAccessible(officer, 'complaint answer');
    await shot(officer, '23-complaint-answer');
    await submit(officer);
    await officer.waitForURL(/\/inbox/);
    await officer.context().close();

    // The filer looks it up with the receipt code: the reply, nothing about anyone.
    await until(
      'the reply to be public',
      async () => {
        await page.locator('#lookup-code').fill(receipt);
        await page.locator('[data-test=lookup]').click();
        await page.locator('[data-test=status]').waitFor();
        return (await page.locator('[data-test=reply]').innerText()).includes('核查属实');
      },
      30_000,
    );
    noEnglish(await page.locator('[data-test=status]').innerText());
    await expectAccessible(page, 'public complaint answered');
    await shot(page, '24-public-complaint-answered');
    await page.context().close();
  });
});
