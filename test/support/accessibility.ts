import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { until } from './launcher';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What the test uses of axe-core once injected into the page. */
interface Axe {
  run(
    context: unknown,
    options: object,
  ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
}

/**
 * axe-core in the page: no serious or critical violation on `screen`. It first waits for what
 * is passing rather than on the screen: a toast fading in or out (measured as too faint) and a
 * date picker's panel still closing (Element Plus shows it as a dialog without a name).
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await until('the toasts gone', async () => (await page.locator('.el-message').count()) === 0, 15_000);
  await until(
    'the date panels closed',
    async () => (await page.locator('.el-picker__popper').filter({ visible: true }).count()) === 0,
    15_000,
  );
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    // The page's globals, named without the DOM library (this file compiles for Node).
    const page = globalThis as unknown as { axe: Axe; document: unknown };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

/** Types a date (or month) into an Element Plus picker and moves away, so its panel closes. */
export async function fillDate(page: Page, field: string | Locator, value: string): Promise<void> {
  const input = typeof field === 'string' ? page.locator(field) : field;
  await input.fill(value);
  await input.press('Enter');
  await page.locator('h1').first().click();
}
