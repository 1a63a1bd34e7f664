/**
 * Performance analytics and post-evaluation pages in Debian Chromium against the real platform (in-process,
 * memory-only, demo fleet with two days of backfilled readings): what each role sees equals what the
 * season-report API gives that role; filters narrow, comparison shows the chosen units, English works.
 * Needs `npm run build:web` first (web/dist) and /usr/bin/chromium (apt-get install chromium).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteList } from '../../src/contract/api.js';
import type { Comparison, CreditListWire, FleetTable, InfluenceWire, RankingWire, ShortfallRankingWire, UnitReport } from '../../src/contract/season-report.js';
import { login } from './support/browser.js';
import { skipWithoutChromium, startE2eRig, type E2eRig } from './support/rig.js';

interface Credential { username: string; password: string; role: string }
interface Platform { url: string; demoCredentials: readonly Credential[]; close(): Promise<void> }

const ADMIN = { username: 'admin', password: 'e2e-admin-password-perf', role: 'admin' };
const REPORT_WAIT_MS = 180_000;
const TEST_MS = 600_000;
const poll = { timeout: REPORT_WAIT_MS, interval: 500 };
const skip = skipWithoutChromium('performance page');

describe.skipIf(skip)('performance and post-evaluation pages in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let rig: E2eRig | undefined;
  const pageErrors: string[] = [];
  const creds = (role: string): Credential => {
    const c = role === 'admin' ? ADMIN : platform.demoCredentials.find((x) => x.role === role);
    if (!c) throw new Error(`the demo has no ${role} login`);
    return c;
  };

  /** The API as the same user sees it: the pages must show exactly this. One login per user (logins are rate-limited). */
  const sessions = new Map<string, Promise<<T>(path: string) => Promise<T>>>();
  const apiAs = (c: Credential) => {
    let s = sessions.get(c.username);
    if (!s) {
      s = (async () => {
        const res = await fetch(`${platform.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: c.username, password: c.password }) });
        expect(res.status).toBe(200);
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        return async <T>(path: string): Promise<T> => {
          const r = await fetch(`${platform.url}/api/v1${path}`, { headers: { cookie } });
          expect(r.status, `${path} as ${c.username}`).toBe(200);
          return (await r.json()) as T;
        };
      })();
      sessions.set(c.username, s);
    }
    return s;
  };

  const open = async (role: string, path: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    rig?.contexts.push(ctx);
    const page = await ctx.newPage();
    // Season reports are computed on request (tens of seconds on a busy 2-core machine): wait for them, not a fixed time.
    page.setDefaultTimeout(REPORT_WAIT_MS);
    page.on('pageerror', (e) => pageErrors.push(`${role}: ${e.message}`));
    const c = creds(role);
    await login(page, platform.url, c.username, c.password, lang);
    if (path) await page.goto(`${platform.url}${path}`);
    return page;
  };
  const tableRows = (page: Page) => page.getByTestId('perf-table').locator('tbody tr.ant-table-row');
  const shownUnits = async (page: Page): Promise<string[]> => {
    await tableRows(page).first().waitFor();
    return page.getByTestId('perf-unit-link').allInnerTexts();
  };
  const shownSpfH2 = async (page: Page): Promise<(number | string)[]> =>
    page.getByTestId('perf-cell-spfH2').evaluateAll((els) => els.map((e) => (e.hasAttribute('data-value') ? Number(e.getAttribute('data-value')) : `null:${e.getAttribute('data-null-reason') ?? ''}`)));
  const apiSpfH2 = (t: FleetTable): (number | string)[] =>
    t.items.map((r) => r.values.spfH2 ?? `null:${r.status === 'no-data' ? 'no-data' : (r.spfReasons.h2 ?? 'unknown')}`);

  beforeAll(async () => {
    rig = await startE2eRig({ demoSpeed: 60, adminPassword: ADMIN.password, waitForDemo: true });
    ({ platform, browser } = rig);
  }, 180_000);

  afterAll(async () => rig?.close());

  it('regulator sees the same units and SPF H2 values as the API, each SPF column labelled with its boundary', async () => {
    const page = await open('regulator', '/performance');
    const api = await apiAs(creds('regulator'));
    const table = await api<FleetTable>('/performance/units?page=1&pageSize=20&sort=unitId&order=asc');
    expect(table.items.length).toBeGreaterThan(0);
    expect(await shownUnits(page)).toEqual(table.items.map((r) => r.unitId));
    expect(await shownSpfH2(page)).toEqual(apiSpfH2(table));
    await expect(page.locator('.ant-pagination-total-text').innerText()).resolves.toContain(String(table.total));
    // The SPF column header names its boundary; the period the figures cover is on the page.
    const header = page.getByTestId('perf-table').locator('thead th', { has: page.locator('[data-kpi="spfH2"]') });
    await expect(header.getByTestId('boundary-tag').innerText()).resolves.toBe('H2');
    await expect(page.getByTestId('report-period').getAttribute('data-from')).resolves.toBe(table.period.from);
    // A missing figure says why, never 0.
    const nulls = await page.locator('[data-testid^="perf-cell-"][data-null-reason]').allInnerTexts();
    for (const text of nulls) expect(text.trim()).not.toBe('0');
  }, TEST_MS);

  it('a filter narrows the table to what the API gives for the same filter', async () => {
    const page = await open('regulator', '/performance');
    const api = await apiAs(creds('regulator'));
    const all = await api<FleetTable>('/performance/units?pageSize=20');
    await shownUnits(page);
    await page.getByTestId('perf-filter-village').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.get('village'), poll).not.toBeNull();
    const village = new URL(page.url()).searchParams.get('village') ?? '';
    const narrowed = await api<FleetTable>(`/performance/units?pageSize=20&village=${encodeURIComponent(village)}`);
    expect(narrowed.total).toBeGreaterThan(0);
    expect(narrowed.total).toBeLessThan(all.total);
    expect(narrowed.items.every((r) => r.villageId === village)).toBe(true);
    await expect.poll(async () => (await shownUnits(page)).join(','), poll).toBe(narrowed.items.map((r) => r.unitId).join(','));
    await expect(page.getByTestId('report-population').innerText()).resolves.toContain(String(narrowed.population.unitsMatched));
  }, TEST_MS);

  it('chosen units appear side by side in the comparison', async () => {
    const page = await open('regulator', '/performance');
    const ids = (await shownUnits(page)).slice(0, 3);
    for (const id of ids) await page.getByTestId(`perf-select-${id}`).check();
    await page.getByTestId('perf-comparison').waitFor();
    await expect.poll(async () => page.getByTestId('perf-comparison').getAttribute('data-unit-ids'), poll).toBe(ids.join(','));
    // Each chosen unit heads a column.
    for (const id of ids) expect(await page.locator(`[data-testid="perf-comparison-unit"][data-unit-id="${id}"]`).count()).toBeGreaterThan(0);
    // One row per KPI the API compares, in its order.
    const cmp = await (await apiAs(creds('regulator')))<Comparison>(`/performance/comparison?unitIds=${ids.join(',')}`);
    const kpis = await page.getByTestId('perf-comparison').locator('tbody tr.ant-table-row [data-kpi]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')));
    expect(kpis).toEqual(cmp.rows.map((r) => r.key));
  }, TEST_MS);

  it('the unit page shows SPF per boundary as the API does, the comfort chart, and the twin’s expectation', async () => {
    const api = await apiAs(creds('regulator'));
    const table = await api<FleetTable>('/performance/units?pageSize=50&sort=spfH2&order=desc');
    const unitId = table.items[0]!.unitId;
    const page = await open('regulator', `/performance/units/${unitId}`);
    await page.getByTestId('unit-performance-page').waitFor();
    const report = await api<UnitReport>(`/performance/units/${unitId}?expected=false`);
    for (const b of report.boundaries) {
      const cell = page.getByTestId(`unit-spf-${b.boundary}`);
      if (b.spf === null) await expect(cell.getAttribute('data-null-reason')).resolves.toBe(b.reason ?? 'unknown');
      else await expect(cell.getAttribute('data-value')).resolves.toBe(String(b.spf));
    }
    await page.getByTestId('unit-comfort-chart').locator('canvas').waitFor();
    await page.getByTestId('unit-eva').waitFor();
    await page.getByTestId('unit-coverage').waitFor();
  }, TEST_MS);

  it('post-evaluation shows the API’s rankings, credit list with evidence and the influence chart', async () => {
    const api = await apiAs(creds('regulator'));
    const page = await open('regulator', '/post-evaluation?tab=rankings');
    await page.getByTestId('rankings-tab').waitFor();
    // Lower the minimum so the demo's few units per model can be ranked, as a regulator would try.
    const minUnits = page.getByTestId('rankings-min-units');
    const minUnitsInput = (await minUnits.evaluate((e) => e.tagName)) === 'INPUT' ? minUnits : minUnits.locator('input');
    await minUnitsInput.fill('2');
    const ranking = await api<RankingWire>('/performance/rankings?groupBy=model&boundary=h2&minUnits=2&minCoveragePct=80&minHeatKWh=500');
    await page.getByTestId('rankings-rules').waitFor();
    await expect.poll(async () => page.getByTestId('ranking-median').count(), poll).toBe(ranking.ranked.length);
    expect(await page.getByTestId('ranking-insufficient').count()).toBe(ranking.insufficientData.length);

    await page.getByTestId('post-eval-tab-credit').click();
    const credit = await api<CreditListWire>('/performance/credit-list');
    await page.getByTestId('credit-source').waitFor();
    await expect.poll(async () => page.getByTestId('credit-rule').count(), poll).toBe(credit.rules.length);
    expect(await page.getByTestId('credit-entry').count()).toBe(credit.rules.reduce((a, r) => a + r.listed.length, 0));
    // zh-CN: each rule reads in Chinese from its code, with the rule's own numbers (data/credit-rules.json); no English rule text.
    const medianRule = page.locator('[data-testid="credit-rule"][data-rule-id="median-spf-h2-below-2.5"] .ant-card-head-title');
    await expect(medianRule.innerText()).resolves.toContain('实测 SPF H2 中位数低于 2.5 的型号（至少 5 台，每台覆盖率 ≥ 80%，制热量 ≥ 100 kWh）');
    await expect(page.getByTestId('credit-tab').innerText()).resolves.not.toMatch(/whose median measured|insufficient data|fault events per unit-season/);
    if (credit.rules.some((r) => r.notJudged.length > 0)) await expect(page.getByTestId('credit-not-judged').first().innerText()).resolves.toContain('数据不足：');
    if (credit.entries.length > 0) {
      await page.getByTestId('credit-entry').first().click();
      await page.getByTestId('credit-evidence').first().waitFor();
    }
    // The regulator's own rule: a wrong field is named, a valid rule is read back in words and evaluated.
    await page.getByTestId('rule-editor-json').fill(JSON.stringify({ rules: [{ kind: 'median-spf-below', boundary: 'h2', thresholdSpf: -1, minUnits: 1, minCoveragePct: 0 }] }));
    await page.getByTestId('rule-editor-evaluate').click();
    await expect(page.getByTestId('rule-editor-field').first().innerText()).resolves.toContain('thresholdSpf');
    await page.getByTestId('rule-editor-json').fill(JSON.stringify({ rules: [{ id: 'all-below-9', kind: 'median-spf-below', boundary: 'h2', thresholdSpf: 9, minUnits: 1, minCoveragePct: 0 }] }));
    await page.getByTestId('rule-editor-evaluate').click();
    await expect(page.getByTestId('rule-editor-words').innerText()).resolves.toContain('低于 9');
    await expect.poll(async () => page.getByTestId('credit-rule').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule-id'))), poll).toEqual(['all-below-9']);

    await page.getByTestId('post-eval-tab-influence').click();
    const influence = await api<InfluenceWire>('/performance/influence-factors?boundary=h2&weighting=none');
    await page.getByTestId('influence-model').waitFor();
    if (influence.model.status === 'fitted' && influence.model.terms.length > 0) {
      const chart = page.getByTestId('influence-chart');
      await chart.locator('canvas').waitFor();
      await expect(chart.getAttribute('data-series-count')).resolves.toBe('2');
      expect(await page.getByTestId('influence-terms').locator('tbody tr.ant-table-row').count()).toBe(influence.model.terms.length);
    } else {
      await page.getByTestId('influence-insufficient').waitFor();
    }
  }, TEST_MS);

  it('expected vs actual: the page shows the twin\'s progress and fills in by itself until every unit is ranked, notes in Chinese', async () => {
    const page = await open('regulator', '/post-evaluation?tab=shortfall');
    await page.getByTestId('shortfall-tab').getByTestId('report-context').waitFor();
    // Nobody presses anything: the page asks again while the server's worker thread computes.
    await expect.poll(async () => page.getByTestId('shortfall-computing').count(), poll).toBe(0);
    await page.getByTestId('shortfall-tab').getByTestId('report-context').waitFor();
    const done = await (await apiAs(creds('regulator')))<ShortfallRankingWire>('/performance/expected-vs-actual');
    expect(done.twin.state).toBe('complete');
    await expect.poll(async () => page.getByTestId('shortfall-unit-link').count(), poll).toBe(Math.min(20, done.ranked.length));
    // Server notes come in the page's language (no "notes in English" fallback).
    if (done.notes.length > 0) await expect(page.getByTestId('report-notes').innerText()).resolves.not.toMatch(/英文/);
  }, TEST_MS);

  it('switches the performance page to English', async () => {
    const page = await open('regulator', '/performance');
    await shownUnits(page);
    await expect(page.getByTestId('nav-performance').innerText()).resolves.toBe('性能分析');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect(page.getByTestId('nav-performance').innerText()).resolves.toBe('Performance');
    await expect(page.getByTestId('nav-post-evaluation').innerText()).resolves.toBe('Post-evaluation');
    await expect(page.getByTestId('report-population').innerText()).resolves.toMatch(/units in scope/);
    // The printable report opens in the page's language.
    await expect(page.getByTestId('perf-export-html').getAttribute('href')).resolves.toContain('lang=en');
  }, TEST_MS);

  it('an operator sees only its own fleet', async () => {
    const op = creds('operator-admin');
    const page = await open('operator-admin', '/performance?pageSize=100');
    const mine = await (await apiAs(op))<FleetTable>('/performance/units?pageSize=100');
    const all = await (await apiAs(ADMIN))<FleetTable>('/performance/units?pageSize=100');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    expect((await shownUnits(page)).sort()).toEqual(mine.items.map((r) => r.unitId).sort());
    const foreign = all.items.find((r) => !mine.items.some((m) => m.unitId === r.unitId));
    await page.goto(`${platform.url}/performance/units/${foreign!.unitId}`);
    await page.getByTestId('not-found').waitFor();
  }, TEST_MS);

  it('a household sees its own season card only, and no fleet performance pages', async () => {
    const page = await open('household', '');
    await page.getByTestId('my-season').waitFor();
    const ownSite = await page.getByTestId('site-page').getAttribute('data-site-id');
    const sites = await (await apiAs(creds('household')))<SiteList>('/sites');
    expect(sites.items.map((s) => s.id)).toEqual([ownSite]);
    await expect(page.getByTestId('my-season-spf-words').innerText()).resolves.toMatch(/1 度电|暂时算不出/);
    expect(await page.locator('[data-testid="nav-performance"], [data-testid="nav-post-evaluation"]').count()).toBe(0);
    await page.goto(`${platform.url}/performance`);
    await page.getByTestId('not-found').waitFor();
    await page.goto(`${platform.url}/post-evaluation`);
    await page.getByTestId('not-found').waitFor();
  }, TEST_MS);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
