/**
 * The audit log: every login (good and bad), logout, configuration change (registry upsert and import,
 * device provisioning and revocation, user creation, password reset, API tokens) and refused attempt is
 * recorded with who, what and the outcome; administrators read it; no route edits or deletes it; it
 * holds no secret. Dispatch plans, their dispatch, household overrides and demand-response events are audited too. (Credit-list
 * decisions have no routes yet: when they arrive, the inventory check below makes them add their own audit
 * expectation here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../src/main/platform.js';
import { ids, PASSWORD, entitiesOf, seedFixture, type Fixture } from './support/fixture.js';
import { client, startSecurityPlatform, type Client } from './support/platform.js';

interface Entry { atMs: number; actor: string; action: string; target: string; outcome: string; detail: string }

/** Every state-changing route and the audit action it must leave (null: own session only, audited as logout). */
const AUDITED: Record<string, string> = {
  'POST /api/v1/auth/login': 'auth.login',
  'POST /api/v1/auth/logout': 'auth.logout',
  'POST /api/v1/tokens': 'token.create',
  'DELETE /api/v1/tokens/{id}': 'token.revoke',
  'POST /api/v1/registry/import': 'registry.import',
  'PUT /api/v1/registry/{kind}': 'registry.upsert',
  'POST /api/v1/users': 'user.create',
  'POST /api/v1/users/{id}/password': 'user.password-reset',
  'POST /api/v1/devices/{id}/credentials': 'device.provision',
  'DELETE /api/v1/devices/{id}/credentials': 'device.revoke',
  'POST /api/v1/dispatch/plans': 'dispatch.plan-create',
  'POST /api/v1/dispatch/plans/{id}/dispatch': 'dispatch.plan-dispatch',
  'POST /api/v1/dispatch/overrides': 'dispatch.override',
  'POST /api/v1/dr/events': 'dr.create',
  'POST /api/v1/dr/events/{id}/commit': 'dr.commit',
  'POST /api/v1/dr/events/{id}/cancel': 'dr.cancel',
  'POST /api/v1/dispatch/alarms/{id}/acknowledge': 'dispatch.alarm-ack',
  // Evaluates the posted rules over the caller's scope and stores nothing.
  'POST /api/v1/performance/credit-list': '(read-only: nothing changes)',
  // Telemetry is evidence, not configuration: it is kept append-only in its own store (and dead letters).
  'POST /api/v1/telemetry': '(telemetry store)',
};

