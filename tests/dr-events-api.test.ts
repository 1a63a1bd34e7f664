/**
 * Demand-response events end to end on the real platform (demo fleet, real DuckDB, embedded broker, twin devices):
 * a village's day-ahead plan is the baseline; a request to shed load at the evening peak gets a firm offer
 * without breaking comfort; committing it re-plans and dispatches; cancelling it puts the participants back on their
 * pre-event plan and dispatches that; scope and bad input are enforced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail, PlanSummary } from '../src/contract/commands-api.js';
import type { DrEventDetail, DrEventSummary } from '../src/contract/dr-events.js';
import { startPlatform, type RunningPlatform } from '../src/main/platform.js';
import { loginAs, type ApiSession } from './support/api-session.js';
import { API_ERROR_TEXTS } from '../src/contract/texts/error-texts.js';
import { renderText, type TextRef } from '../src/contract/texts/render-text.js';

const VILLAGE = 'yq-zhangshanying';

describe('demand-response events', () => {
  let p: RunningPlatform;
  let op: ApiSession;
  let day: string;
  /** The hour of the day's peak-price period (08:00–20:00) in which the plan draws the most power in its weakest slot. */
  let from = '', to = '';
  const password = (u: string) => p.demoCredentials.find((c) => c.username === u)?.password ?? '';
  beforeAll(async () => {
    p = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 12, demoSpeed: 60, logLevel: 'silent', adminPassword: 'dr-events-admin', env: {} });
    await p.demo?.ready;
    op = await loginAs(p.url, 'operator', password('operator'));
    // Tomorrow in Beijing local time, by the platform's (demo) clock.
    day = new Date(p.clock.nowMs() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const plan = await op.send<{ items: PlanSummary[] }>('POST', '/api/v1/dispatch/plans', { villageId: VILLAGE, day });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const details = await Promise.all(plan.body.items.map(async (x) => (await op.get<PlanDetail>(`/api/v1/dispatch/plans/${x.id}`)).body));
    const load = (k: number) => details.reduce((s, d) => s + d.households.reduce((t, h) => t + (h.powerW[k] ?? 0), 0), 0);
    let best = 32;
    for (let s = 32; s <= 76; s++) if (Math.min(...[0, 1, 2, 3].map((i) => load(s + i))) > Math.min(...[0, 1, 2, 3].map((i) => load(best + i)))) best = s;
    const hhmm = (slot: number) => `${String(Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;
    from = hhmm(best);
    to = hhmm(best + 4);
    expect(Math.min(...[0, 1, 2, 3].map((i) => load(best + i)))).toBeGreaterThan(0);
  }, 240_000);
  afterAll(async () => p?.close());

  let event: DrEventDetail;
  it('answers a request to shed load in a peak-price hour with a firm offer that keeps comfort', async () => {
    const res = await op.send<DrEventDetail>('POST', '/api/v1/dr/events', { id: 'grid-ev-1', villageId: VILLAGE, direction: 'reduce', day, from, to, requestedKw: 3, source: 'openadr:VEN-test' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    event = res.body;
    expect(event.status).toBe('offered');
    expect(event.offer.perSlotKw).toHaveLength(4);
    expect(event.firmOfferKw).toBeCloseTo(Math.min(...event.offer.perSlotKw), 3);
    expect(event.firmOfferKw).toBeGreaterThan(0);
    expect(event.offer.participating + event.offer.excluded.length).toBeGreaterThan(0);
    const again = await op.send('POST', '/api/v1/dr/events', { id: 'grid-ev-1', villageId: VILLAGE, direction: 'reduce', day, from: '17:00', to: '19:00', requestedKw: 3 });
    expect(again.status).toBe(409);
  });

  it('commits up to the firm offer, re-plans the participants as a new plan revision and dispatches it', async () => {
    const requested = Math.min(3, event.firmOfferKw * 0.8);
    const res = await op.send<DrEventDetail>('POST', '/api/v1/dr/events/grid-ev-1/commit', { requestedKw: requested });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const c = res.body.commitment;
    expect(res.body.status).toBe('committed');
    expect(c?.committedKw).toBeGreaterThan(0);
    expect(c?.committedKw).toBeLessThanOrEqual(requested + 1e-3);
    for (const v of c?.expectedPerSlotKw ?? []) expect(v).toBeGreaterThanOrEqual((c?.committedKw ?? 0) - 0.002);
    expect(c?.households.length).toBeGreaterThan(0);
    expect(c?.commandIds.length).toBeGreaterThan(0);
    expect(res.body.delivery?.baselineKw).toHaveLength(4);
    // The new revision is the village's latest plan for the day, names the event, and keeps every household warm.
    const plans = (await op.get<{ items: PlanSummary[] }>(`/api/v1/dispatch/plans?villageId=${VILLAGE}&day=${day}`)).body.items;
    const latest = plans.find((x) => x.reason.includes('grid-ev-1'));
    expect(latest).toBeDefined();
    const detail = (await op.get<PlanDetail>(`/api/v1/dispatch/plans/${latest?.id}`)).body;
    for (const h of detail.households.filter((x) => !x.excluded)) expect(h.comfortDeficitKh).toBeLessThan(0.05);
    for (let k = 0; k < detail.capacityPerSlotW.length; k++) {
      const load = detail.households.reduce((s, h) => s + (h.powerW[k] ?? 0), 0);
      expect(load).toBeLessThanOrEqual((detail.capacityPerSlotW[k] as number) + 1);
    }
    const twice = await op.send('POST', '/api/v1/dr/events/grid-ev-1/commit', {});
    expect(twice.status).toBe(409);
  });

  it('is listed for its village, hidden from another operator and from households, and refuses bad requests naming the field', async () => {
    const list = (await op.get<{ items: DrEventSummary[] }>(`/api/v1/dr/events?villageId=${VILLAGE}`)).body.items;
    expect(list.map((e) => e.id)).toContain('grid-ev-1');
    const op2 = await loginAs(p.url, 'operator2', password('operator2'));
    expect((await op2.get('/api/v1/dr/events/grid-ev-1')).status).toBe(404);
    expect((await op2.send('POST', '/api/v1/dr/events', { villageId: VILLAGE, direction: 'reduce', day, from: '17:00', to: '19:00', requestedKw: 3 })).status).toBe(404);
    const home = await loginAs(p.url, 'household', password('household'));
    expect((await home.send('POST', '/api/v1/dr/events', { villageId: VILLAGE, direction: 'reduce', day, from: '17:00', to: '19:00', requestedKw: 3 })).status).toBe(403);
    const backwards = await op.send('POST', '/api/v1/dr/events', { villageId: VILLAGE, direction: 'reduce', day, from: '19:00', to: '17:00', requestedKw: 3 });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toMatch(/end after it starts/);
    const offQuarter = await op.send('POST', '/api/v1/dr/events', { villageId: VILLAGE, direction: 'reduce', day, from: '17:10', to: '19:00', requestedKw: 3 });
    expect(offQuarter.status).toBe(400);
    expect(JSON.stringify(offQuarter.body)).toMatch(/quarter hour/);
    const noPlan = await op.send<{ error: { message: string; text?: TextRef } }>('POST', '/api/v1/dr/events', { villageId: VILLAGE, direction: 'reduce', day: '2030-01-15', from: '17:00', to: '19:00', requestedKw: 3 });
    expect(noPlan.status).toBe(409);
    expect(noPlan.body.error.message).toMatch(/no plan for 2030-01-15/);
    // The refusal carries its code: the zh-CN dashboard reads it in Chinese, the English is the message.
    const refusal = noPlan.body.error.text;
    expect(refusal?.code).toBe('dr-no-plan');
    if (refusal) {
      expect(renderText(API_ERROR_TEXTS, refusal, 'en')).toBe(noPlan.body.error.message);
      expect(renderText(API_ERROR_TEXTS, refusal, 'zh-CN')).toMatch(/^变压器 \S+ 在 2030-01-15 没有调度计划/);
    }
  });

  it('cancels: the committed event\'s participants go back to their pre-event plan, sent to their devices; audited; scoped', async () => {
    const op2 = await loginAs(p.url, 'operator2', password('operator2'));
    expect((await op2.send('POST', '/api/v1/dr/events/grid-ev-1/cancel', {})).status).toBe(404);
    const home = await loginAs(p.url, 'household', password('household'));
    expect((await home.send('POST', '/api/v1/dr/events/grid-ev-1/cancel', {})).status).toBe(403);
    const before = (await op.get<{ items: PlanSummary[] }>(`/api/v1/dispatch/plans?villageId=${VILLAGE}&day=${day}`)).body.items;
    const drRevision = before.find((x) => x.reason.includes('grid-ev-1')) as PlanSummary;
    const pre = before.find((x) => x.transformerId === drRevision.transformerId && x.revision === drRevision.revision - 1) as PlanSummary;

    const res = await op.send<DrEventDetail>('POST', '/api/v1/dr/events/grid-ev-1/cancel', { note: 'grid operator withdrew the request' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(res.body.cancellation).toMatchObject({ by: 'operator', note: 'grid operator withdrew the request' });
    const [revertId] = res.body.cancellation?.revertedPlanIds ?? [];
    expect(revertId).toBe(`plan-${drRevision.transformerId}-${day}-r${drRevision.revision + 1}`);
    const [revert, preDetail] = await Promise.all([revertId, pre.id].map(async (id) => (await op.get<PlanDetail>(`/api/v1/dispatch/plans/${id}`)).body));
    // The day is tomorrow: from its first slot every household draws what it drew before the event.
    for (const h of revert?.households ?? []) expect(h.powerW).toEqual(preDetail?.households.find((x) => x.siteId === h.siteId)?.powerW);
    expect(revert?.reason).toContain('cancelled demand response grid-ev-1');
    expect(res.body.cancellation?.commandIds.length).toBeGreaterThan(0);
    const sent = (await op.get<{ items: { planId: string; kind: string }[] }>(`/api/v1/dispatch/commands?planId=${revertId}`)).body.items;
    expect(sent.length).toBe(res.body.cancellation?.commandIds.length);
    expect(sent.every((c) => c.kind === 'schedule')).toBe(true);

    expect((await op.send('POST', '/api/v1/dr/events/grid-ev-1/cancel', {})).status).toBe(409);
    expect((await op.send('POST', '/api/v1/dr/events/grid-ev-1/commit', {})).status).toBe(409);
    const offered = await op.send<DrEventDetail>('POST', '/api/v1/dr/events', { id: 'grid-ev-2', villageId: VILLAGE, direction: 'reduce', day, from, to, requestedKw: 1 });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const dropped = await op.send<DrEventDetail>('POST', '/api/v1/dr/events/grid-ev-2/cancel', {});
    expect(dropped.body).toMatchObject({ status: 'cancelled', cancellation: { revertedPlanIds: [], commandIds: [] } });
    const admin = await loginAs(p.url, 'admin', 'dr-events-admin');
    const audit = (await admin.get<{ items: { actor: string; action: string; target: string; outcome: string; detail: string }[] }>('/api/v1/audit?limit=200')).body.items;
    expect(audit.find((e) => e.action === 'dr.cancel' && e.target === 'dr:grid-ev-1' && e.outcome === 'ok')?.detail).toMatch(/1 plan revision\(s\) reverted.*withdrew/);
    expect(audit.some((e) => e.action === 'dr.cancel' && e.outcome === 'denied')).toBe(true);
  });
});
