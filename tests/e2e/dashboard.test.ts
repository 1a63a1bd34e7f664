/**
 * The dashboard in Debian Chromium against the real platform (in-process, memory-only, demo fleet):
 * each role signs in and sees exactly what it may see; English switch; live updates; charts drawn.
 * Needs `npm run build:web` first (web/dist) and /usr/bin/chromium (apt-get install chromium).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetOverview, SiteList } from '../../src/contract/api.js';
import { login } from './support/browser.js';
import { skipWithoutChromium, startE2eRig, type E2eRig } from './support/rig.js';

interface Credential { username: string; password: string; role: string }
interface Platform { url: string; demoCredentials: readonly Credential[]; close(): Promise<void> }

const ADMIN = { username: 'admin', password: 'e2e-admin-password-0123', role: 'admin' };
const skip = skipWithoutChromium('dashboard');

describe.skipIf(skip)('dashboard in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let rig: E2eRig | undefined;
  const pageErrors: string[] = [];
  const creds = (role: string): Credential => {
    const c = role === 'admin' ? ADMIN : platform.demoCredentials.find((x) => x.role === role);
    if (!c) throw new Error(`the demo has no ${role} login`);
    return c;
  };

  /** What the API itself lets a user see: the UI must show exactly this. One login per user (logins are rate-limited). */
  const apiSessions = new Map<string, Promise<{ get: <T>(path: string) => Promise<{ status: number; body: T }> }>>();
  const apiAs = (c: Credential) => {
    let s = apiSessions.get(c.username);
    if (!s) apiSessions.set(c.username, (s = apiLogin(c)));
    return s;
  };
  const apiLogin = async (c: Credential) => {
    const res = await fetch(`${platform.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: c.username, password: c.password }) });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
      const r = await fetch(`${platform.url}/api/v1${path}`, { headers: { cookie } });
      return { status: r.status, body: (await r.json()) as T };
    };
    return { get };
  };

  const open = async (role: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    rig?.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${role}: ${e.message}`));
    const c = creds(role);
    await login(page, platform.url, c.username, c.password, lang);
    return page;
  };
  const villageRows = async (page: Page): Promise<string[]> => {
    await page.getByTestId('village-table').locator('tbody tr.ant-table-row').first().waitFor();
    return (await page.getByTestId('village-link').allInnerTexts()).sort();
  };
  const menuKeys = async (page: Page): Promise<string[]> =>
    (await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).sort();

  beforeAll(async () => {
    rig = await startE2eRig({ demoSpeed: 600, adminPassword: ADMIN.password });
    ({ platform, browser } = rig);
  }, 180_000);

  afterAll(async () => rig?.close());

  it('sends a visitor without a session to the login page and rejects a wrong password', async () => {
    const ctx = await browser.newContext();
    rig?.contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${platform.url}/sites`);
    await page.getByTestId('login-card').waitFor();
    expect(page.url()).toContain('/login?next=%2Fsites');
    await page.getByTestId('login-username').fill('regulator');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('用户名或密码错误');
  });

  it('admin sees the whole fleet, every menu, the import form', async () => {
    const page = await open('admin');
    const api = await apiAs(ADMIN);
    const overview = (await api.get<FleetOverview>('/fleet/overview')).body;
    expect(await villageRows(page)).toEqual(overview.villages.map((v) => v.nameZh ?? v.name).sort());
    await expect(page.getByTestId('kpi-sites').innerText()).resolves.toContain(String(overview.totals.sites));
    expect(await menuKeys(page)).toEqual(['nav-audit', 'nav-dead-letters', 'nav-demand-response', 'nav-dispatch', 'nav-overview', 'nav-performance', 'nav-post-evaluation', 'nav-registry', 'nav-sites']);
    await page.getByTestId('nav-registry').click();
    await page.getByTestId('registry-table-sites').waitFor();
    await page.getByTestId('import-form').waitFor();
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-page').waitFor();
  });

  it('regulator sees every village read-only: export links, no import form, no operations menus', async () => {
    const page = await open('regulator');
    const all = (await (await apiAs(ADMIN)).get<FleetOverview>('/fleet/overview')).body.villages.map((v) => v.nameZh ?? v.name).sort();
    expect(await villageRows(page)).toEqual(all);
    expect(await menuKeys(page)).toEqual(['nav-demand-response', 'nav-dispatch', 'nav-overview', 'nav-performance', 'nav-post-evaluation', 'nav-registry', 'nav-sites']);
    await page.getByTestId('nav-registry').click();
    await page.getByTestId('registry-table-sites').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('export-links').count()).toBe(1);
    expect(await page.getByTestId('import-form').count()).toBe(0);
    await page.goto(`${platform.url}/audit`);
    await page.getByTestId('not-found').waitFor();
  });

  it.each(['operator-admin', 'technician'])('%s sees only its company’s villages and sites', async (role) => {
    const page = await open(role);
    const mine = await apiAs(creds(role));
    const own = (await mine.get<FleetOverview>('/fleet/overview')).body;
    const all = (await (await apiAs(ADMIN)).get<FleetOverview>('/fleet/overview')).body;
    const shown = await villageRows(page);
    expect(shown).toEqual(own.villages.map((v) => v.nameZh ?? v.name).sort());
    expect(own.totals.sites).toBeGreaterThan(0);
    expect(own.totals.sites).toBeLessThan(all.totals.sites);

    // The site list pages through exactly the caller's sites, and a foreign site is "not found".
    await page.getByTestId('nav-sites').click();
    await page.getByTestId('site-link').first().waitFor();
    const total = (await mine.get<SiteList>('/sites?pageSize=500')).body;
    await expect(page.locator('.ant-pagination-total-text').innerText()).resolves.toContain(String(total.total));
    const everyone = (await (await apiAs(ADMIN)).get<SiteList>('/sites?pageSize=500')).body.items;
    const foreign = everyone.find((s) => !total.items.some((m) => m.id === s.id));
    expect(foreign).toBeDefined();
    await page.goto(`${platform.url}/sites/${foreign!.id}`);
    await page.getByTestId('not-found').waitFor();

    const menus = await menuKeys(page);
    if (role === 'operator-admin') {
      expect(menus).toEqual(['nav-audit', 'nav-dead-letters', 'nav-demand-response', 'nav-dispatch', 'nav-overview', 'nav-performance', 'nav-post-evaluation', 'nav-registry', 'nav-sites']);
      await page.goto(`${platform.url}/registry`);
      await page.getByTestId('import-form').waitFor();
    } else {
      expect(menus).toEqual(['nav-demand-response', 'nav-dispatch', 'nav-overview', 'nav-performance', 'nav-post-evaluation', 'nav-registry', 'nav-sites']);
      await page.goto(`${platform.url}/registry`);
      await page.getByTestId('registry-page').waitFor();
      expect(await page.getByTestId('import-form').count()).toBe(0);
    }
  });

  it('household lands on its own home, sees no fleet pages, and cannot open another site', async () => {
    const page = await open('household');
    await page.getByTestId('warmth-card').waitFor();
    const ownId = await page.getByTestId('site-page').getAttribute('data-site-id');
    expect(page.url()).toBe(`${platform.url}/sites/${ownId}`);
    expect(await menuKeys(page)).toEqual(['nav-home']);
    await expect(page.getByTestId('home-indoor').innerText()).resolves.toMatch(/\d+\.\d\s*°C/);

    const other = (await (await apiAs(ADMIN)).get<SiteList>('/sites?pageSize=5')).body.items.find((s) => s.id !== ownId);
    await page.goto(`${platform.url}/sites/${other!.id}`);
    await page.getByTestId('not-found').waitFor();
    await page.goto(`${platform.url}/`);
    await page.getByTestId('warmth-card').waitFor();
    expect(page.url()).toBe(`${platform.url}/sites/${ownId}`);
    await page.goto(`${platform.url}/registry`);
    await page.getByTestId('not-found').waitFor();
  });

  it('switches to English and remembers the choice', async () => {
    const page = await open('regulator');
    await expect(page.getByTestId('nav-overview').innerText()).resolves.toBe('总览');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect(page.getByTestId('nav-overview').innerText()).resolves.toBe('Overview');
    await expect(page.getByTestId('kpi-online').innerText()).resolves.toContain('Online');
    await page.reload();
    await page.getByTestId('main-menu').waitFor();
    await expect(page.getByTestId('nav-sites').innerText()).resolves.toBe('Sites');
  });

  it('draws the site charts and updates live values within seconds', async () => {
    const page = await open('operator-admin');
    await page.getByTestId('village-link').first().click();
    await page.getByTestId('site-link').first().click();
    const history = page.getByTestId('history-chart');
    await history.locator('canvas').waitFor();
    await expect.poll(async () => Number(await history.getAttribute('data-series-count')), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await page.getByTestId('live-chart').locator('canvas').waitFor();
    await expect(page.getByTestId('history-card').innerText()).resolves.toMatch(/北京时间/);

    // Simulated time runs fast: the platform clock and the reading time move on screen.
    const clock0 = await page.getByTestId('platform-clock').innerText();
    const ts0 = await page.getByTestId('latest-ts').innerText();
    await expect.poll(() => page.getByTestId('platform-clock').innerText(), { timeout: 15_000 }).not.toBe(clock0);
    await expect.poll(() => page.getByTestId('latest-ts').innerText(), { timeout: 20_000 }).not.toBe(ts0);

    await page.getByTestId('period-picker').getByText('7 天').click();
    await expect(page.getByTestId('history-card').innerText()).resolves.toContain('小时均值');
  });

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
