/**
 * The platform end to end through its documented protocols: a demo programme on the real store and
 * broker; each role sees its own part of the fleet; a provisioned device publishes over MQTT and over
 * HTTP and its data come back as raw readings and rollups; bad input is refused with reasons and kept
 * in the dead-letter store; registry writes are validated and scoped.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetOverview, Series, SiteDetail, SiteList } from '../src/contract/api.js';
import { startPlatform, type RunningPlatform } from '../src/main/platform.js';
import { loginAs, type ApiSession } from './support/api-session.js';

const ADMIN_PASSWORD = 'platform-test-admin-pw';

describe('platform API with a demo programme', () => {
  let p: RunningPlatform;
  const sessions = new Map<string, ApiSession>();
  const as = async (username: string): Promise<ApiSession> => {
    const cached = sessions.get(username);
    if (cached) return cached;
    const pw = username === 'admin' ? ADMIN_PASSWORD : p.demoCredentials.find((c) => c.username === username)?.password;
    const s = await loginAs(p.url, username, pw ?? '');
    sessions.set(username, s);
    return s;
  };

  beforeAll(async () => {
    p = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 24, demoSpeed: 60, logLevel: 'silent', adminPassword: ADMIN_PASSWORD, liveIntervalMs: 500, env: {} });
    await p.demo?.ready;
  }, 180_000);
  afterAll(async () => p?.close());

  it('shows each role exactly its part of the fleet', async () => {
    const sitesOf = async (u: string) => (await (await as(u)).get<SiteList>('/api/v1/sites?pageSize=500')).body.items.map((s) => s.id).sort();
    const all = await sitesOf('admin');
    expect(all).toHaveLength(24);
    expect(await sitesOf('regulator')).toEqual(all);
    const opA = await sitesOf('operator');
    const opB = await sitesOf('operator2');
    expect(opA.length + opB.length).toBe(24);
    expect(opA.filter((id) => opB.includes(id))).toEqual([]);
    expect(opA.every((id) => id.startsWith('yq-'))).toBe(true);
    expect(opB.every((id) => id.startsWith('hr-'))).toBe(true);
    const tech = await sitesOf('technician');
    expect(tech).toEqual(opA); // both Yanqing villages are Beinuan's
    const home = await sitesOf('household');
    expect(home).toEqual(['yq-zhangshanying-h001']);
    const hh = await as('household');
    expect((await hh.get(`/api/v1/sites/${opB[0]}`)).status).toBe(404);
    expect((await (await as('operator')).get(`/api/v1/sites/${opB[0]}`)).status).toBe(404);
    const overview = (await hh.get<FleetOverview>('/api/v1/fleet/overview')).body;
    expect(overview.totals.sites).toBe(1);
  });

  it('serves live warmth, power and history of the demo devices', async () => {
    const admin = await as('admin');
    const overview = (await admin.get<FleetOverview>('/api/v1/fleet/overview')).body;
    expect(overview.totals.online).toBeGreaterThan(0);
    expect(overview.totals.meanIndoorTempC).toBeGreaterThan(10);
    expect(overview.totals.meanIndoorTempC).toBeLessThan(26);
    expect(overview.villages.map((v) => v.id).sort()).toEqual(['hr-qiaozi', 'yq-kangzhuang', 'yq-zhangshanying']);
    const detail = (await admin.get<SiteDetail>('/api/v1/sites/yq-zhangshanying-h001')).body;
    const unitId = detail.units[0]?.id ?? '';
    expect(detail.buildings[0]?.heatedAreaM2).toBeGreaterThan(60);
    const to = p.clock.nowMs();
    const series = (await admin.get<Series>(`/api/v1/units/${unitId}/series?from=${to - 86_400_000}&to=${to}&resolution=1h&channels=indoorTempC,outdoorTempC`)).body;
    expect(series.points.length).toBeGreaterThanOrEqual(20);
    for (const pt of series.points) {
      expect(Object.keys(pt.values).sort()).toEqual(['indoorTempC', 'outdoorTempC']);
      expect(pt.min?.outdoorTempC).toBeLessThanOrEqual(pt.values.outdoorTempC as number);
    }
  });

  it('takes a newly registered and provisioned device end to end over MQTT and HTTP', async () => {
    const op = await as('operator');
    const put = (kind: string, items: unknown[]) => op.send<{ ok: boolean; errors?: { reason: string }[] }>('PUT', `/api/v1/registry/${kind}`, { items });
    expect((await put('sites', [{ id: 'yq-test-site', kind: 'household', name: '测试户', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' }])).body.ok).toBe(true);
    expect((await put('units', [{ id: 'yq-test-hp', siteId: 'yq-test-site', type: 'air-to-water', manufacturer: 'Test', model: 'T-10', nominalCapacityKw: 10, capacityControl: 'inverter', refrigerant: 'R410A', installedOn: '2017-10-15', emitter: 'floor' }])).body.ok).toBe(true);
    expect((await put('devices', [{ id: 'yq-test-gw', siteId: 'yq-test-site', unitIds: ['yq-test-hp'] }])).body.ok).toBe(true);
    const cred = await op.send<{ secret: string; telemetryTopic: string }>('POST', '/api/v1/devices/yq-test-gw/credentials');
    expect(cred.status).toBe(201);

    const t0 = p.clock.nowMs() - 600_000;
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${p.mqttPort}`, { clientId: 'yq-test-gw', username: 'yq-test-gw', password: cred.body.secret });
    const readings = Array.from({ length: 5 }, (_, i) => ({ ts: t0 + i * 60_000, values: { indoorTempC: 19 + i * 0.1, unitPowerW: 2000 } }));
    await client.publishAsync(cred.body.telemetryTopic, JSON.stringify({ readings: [...readings].reverse() }), { qos: 1 });
    await client.publishAsync(cred.body.telemetryTopic, JSON.stringify({ readings }), { qos: 1 }); // redelivery: stored once
    await client.endAsync();

    const basic = `Basic ${Buffer.from(`yq-test-gw:${cred.body.secret}`).toString('base64')}`;
    const http = await fetch(`${p.url}/api/v1/telemetry`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify({ readings: [{ ts: t0 + 300_000, values: { indoorTempC: 19.6 } }, { ts: t0, values: { indoorTempC: Number.MAX_VALUE } }] }) });
    expect(http.status).toBe(207);
    const report = (await http.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(report.accepted).toBe(1);
    expect(report.rejected[0]?.index).toBe(1);
    expect(report.rejected[0]?.reason).toMatch(/indoorTempC/);

    const raw = (await op.get<Series>(`/api/v1/units/yq-test-hp/series?from=${t0}&to=${t0 + 3_600_000}&resolution=raw`)).body;
    expect(raw.points.map((x) => x.tsMs)).toEqual([0, 1, 2, 3, 4, 5].map((i) => t0 + i * 60_000));
    expect(raw.points[0]?.values.indoorTempC).toBe(19);

    // The competitor cannot see this unit, the household neither.
    expect((await (await as('operator2')).get(`/api/v1/units/yq-test-hp/series?from=${t0}&to=${t0 + 1}&resolution=raw`)).status).toBe(404);
    const letters = (await op.get<{ items: { senderId: string; reason: string }[] }>('/api/v1/dead-letters?limit=50')).body.items;
    expect(letters.some((l) => l.senderId === 'yq-test-gw' && /indoorTempC/.test(l.reason))).toBe(true);
  });

  it('refuses registry writes that are invalid or outside the caller’s rights, and writes nothing of them', async () => {
    const op = await as('operator');
    const bad = await op.send<{ ok: boolean; errors: { column: string | null; reason: string }[] }>('PUT', '/api/v1/registry/buildings', {
      items: [{ id: 'b-x', siteId: 'yq-test-site', heatedAreaM2: -5, constructionYear: 1990, envelope: 'uninsulated', storeys: 1 }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]?.column).toBe('heatedAreaM2');
    const foreign = await op.send<{ ok: boolean }>('PUT', '/api/v1/registry/sites', { items: [{ id: 'hr-qiaozi-h020', kind: 'household', name: 'taken over', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' }] });
    expect(foreign.status, JSON.stringify(foreign.body)).toBe(403);
    const site = (await (await as('operator2')).get<SiteDetail>('/api/v1/sites/hr-qiaozi-h020')).body.site;
    expect(site.operatorOrgId).toBe('op-yanshan');
    expect((await (await as('regulator')).send('PUT', '/api/v1/registry/sites', { items: [site] })).status).toBe(403);
  });

  it('exposes health, metrics, the OpenAPI description and audit of what happened', async () => {
    const health = (await (await fetch(`${p.url}/healthz`)).json()) as { status: string; readings: number };
    expect(health.status).toBe('ok');
    expect(health.readings).toBeGreaterThan(1000);
    const metrics = await (await fetch(`${p.url}/metrics`)).text();
    expect(metrics).toMatch(/heatfleet_mqtt/);
    expect(metrics).toMatch(/heatfleet_http_requests_total\{method="GET",route="\/api\/v1\/sites",status="200"\}/);
    const openapi = (await (await fetch(`${p.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/fleet/overview', '/api/v1/telemetry', '/api/v1/units/{id}/series']));
    const audit = (await (await as('admin')).get<{ items: { action: string; actor: string }[] }>('/api/v1/audit?limit=500')).body.items;
    const actions = new Set(audit.map((a) => a.action));
    for (const a of ['auth.login', 'registry.upsert', 'device.provision']) expect(actions).toContain(a);
  });
});
