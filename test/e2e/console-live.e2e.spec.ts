import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { TaskSpec } from '../../src/core/contracts/task';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createTaskActivities, type TaskActivities } from '../../src/tasks/task.activities';
import { chooseOption, submitActionForm } from '../support/action-form';
import { buildOnce, startLauncher, until, type Launcher } from '../support/launcher';
import { launchBrowser, openPage, shot, signIn } from '../support/console-browser';
import { expectAccessible } from '../support/accessibility';

// The console's live side in Debian's headless Chromium against `npm start` for real: a task
// opened by another process (the task activity, as the worker runs it) appears in an open inbox
// without a reload, the header's bell counts its notification and leads to the task, and the
// county supervisor's 督办看板 lists an escalation that the supervisor takes and settles (an
// empty reason refused in the browser, an unknown assignee by the API, in Chinese) under its summary
// of SLA states; the auditor pages through the board and a new filter lists from page 1. axe-core on
// each screen, a screenshot of each (docs/screenshots/46-…).

jest.setTimeout(900_000);

const TOWNSHIP = '410502002';
const DAY = 24 * 3600_000;

describe('staff console: live inbox, notifications and the supervisor board in a real browser', () => {
  let launcher: Launcher;
  let browser: Browser;
  let prisma: PrismaClient;
  let activities: TaskActivities;

  const spec = (over: Partial<TaskSpec>): TaskSpec => {
    const id = randomUUID();
    return {
      taskId: id,
      taskKey: 'EXPLAIN#1',
      type: 'EXPLAIN',
      applicationId: null,
      caseKind: 'EMERGENCY',
      caseId: randomUUID(),
      workflowId: `console-live-${id}`,
      candidateRole: 'TOWNSHIP_CASEWORKER',
      jurisdiction: TOWNSHIP,
      countyCode: TOWNSHIP.slice(0, 6),
      townshipCode: TOWNSHIP,
      priority: 0,
      dueAt: new Date(Date.now() + 3 * DAY).toISOString(),
      dueProvisional: false,
      ...over,
    };
  };

  const freshPage = () => openPage(browser, launcher.baseUrl);

  beforeAll(async () => {
    await buildOnce();
    launcher = await startLauncher({ SAFETYNET_DRILL: 'true' });
    prisma = createPrismaClient(launcher.databaseUrl);
    activities = createTaskActivities({ prisma });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await prisma?.$disconnect();
    await launcher?.stop();
  });

  async function fillField(page: Page, key: string, value: string) {
    await page.locator(`[data-test="field-${key}"] textarea, [data-test="field-${key}"] input`).first().fill(value);
  }

  async function submit(page: Page): Promise<void> {
    await submitActionForm(page, 30_000);
  }

  /** The messages under the fields (rendered a tick after the form's answer). */
  async function fieldErrors(page: Page): Promise<string[]> {
    await page.locator('.el-form-item__error').first().waitFor();
    return page.locator('.el-form-item__error').allInnerTexts();
  }

  const unread = async (page: Page) => Number(await page.locator('[data-test=bell]').getAttribute('data-unread'));

  it('shows a task opened by another process in an open inbox without reload, and its notification on the bell', async () => {
    const page = await freshPage();
    await signIn(page, 'township.caseworker');
    await page.locator('[data-test=live]').waitFor();
    // Set on this page only: gone if the page were loaded again.
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    const rows = page.locator('[data-test=inbox] .el-table__row', { hasText: '情况说明' });
    const before = await rows.count();
    const bellBefore = await unread(page);

    const task = spec({});
    await activities.openTask(task);

    await until('the new task in the inbox', async () => (await rows.count()) === before + 1, 20_000);
    await until('the bell counting it', async () => (await unread(page)) > bellBefore, 20_000);
    const counted = await unread(page);
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expectAccessible(page, 'live inbox');
    await shot(page, '46-inbox-live');

    await page.locator('[data-test=bell] button').click();
    const item = page.locator('[data-test=notification][data-read=false]').first();
    await item.waitFor();
    // The drop-down fades in: axe measures text caught mid-fade as too faint.
    await page.waitForTimeout(600);
    expect(await item.innerText()).toMatch(/新待办[\s\S]*情况说明[\s\S]*新的待办事项/);
    await expectAccessible(page, 'notifications');
    await shot(page, '47-notifications');

    await item.click();
    await page.waitForURL((url) => url.pathname === `/tasks/${task.taskId}`);
    await until('the notification read', async () => (await unread(page)) < counted, 15_000);
    await page.context().close();
  });

  it('lists an escalation on the 督办看板; the county supervisor takes it and settles it, refusals in Chinese', async () => {
    const escalation = spec({
      type: 'ESCALATION',
      taskKey: 'ESCALATION#1',
      candidateRole: 'COUNTY_SUPERVISOR',
      jurisdiction: '410502',
      escalationKind: 'OVERDUE_STEP',
      reason: '受理审查超过办理时限未办结',
      dueAt: new Date(Date.now() - DAY).toISOString(),
      caseKind: 'EMERGENCY',
    });
    const page = await freshPage();
    await signIn(page, 'county.supervisor');
    await page.locator('[data-test=menu-escalations]').click();
    const row = page.locator('[data-test=escalations] .el-table__row', { hasText: '受理审查超过办理时限未办结' });
    await page.locator('[data-test=escalations-page]').waitFor();
    // Opened while the board is open: it appears without a reload.
    await activities.openTask(escalation);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-test=sla]').innerText()).toBe('已超期');
    expect(await row.innerText()).toMatch(/办理环节超期[\s\S]*文峰区[\s\S]*起超期/);
    // Above the table, the open items per SLA state; below it, the pager.
    await until(
      'the summary counts it',
      async () => /^已超期 [1-9]\d* 项$/.test(await page.locator('[data-test=sla-count-BREACHED]').innerText()),
      15_000,
    );
    expect(await page.locator('[data-test=sla-counts]').innerText()).toMatch(
      /已超期 \d+ 项\s*即将到期 \d+ 项\s*按期 \d+ 项/,
    );
    expect(await page.locator('[data-test=pager]').innerText()).toMatch(/共 [1-9]\d* 条/);
    await expectAccessible(page, 'escalation board');
    await shot(page, '48-escalations');

    await row.locator('[data-test=take]').click();
    await until('taken', async () => (await row.innerText()).includes('本人'), 15_000);

    // An unknown assignee: the API's refusal, in Chinese, in the form.
    await row.locator('[data-test=reassign]').click();
    await fillField(page, 'assignee', 'no-such-user');
    await fillField(page, 'reason', '由分管主管接办');
    await submit(page);
    const refusal = await page.locator('[data-test=refusal]').innerText();
    expect(refusal).toMatch(/接办人员不符合要求/);
    expect(await fieldErrors(page)).toEqual(
      expect.arrayContaining([expect.stringMatching(/用户 no-such-user 不存在/)]),
    );
    await page.locator('[data-test=cancel]').click();

    // Settled: refused in the browser without a reason, then accepted.
    await row.locator('[data-test=decide]').click();
    await page.locator('[data-test=field-reason]').waitFor();
    await submit(page);
    await page.locator('[data-test=refusal]').waitFor();
    expect(await fieldErrors(page)).toEqual(expect.arrayContaining([expect.stringMatching(/须填写处理理由/)]));
    await expectAccessible(page, 'escalation decision refused');
    await shot(page, '49-escalation-decide-refused');
    await fillField(page, 'reason', '已督促乡镇经办人当日办结');
    await submit(page);
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const task = await prisma.task.findUniqueOrThrow({ where: { id: escalation.taskId } });
    expect(task).toMatchObject({ status: 'DONE', outcome: 'RESOLVE', completedBy: 'demo-county-supervisor' });
    await page.context().close();
  });

  it('shows the auditor the board without its actions, a page at a time; a new filter lists from page 1', async () => {
    // More open escalations than a page holds (20), in a county of the auditor's city.
    const county = '410527';
    for (let i = 0; i < 21; i++)
      await activities.openTask(
        spec({
          type: 'ESCALATION',
          taskKey: 'ESCALATION#1',
          candidateRole: 'COUNTY_SUPERVISOR',
          jurisdiction: county,
          countyCode: county,
          townshipCode: `${county}001`,
          escalationKind: 'FOLLOW_UP_OVERDUE',
          reason: '落实情况未按期反馈',
          dueAt: new Date(Date.now() + 10 * DAY).toISOString(),
        }),
      );
    const page = await freshPage();
    await signIn(page, 'auditor');
    await page.locator('[data-test=menu-escalations]').click();
    await page.locator('[data-test=escalations-page][data-loads="1"]').waitFor();
    expect(await page.locator('[data-test=take], [data-test=decide], [data-test=reassign]').count()).toBe(0);
    expect(await page.locator('[data-test=bell]').count()).toBe(1);
    const rows = page.locator('[data-test=escalations] .el-table__row');
    const active = page.locator('[data-test=pager] .el-pager .is-active');
    expect(await rows.count()).toBe(20);
    expect(await page.locator('[data-test=sla-count-ON_TIME]').innerText()).toMatch(
      /^按期 (2[1-9]|[3-9]\d|\d{3,}) 项$/,
    );

    await page.locator('[data-test=pager] .el-pager li', { hasText: /^2$/ }).click();
    await page.locator('[data-test=escalations-page][data-loads="2"]').waitFor();
    expect(await active.innerText()).toBe('2');
    expect(await rows.count()).toBeGreaterThan(0);

    await chooseOption(page, '时限状态', '按期');
    await page.locator('[data-test=escalations-page][data-loads="3"]').waitFor();
    expect(await active.innerText()).toBe('1');
    expect(await rows.count()).toBe(20);
    await expectAccessible(page, 'escalation board, filtered');
    await prisma.task.deleteMany({ where: { countyCode: county, type: 'ESCALATION' } });
    await page.context().close();
  });
});
