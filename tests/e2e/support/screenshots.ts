/**
 * Screenshots of every page in zh-CN and en into tests/.tmp/, for a human (or agent) to look at:
 *   npx tsx tests/e2e/support/screenshots.ts            (starts the real platform with a small demo fleet)
 *   BASE_URL=http://127.0.0.1:8080 USERS=admin:pw,household:pw npx tsx tests/e2e/support/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { launchChromium, login } from './browser.js';
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
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  await platform?.close();
}
console.log('screenshots in tests/.tmp/');
