import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Browser, Page } from 'playwright-core';
import type { RecheckInput } from '../../src/core/contracts/enrolment';
import type { TaskSpec } from '../../src/core/contracts/task';
import { recheckWorkflowId } from '../../src/core/workflow-ids';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createTaskActivities } from '../../src/tasks/task.activities';
import { ENROLMENT_FACTS, SEEDED_HOUSEHOLD } from '../support/enrolment';
import { chooseOption, submitActionForm } from '../support/action-form';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { SHOTS, launchBrowser, openPage, shot, signIn } from '../support/console-browser';
import { expectAccessible, fillDate } from '../support/accessibility';

// The other processes' steps in Debian's headless Chromium against `npm start`, through the UI
// only: a small-amount temporary assistance from 临时救助登记 to granted (the explanation task,
// the case page with the reserve fund's payment, its notice printed on A4); a complex one
// through 一事一议 (convened with two member units, their opinions, the chair's decision); a
// recheck's investigation; and 提请一事一议 from the 督办看板. Browser refusals in the schemas'
// Chinese words; axe-core on each screen; screenshots docs/screenshots/66-… to 75-….

jest.setTimeout(900_000);

const COUNTY = '410502';
const TOWNSHIP = '410502002';
const ID_NUMBER = '410502199001011236';
const MEMBERS = [
  { userId: 'demo-liaison-civil-affairs', department: '民政', username: 'liaison.civil-affairs' },
  { userId: 'demo-department-liaison', department: '卫生健康', username: 'department.liaison' },
];