describe('audit log', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  let t0: number;
  beforeAll(async () => {
    platform = await startSecurityPlatform();
    http = client(platform.url);
    t0 = Date.now();
    fx = await seedFixture(http, { users: ['operator', 'operator2', 'technician'] });
  });
  afterAll(async () => {
    await platform?.close();
  });
  const audit = async (query = '') => ((await http.request(fx.admin, 'GET', `/api/v1/audit?limit=1000${query}`)).json as { items: Entry[] }).items;

  it('names an audit action for every state-changing route', async () => {
    const doc = (await http.request(null, 'GET', '/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${p}`));
    expect(writes.filter((w) => !(w in AUDITED)), 'a new write route needs its audit action here (and a test)').toEqual([]);
  });

  it('records logins, configuration changes and refusals, with actor and outcome', async () => {
    const op = fx.sessions.operator;
    await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'operator2', password: 'not-the-password-1' } });
    await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'ghost', password: 'not-the-password-1' } });
    const own = entitiesOf({ id: 'yq-kangzhuang-h007', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' });
    expect((await http.request(op, 'PUT', '/api/v1/registry/sites', { json: { items: own.sites } })).status).toBe(200);
    expect((await http.request(op, 'PUT', '/api/v1/registry/sites', { json: { items: entitiesOf({ id: 'hr-qiaozi-h004', villageId: 'hr-qiaozi', operatorOrgId: 'op-yanshan' }).sites } })).status).toBe(403);
    const file = { name: 'b.json', contentBase64: Buffer.from(JSON.stringify({ buildings: own.buildings })).toString('base64') };
    expect((await http.request(op, 'POST', '/api/v1/registry/import', { json: { files: [file] } })).status).toBe(200);
    expect((await http.request(op, 'POST', `/api/v1/devices/${ids('yq-kangzhuang-h007').device}/credentials`)).status).toBe(201);
    expect((await http.request(op, 'DELETE', `/api/v1/devices/${ids('yq-kangzhuang-h007').device}/credentials`)).status).toBe(200);
    expect((await http.request(op, 'POST', `/api/v1/devices/${ids('hr-qiaozi-h004').device}/credentials`)).status).toBe(404);
    expect((await http.request(op, 'POST', '/api/v1/users', { json: { username: 'new-tech', displayName: 'x', role: 'technician', orgId: 'op-beinuan', scopeAreaId: 'bj-yanqing', password: PASSWORD } })).status).toBe(201);
    expect((await http.request(op, 'POST', '/api/v1/users', { json: { username: 'mole', displayName: 'x', role: 'technician', orgId: 'op-yanshan', scopeAreaId: 'bj-huairou', password: PASSWORD } })).status).toBe(403);
    expect((await http.request(op, 'POST', `/api/v1/users/${fx.userIds.get('technician')}/password`, { json: { password: 'technician-new-pass-1' } })).status).toBe(200);
    expect((await http.request(op, 'POST', `/api/v1/users/${fx.userIds.get('operator2')}/password`, { json: { password: 'operator2-stolen-pass-1' } })).status).toBe(404);
    const tok = (await http.request(op, 'POST', '/api/v1/tokens', { json: { name: 'audit-me', actions: ['fleet:read'] } })).json as { id: string };
    expect((await http.request(op, 'DELETE', `/api/v1/tokens/${tok.id}`)).status).toBe(200);
    expect((await http.request(op, 'POST', '/api/v1/tokens', { json: { name: 'no-csrf', actions: ['fleet:read'] }, noCsrf: true })).status).toBe(403);
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await http.request(op, 'POST', '/api/v1/dispatch/plans', { json: { villageId: 'yq-kangzhuang', day } })).status).toBe(201);
    expect((await http.request(op, 'POST', '/api/v1/dispatch/plans', { json: { villageId: 'hr-qiaozi', day } })).status).toBe(404);
    expect((await http.request(op, 'POST', `/api/v1/dispatch/plans/plan-yq-kangzhuang-tx1-${day}-r1/dispatch`)).status).toBe(200);
    expect((await http.request(op, 'POST', '/api/v1/dispatch/overrides', { json: { siteId: 'yq-kangzhuang-h003', kind: 'run-permission', sgState: 1, toMs: Date.now() + 3_600_000 } })).status).toBe(201);
    expect((await http.request(op, 'POST', '/api/v1/dispatch/overrides', { json: { siteId: 'hr-qiaozi-h004', kind: 'setpoint', setpointC: 30, toMs: Date.now() + 3_600_000 } })).status).toBe(404);
    // Demand response: an event needs the day's plan (tomorrow's, so the window lies ahead).
    const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    expect((await http.request(op, 'POST', '/api/v1/dispatch/plans', { json: { villageId: 'yq-kangzhuang', day: tomorrow } })).status).toBe(201);
    const ev = { direction: 'reduce', day: tomorrow, from: '17:00', to: '18:00', requestedKw: 1 };
    expect((await http.request(op, 'POST', '/api/v1/dr/events', { json: { id: 'audit-dr-1', villageId: 'yq-kangzhuang', ...ev } })).status).toBe(201);
    expect((await http.request(op, 'POST', '/api/v1/dr/events', { json: { villageId: 'hr-qiaozi', ...ev } })).status).toBe(404);
    const op2s = await http.login('operator2', PASSWORD);
    expect((await http.request(op2s, 'POST', '/api/v1/dr/events/audit-dr-1/commit', { json: {} })).status).toBe(404);
    expect((await http.request(op2s, 'POST', '/api/v1/dr/events/audit-dr-1/cancel', { json: {} })).status).toBe(404);
    expect((await http.request(op, 'POST', '/api/v1/dr/events/audit-dr-1/cancel', { json: { note: 'request withdrawn' } })).status).toBe(200);
    // An alarm of another operator's household (or none): refused as not found, and the attempt is on record.
    expect((await http.request(op2s, 'POST', '/api/v1/dispatch/alarms/1/acknowledge', { json: { note: 'mine now' } })).status).toBe(404);
    expect((await http.request(op, 'POST', '/api/v1/auth/logout')).status).toBe(200);

    const items = await audit();
    const has = (actor: string, action: string, outcome: string, target?: RegExp) =>
      expect(items.some((e) => e.actor === actor && e.action === action && e.outcome === outcome && (!target || target.test(e.target))), `${actor} ${action} ${outcome} ${target ?? ''}`).toBe(true);
    has('u-admin', 'auth.login', 'ok');
    has('u-operator', 'auth.login', 'ok');
    has('u-operator2', 'auth.login', 'failed', /operator2/);
    expect(items.some((e) => e.action === 'auth.login' && e.outcome === 'failed' && e.actor.startsWith('anonymous@') && /ghost/.test(e.target))).toBe(true);
    has('u-admin', 'registry.upsert', 'ok');
    has('u-operator', 'registry.upsert', 'ok');
    has('u-operator', 'registry.upsert', 'denied');
    has('u-operator', 'registry.import', 'ok');
    has('u-admin', 'device.provision', 'ok', /device:/);
    has('u-operator', 'device.provision', 'ok', /yq-kangzhuang-h007-gw/);
    has('u-operator', 'device.revoke', 'ok', /yq-kangzhuang-h007-gw/);
    has('u-operator', 'device.provision', 'denied', /hr-qiaozi-h004-gw/);
    has('u-admin', 'user.create', 'ok', /operator/);
    has('u-operator', 'user.create', 'ok', /new-tech/);
    has('u-operator', 'user.create', 'denied', /mole/);
    has('u-operator', 'user.password-reset', 'ok', /technician/);
    has('u-operator', 'user.password-reset', 'denied');
    has('u-operator', 'token.create', 'ok', new RegExp(tok.id));
    has('u-operator', 'token.revoke', 'ok', new RegExp(tok.id));
    has('u-operator', 'http.csrf', 'denied');
    has('u-operator', 'auth.logout', 'ok');
    has('u-operator', 'dispatch.plan-create', 'ok', /village:yq-kangzhuang/);
    has('u-operator', 'dispatch.plan-create', 'denied', /village:hr-qiaozi/);
    has('u-operator', 'dispatch.plan-dispatch', 'ok', /plan-yq-kangzhuang-tx1/);
    has('u-operator', 'dispatch.override', 'ok', /site:yq-kangzhuang-h003/);
    has('u-operator', 'dispatch.override', 'denied', /site:hr-qiaozi-h004/);
    has('u-operator', 'dr.create', 'ok', /dr:audit-dr-1/);
    has('u-operator', 'dr.create', 'denied', /village:hr-qiaozi/);
    has('u-operator2', 'dr.commit', 'denied', /dr:audit-dr-1/);
    has('u-operator2', 'dr.cancel', 'denied', /dr:audit-dr-1/);
    has('u-operator', 'dr.cancel', 'ok', /dr:audit-dr-1/);
    has('u-operator2', 'dispatch.alarm-ack', 'denied', /alarm:1/);
    // Newest first, with wall-clock times of this run.
    expect(items.every((e, i) => i === 0 || (items[i - 1] as Entry).atMs >= e.atMs)).toBe(true);
    expect(items.every((e) => e.atMs >= t0 - 1000 || e.actor === 'system')).toBe(true);
    // No secret in any entry.
    const text = JSON.stringify(items);
    for (const s of [PASSWORD, 'not-the-password-1', 'technician-new-pass-1', 'operator2-stolen-pass-1', ...fx.deviceSecrets.values()]) expect(text.includes(s)).toBe(false);
  });

  it('is readable by administrators only (an operator sees its own people), and nobody can edit it', async () => {
    const before = await audit();
    for (const m of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      const res = await http.request(fx.admin, m, '/api/v1/audit', { json: { items: [] } });
      expect(res.status, m).toBe(404);
    }
    expect((await http.request(fx.admin, 'DELETE', '/api/v1/audit?before=99999999999999')).status).toBe(404);
    const after = await audit();
    expect(after.slice(after.length - before.length)).toEqual(before);
    const op2 = await http.login('operator2', PASSWORD);
    const mine = ((await http.request(op2, 'GET', '/api/v1/audit?limit=1000')).json as { items: Entry[] }).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((e) => e.actor))).toEqual(new Set(['u-operator2']));
    const tech = await http.login('technician', 'technician-new-pass-1');
    expect((await http.request(tech, 'GET', '/api/v1/audit')).status).toBe(403);
  });
});
