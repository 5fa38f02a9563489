import type { Page } from 'playwright-core';
import { until } from './launcher';

/** How long a form that closed without moving the page is given to finish what follows its answer. */
const CLOSED_SETTLE_MS = 1_000;

/**
 * Clicks the page's submit button and waits until its form (ActionFormPanel) has answered:
 * the form's `data-attempts` grew (refused, or sent and still shown), or the form left the
 * page and the console moved on (a new address) or settled (a dialog closed where it stands).
 * It follows the clicked form itself, never "the form on the page": the page a step leads to
 * may hold a form of its own (the case page's 诚信记录), whose count says nothing about this one.
 */
export async function submitActionForm(page: Page, timeoutMs: number): Promise<void> {
  const button = page.locator('[data-test=submit]');
  const form = await button.locator('xpath=ancestor::*[@data-test="action-form"][1]').elementHandle();
  if (!form) throw new Error('the submit button is not inside an action form');
  const attempts = async () => Number(await form.getAttribute('data-attempts'));
  const before = await attempts();
  const address = page.url();
  let closedAt: number | null = null;
  await button.click();
  await until(
    'the form to answer',
    async () => {
      if (await form.evaluate((el) => el.isConnected).catch(() => false)) return (await attempts()) > before;
      closedAt ??= Date.now();
      return page.url() !== address || Date.now() - closedAt >= CLOSED_SETTLE_MS;
    },
    timeoutMs,
  );
}

/**
 * Picks an option of an Element Plus select by its accessible name, in that select's own list
 * (the lists of a table's rows stay in the page with the same options); opened again if a
 * click landed while another list was closing.
 */
export async function chooseOption(page: Page, select: string, option: string): Promise<void> {
  const list = page.getByRole('listbox', { name: select, exact: true });
  await until(
    `the list of ${select} open`,
    async () => {
      if (!(await list.isVisible()))
        await page.getByRole('combobox', { name: select, exact: true }).click({ force: true });
      await page.waitForTimeout(200);
      return list.isVisible();
    },
    15_000,
  );
  await list.getByRole('option', { name: option, exact: true }).click();
}
