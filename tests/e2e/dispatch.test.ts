/**
 * Central control in Debian Chromium against the real platform (in-process, memory-only, demo fleet whose
 * simulated devices obey and acknowledge commands, a share of them never): an operator plans its village for
 * the day (with a tariff preset chosen, its verification flag shown), sees the transformer loading against its rating,
 * dispatches, overrides a household and sees the override in the commands list; acknowledges a never-acknowledging
 * device's alarm with a note; commits and cancels a demand-response event; scope, read-only and household rules;
 * server-made texts (alarms, a unit's KPI warning) in Chinese from their codes; English; no page errors.
 * Needs `npm run build:web` first (web/dist) and /usr/bin/chromium (apt-get install chromium).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetOverview, SiteList } from '../../src/contract/api.js';
import type { CommandView, DispatchAlarmView, PlanDetail, PlanSummary, PlanVsActual } from '../../src/contract/commands-api.js';
import type { DrEventDetail } from '../../src/contract/dr-events.js';
import type { UnitReport } from '../../src/contract/season-report.js';
import { ALARM_TEXTS } from '../../src/contract/texts/dispatch-texts.js';
import { renderText } from '../../src/contract/texts/render-text.js';
import { UNIT_WARNING_TEXTS } from '../../src/contract/texts/unit-texts.js';
import { login } from './support/browser.js';
import { skipWithoutChromium, startE2eRig, type E2eRig } from './support/rig.js';

interface Credential { username: string; password: string; role: string }
interface Platform { url: string; demoCredentials: readonly Credential[]; close(): Promise<void> }
type Api = { get: <T>(path: string) => Promise<{ status: number; body: T }>; post: (path: string, body: unknown) => Promise<number> };

const ADMIN = { username: 'admin', password: 'e2e-admin-password-dispatch', role: 'admin' };
const STEP_MS = 300_000;
const skip = skipWithoutChromium('dispatch');

describe.skipIf(skip)('dispatch and demand-response pages in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let rig: E2eRig | undefined;
  const pageErrors: string[] = [];
  /** The village the operator planned in the first test. */
  let plannedVillageId = '';
  const creds = (username: string): Credential => {
    const c = username === 'admin' ? ADMIN : platform.demoCredentials.find((x) => x.username === username);
    if (!c) throw new Error(`the demo has no ${username} login`);
    return c;
  };

  /** What the API itself answers a user: the page must show exactly this. One login per user (logins are rate-limited). */
  const apiSessions = new Map<string, Promise<Api>>();
  const apiAs = (username: string): Promise<Api> => {
    let s = apiSessions.get(username);
    if (!s) apiSessions.set(username, (s = apiLogin(creds(username))));
    return s;
  };
  const apiLogin = async (c: Credential): Promise<Api> => {
    const res = await fetch(`${platform.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: c.username, password: c.password }) });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return {
      get: async <T>(path: string) => {
        const r = await fetch(`${platform.url}/api/v1${path}`, { headers: { cookie } });
        return { status: r.status, body: (await r.json()) as T };
      },
      post: async (path: string, body: unknown) =>
        (await fetch(`${platform.url}/api/v1${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) })).status,
    };
  };

  const open = async (username: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    rig?.contexts.push(ctx);
    // The machine may be shared and busy: give page actions room, the assertions stay the same.
    ctx.setDefaultTimeout(90_000);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
    const c = creds(username);
    try {
      await login(page, platform.url, c.username, c.password, lang);
    } catch (err) {
      // The shared login helper waits 15 s for the menu; a busy machine may need longer for the first page.
      if (!(err instanceof Error && err.name === 'TimeoutError')) throw err;
      await page.getByTestId('main-menu').waitFor({ timeout: 120_000 });
    }
    return page;
  };
  const menuKeys = async (page: Page): Promise<string[]> =>
    (await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).sort();
  /** Options of an antd Select, opened and read from its dropdown. */
  const selectOptions = async (page: Page, testId: string): Promise<string[]> => {
    await page.getByTestId(testId).click();
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    await dropdown.locator('.ant-select-item-option').first().waitFor();
    const labels = await dropdown.locator('.ant-select-item-option').allInnerTexts();
    await page.keyboard.press('Escape');
    return labels.map((l) => l.trim()).sort();
  };
  /** The <input> of an antd InputNumber whose test id sits on the input or on its wrapper. */
  const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  const confirmPopover = async (page: Page): Promise<void> => {
    await page.locator('.ant-popconfirm:not(.ant-popover-hidden) .ant-btn-primary').click();
  };

  beforeAll(async () => {
    rig = await startE2eRig({ demoSpeed: 60, demoNeverAckPct: 20, dispatchAckTimeoutMs: 500, dispatchMaxAttempts: 2, adminPassword: ADMIN.password });
    ({ platform, browser } = rig);
  }, 180_000);

  afterAll(async () => rig?.close());

  it('operator plans its village, sees loading against the rating, dispatches, overrides a household and sees the override win', async () => {
    const page = await open('operator');
    const api = await apiAs('operator');
    const own = (await api.get<FleetOverview>('/fleet/overview')).body;
    await page.getByTestId('nav-dispatch').click();
    const dispatchPage = page.getByTestId('dispatch-page');
    await dispatchPage.waitFor();
    expect(await selectOptions(page, 'village-select')).toEqual(own.villages.map((v) => v.nameZh ?? v.name).sort());
    const villageId = await dispatchPage.getAttribute('data-village-id');
    const day = await dispatchPage.getAttribute('data-day');
    expect(own.villages.map((v) => v.id)).toContain(villageId);
    plannedVillageId = villageId!;

    // No plan yet for the day: create the day-ahead plan through the page, priced with the Tianjin preset. The
    // default (Beijing) carries its "unverified" flag; Hebei has no source and cannot be chosen.
    await page.getByTestId('no-plan').waitFor();
    const picker = page.getByTestId('tariff-picker');
    await expect.poll(() => picker.getAttribute('data-tariff-id')).toBe('beijing-rural-coal-to-electricity');
    await expect(picker.getByTestId('tariff-status').first().getAttribute('data-status')).resolves.toBe('unverified');
    await picker.getByTestId('tariff-info').hover();
    // The note is worded in Chinese from its code (tariffNote), the unverified price named.
    await expect(page.getByTestId('tariff-details').getByTestId('tariff-note').innerText()).resolves.toContain('0.4883 元/kWh 为常见引用的居民第一档电价，未经核实');
    await page.getByTestId('tariff-select').click();
    const tariffMenu = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    await expect(tariffMenu.locator('.ant-select-item-option-disabled').innerText()).resolves.toContain('河北煤改电');
    await tariffMenu.locator('.ant-select-item-option').filter({ hasText: '天津煤改电' }).click();
    await expect.poll(() => picker.getAttribute('data-tariff-id')).toBe('tianjin-rural-coal-to-electricity');
    await page.getByTestId('create-plan').click();
    await confirmPopover(page);
    const card = page.getByTestId('transformer-card').first();
    await card.waitFor({ timeout: 120_000 });
    await card.getByTestId('loading-chart').locator('canvas').waitFor();
    expect(Number(await card.getByTestId('loading-chart').getAttribute('data-series-count'))).toBe(3);

    // The rating line is the transformer's heating capacity the API reports.
    const pva = (await api.get<PlanVsActual>(`/dispatch/villages/${villageId}/plan-vs-actual?day=${day}`)).body;
    const tr = pva.transformers[0]!;
    expect(await card.getByTestId('loading-chart-box').getAttribute('data-rating-kw')).toBe((Math.max(...tr.capacityW) / 1000).toFixed(1));
    expect(await card.getByTestId('household-table').locator('tbody tr.ant-table-row').count()).toBe(Math.min(10, tr.households.length));
    await expect(page.getByTestId('plan-revisions').innerText()).resolves.toContain('日前计划');
    const planned = (await api.get<{ items: PlanSummary[] }>(`/dispatch/plans?villageId=${villageId}&day=${day}`)).body.items;
    expect(planned.map((p) => p.tariffId)).toEqual(planned.map(() => 'tianjin-rural-coal-to-electricity'));
    // Each shown household says which building model planned it, as the plan detail does, worded in Chinese.
    const details = await Promise.all(planned.map(async (p) => (await api.get<PlanDetail>(`/dispatch/plans/${p.id}`)).body));
    const modelOf = new Map(details.flatMap((d) => d.households).flatMap((h) => (h.model ? [[h.siteId, h.model] as const] : [])));
    expect(modelOf.size).toBeGreaterThan(0);
    const rows = card.getByTestId('household-table').locator('tbody tr.ant-table-row');
    for (let r = 0; r < Math.min(3, await rows.count()); r++) {
      const row = rows.nth(r);
      const m = modelOf.get((await row.getAttribute('data-row-key'))!);
      const tag = row.getByTestId('planner-model');
      expect([await tag.getAttribute('data-model-source'), await tag.getAttribute('data-model-code')]).toEqual([m?.source, m?.code]);
      await expect(tag.innerText()).resolves.toContain(m?.source === 'identified' ? '辨识模型' : '登记模型');
    }

    // Dispatch: one schedule upload per planned household shows in the commands table.
    await page.getByTestId('dispatch-plan').click();
    await confirmPopover(page);
    const commands = page.getByTestId('commands-table');
    await expect.poll(() => commands.locator('tr[data-origin="plan"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('plan-status').first().innerText(), { timeout: 30_000 }).toBe('已下发');

    // A validation error names the field; a valid override goes through and wins over the plan.
    await card.getByTestId('override-household').first().click();
    const form = page.getByTestId('override-form');
    await form.waitFor();
    await numberInput(page, 'ov-setpoint').fill('40');
    await form.getByTestId('ov-submit').click();
    const setpointItem = form.locator('.ant-form-item').filter({ has: page.getByTestId('ov-setpoint') });
    await expect(setpointItem.locator('.ant-form-item-explain-error').innerText()).resolves.toBe('室温设定值须在 5–30 °C 之间');
    await expect(setpointItem.locator('label').innerText()).resolves.toBe('室温设定值');
    await numberInput(page, 'ov-setpoint').fill('22.5');
    await form.getByTestId('ov-note').fill('e2e: household reports cold bedroom');
    await form.getByTestId('ov-submit').click();
    await form.waitFor({ state: 'detached' });

    const overrides = (await api.get<{ items: CommandView[] }>('/dispatch/commands?limit=1000')).body.items.filter((c) => c.origin === 'override');
    expect(overrides).toHaveLength(1);
    const ov = overrides[0]!;
    expect(ov.command).toMatchObject({ kind: 'setpoint', setpointC: 22.5 });
    expect(ov.actor).not.toBe('system');
    const row = commands.locator(`tr[data-origin="override"][data-site-id="${ov.siteId}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('22.5 °C');
    // Newest first: the override sits above the plan command of the same household.
    const firstOfSite = commands.locator(`tr[data-site-id="${ov.siteId}"]`).first();
    await expect(firstOfSite.getAttribute('data-origin')).resolves.toBe('override');
    await expect.poll(() => card.getByTestId('overridden-tag').count(), { timeout: 15_000 }).toBe(1);

    // The origin filter keeps overrides only.
    await page.getByTestId('filter-origin').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '人工干预' }).click();
    await expect.poll(() => commands.locator('tbody tr.ant-table-row').count()).toBe(1);
  }, STEP_MS);

  it('shows devices that never acknowledge as alarms naming the household; the operator acknowledges one with a note', async () => {
    const api = await apiAs('operator');
    const alarmsNow = async () => (await api.get<{ items: DispatchAlarmView[] }>(`/dispatch/alarms?villageId=${plannedVillageId}`)).body.items.filter((a) => a.kind === 'not-acknowledging');
    // 20 % of the demo devices never answer; with 2 publishes 0.5 s apart they turn not-acknowledging in seconds.
    await expect.poll(async () => (await alarmsNow()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const page = await open('operator');
    await page.goto(`${platform.url}/dispatch`);
    const alarms = page.getByTestId('alarms-table');
    await expect.poll(() => alarms.getByTestId('alarm-kind').filter({ hasText: '设备无应答' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const sites = (await api.get<SiteList>('/sites?pageSize=500')).body.items;
    const firstRow = alarms.locator('tbody tr.ant-table-row').filter({ hasText: '设备无应答' }).first();
    const text = await firstRow.innerText();
    expect(sites.some((s) => text.includes(s.name))).toBe(true);
    // The server composes the alarm; the zh-CN page words it in Chinese from its code and parameters.
    const firstId = await firstRow.getAttribute('data-alarm-id');
    const shown = (await alarmsNow()).find((a) => a.id === firstId);
    if (!shown?.text) throw new Error('the alarm has no text code');
    expect(shown.text.code).toMatch(/^not-acknowledging-(fallback|local)$/);
    const message = await firstRow.getByTestId('alarm-message').innerText();
    expect(message).toBe(renderText(ALARM_TEXTS, shown.text, 'zh-CN'));
    expect(message).toMatch(/^用户 .+：设备 \S+ 未确认.+指令 /);
    expect(message).not.toContain('is not acknowledging');
    // Those commands show as not acknowledging in the commands table.
    await expect.poll(() => page.getByTestId('commands-table').locator('[data-state="not-acknowledging"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // Acknowledge it: a note is required; then who, when and the note stay on the alarm, and the open filter drops it.
    const alarmId = (await firstRow.getAttribute('data-alarm-id'))!;
    await firstRow.getByTestId('acknowledge-alarm').click();
    const ackForm = page.getByTestId('acknowledge-form');
    await ackForm.waitFor();
    await ackForm.getByTestId('ack-submit').click();
    await expect(ackForm.locator('.ant-form-item-explain-error').innerText()).resolves.toBe('必须填写处理说明');
    await ackForm.getByTestId('ack-note').fill('e2e: gateway unplugged by the household; technician booked');
    await ackForm.getByTestId('ack-submit').click();
    await ackForm.waitFor({ state: 'detached' });
    const acked = alarms.locator(`tr[data-alarm-id="${alarmId}"]`);
    await expect(acked.getByTestId('alarm-ack-note').innerText()).resolves.toBe('e2e: gateway unplugged by the household; technician booked');
    const stored = (await alarmsNow()).find((a) => a.id === alarmId);
    expect(stored?.acknowledgement).toMatchObject({ byUsername: 'operator', note: 'e2e: gateway unplugged by the household; technician booked' });
    await page.getByTestId('filter-alarm-state').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '未处理' }).click();
    await expect.poll(() => alarms.locator(`tr[data-alarm-id="${alarmId}"]`).count()).toBe(0);
    await expect.poll(() => alarms.locator('tbody tr.ant-table-row[data-state="acknowledged"]').count()).toBe(0);
  }, STEP_MS);

  it('shows a unit\'s KPI warning (kW sent as W) in Chinese on its performance page', async () => {
    const api = await apiAs('operator');
    const unitId = (await api.get<{ items: { unitId: string }[] }>('/performance/units?pageSize=1')).body.items[0]?.unitId;
    if (!unitId) throw new Error('the operator has no unit');
    // A day well before the demo's history: unit power sent in kW (1.2 instead of 1200 W).
    const clockMs = (await api.get<FleetOverview>('/fleet/overview')).body.clockMs;
    const day = new Date(clockMs + 8 * 3_600_000 - 40 * 86_400_000).toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const dayMs = Date.parse(`${day}T00:00:00+08:00`);
    const readings = Array.from({ length: 96 }, (_, i) => ({ ts: dayMs + i * 900_000, unit: unitId, values: { unitPowerW: i % 4 === 0 ? 0 : 1.2, outdoorTempC: -2, indoorTempC: 19 } }));
    expect(await api.post('/telemetry', { readings })).toBe(200);
    const report = (await api.get<UnitReport>(`/performance/units/${unitId}?from=${day}&to=${next}&expected=false`)).body;
    const i = report.warningRefs.findIndex((r) => r.code.startsWith('kw-sent-as-w'));
    const ref = report.warningRefs[i];
    if (!ref) throw new Error(`no kW-as-W warning code in ${JSON.stringify(report.warningRefs)}`);
    expect(ref.params.channel).toBe('unitPowerW');
    const page = await open('operator');
    await page.goto(`${platform.url}/performance/units/${encodeURIComponent(unitId)}?from=${day}&to=${next}`);
    const warning = page.locator(`[data-testid="unit-warning"][data-code="${ref.code}"]`);
    await warning.waitFor({ timeout: 60_000 });
    const zh = await warning.innerText();
    expect(zh).toBe(renderText(UNIT_WARNING_TEXTS, ref, 'zh-CN'));
    expect(zh).toContain('疑似以 W 为单位上报了 kW 数值');
    expect(zh).not.toBe(report.warnings[i]);
  }, STEP_MS);

  it('operator2 sees only its own villages and not the other operator’s plan', async () => {
    const page = await open('operator2');
    const own = (await (await apiAs('operator2')).get<FleetOverview>('/fleet/overview')).body;
    const other = (await (await apiAs('operator')).get<FleetOverview>('/fleet/overview')).body;
    await page.getByTestId('nav-dispatch').click();
    await page.getByTestId('dispatch-page').waitFor();
    expect(await selectOptions(page, 'village-select')).toEqual(own.villages.map((v) => v.nameZh ?? v.name).sort());
    const foreign = other.villages.find((v) => !own.villages.some((o) => o.id === v.id))!;
    await page.goto(`${platform.url}/dispatch?villageId=${foreign.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('transformer-card').count()).toBe(0);
    // Nor do the other operator's commands reach it.
    const mine = (await (await apiAs('operator2')).get<{ items: CommandView[] }>('/dispatch/commands?limit=1000')).body.items;
    const foreignSites = new Set((await (await apiAs('operator')).get<SiteList>('/sites?pageSize=500')).body.items.map((s) => s.id));
    expect(mine.filter((c) => foreignSites.has(c.siteId))).toEqual([]);
  }, STEP_MS);

  it('regulator reads plans without steering; household has no dispatch at all', async () => {
    const regulator = await open('regulator');
    await regulator.getByTestId('nav-dispatch').click();
    await regulator.getByTestId('dispatch-read-only').waitFor();
    await regulator.goto(`${platform.url}/dispatch?villageId=${plannedVillageId}`);
    await regulator.getByTestId('transformer-card').first().waitFor({ timeout: 30_000 });
    expect(await regulator.getByTestId('create-plan').count()).toBe(0);
    expect(await regulator.getByTestId('override-household').count()).toBe(0);

    const household = await open('household');
    await household.getByTestId('warmth-card').waitFor();
    expect(await menuKeys(household)).toEqual(['nav-home']);
    await household.goto(`${platform.url}/dispatch`);
    await household.getByTestId('not-found').waitFor();
    await household.goto(`${platform.url}/demand-response`);
    await household.getByTestId('not-found').waitFor();
  }, STEP_MS);

  it('switches the dispatch page to English', async () => {
    const page = await open('operator');
    await page.getByTestId('nav-dispatch').click();
    await page.getByTestId('transformer-card').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect(page.getByTestId('nav-dispatch').innerText()).resolves.toBe('Dispatch');
    await expect(page.getByTestId('dispatch-page').locator('h3').innerText()).resolves.toBe('Dispatch · plan vs actual');
    await expect(page.getByTestId('commands-card').innerText()).resolves.toContain('Commands');
    await expect(page.getByTestId('plan-revisions').innerText()).resolves.toContain('day-ahead');
  }, STEP_MS);

  it('operator enters a demand-response request, sees the village offer per slot, commits it', async () => {
    const page = await open('operator');
    const api = await apiAs('operator');
    await page.getByTestId('nav-demand-response').click();
    await page.getByTestId('dr-page').waitFor();
    await page.goto(`${platform.url}/demand-response?villageId=${plannedVillageId}`);
    await page.getByTestId('dr-new-event').click();
    const form = page.getByTestId('dr-create-form');
    await form.waitFor();
    // A missing power is refused with the field named; 削峰 20:00–21:00 (the valley-start rebound) is the default window.
    await form.getByTestId('dr-create-submit').click();
    const requestedItem = form.locator('.ant-form-item').filter({ has: page.getByTestId('dr-requested') });
    await expect(requestedItem.locator('.ant-form-item-explain-error').innerText()).resolves.toBe('请输入请求功率');
    await numberInput(page, 'dr-requested').fill('10');
    await form.getByTestId('dr-create-submit').click();
    const detail = page.getByTestId('dr-event-detail');
    await detail.waitFor();
    const eventId = (await detail.getAttribute('data-event-id'))!;
    const offered = (await api.get<DrEventDetail>(`/dr/events/${eventId}`)).body;
    expect(offered).toMatchObject({ villageId: plannedVillageId, direction: 'reduce', from: '20:00', to: '21:00', requestedKw: 10, status: 'offered' });
    await expect(detail.innerText()).resolves.toContain(`${offered.firmOfferKw.toFixed(1)} kW`);
    const flex = detail.getByTestId('dr-flex-chart');
    await flex.locator('canvas').waitFor();
    expect(Number(await flex.getAttribute('data-series-count'))).toBe(3);
    expect(await page.getByTestId('dr-events-table').getByTestId('dr-event-link').allInnerTexts()).toContain(eventId);

    await detail.getByTestId('dr-commit').click();
    await expect.poll(async () => (await api.get<DrEventDetail>(`/dr/events/${eventId}`)).body.status, { timeout: 120_000 }).toBe('committed');
    const committed = (await api.get<DrEventDetail>(`/dr/events/${eventId}`)).body;
    expect(committed.commitment?.committedKw).toBeCloseTo(Math.min(10, offered.firmOfferKw), 6);
    await expect.poll(() => detail.getByTestId('dr-status').getAttribute('data-status')).toBe('committed');
    // Offer, requested and firm offer, now with the committed power and the expected flexibility (and the delivery once measured).
    await expect.poll(async () => Number(await flex.getAttribute('data-series-count'))).toBe(committed.delivery ? 6 : 5);
    expect(await detail.getByTestId('dr-commit').count()).toBe(0);

    // The grid operator withdraws: cancelling puts the participants back on their pre-event plan and sends it.
    await detail.getByTestId('dr-cancel-note').fill('e2e: grid operator withdrew the request');
    await detail.getByTestId('dr-cancel').click();
    await confirmPopover(page);
    await expect.poll(() => detail.getByTestId('dr-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('cancelled');
    const cancelled = (await api.get<DrEventDetail>(`/dr/events/${eventId}`)).body;
    expect(cancelled.cancellation).toMatchObject({ by: 'operator', note: 'e2e: grid operator withdrew the request' });
    expect(cancelled.cancellation?.revertedPlanIds.length).toBeGreaterThan(0);
    await expect(detail.getByTestId('dr-cancellation').innerText()).resolves.toContain('e2e: grid operator withdrew the request');
    expect(await detail.getByTestId('dr-cancel').count()).toBe(0);
    const plans = (await api.get<{ items: PlanSummary[] }>(`/dispatch/plans?villageId=${plannedVillageId}`)).body.items;
    expect(plans.filter((p) => p.reason.startsWith(`cancelled demand response ${eventId}`)).map((p) => p.id).sort()).toEqual([...(cancelled.cancellation?.revertedPlanIds ?? [])].sort());
  }, STEP_MS);

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
