/**
 * Screenshots of every page in zh-CN and en into tests/.tmp/, for a human (or agent) to look at:
 *   npx tsx tests/e2e/support/screenshots.ts            (starts the real platform with a small demo fleet)
 *   BASE_URL=http://127.0.0.1:8080 USERS=admin:pw,household:pw npx tsx tests/e2e/support/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { launchChromium, login } from './browser.js';
import { prepareDispatchDemo, type DispatchDemo } from './dispatch-setup.js';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '../../../src/main/platform.js';

const platform = process.env.BASE_URL
  ? null
  : await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 30, logLevel: 'silent', adminPassword: 'screenshot-admin-pw', webDir: fileURLToPath(new URL('../../../web/dist', import.meta.url)), env: {} });
await platform?.demo?.ready;
const base = process.env.BASE_URL ?? platform!.url;
const fromDemo = platform ? ['admin:screenshot-admin-pw', ...platform.demoCredentials.filter((c) => ['operator', 'household'].includes(c.username)).map((c) => `${c.username}:${c.password}`)].join(',') : '';
const users = (process.env.USERS ?? fromDemo).split(',').map((s) => s.split(':') as [string, string]);
mkdirSync('tests/.tmp', { recursive: true });
// Dispatch and demand response (issue 6) need a plan, commands and an event: made once, as the operator.
const operatorLogin = users.find(([u]) => u === 'operator');
const dispatchDemo: DispatchDemo | null = operatorLogin ? await prepareDispatchDemo(base, operatorLogin[0], operatorLogin[1]) : null;
const browser = await launchChromium();
try {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const [username, password] of users) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: lang });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.error(`[${username} ${lang}] page error:`, e.message));
      await login(page, base, username, password, lang);
      const shot = async (name: string) => {
        await page.waitForTimeout(1500);
        await page.screenshot({ path: `tests/.tmp/${username}-${name}-${lang}.png`, fullPage: true });
      };
      if (page.url().includes('/sites/')) {
        await page.locator('[data-testid="my-season-spf"], [data-testid="my-season-no-data"]').first().waitFor({ timeout: 180_000 });
        await shot('home');
      } else {
        await shot('overview');
        await page.goto(`${base}/sites`);
        await page.getByTestId('site-table').waitFor();
        await shot('sites');
        await page.getByTestId('site-link').first().click();
        await page.getByTestId('history-chart').waitFor();
        await shot('site');
        await page.goto(`${base}/registry`);
        await shot('registry');
        await page.goto(`${base}/audit`);
        await shot('audit');
        if (dispatchDemo && username !== 'household') {
          await page.goto(`${base}/dispatch?villageId=${dispatchDemo.villageId}&day=${dispatchDemo.day}`);
          await page.getByTestId('transformer-card').first().locator('canvas').first().waitFor({ timeout: 120_000 });
          await shot('dispatch');
          await page.goto(`${base}/demand-response?villageId=${dispatchDemo.villageId}${dispatchDemo.eventId ? `&event=${dispatchDemo.eventId}` : ''}`);
          await page.getByTestId(dispatchDemo.eventId ? 'dr-flex-chart' : 'dr-events-table').waitFor({ timeout: 120_000 });
          await shot('demand-response');
        }
        // Performance analytics and post-evaluation (issue 5); the season reports take a while on a busy machine.
        if (username === 'admin') {
          await page.goto(`${base}/performance`);
          await page.getByTestId('perf-unit-link').first().waitFor({ timeout: 180_000 });
          await page.getByTestId('perf-distribution-chart').waitFor({ timeout: 180_000 });
          await shot('performance');
          await page.getByTestId('perf-unit-link').first().click();
          await page.getByTestId('unit-performance-page').waitFor({ timeout: 180_000 });
          await shot('unit-performance');
          for (const tab of ['shortfall', 'influence', 'rankings', 'credit', 'after-sales']) {
            await page.goto(`${base}/post-evaluation?tab=${tab}`);
            // The twin runs behind expected vs actual can outlast the wait: then the page is shot while loading.
            await page.getByTestId('report-context').first().waitFor({ timeout: 180_000 }).catch(() => console.warn(`post-evaluation ${tab}: still loading after 180 s`));
            await shot(`post-evaluation-${tab}`);
          }
        }
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  await platform?.close();
}
console.log('screenshots in tests/.tmp/');
