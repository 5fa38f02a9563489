import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/dev/data-dir';
import { until } from './launcher';

// What every browser suite does the same way: Debian's headless Chromium, a page as staff in
// Anyang see it, sign-in with the login page's demo buttons, and screenshots kept in docs/.

/** Where the suites keep their screenshots (docs/screenshots/NN-….png). */
export const SHOTS = join(PROJECT_ROOT, 'docs', 'screenshots');

/** Debian's chromium, headless, without the background traffic a test machine cannot reach. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh browser profile (cold cache, nothing stored) on the login page: 1366 × 900, Chinese,
 * China Standard Time, downloads kept. A script error or a console error or warning in the
 * page is printed, so the step that then waits in vain says why.
 */
export async function openPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error(`page console: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/login`);
  return page;
}

/** Signs in with one click on the demo user's row; resolves, with the click's time, when the landing screen has loaded. */
export async function signIn(page: Page, username: string): Promise<number> {
  await page.locator(`[data-test="login-${username}"]`).click();
  const clicked = Date.now();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('[data-test=menu]').waitFor();
  return clicked;
}

/** The screen from its top (the content pane scrolls on its own), without a toast over it. */
export async function shot(page: Page, name: string): Promise<void> {
  await until('the toasts gone', async () => (await page.locator('.el-message').count()) === 0, 15_000);
  await page.locator('h1').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
