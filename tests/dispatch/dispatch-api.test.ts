/**
 * Dispatch through the running platform: HTTP API (sessions, scope), the embedded broker with the platform's own
 * command channel, DuckDB, and real MQTT.js gateways. An operator plans and dispatches its village; the gateway that
 * answers is `accepted`, the silent one ends `not-acknowledging` with an alarm naming the household; an override
 * reaches the device, is audited and makes a re-dispatch skip the household; households see only their own
 * commands; regulators read but cannot steer. Alarms are acknowledged with a note (scoped, audited, once); commands
 * and alarms filter by village, day and state; a plan names a tariff preset, and the presets list their sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../src/main/platform.js';
import { ids, seedFixture, type Fixture } from '../security/support/fixture.js';
import { client, startSecurityPlatform, type Client } from '../security/support/platform.js';
import { obedientDevice, type ObedientDevice } from './support/obedient-device.js';

const H1 = 'yq-zhangshanying-h001';
const H2 = 'yq-zhangshanying-h002';
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
interface Command { id: string; siteId: string; state: string; kind: string; origin: string; reason: string | null }

describe('dispatch API on the running platform', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  const gw = new Map<string, ObedientDevice>();
  beforeAll(async () => {
    platform = await startSecurityPlatform({ dispatchAckTimeoutMs: 300, dispatchMaxAttempts: 2, rateLimitPerMinute: 100_000 });
    http = client(platform.url);
    fx = await seedFixture(http, { users: ['operator', 'operator2', 'regulator', 'household'] });
    for (const s of [H1, H2]) gw.set(s, await obedientDevice(platform.mqttPort as number, ids(s).device, fx.deviceSecrets.get(ids(s).device) as string));
    (gw.get(H2) as ObedientDevice).silent = true;
  });
  afterAll(async () => {
    for (const g of gw.values()) await g.client.endAsync(true);
    await platform?.close();
  });

  const commands = async (who: Parameters<Client['request']>[0], query = '') => {
    const res = await http.request(who, 'GET', `/api/v1/dispatch/commands?limit=1000${query}`);
    expect(res.status, res.text).toBe(200);
    return (res.json as { items: Command[] }).items;
  };
  const until = async <T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await f();
      if (ok(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('plans and dispatches a village; acknowledged and not-acknowledging gateways end as such, with an alarm naming the household', async () => {
    const op = fx.sessions.operator;
    const created = await http.request(op, 'POST', '/api/v1/dispatch/plans', { json: { villageId: 'yq-zhangshanying', day: today() } });
    expect(created.status, created.text).toBe(201);
    const [plan] = (created.json as { items: { id: string; transformerId: string; revision: number; peakLoadW: number; capacityW: number }[] }).items;
    expect(plan).toMatchObject({ transformerId: 'yq-zhangshanying-tx1', revision: 1 });
    expect(plan?.peakLoadW).toBeLessThanOrEqual(plan?.capacityW as number);
    const sent = await http.request(op, 'POST', `/api/v1/dispatch/plans/${plan?.id}/dispatch`);
    expect(sent.status, sent.text).toBe(200);
    expect((sent.json as { commands: Command[] }).commands.map((c) => c.siteId).sort()).toEqual([H1, H2]);

    const settled = await until(() => commands(op, `&planId=${plan?.id}`), (cs) => cs.every((c) => c.state !== 'sent' && c.state !== 'queued'));
    expect(Object.fromEntries(settled.map((c) => [c.siteId, c.state]))).toEqual({ [H1]: 'accepted', [H2]: 'not-acknowledging' });
    expect(gw.get(H1)?.received[0]?.kind).toBe('schedule');
    expect(gw.get(H2)?.received.filter((c) => c.id === settled.find((x) => x.siteId === H2)?.id)).toHaveLength(2);
    const alarms = ((await http.request(op, 'GET', '/api/v1/dispatch/alarms')).json as { items: { kind: string; siteId: string; message: string }[] }).items;
    const a = alarms.find((x) => x.kind === 'not-acknowledging' && x.siteId === H2);
    expect(a?.message).toContain(`site ${H2} (${H2})`);
    expect(a?.message).toContain('runs its own local schedule');
  });

  it('an override reaches the device, is audited, and a re-dispatch leaves the household alone', async () => {
    const op = fx.sessions.operator;
    const res = await http.request(op, 'POST', '/api/v1/dispatch/overrides', { json: { siteId: H1, kind: 'run-permission', sgState: 1, toMs: Date.now() + 3_600_000, note: 'feeder maintenance' } });
    expect(res.status, res.text).toBe(201);
    const id = (res.json as Command).id;
    const done = await until(() => http.request(op, 'GET', `/api/v1/dispatch/commands/${id}`).then((r) => r.json as Command), (c) => c.state === 'accepted');
    expect(done).toMatchObject({ state: 'accepted', kind: 'run-permission', origin: 'override' });
    expect(gw.get(H1)?.received.at(-1)).toMatchObject({ id, kind: 'run-permission', sgState: 1 });
    const audit = ((await http.request(fx.admin, 'GET', '/api/v1/audit?limit=100')).json as { items: { actor: string; action: string; target: string; detail: string }[] }).items;
    expect(audit.find((e) => e.action === 'dispatch.override')).toMatchObject({ actor: 'u-operator', target: `site:${H1}` });
    expect(audit.find((e) => e.action === 'dispatch.override')?.detail).toMatch(/SG state 1 .*feeder maintenance/);

    const planId = `plan-yq-zhangshanying-tx1-${today()}-r1`;
    const again = await http.request(op, 'POST', `/api/v1/dispatch/plans/${planId}/dispatch`);
    expect((again.json as { commands: Command[] }).commands.map((c) => c.siteId)).toEqual([H2]);
    // A lock longer than the SG Ready label's 2 h is refused with the reason.
    const long = await http.request(op, 'POST', '/api/v1/dispatch/overrides', { json: { siteId: H1, kind: 'run-permission', sgState: 1, toMs: Date.now() + 3 * 3_600_000 } });
    expect(long.status).toBe(400);
    expect(long.text).toContain('at most 2 h');
  });

  it('households see only their own commands; regulators read plans but cannot steer; competitors see nothing', async () => {
    const mine = await commands(fx.sessions.household);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((c) => c.siteId))).toEqual(new Set([H1]));
    expect((await commands(fx.sessions.household, `&siteId=${H2}`))).toEqual([]);
    expect((await http.request(fx.sessions.household, 'POST', '/api/v1/dispatch/overrides', { json: { siteId: H1, kind: 'setpoint', setpointC: 25, toMs: Date.now() + 3_600_000 } })).status).toBe(403);
    expect((await http.request(fx.sessions.household, 'GET', `/api/v1/dispatch/villages/yq-zhangshanying/plan-vs-actual?day=${today()}`)).status).toBe(404);

    const reg = fx.sessions.regulator;
    const plans = (await http.request(reg, 'GET', '/api/v1/dispatch/plans')).json as { items: { id: string }[] };
    expect(plans.items.map((p) => p.id)).toContain(`plan-yq-zhangshanying-tx1-${today()}-r1`);
    const pva = await http.request(reg, 'GET', `/api/v1/dispatch/villages/yq-zhangshanying/plan-vs-actual?day=${today()}`);
    expect(pva.status).toBe(200);
    expect((pva.json as { transformers: { households: { siteId: string; overridden: boolean }[] }[] }).transformers[0]?.households.find((h) => h.siteId === H1)?.overridden).toBe(true);
    expect((await http.request(reg, 'POST', '/api/v1/dispatch/plans', { json: { villageId: 'yq-zhangshanying', day: today() } })).status).toBe(403);

    const rival = fx.sessions.operator2;
    expect((await http.request(rival, 'GET', `/api/v1/dispatch/plans/plan-yq-zhangshanying-tx1-${today()}-r1`)).status).toBe(404);
    expect(await commands(rival, `&siteId=${H1}`)).toEqual([]);
    expect((await http.request(rival, 'POST', '/api/v1/dispatch/overrides', { json: { siteId: H1, kind: 'setpoint', setpointC: 25, toMs: Date.now() + 3_600_000 } })).status).toBe(404);
  });

  it('an operator acknowledges an alarm with a note, once; others cannot; lists filter by village, day and state', async () => {
    const op = fx.sessions.operator;
    type Alarm = { id: string; kind: string; siteId: string | null; acknowledgement: { byUsername: string; atMs: number; note: string } | null };
    const alarmsOf = async (who: Parameters<Client['request']>[0], query = '') => {
      const res = await http.request(who, 'GET', `/api/v1/dispatch/alarms?limit=1000${query}`);
      expect(res.status, res.text).toBe(200);
      return (res.json as { items: Alarm[] }).items;
    };
    const silent = (await alarmsOf(op, '&state=open')).find((a) => a.kind === 'not-acknowledging' && a.siteId === H2);
    expect(silent?.acknowledgement).toBeNull();
    const path = `/api/v1/dispatch/alarms/${silent?.id}/acknowledge`;
    const noNote = await http.request(op, 'POST', path, { json: { note: '   ' } });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('note');
    expect((await http.request(fx.sessions.regulator, 'POST', path, { json: { note: 'seen' } })).status).toBe(403);
    expect((await http.request(fx.sessions.household, 'POST', path, { json: { note: 'seen' } })).status).toBe(403);
    expect((await http.request(fx.sessions.operator2, 'POST', path, { json: { note: 'seen' } })).status).toBe(404);
    const ack = await http.request(op, 'POST', path, { json: { note: 'gateway unplugged by the household; technician booked' } });
    expect(ack.status, ack.text).toBe(200);
    expect((ack.json as Alarm).acknowledgement).toMatchObject({ byUsername: 'operator', note: 'gateway unplugged by the household; technician booked' });
    const twice = await http.request(op, 'POST', path, { json: { note: 'again' } });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('acknowledged already by operator');
    expect((await alarmsOf(op, '&state=open')).map((a) => a.id)).not.toContain(silent?.id);
    expect((await alarmsOf(op, '&state=acknowledged')).map((a) => a.id)).toContain(silent?.id);
    expect((await alarmsOf(op, `&villageId=yq-zhangshanying&day=${today()}`)).map((a) => a.id)).toContain(silent?.id);
    expect(await alarmsOf(op, '&villageId=yq-kangzhuang')).toEqual([]);
    expect(await alarmsOf(op, '&day=2019-01-15')).toEqual([]);
    const audit = ((await http.request(fx.admin, 'GET', '/api/v1/audit?limit=200')).json as { items: { actor: string; action: string; target: string; outcome: string; detail: string }[] }).items;
    expect(audit.find((e) => e.action === 'dispatch.alarm-ack' && e.outcome === 'ok')).toMatchObject({ actor: 'u-operator', target: `alarm:${silent?.id}` });
    expect(audit.some((e) => e.action === 'dispatch.alarm-ack' && e.outcome === 'denied' && e.actor === 'u-operator2')).toBe(true);

    expect((await commands(op, `&villageId=yq-zhangshanying&day=${today()}`)).length).toBeGreaterThan(0);
    expect(await commands(op, '&villageId=yq-kangzhuang')).toEqual([]);
    expect(await commands(op, '&day=2019-01-15')).toEqual([]);
    expect((await commands(op, '&state=not-acknowledging')).every((c) => c.state === 'not-acknowledging')).toBe(true);
    expect((await http.request(op, 'GET', '/api/v1/dispatch/commands?day=2019-02-30')).status).toBe(400);
  });

  it('lists the tariff presets with their sources and flags; a plan is priced with the one chosen', async () => {
    const op = fx.sessions.operator;
    type Tariff = { id: string; available: boolean; status: string | null; note: string; sources: string[]; isDefault: boolean; reason: string | null };
    const list = (await http.request(op, 'GET', '/api/v1/dispatch/tariffs')).json as { items: Tariff[] };
    const byId = new Map(list.items.map((t) => [t.id, t]));
    expect(byId.get('beijing-rural-coal-to-electricity')).toMatchObject({ available: true, status: 'unverified', isDefault: true });
    expect(byId.get('beijing-rural-coal-to-electricity')?.note).toContain('NOT verified');
    expect(byId.get('tianjin-rural-coal-to-electricity')).toMatchObject({ available: true, status: 'verified' });
    expect(byId.get('tianjin-rural-coal-to-electricity')?.sources.length).toBeGreaterThan(0);
    expect(byId.get('hebei-rural-coal-to-electricity')).toMatchObject({ available: false });
    const tj = await http.request(op, 'POST', '/api/v1/dispatch/plans', { json: { villageId: 'yq-zhangshanying', day: today(), tariffId: 'tianjin-rural-coal-to-electricity' } });
    expect(tj.status, tj.text).toBe(201);
    const [plan] = (tj.json as { items: { id: string; tariffId: string }[] }).items;
    expect(plan?.tariffId).toBe('tianjin-rural-coal-to-electricity');
    const detail = (await http.request(op, 'GET', `/api/v1/dispatch/plans/${plan?.id}`)).json as { priceYuanPerKWh: number[] };
    expect(detail.priceYuanPerKWh[40]).toBeCloseTo(0.49, 6); // 10:00 local: Tianjin's peak price
    const hebei = await http.request(op, 'POST', '/api/v1/dispatch/plans', { json: { villageId: 'yq-zhangshanying', day: today(), tariffId: 'hebei-rural-coal-to-electricity' } });
    expect(hebei.status).toBe(400);
    expect(hebei.text).toContain('No stored source');
  });
});
