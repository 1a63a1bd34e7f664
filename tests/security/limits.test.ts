/**
 * Limits: oversize and deeply nested bodies are refused (413/400, never a 500 or a stalled
 * server), pages are capped, and each user (all its tokens) and each device has its own request budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../src/main/platform.js';
import { ids, seedFixture, type Fixture } from './support/fixture.js';
import { client, startSecurityPlatform, type Caller, type Client } from './support/platform.js';

/** Generous: a refusal must not depend on parsing or walking the whole body first. */
const RATE_LIMIT = 80;

describe('request limits', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  let device: Caller;
  beforeAll(async () => {
    platform = await startSecurityPlatform({ rateLimitPerMinute: RATE_LIMIT });
    http = client(platform.url);
    fx = await seedFixture(http, { users: ['operator', 'operator2'] });
    const d = ids('yq-zhangshanying-h001').device;
    device = { kind: 'device', name: d, deviceId: d, secret: fx.deviceSecrets.get(d) as string };
  });
  afterAll(async () => {
    await platform?.close();
  });

  const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
  const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('refuses oversize bodies with 413', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const cases: [Caller | null, string, string, number][] = [
      [null, 'POST', '/api/v1/auth/login', 1],
      [fx.admin, 'PUT', '/api/v1/registry/sites', 1],
      [fx.admin, 'POST', '/api/v1/users', 1],
      [device, 'POST', '/api/v1/telemetry', 3], // telemetry allows 4 MiB
      [fx.admin, 'POST', '/api/v1/registry/import', 25], // imports allow 40 MB
    ];
    for (const [who, method, path, times] of cases) {
      const res = await http.request(who, method, path, { body: JSON.stringify({ pad: big.repeat(times) }), headers: { 'content-type': 'application/json' } });
      expect(res.status, `${method} ${path}`).toBe(413);
    }
  });

  it('refuses anonymous writes before reading their bodies', async () => {
    const body = JSON.stringify({ files: [{ name: 'x.json', contentBase64: 'A'.repeat(20 * 1024 * 1024) }] });
    const res = await http.request(null, 'POST', '/api/v1/registry/import', { body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
    expect((await http.request(null, 'POST', '/api/v1/tokens', { body: '{"not":"valid"}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
  });

  it('refuses deeply nested JSON with 400 on every kind of route', async () => {
    const bodies = [
      ['arrays', `{"items":${nested(100_000)}}`],
      ['objects', `{"items":[${nestedObjects(50_000)}]}`],
      ['shallow but over the depth limit', `{"items":[${nested(200)}]}`],
    ] as const;
    const routes: [Caller | null, string, string][] = [
      [null, 'POST', '/api/v1/auth/login'],
      [fx.admin, 'PUT', '/api/v1/registry/sites'],
      [fx.admin, 'POST', '/api/v1/registry/import'],
      [fx.admin, 'POST', '/api/v1/users'],
      [fx.sessions.operator, 'POST', '/api/v1/tokens'],
      [device, 'POST', '/api/v1/telemetry'],
    ];
    for (const [who, method, path] of routes) {
      for (const [name, body] of bodies) {
        const res = await http.request(who, method, path, { body, headers: { 'content-type': 'application/json' } });
        expect(res.status, `${name} → ${method} ${path}: ${res.text.slice(0, 200)}`).toBe(400);
      }
    }
    // Telemetry batches nest readings inside the batch: the legitimate shape still goes through.
    const ok = await http.request(device, 'POST', '/api/v1/telemetry', { json: { readings: [{ ts: Date.now() - 5000, values: { indoorTempC: 20 } }] } });
    expect(ok.status, ok.text).toBe(200);
    expect((await http.request(null, 'GET', '/healthz')).status).toBe(200);
  });

  it('caps page sizes and time ranges', async () => {
    const unit = ids('yq-zhangshanying-h001').unit;
    for (const path of [
      '/api/v1/sites?pageSize=100000',
      '/api/v1/sites?pageSize=0',
      '/api/v1/sites?page=-1',
      '/api/v1/audit?limit=100000',
      '/api/v1/dead-letters?limit=1000000',
      `/api/v1/units/${unit}/series?from=0&to=${1000 * 86_400_000}`,
      `/api/v1/units/${unit}/series?from=0&to=1e300`,
    ]) {
      const res = await http.request(fx.admin, 'GET', path);
      expect(res.status, path).toBe(400);
    }
    expect((await http.request(fx.admin, 'GET', '/api/v1/sites?pageSize=500')).status).toBe(200);
  });

  it('gives each user (all its tokens together) and each device its own request budget', async () => {
    const make = async (owner: Caller) => ((await http.request(owner, 'POST', '/api/v1/tokens', { json: { name: 'load', actions: ['fleet:read'] } })).json as { secret: string }).secret;
    const t1: Caller = { kind: 'bearer', name: 't1', token: await make(fx.sessions.operator) };
    const t2: Caller = { kind: 'bearer', name: 't2', token: await make(fx.sessions.operator) };
    const other: Caller = { kind: 'bearer', name: 'o', token: await make(fx.sessions.operator2) };
    const statuses = async (c: Caller, n: number, path = '/api/v1/fleet/overview', method = 'GET', json?: unknown) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await http.request(c, method, path, json === undefined ? {} : { json })).status);
      return out;
    };
    const first = await statuses(t1, RATE_LIMIT);
    expect(first.filter((s) => s === 429).length).toBeLessThanOrEqual(5); // the two token creations count too
    expect(await statuses(t2, 3)).toContain(429); // a second token of the same user shares the budget
    expect(await statuses(other, 3)).toEqual([200, 200, 200]); // another organisation is unaffected
    const telemetry = await statuses(device, RATE_LIMIT + 5, '/api/v1/telemetry', 'POST', { ts: Date.now() - 60_000, values: { indoorTempC: 20 } });
    expect(telemetry.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    const d2 = ids('hr-qiaozi-h004').device;
    expect(await statuses({ kind: 'device', name: d2, deviceId: d2, secret: fx.deviceSecrets.get(d2) as string }, 2, '/api/v1/telemetry', 'POST', { ts: Date.now() - 60_000, values: { indoorTempC: 20 } })).toEqual([200, 200]);
  });
});
