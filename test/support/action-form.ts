import type { Page } from 'playwright-core';
import { until } from './launcher';

/**
 * Clicks the page's submit button and waits until its form (ActionFormPanel) has answered:
 * the form's `data-attempts` grew (refused, or sent and still shown), or the form left the
 * page (sent, and the console moved on). It follows the clicked form itself, never "the form
 * on the page": the page a step leads to may hold a form of its own (the case page's
 * 诚信记录), whose count says nothing about this one.
 */
export async function submitActionForm(page: Page, timeoutMs: number): Promise<void> {
  const button = page.locator('[data-test=submit]');
  const form = await button.locator('xpath=ancestor::*[@data-test="action-form"][1]').elementHandle();
  if (!form) throw new Error('the submit button is not inside an action form');
  const attempts = async () => Number(await form.getAttribute('data-attempts'));
  const before = await attempts();
  await button.click();
  await until(
    'the form to answer',
    async () => !(await form.evaluate((el) => el.isConnected).catch(() => false)) || (await attempts()) > before,
    timeoutMs,
  );
}