describe('staff console: emergency aid, 一事一议 and the recheck in a real browser', () => {
  let launcher: Launcher;
  let browser: Browser;
  let prisma: PrismaClient;

  const freshPage = () => openPage(browser, launcher.baseUrl);

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher({ SAFETYNET_DRILL: 'true' });
    prisma = createPrismaClient(launcher.databaseUrl);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await prisma?.$disconnect();
    await launcher?.stop();
  });

  const inboxLoads = async (page: Page) =>
    Number((await page.locator('[data-test=inbox-page]').getAttribute('data-loads')) ?? 0);

  /** Opens the first live task of that type from the inbox (claimed first when open), searching until it is there. */
  async function openTask(page: Page, typeName: string, timeoutMs = 90_000) {
    await page.locator('[data-test=menu-inbox]').click();
    await page.locator('[data-test=inbox-page]').waitFor();
    const row = page.locator('[data-test=inbox] .el-table__row', { hasText: typeName }).first();
    await until(
      `a ${typeName} task in the inbox`,
      async () => {
        const before = await inboxLoads(page);
        await page.locator('[data-test=search]').click();
        await until('the inbox to load', async () => (await inboxLoads(page)) > before, 30_000);
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

  /** Picks an option (chooseOption) and waits for its list to close. */
  async function choose(page: Page, select: string, option: string) {
    await chooseOption(page, select, option);
    await page.getByRole('listbox', { name: select, exact: true }).waitFor({ state: 'hidden' });
  }

  async function fillField(page: Page, key: string, value: string) {
    await page.locator(`[data-test="field-${key}"] textarea, [data-test="field-${key}"] input`).first().fill(value);
  }

  async function submit(page: Page): Promise<void> {
    await submitActionForm(page, 30_000);
  }

  /** Submits and waits for the page the step leads to; a refusal shown instead fails with its text. */
  async function submitAndLand(page: Page, path: RegExp): Promise<void> {
    await submit(page);
    if (!path.test(new URL(page.url()).pathname)) {
      const refusal = await page
        .locator('[data-test=refusal]')
        .innerText()
        .catch(() => '');
      throw new Error(
        `refused: ${refusal} ${(await page.locator('.el-form-item__error').allInnerTexts()).join(' / ')}`,
      );
    }
  }

  /** Reloads the page until its stage tag reads `stage`. */
  async function stageIs(page: Page, stage: string, timeoutMs = 90_000) {
    await until(
      `stage ${stage}`,
      async () => {
        await page.reload();
        await page.locator('[data-test=stage]').waitFor();
        return (await page.locator('[data-test=stage]').innerText()).trim() === stage;
      },
      timeoutMs,
    );
  }

  /** 临时救助登记 filled in the browser (the applicant of the seeded registry, a fire at home). */
  async function fillIntake(page: Page, over: { amount: string; idNumber?: string; complex?: boolean }) {
    await page.locator('[data-test=menu-emergency-new]').click();
    await page.locator('[data-test=action-form]').waitFor();
    expect(await page.locator('#f-townshipCode').inputValue()).toBe(TOWNSHIP);
    await fillField(page, 'name', '王某某');
    await fillField(page, 'idNumber', over.idNumber ?? ID_NUMBER);
    await choose(page, '城乡', '城市');
    await choose(page, '救助类型', '急难型');
    await page.locator('#f-amount').fill(over.amount);
    await fillField(page, 'description', '家中突发火灾，生活用品损毁');
    if (over.complex) await page.locator('[data-test=field-complex] .el-checkbox').click();
  }

  it('a small amount from 临时救助登记 to granted: the explanation, the reserve fund’s payment, the notice printed on A4', async () => {
    const page = await freshPage();
    await signIn(page, 'township.caseworker');
    // A wrong check digit: refused in the browser, under the field, in Chinese; nothing sent.
    await fillIntake(page, { amount: '800', idNumber: '410502199001011237' });
    await submit(page);
    expect(new URL(page.url()).pathname).toBe('/emergency-aid/new');
    expect(await page.locator('[data-test=field-idNumber] .el-form-item__error').innerText()).toMatch(
      /[\u4e00-\u9fa5]/,
    );
    expect(await prisma.emergencyCase.count()).toBe(0);
    await shot(page, '66-emergency-intake-refused');
    await expectAccessible(page, 'emergency intake');

    await fillField(page, 'idNumber', ID_NUMBER);
    await submitAndLand(page, /^\/emergency-aid\/[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    // Paid at once from the township's reserve fund; the explanation is due.
    await stageIs(page, '待补充情况说明');
    await expect(page.locator('[data-test=payments]').innerText()).resolves.toMatch(/800\.00[\s\S]*乡镇备用金/);
    // The township's fund (50,000.00 seeded) less this case's payment.
    expect(await page.locator('[data-test=fund-balance]').innerText()).toBe('乡镇备用金当前余额：49200.00 元');

    await openTask(page, '情况说明');
    await shot(page, '67-task-emergency-explain');
    await expectAccessible(page, 'explanation task');
    await fillField(page, 'text', '经入户核实，火灾属实，已按小额先行救助发放');
    await submitAndLand(page, new RegExp(`^/emergency-aid/${caseId}$`));
    await stageIs(page, '已办结');
    expect(await page.locator('[data-test=approved]').innerText()).toBe('800.00');
    expect(await page.locator('[data-test=paid]').innerText()).toBe('800.00');
    const notice = await page.locator('[data-test=notice]').innerText();
    expect(notice).toContain('800.00 元');
    expect(notice).not.toContain(ID_NUMBER);
    await expect(page.locator('[data-test=timeline]').innerText()).resolves.toContain('情况说明：已办结');
    await shot(page, '68-emergency-case-granted');
    await expectAccessible(page, 'emergency case');

    // The notice on an A4 sheet, opened from the case page: the bureau's letterhead, no console chrome.
    await page.locator('[data-test=print-notice]').click();
    const print = page;
    await print.locator('[data-test=notice-sheet]').waitFor();
    expect(await print.locator('[data-test=letterhead]').innerText()).toBe('文峰区民政局');
    await expect(print.locator('[data-test=notice-sheet]').innerText()).resolves.toContain('800.00 元');
    expect(await print.locator('[data-test=menu]').count()).toBe(0);
    await print.emulateMedia({ media: 'print' });
    expect(await print.locator('[data-test=print]').isVisible()).toBe(false);
    const width = await print.locator('[data-test=notice-sheet]').evaluate((e) => e.getBoundingClientRect().width);
    expect(Math.round(width)).toBe(794); // 210 mm at 96 dpi
    await print.emulateMedia({ media: 'screen' });
    await print.screenshot({ path: join(SHOTS, '69-notice-print.png'), fullPage: true });
    await expectAccessible(print, 'notice print view');
    await print.locator('[data-test=back]').click();
    await page.locator('[data-test=notice]').waitFor();
    await page.context().close();
  });

  it('a complex case through 一事一议: convened with two member units, their opinions, the chair’s decision', async () => {
    const tc = await freshPage();
    await signIn(tc, 'township.caseworker');
    await fillIntake(tc, { amount: '5000', complex: true });
    await submitAndLand(tc, /^\/emergency-aid\/[0-9a-f-]{36}$/);
    await stageIs(tc, '一事一议');
    await tc.context().close();

    const chair = await freshPage();
    await signIn(chair, 'county.supervisor');
    await openTask(chair, '召集一事一议');
    // One member unit is too few: refused in the browser, the row kept.
    await chair.getByLabel('第 1 行联络员用户编号').fill(MEMBERS[0]!.userId);
    await choose(chair, '第 1 行成员单位', MEMBERS[0]!.department);
    await submit(chair);
    expect(await chair.locator('[data-test=field-members] .el-form-item__error').innerText()).toMatch(
      /[\u4e00-\u9fa5]/,
    );
    await chair.locator('[data-test=add-members]').click();
    await chair.getByLabel('第 2 行联络员用户编号').fill(MEMBERS[1]!.userId);
    await choose(chair, '第 2 行成员单位', MEMBERS[1]!.department);
    await shot(chair, '70-task-deliberation-convene');
    await expectAccessible(chair, 'convene task');
    await submitAndLand(chair, /^\/deliberations\/[0-9a-f-]{36}$/);
    const deliberationPath = new URL(chair.url()).pathname;
    await stageIs(chair, '征求意见');
    expect(await chair.locator('[data-test=opinions]').innerText()).toMatch(
      /民政[\s\S]*未发表[\s\S]*卫生健康[\s\S]*未发表/,
    );

    for (const [i, m] of MEMBERS.entries()) {
      const liaison = await freshPage();
      await signIn(liaison, m.username);
      await openTask(liaison, '部门意见');
      await choose(liaison, '意见', '同意');
      await fillField(liaison, 'comment', `${m.department}部门同意给予救助`);
      if (i === 0) {
        await shot(liaison, '71-task-deliberation-opinion');
        await expectAccessible(liaison, 'opinion task');
      }
      await submitAndLand(liaison, new RegExp(`^${deliberationPath}$`));
      await liaison.context().close();
    }

    await openTask(chair, '一事一议决定');
    await choose(chair, '决定', '同意救助');
    await chair.getByLabel('第 1 行事项').fill('临时救助金');
    await chair.getByLabel('第 1 行金额（元）').fill('5000');
    await choose(chair, '第 1 行责任单位', '民政');
    await fillDate(chair, chair.getByRole('combobox', { name: '第 1 行落实期限' }), '2026-12-31');
    await fillField(chair, 'reason', '成员单位一致同意，由民政部门发放临时救助金');
    await shot(chair, '72-task-deliberation-decide');
    await expectAccessible(chair, 'decision task');
    await submitAndLand(chair, new RegExp(`^${deliberationPath}$`));
    await until(
      'the decision on the page',
      async () => {
        await chair.reload();
        await chair.locator('[data-test=deliberation-meta]').waitFor();
        return (await chair.locator('[data-test=outcome]').count()) > 0;
      },
      60_000,
    );
    expect(await chair.locator('[data-test=outcome]').innerText()).toBe('同意救助');
    const opinions = await chair.locator('[data-test=opinions]').innerText();
    expect(opinions).toContain('民政部门同意给予救助');
    expect(opinions).toContain('卫生健康部门同意给予救助');
    await expect(chair.locator('[data-test=measures]').innerText()).resolves.toMatch(/临时救助金[\s\S]*5000\.00/);
    await shot(chair, '73-deliberation');
    await expectAccessible(chair, 'deliberation');
    await chair.context().close();
  });

  it('a recheck’s investigation recorded from the inbox; the decision step follows; the case’s decision notice printed', async () => {
    const { recheckId } = await recheckRunning();
    const page = await freshPage();
    await signIn(page, 'township.caseworker');
    await openTask(page, '复核调查');
    // Without the findings: refused in the browser.
    await submit(page);
    expect(await page.locator('[data-test=field-findings] .el-form-item__error').innerText()).toMatch(
      /[\u4e00-\u9fa5]/,
    );
    await fillField(page, 'findings', '入户复核：家庭收入未变化');
    await page.locator('[data-test=field-homeVisit] .el-checkbox').click();
    await shot(page, '74-task-recheck-investigate');
    await expectAccessible(page, 'recheck investigation');
    await submitAndLand(page, /^\/cases\/[0-9a-f-]{36}$/);
    const investigated = await prisma.auditLog.findFirst({
      where: { targetType: 'Recheck', targetId: recheckId, action: 'RECHECK_INVESTIGATED' },
    });
    expect(investigated).toMatchObject({ actorId: 'demo-township-caseworker', reason: '入户复核：家庭收入未变化' });
    // The case's decision notice, printed from its page.
    await page.locator('[data-test=print-notice-0]').click();
    await page.locator('[data-test=notice-sheet]').waitFor();
    expect(await page.locator('[data-test=notice-sheet] h1').innerText()).toBe('审核确认通知书');
    expect(await page.locator('[data-test=letterhead]').innerText()).toBe('文峰区民政局');
    await expect(page.locator('[data-test=notice-sheet]').innerText()).resolves.toContain('每月 660.00 元');
    await page.screenshot({ path: join(SHOTS, '76-notice-print-decision.png'), fullPage: true });
    await expectAccessible(page, 'decision notice print view');
    await until(
      'the decision step',
      async () =>
        (await prisma.task.count({ where: { workflowId: recheckWorkflowId(recheckId), type: 'RECHECK_DECIDE' } })) ===
        1,
      60_000,
    );
    await page.context().close();
  });

  it('提请一事一议 from the 督办看板: members refused in the browser until two, then the new 一事一议 opens', async () => {
    const activities = createTaskActivities({ prisma });
    const id = randomUUID();
    const escalation: TaskSpec = {
      taskId: id,
      taskKey: 'ESCALATION#1',
      type: 'ESCALATION',
      applicationId: null,
      caseKind: 'EMERGENCY',
      caseId: randomUUID(),
      workflowId: `console-processes-${id}`,
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: COUNTY,
      countyCode: COUNTY,
      townshipCode: TOWNSHIP,
      priority: 0,
      dueAt: new Date(Date.now() - 86_400_000).toISOString(),
      dueProvisional: false,
      escalationKind: 'OVERDUE_STEP',
      reason: '审核环节超过办理时限未办结',
    };
    await activities.openTask(escalation);
    const page = await freshPage();
    await signIn(page, 'county.supervisor');
    await page.locator('[data-test=menu-escalations]').click();
    const row = page.locator('[data-test=escalations] .el-table__row', { hasText: '审核环节超过办理时限未办结' });
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[data-test=deliberate]').click();
    await page.locator('[data-test=escalation-action]').waitFor();
    await fillField(page, 'question', '该户因病致贫，需医保、民政共同研究救助措施');
    await fillField(page, 'reason', '超出单一部门职责');
    await submit(page);
    expect(await page.locator('[data-test=field-members] .el-form-item__error').innerText()).toMatch(/[\u4e00-\u9fa5]/);
    for (const [i, m] of MEMBERS.entries()) {
      if (i > 0) await page.locator('[data-test=add-members]').click();
      await page.getByLabel(`第 ${i + 1} 行联络员用户编号`).fill(m.userId);
      await choose(page, `第 ${i + 1} 行成员单位`, m.department);
    }
    await shot(page, '75-escalation-deliberate');
    await expectAccessible(page, 'escalation board: 提请一事一议');
    await submitAndLand(page, /^\/deliberations\/[0-9a-f-]{36}$/);
    await page.locator('[data-test=question]').waitFor();
    expect(await page.locator('[data-test=question]').innerText()).toBe('该户因病致贫，需医保、民政共同研究救助措施');
    expect(await prisma.task.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DONE' });
    await page.context().close();
  });

  /** An enrolled case of the seeded household (its rows) and a recheck of it running on the launcher's worker. */
  async function recheckRunning(): Promise<{ recheckId: string }> {
    const applicationId = randomUUID();
    const enrolledCaseId = randomUUID();
    const recheckId = randomUUID();
    await prisma.application.create({
      data: {
        id: applicationId,
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `determination-${applicationId}`,
        townshipCode: TOWNSHIP,
        countyCode: COUNTY,
        submittedBy: 'test',
        facts: ENROLMENT_FACTS as object,
      },
    });
    await prisma.notice.create({
      data: {
        applicationId,
        noticeKey: 'DECISION',
        kind: 'DECISION_APPROVED',
        text: '经审核确认，您家庭符合最低生活保障条件，自 2026 年 1 月起每月 660.00 元。',
      },
    });
    await prisma.enrolledCase.create({
      data: {
        id: enrolledCaseId,
        applicationId,
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        monthlyAmount: '660.00',
        membersIncluded: ['p1', 'p2'],
        startMonth: '2026-01',
        countyCode: COUNTY,
        townshipCode: TOWNSHIP,
        status: 'RECHECKING',
      },
    });
    await prisma.recheck.create({
      data: {
        id: recheckId,
        enrolledCaseId,
        workflowId: recheckWorkflowId(recheckId),
        reason: 'PERIODIC',
        status: 'INVESTIGATE',
      },
    });
    const input: RecheckInput = {
      recheckId,
      enrolledCaseId,
      applicationId,
      category: 'MINIMUM_LIVING',
      countyCode: COUNTY,
      townshipCode: TOWNSHIP,
      villageCode: `${TOWNSHIP}001`,
      reason: 'PERIODIC',
      currentAmount: 660,
      inPhaseOut: false,
    };
    const connection = await Connection.connect({ address: `127.0.0.1:${launcher.ports.temporal}` });
    try {
      await new Client({ connection }).workflow.start('recheckWorkflow', {
        taskQueue: 'safetynet',
        workflowId: recheckWorkflowId(recheckId),
        args: [input],
      });
    } finally {
      await connection.close();
    }
    return { recheckId };
  }
});
