/**
 * The attack matrix: every HTTP route of the running platform (read from its own OpenAPI document, so a
 * new route without an attack case fails this suite) × every kind of caller, each aimed at a scope the
 * caller must not reach. A cell passes when the platform refuses (401/403/404/400/409/422/423) or answers
 * without a single identifier of the foreign scope; a write must never succeed. Positive controls show
 * that the same requests do work on the caller's own scope, so a refusal is about scope, not a typo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../src/main/platform.js';
import { REGISTRY_KINDS } from '../../src/domain/registry.js';
import { AREAS, ORGS, PASSWORD, SITES, allowedSites, entitiesOf, foreignIds, ids, seedFixture, type Fixture } from './support/fixture.js';
import { client, startSecurityPlatform, stringsIn, type Caller, type Client, type HttpResult } from './support/platform.js';

interface Attack {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly json?: unknown;
  readonly sse?: boolean;
  /** Writes must be refused; reads may also answer with the caller's own scope only. */
  readonly write: boolean;
}

interface Target {
  readonly who: string;
  readonly site: string;
  readonly village: string;
  readonly operatorOrgId: string;
  /** A site the attacker holds (or the nearest one), for moving foreign things onto it. */
  readonly ownSite: string;
  readonly user: string;
  readonly token: string;
}

const nowQuery = () => `from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}&resolution=raw`;
/** Today in Asia/Shanghai, the day the dispatch plans of the fixture are made for. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** Tomorrow in Asia/Shanghai: the day of the seeded demand-response events (their windows must lie ahead). */
const tomorrow = () => new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
const planOf = (siteId: string) => `plan-${ids(siteId).transformer}-${today()}-r1`;
/** An override command per site, issued by the administrator while seeding (site id → command id). */
const overrideOf = new Map<string, string>();
/** A dispatch alarm per village (e.g. a gateway that never answered), found while seeding (village id → alarm id). */
const alarmOf = new Map<string, string>();
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

/** How each kind of registry entity is aimed at the target's scope. */
const registryWrite = (kind: (typeof REGISTRY_KINDS)[number], t: Target): unknown[] => {
  const i = ids(t.site);
  const own = ids(t.ownSite);
  const e = entitiesOf({ id: t.site, villageId: t.village, operatorOrgId: t.operatorOrgId }, 'hijacked');
  switch (kind) {
    case 'areas':
      return [{ ...AREAS.find((a) => a.id === t.village), name: 'hijacked' }];
    case 'organisations':
      return [{ ...ORGS.find((o) => o.id === t.operatorOrgId), name: 'hijacked' }];
    case 'programmes':
      return [{ id: `prog-${t.village}`, name: 'hijacked', year: 2020, areaId: t.village }];
    case 'transformers':
      return [{ id: i.transformer, villageId: t.village, name: 'hijacked', ratingKva: 1 }];
    case 'sites':
      return e.sites;
    case 'buildings':
      return [{ ...e.buildings[0], heatedAreaM2: 1 }];
    case 'units': // move the competitor's unit onto a site of mine
      return [{ ...e.units[0], siteId: t.ownSite }];
    case 'meters':
      return [{ ...e.meters[0], kind: 'heat' }];
    case 'devices': // take the competitor's gateway over
      return [{ id: i.device, siteId: t.ownSite, unitIds: [own.unit], status: 'active' }];
  }
};

/** One attack case per route of the inventory (`METHOD /openapi/path`). */
const CASES: Record<string, (t: Target) => Attack[]> = {
  'POST /api/v1/auth/login': () => [{ label: 'log in as nobody', method: 'POST', path: '/api/v1/auth/login', json: { username: 'no-such-user', password: 'wrong-password-1' }, write: true }],
  'POST /api/v1/auth/logout': () => [{ label: 'logout (ends only the caller\'s own session)', method: 'POST', path: '/api/v1/auth/logout', write: false }],
  'GET /api/v1/auth/me': () => [{ label: 'who am I', method: 'GET', path: '/api/v1/auth/me', write: false }],
  'GET /api/v1/tokens': () => [{ label: 'list tokens', method: 'GET', path: '/api/v1/tokens', write: false }],
  'POST /api/v1/tokens': (t) => [
    { label: 'token for another user', method: 'POST', path: '/api/v1/tokens', json: { name: 'escalate', actions: ['fleet:read'], userId: t.user }, write: true },
    { label: 'token with actions unknown to every role', method: 'POST', path: '/api/v1/tokens', json: { name: 'escalate', actions: ['fleet:read', 'registry:delete', '*'] }, write: true },
    // Roles without users:manage / device:provision must not get them through a token.
    ...(['regulator', 'technician', 'household', 'household2'].includes(t.who) ? [{ label: 'token with actions beyond the role', method: 'POST', path: '/api/v1/tokens', json: { name: 'escalate', actions: ['users:manage', 'device:provision', 'audit:read'] }, write: true }] : []),
  ],
  'DELETE /api/v1/tokens/{id}': (t) => [{ label: 'revoke another user\'s token', method: 'DELETE', path: `/api/v1/tokens/${t.token}`, write: true }],
  'GET /api/v1/fleet/overview': () => [{ label: 'overview', method: 'GET', path: '/api/v1/fleet/overview', write: false }],
  'GET /api/v1/sites': (t) => [
    { label: 'site list', method: 'GET', path: '/api/v1/sites?pageSize=500', write: false },
    { label: 'site list filtered to a foreign village', method: 'GET', path: `/api/v1/sites?villageId=${t.village}`, write: false },
    { label: 'site list searching a foreign id', method: 'GET', path: `/api/v1/sites?q=${t.site}`, write: false },
  ],
  'GET /api/v1/sites/{id}': (t) => [{ label: 'foreign site detail', method: 'GET', path: `/api/v1/sites/${t.site}`, write: false }],
  'GET /api/v1/units/{id}/series': (t) => [{ label: 'foreign unit series', method: 'GET', path: `/api/v1/units/${ids(t.site).unit}/series?${nowQuery()}`, write: false }],
  'GET /api/v1/live/fleet': () => [{ label: 'live fleet (SSE)', method: 'GET', path: '/api/v1/live/fleet', sse: true, write: false }],
  'GET /api/v1/live/sites/{id}': (t) => [{ label: 'live foreign site (SSE)', method: 'GET', path: `/api/v1/live/sites/${t.site}`, sse: true, write: false }],
  'GET /api/v1/registry/export': () => ['json', 'csv'].map((f) => ({ label: `export ${f}`, method: 'GET', path: `/api/v1/registry/export?format=${f}`, write: false })),
  'POST /api/v1/registry/import': (t) => [
    { label: 'import touching a foreign site', method: 'POST', path: '/api/v1/registry/import', json: { files: [{ name: 'sites.json', contentBase64: b64({ sites: registryWrite('sites', t) }) }] }, write: true },
    { label: 'import moving a foreign unit', method: 'POST', path: '/api/v1/registry/import', json: { files: [{ name: 'units.json', contentBase64: b64({ units: registryWrite('units', t) }) }] }, write: true },
  ],
  'GET /api/v1/registry/{kind}': () => REGISTRY_KINDS.map((k) => ({ label: `registry ${k}`, method: 'GET', path: `/api/v1/registry/${k}`, write: false })),
  'PUT /api/v1/registry/{kind}': (t) => [
    ...REGISTRY_KINDS.map((k) => ({ label: `upsert foreign ${k}`, method: 'PUT', path: `/api/v1/registry/${k}`, json: { items: registryWrite(k, t) }, write: true })),
    { label: 'a new gateway of mine claiming a foreign unit', method: 'PUT', path: '/api/v1/registry/devices', json: { items: [{ id: `${t.ownSite}-gw9`, siteId: t.ownSite, unitIds: [ids(t.site).unit], status: 'active' }] }, write: true },
  ],
  'GET /api/v1/dead-letters': () => [{ label: 'dead letters', method: 'GET', path: '/api/v1/dead-letters?limit=1000', write: false }],
  'GET /api/v1/audit': () => [{ label: 'audit log', method: 'GET', path: '/api/v1/audit?limit=1000', write: false }],
  'GET /api/v1/users': () => [{ label: 'users', method: 'GET', path: '/api/v1/users', write: false }],
  'POST /api/v1/users': (t) => [
    { label: 'create a user in a competitor\'s organisation', method: 'POST', path: '/api/v1/users', json: { username: `intruder-${t.who.replace(/[^a-z0-9]/g, '')}`, displayName: 'x', role: 'technician', orgId: t.operatorOrgId, scopeAreaId: t.village, password: PASSWORD }, write: true },
    { label: 'create a household login for a foreign site', method: 'POST', path: '/api/v1/users', json: { username: `spy-${t.who.replace(/[^a-z0-9]/g, '')}`, displayName: 'x', role: 'household', orgId: 'platform', siteId: t.site, password: PASSWORD }, write: true },
  ],
  'POST /api/v1/users/{id}/password': (t) => [{ label: 'reset a foreign user\'s password', method: 'POST', path: `/api/v1/users/${t.user}/password`, json: { password: 'taken-over-password-1' }, write: true }],
  'POST /api/v1/devices/{id}/credentials': (t) => [{ label: 'provision a foreign device', method: 'POST', path: `/api/v1/devices/${ids(t.site).device}/credentials`, write: true }],
  'DELETE /api/v1/devices/{id}/credentials': (t) => [{ label: 'revoke a foreign device', method: 'DELETE', path: `/api/v1/devices/${ids(t.site).device}/credentials`, write: true }],
  'POST /api/v1/telemetry': (t) => [{ label: 'telemetry for a foreign unit', method: 'POST', path: '/api/v1/telemetry', json: { ts: Date.now() - 1000, unit: ids(t.site).unit, values: { indoorTempC: 5 } }, write: true }],
  'POST /api/v1/dispatch/plans': (t) => [
    { label: 'plan a foreign village', method: 'POST', path: '/api/v1/dispatch/plans', json: { villageId: t.village, day: today() }, write: true },
    { label: 'plan a foreign transformer', method: 'POST', path: '/api/v1/dispatch/plans', json: { transformerId: ids(t.site).transformer, day: today() }, write: true },
  ],
  'GET /api/v1/dispatch/plans': (t) => [
    { label: 'plans', method: 'GET', path: '/api/v1/dispatch/plans', write: false },
    { label: 'plans of a foreign village', method: 'GET', path: `/api/v1/dispatch/plans?villageId=${t.village}`, write: false },
  ],
  'GET /api/v1/dispatch/plans/{id}': (t) => [{ label: 'foreign plan detail', method: 'GET', path: `/api/v1/dispatch/plans/${planOf(t.site)}`, write: false }],
  'POST /api/v1/dispatch/plans/{id}/dispatch': (t) => [{ label: 'dispatch a foreign plan', method: 'POST', path: `/api/v1/dispatch/plans/${planOf(t.site)}/dispatch`, write: true }],
  'POST /api/v1/dispatch/overrides': (t) => [
    { label: 'override a foreign household', method: 'POST', path: '/api/v1/dispatch/overrides', json: { siteId: t.site, kind: 'setpoint', setpointC: 30, toMs: Date.now() + 3_600_000 }, write: true },
    { label: 'lock a foreign household', method: 'POST', path: '/api/v1/dispatch/overrides', json: { siteId: t.site, kind: 'run-permission', sgState: 1, toMs: Date.now() + 3_600_000 }, write: true },
  ],
  'GET /api/v1/dispatch/commands': (t) => [
    { label: 'commands', method: 'GET', path: '/api/v1/dispatch/commands?limit=1000', write: false },
    { label: 'commands of a foreign site', method: 'GET', path: `/api/v1/dispatch/commands?siteId=${t.site}`, write: false },
    { label: 'commands of a foreign plan', method: 'GET', path: `/api/v1/dispatch/commands?planId=${planOf(t.site)}`, write: false },
  ],
  'GET /api/v1/dispatch/commands/{id}': (t) => [{ label: 'foreign command', method: 'GET', path: `/api/v1/dispatch/commands/${overrideOf.get(t.site) ?? 'cmd-none'}`, write: false }],
  'GET /api/v1/dispatch/alarms': (t) => [
    { label: 'dispatch alarms', method: 'GET', path: '/api/v1/dispatch/alarms?limit=1000', write: false },
    { label: 'dispatch alarms of a foreign village', method: 'GET', path: `/api/v1/dispatch/alarms?villageId=${t.village}&limit=1000`, write: false },
  ],
  'POST /api/v1/dispatch/alarms/{id}/acknowledge': (t) => [{ label: 'acknowledge a foreign alarm', method: 'POST', path: `/api/v1/dispatch/alarms/${alarmOf.get(t.village) ?? '999999'}/acknowledge`, json: { note: 'hidden by an intruder' }, write: true }],
  'GET /api/v1/dispatch/tariffs': () => [{ label: 'tariff presets', method: 'GET', path: '/api/v1/dispatch/tariffs', write: false }],
  'GET /api/v1/contracts': () => [{ label: 'heating fee contract presets (carry no scope)', method: 'GET', path: '/api/v1/contracts', write: false }],
  'GET /api/v1/dispatch/villages/{id}/plan-vs-actual': (t) => [{ label: 'plan vs actual of a foreign village', method: 'GET', path: `/api/v1/dispatch/villages/${t.village}/plan-vs-actual?day=${today()}`, write: false }],
  'GET /api/v1/units/{id}/thermal-model': (t) => [{ label: 'foreign household thermal model', method: 'GET', path: `/api/v1/units/${ids(t.site).unit}/thermal-model?from=${Date.now() - 5 * 86_400_000}&to=${Date.now()}`, write: false }],
  'GET /api/v1/forecast/outdoor': () => [{ label: 'regional outdoor forecast (carries no scope)', method: 'GET', path: '/api/v1/forecast/outdoor?hours=168', write: false }],
  'POST /api/v1/dr/events': (t) => [{ label: 'demand-response event on a foreign village', method: 'POST', path: '/api/v1/dr/events', json: { villageId: t.village, direction: 'reduce', day: tomorrow(), from: '17:00', to: '18:00', requestedKw: 1 }, write: true }],
  'POST /api/v1/dr/events/{id}/commit': (t) => [{ label: 'commit a foreign demand-response event', method: 'POST', path: `/api/v1/dr/events/dr-${t.village}/commit`, json: {}, write: true }],
  'POST /api/v1/dr/events/{id}/cancel': (t) => [{ label: 'cancel a foreign demand-response event', method: 'POST', path: `/api/v1/dr/events/dr-${t.village}/cancel`, json: {}, write: true }],
  'GET /api/v1/dr/events': (t) => [
    { label: 'demand-response events', method: 'GET', path: '/api/v1/dr/events?limit=500', write: false },
    { label: 'demand-response events of a foreign village', method: 'GET', path: `/api/v1/dr/events?villageId=${t.village}`, write: false },
  ],
  'GET /api/v1/dr/events/{id}': (t) => [{ label: 'foreign demand-response event', method: 'GET', path: `/api/v1/dr/events/dr-${t.village}`, write: false }],
  'GET /api/v1/performance/units': () => [{ label: 'season fleet table', method: 'GET', path: '/api/v1/performance/units?pageSize=500', write: false }],
  'GET /api/v1/performance/units/{id}': (t) => [{ label: 'foreign unit season report', method: 'GET', path: `/api/v1/performance/units/${ids(t.site).unit}?expected=false`, write: false }],
  'GET /api/v1/performance/distribution': () => [{ label: 'season KPI distribution', method: 'GET', path: '/api/v1/performance/distribution?kpi=spfH2', write: false }],
  'GET /api/v1/performance/comparison': (t) => [{ label: 'compare a foreign unit', method: 'GET', path: `/api/v1/performance/comparison?unitIds=${ids(t.ownSite).unit},${ids(t.site).unit}`, write: false }],
  'GET /api/v1/performance/expected-vs-actual': () => [{ label: 'shortfall ranking', method: 'GET', path: '/api/v1/performance/expected-vs-actual', write: false }],
  'GET /api/v1/performance/influence-factors': () => [{ label: 'influence factors', method: 'GET', path: '/api/v1/performance/influence-factors?minUnits=3', write: false }],
  'GET /api/v1/performance/rankings': () => [{ label: 'manufacturer ranking', method: 'GET', path: '/api/v1/performance/rankings?groupBy=manufacturer&minUnits=1&minCoveragePct=0&minHeatKWh=0', write: false }],
  'GET /api/v1/performance/credit-list': () => [{ label: 'credit list (default rules)', method: 'GET', path: '/api/v1/performance/credit-list', write: false }],
  // Posting rules changes nothing (it evaluates them): judged like a read — refused, or the caller's scope only.
  'POST /api/v1/performance/credit-list': () => [{ label: 'credit list under posted rules', method: 'POST', path: '/api/v1/performance/credit-list', json: { rules: [{ kind: 'median-spf-below', groupBy: 'manufacturer', boundary: 'h2', thresholdSpf: 99, minUnits: 1, minCoveragePct: 0 }] }, write: false }],
  'GET /api/v1/performance/after-sales': () => [{ label: 'after-sales', method: 'GET', path: '/api/v1/performance/after-sales', write: false }],
  'GET /api/v1/performance/report.csv': () => [{ label: 'season report CSV', method: 'GET', path: '/api/v1/performance/report.csv', write: false }],
  'GET /api/v1/performance/report.xlsx': () => [{ label: 'season report XLSX', method: 'GET', path: '/api/v1/performance/report.xlsx', write: false }],
  'GET /api/v1/performance/report.html': () => [{ label: 'season report HTML', method: 'GET', path: '/api/v1/performance/report.html?lang=zh-CN', write: false }],
  'GET /healthz': () => [{ label: 'health', method: 'GET', path: '/healthz', write: false }],
  'GET /metrics': () => [{ label: 'metrics (loopback)', method: 'GET', path: '/metrics', write: false }],
};

const REFUSED = new Set([400, 401, 403, 404, 409, 422, 423]);
type Cell = { route: string; who: string; label: string; status: number; verdict: 'refused' | 'own scope only' | 'BREACH'; why?: string };

describe('attack matrix: every route × every caller, aimed at a foreign scope', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  let inventory: string[];
  const callers = new Map<string, Caller>();
  const targets = new Map<string, Target>();
  const tokenIds = new Map<string, string>();
  const cells: Cell[] = [];
  const registrySnapshot = async (): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    for (const k of REGISTRY_KINDS) out[k] = (await http.request(fx.admin, 'GET', `/api/v1/registry/${k}`)).json;
    return out;
  };
  const sameOrgUserIds = (who: string): Set<string> =>
    new Set(who.startsWith('operator2') ? ['u-operator2'] : who.startsWith('operator') || who === 'technician' ? ['u-operator', 'u-technician', 'u-own-tech'] : []);

  beforeAll(async () => {
    // A short ack timeout, so the unconnected gateways' commands end as alarms while seeding.
    platform = await startSecurityPlatform({ rateLimitPerMinute: 100_000, dispatchAckTimeoutMs: 500, dispatchMaxAttempts: 2 });
    http = client(platform.url);
    fx = await seedFixture(http);
    // Dispatch state in every village: a dispatched plan per transformer, an override per site (the gateways are
    // not connected, so these end as not-acknowledging with alarms naming the households).
    for (const v of new Set(SITES.map((x) => x.villageId))) {
      const res = await http.request(fx.admin, 'POST', '/api/v1/dispatch/plans', { json: { villageId: v, day: today() } });
      expect(res.status, res.text).toBe(201);
      expect((await http.request(fx.admin, 'POST', `/api/v1/dispatch/plans/${planOf(`${v}-h000`)}/dispatch`)).status).toBe(200);
    }
    // A demand-response event per village, on tomorrow's plan (id dr-{village}).
    for (const v of new Set(SITES.map((x) => x.villageId))) {
      expect((await http.request(fx.admin, 'POST', '/api/v1/dispatch/plans', { json: { villageId: v, day: tomorrow() } })).status).toBe(201);
      const res = await http.request(fx.admin, 'POST', '/api/v1/dr/events', { json: { id: `dr-${v}`, villageId: v, direction: 'reduce', day: tomorrow(), from: '17:00', to: '18:00', requestedKw: 1 } });
      expect(res.status, res.text).toBe(201);
    }
    for (const x of SITES) {
      const res = await http.request(fx.admin, 'POST', '/api/v1/dispatch/overrides', { json: { siteId: x.id, kind: 'setpoint', setpointC: 21, toMs: Date.now() + 3_600_000 } });
      expect(res.status, res.text).toBe(201);
      overrideOf.set(x.id, (res.json as { id: string }).id);
    }
    for (const v of new Set(SITES.map((x) => x.villageId))) {
      for (let tries = 0; !alarmOf.has(v) && tries < 100; tries++) {
        const [a] = ((await http.request(fx.admin, 'GET', `/api/v1/dispatch/alarms?villageId=${v}&limit=1`)).json as { items: { id: string }[] }).items;
        if (a) alarmOf.set(v, a.id);
        else await new Promise((r) => setTimeout(r, 200));
      }
      expect(alarmOf.has(v), `an alarm in ${v}`).toBe(true);
    }
    const token = async (owner: string, actions: string[]) => {
      const res = await http.request(fx.sessions[owner as 'operator'], 'POST', '/api/v1/tokens', { json: { name: `${owner} ${actions.length}`, actions } });
      expect(res.status, res.text).toBe(201);
      const body = res.json as { id: string; secret: string };
      return body;
    };
    const opFull = await token('operator', ['fleet:read', 'registry:write', 'registry:import', 'registry:export', 'device:provision', 'telemetry:write', 'deadletter:read', 'users:manage', 'audit:read']);
    const opRead = await token('operator', ['fleet:read', 'registry:export']);
    const op2 = await token('operator2', ['fleet:read']);
    tokenIds.set('operator', opFull.id).set('operator2', op2.id);
    const h001 = ids('yq-zhangshanying-h001').device;
    const list: Caller[] = [
      { kind: 'anonymous', name: 'anonymous' },
      ...(['regulator', 'operator', 'operator2', 'technician', 'household', 'household2'] as const).map((u) => fx.sessions[u]),
      { kind: 'bearer', name: 'operator:token', token: opFull.secret },
      { kind: 'bearer', name: 'operator:read-token', token: opRead.secret },
      { kind: 'device', name: 'device:h001', deviceId: h001, secret: fx.deviceSecrets.get(h001) as string },
    ];
    for (const c of list) callers.set(c.name, c);
    const siteTarget: Record<string, [string, string, string]> = {
      // [foreign target site, own site, foreign user]
      anonymous: ['yq-zhangshanying-h001', 'yq-zhangshanying-h001', 'household'],
      regulator: ['hb-xiaying-h006', 'yq-zhangshanying-h001', 'household'],
      operator: ['hr-qiaozi-h004', 'yq-zhangshanying-h001', 'operator2'],
      'operator:token': ['hr-qiaozi-h004', 'yq-zhangshanying-h001', 'operator2'],
      'operator:read-token': ['hr-qiaozi-h004', 'yq-zhangshanying-h001', 'operator2'],
      operator2: ['yq-zhangshanying-h001', 'hr-qiaozi-h004', 'technician'],
      technician: ['hr-qiaozi-h005', 'yq-zhangshanying-h002', 'operator2'],
      household: ['yq-zhangshanying-h002', 'yq-zhangshanying-h001', 'household2'],
      household2: ['hr-qiaozi-h005', 'hr-qiaozi-h004', 'household'],
      'device:h001': ['yq-zhangshanying-h002', 'yq-zhangshanying-h001', 'household2'],
    };
    for (const [who, [site, ownSite, user]] of Object.entries(siteTarget)) {
      const spec = SITES.find((s) => s.id === site);
      if (!spec) throw new Error(site);
      expect(allowedSites(who).has(site), `${who}'s target ${site} must be foreign`).toBe(false);
      targets.set(who, { who, site, village: spec.villageId, operatorOrgId: spec.operatorOrgId, ownSite, user: fx.userIds.get(user) as string, token: (who.startsWith('operator') && who !== 'operator2' ? tokenIds.get('operator2') : tokenIds.get('operator')) as string });
    }
    const doc = (await http.request(null, 'GET', '/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    inventory = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('has an attack case for every route the platform serves', () => {
    expect(inventory.length).toBeGreaterThan(20);
    expect(inventory.filter((r) => !(r in CASES)), 'routes without an attack case: add them to CASES').toEqual([]);
    expect(Object.keys(CASES).filter((r) => !inventory.includes(r)), 'cases for routes that no longer exist').toEqual([]);
  });

  const judge = (who: string, a: Attack, res: { status: number; body: unknown }): Cell['verdict'] | string => {
    if (REFUSED.has(res.status)) return 'refused';
    if (res.status >= 200 && res.status < 300) {
      if (a.write) return `write accepted (${res.status})`;
      let body = res.body;
      if (a.path.startsWith('/api/v1/audit')) {
        // The caller's organisation's own entries name what its people tried (foreign ids included): that is theirs to read.
        const items = (body as { items: { actor: string }[] }).items;
        const foreignActors = items.filter((e) => !sameOrgUserIds(who).has(e.actor));
        if (foreignActors.length > 0) return `audit entries of other organisations' people: ${foreignActors.slice(0, 3).map((e) => e.actor).join(', ')}`;
        body = items.map((e) => e.actor);
      }
      const foreign = foreignIds(who);
      const leaked = [...stringsIn(body)].filter((s) => foreign.has(s) || s.split(/[^A-Za-z0-9_.-]+/).some((tok) => foreign.has(tok)));
      return leaked.length === 0 ? 'own scope only' : `leaked ${leaked.slice(0, 3).map((x) => x.slice(0, 80)).join(' | ')}`;
    }
    return `unexpected status ${res.status}`;
  };

  const run = async (who: string, route: string, a: Attack) => {
    const caller = callers.get(who) as Caller;
    let status: number;
    let body: unknown;
    if (a.sse) {
      const res = await http.sse(caller, a.path, 600);
      status = res.status;
      body = res.events;
    } else {
      const res: HttpResult = await http.request(caller, a.method, a.path, a.json === undefined ? {} : { json: a.json });
      status = res.status;
      // Export in CSV comes as JSON of files: look inside the file texts too.
      body = res.json ?? res.text;
    }
    const v = judge(who, a, { status, body });
    cells.push({ route, who, label: a.label, status, verdict: v === 'refused' || v === 'own scope only' ? v : 'BREACH', ...(v === 'refused' || v === 'own scope only' ? {} : { why: v }) });
  };

  it('read-only roles cannot write or steer even inside their own scope', async () => {
    const inScope: Record<string, string> = { regulator: 'yq-zhangshanying-h001', household: 'yq-zhangshanying-h001', technician: 'yq-zhangshanying-h001', 'operator:read-token': 'yq-zhangshanying-h001' };
    for (const [who, site] of Object.entries(inScope)) {
      const c = callers.get(who) as Caller;
      const i = ids(site);
      const e = entitiesOf({ id: site, villageId: 'yq-zhangshanying', operatorOrgId: 'op-beinuan' }, 'renamed by a reader');
      const attempts: [string, string, unknown?][] = [
        ['PUT', '/api/v1/registry/sites', { items: e.sites }],
        ['PUT', '/api/v1/registry/units', { items: e.units }],
        ['POST', '/api/v1/registry/import', { files: [{ name: 's.json', contentBase64: b64({ sites: e.sites }) }] }],
        ['POST', `/api/v1/devices/${i.device}/credentials`],
        ['DELETE', `/api/v1/devices/${i.device}/credentials`],
        ['POST', '/api/v1/telemetry', { ts: Date.now() - 2000, unit: i.unit, values: { indoorTempC: 30 } }],
        ['POST', '/api/v1/users', { username: `sock-${who.replace(/[^a-z]/g, '')}`, displayName: 'x', role: 'household', orgId: 'platform', siteId: site, password: PASSWORD }],
      ];
      for (const [method, path, json] of attempts) {
        const res = await http.request(c, method, path, json === undefined ? {} : { json });
        expect(res.status, `${who} ${method} ${path}: ${res.text.slice(0, 200)}`).toBe(403);
      }
    }
    const site = (await http.request(fx.admin, 'GET', '/api/v1/sites/yq-zhangshanying-h001')).json as { site: { name: string } };
    expect(site.site.name).not.toBe('renamed by a reader');
  });

  it('a household\'s live stream carries only its own site while the neighbours report', async () => {
    const hh = callers.get('household') as Caller;
    const stream = http.sse(hh, '/api/v1/live/fleet', 4500);
    for (let k = 0; k < 3; k++) {
      await Promise.all(
        SITES.filter((s) => s.id !== 'yq-zhangshanying-h001').map((s) => {
          const d = ids(s.id).device;
          return http.request({ kind: 'device', name: d, deviceId: d, secret: fx.deviceSecrets.get(d) as string }, 'POST', '/api/v1/telemetry', { json: { ts: Date.now() - 100, values: { indoorTempC: 18 + k } } });
        }),
      );
      await new Promise((r) => setTimeout(r, 1200));
    }
    const { status, events } = await stream;
    expect(status).toBe(200);
    expect(events.length).toBeGreaterThan(0);
    const siteIds = new Set((events as { sites: { id: string }[] }[]).flatMap((e) => e.sites.map((x) => x.id)));
    expect([...siteIds]).toEqual(['yq-zhangshanying-h001']);
  });

  it('refuses or filters 100 % of foreign-scope requests (logout last)', async () => {
    const before = await registrySnapshot();
    const routes = inventory.filter((r) => r !== 'POST /api/v1/auth/logout');
    for (const who of callers.keys()) {
      const t = targets.get(who) as Target;
      await Promise.all(routes.flatMap((route) => (CASES[route]?.(t) ?? []).filter((a) => a.path !== '/api/v1/auth/login').map((a) => run(who, route, a))));
      // Logging in is rate-limited per address: one attempt per caller kind is enough.
      if (who === 'anonymous' || who === 'operator') for (const a of CASES['POST /api/v1/auth/login']?.(t) ?? []) await run(who, 'POST /api/v1/auth/login', a);
    }
    printMatrix(cells, [...callers.keys()]);
    // Nothing foreign changed: the registry is byte-for-byte the same, every device still authenticates,
    // the competitor's token still works, and no intruder account exists.
    expect(await registrySnapshot()).toEqual(before);
    for (const s of SITES) {
      const d = ids(s.id).device;
      const res = await http.request({ kind: 'device', name: d, deviceId: d, secret: fx.deviceSecrets.get(d) as string }, 'POST', '/api/v1/telemetry', { json: { ts: Date.now() - 500, values: { indoorTempC: 20 } } });
      expect(res.status, `${d} still authenticates`).toBe(200);
    }
    const users = (await http.request(fx.admin, 'GET', '/api/v1/users')).json as { items: { username: string }[] };
    expect(users.items.map((u) => u.username).filter((u) => /intruder|spy/.test(u))).toEqual([]);
    expect((await http.request(fx.sessions.operator2, 'GET', '/api/v1/tokens')).json).toMatchObject({ items: [{ id: tokenIds.get('operator2'), revokedAtMs: null }] });

    // Logout is own-scope by construction: each caller logs itself out, every other session lives on.
    for (const who of callers.keys()) for (const a of CASES['POST /api/v1/auth/logout']?.(targets.get(who) as Target) ?? []) await run(who, 'POST /api/v1/auth/logout', a);
    expect((await http.request(fx.admin, 'GET', '/api/v1/auth/me')).status).toBe(200);
    // A foreign password reset would show here: the original passwords still log in.
    for (const u of ['operator2', 'household']) expect((await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: u, password: PASSWORD } })).status).toBe(200);

    const breaches = cells.filter((c) => c.verdict === 'BREACH');
    expect(breaches, JSON.stringify(breaches, null, 1)).toEqual([]);
    expect(cells.length).toBeGreaterThan(300);
    // ~800 requests, some of them season reports and twin runs: minutes on a loaded 2-core machine.
  }, 300_000);

  it('positive controls: the same requests succeed on the caller\'s own scope', async () => {
    const op = await http.login('operator', PASSWORD);
    const own: Target = { who: 'operator', site: 'yq-kangzhuang-h007', village: 'yq-kangzhuang', operatorOrgId: 'op-beinuan', ownSite: 'yq-kangzhuang-h007', user: fx.userIds.get('technician') as string, token: '' };
    const ok = async (caller: Caller, a: Attack, expectId?: string) => {
      const res = a.sse ? await http.sse(caller, a.path, 600) : await http.request(caller, a.method, a.path, a.json === undefined ? {} : { json: a.json });
      const why = `${a.label}: ${'text' in res ? res.text.slice(0, 500) : ''}`;
      expect(res.status, why).toBeGreaterThanOrEqual(200);
      expect(res.status, why).toBeLessThan(300);
      if (expectId) expect(JSON.stringify('events' in res ? res.events : res.json), a.label).toContain(expectId);
    };
    const first = (route: string) => (CASES[route]?.(own) ?? [])[0] as Attack;
    await ok(op, first('GET /api/v1/sites/{id}'), own.site);
    await ok(op, first('GET /api/v1/units/{id}/series'), ids(own.site).unit);
    await ok(op, first('GET /api/v1/live/sites/{id}'), own.site);
    await ok(op, first('GET /api/v1/sites'), own.site);
    for (const kind of ['transformers', 'sites', 'buildings', 'meters'] as const) await ok(op, { label: `upsert own ${kind}`, method: 'PUT', path: `/api/v1/registry/${kind}`, json: { items: registryWrite(kind, own) }, write: true });
    await ok(op, { label: 'upsert own units', method: 'PUT', path: '/api/v1/registry/units', json: { items: entitiesOf(SITES[6] as (typeof SITES)[number]).units }, write: true });
    await ok(op, { label: 'upsert own devices', method: 'PUT', path: '/api/v1/registry/devices', json: { items: entitiesOf(SITES[6] as (typeof SITES)[number]).devices }, write: true });
    await ok(op, (CASES['POST /api/v1/registry/import']?.(own) ?? [])[0] as Attack);
    await ok(fx.admin, { label: 'admin edits an area', method: 'PUT', path: '/api/v1/registry/areas', json: { items: registryWrite('areas', own) }, write: true });
    await ok(op, first('POST /api/v1/devices/{id}/credentials'));
    await ok(op, first('DELETE /api/v1/devices/{id}/credentials'));
    await ok(op, { label: 'telemetry for an own unit', method: 'POST', path: '/api/v1/telemetry', json: { ts: Date.now() - 1000, unit: ids('yq-zhangshanying-h001').unit, values: { indoorTempC: 21 } }, write: true });
    await ok(op, { label: 'create an own technician', method: 'POST', path: '/api/v1/users', json: { username: 'own-tech', displayName: 'x', role: 'technician', orgId: 'op-beinuan', scopeAreaId: 'bj-yanqing', password: PASSWORD }, write: true });
    await ok(op, first('POST /api/v1/users/{id}/password'));
    await ok(op, first('GET /api/v1/dead-letters'), ids('yq-zhangshanying-h001').device);
    await ok(op, first('POST /api/v1/dispatch/plans'));
    await ok(op, first('GET /api/v1/dispatch/plans/{id}'), own.site);
    // h007's gateway was revoked above: steer its neighbour h003 (same operator, same transformer).
    const ownSteered: Target = { ...own, site: 'yq-kangzhuang-h003', ownSite: 'yq-kangzhuang-h003' };
    await ok(op, (CASES['POST /api/v1/dispatch/overrides']?.(ownSteered) ?? [])[0] as Attack);
    await ok(op, (CASES['GET /api/v1/dispatch/commands/{id}']?.(ownSteered) ?? [])[0] as Attack, ownSteered.site);
    await ok(op, first('GET /api/v1/dispatch/villages/{id}/plan-vs-actual'), ids(own.site).transformer);
    await ok(op, (CASES['GET /api/v1/dispatch/commands']?.(own) ?? [])[1] as Attack, own.site);
    await ok(op, (CASES['GET /api/v1/dispatch/alarms']?.(own) ?? [])[1] as Attack, alarmOf.get(own.village));
    await ok(op, first('POST /api/v1/dispatch/alarms/{id}/acknowledge'), alarmOf.get(own.village));
    await ok(op, first('POST /api/v1/dr/events/{id}/cancel'), `dr-${own.village}`);
  });
});

function printMatrix(cells: readonly Cell[], whos: readonly string[]): void {
  const routes = [...new Set(cells.map((c) => c.route))].sort();
  const cell = (route: string, who: string) => {
    const cs = cells.filter((c) => c.route === route && c.who === who);
    if (cs.length === 0) return '·';
    if (cs.some((c) => c.verdict === 'BREACH')) return 'BREACH';
    return [...new Set(cs.map((c) => (c.verdict === 'refused' ? String(c.status) : 'own')))].join('/');
  };
  const w = Math.max(...routes.map((r) => r.length));
  const lines = [`${'route'.padEnd(w)} | ${whos.map((x) => x.padEnd(10).slice(0, 10)).join(' | ')}`];
  for (const r of routes) lines.push(`${r.padEnd(w)} | ${whos.map((x) => cell(r, x).padEnd(10).slice(0, 10)).join(' | ')}`);
  const denied = cells.filter((c) => c.verdict !== 'BREACH').length;
  lines.push(`${cells.length} foreign-scope requests, ${denied} refused or answered with the caller's own scope only (${((100 * denied) / cells.length).toFixed(1)} %)`);
  lines.push('cells: status = refused; own = answered with own scope only; · = not tried');
  console.log(`\n${lines.join('\n')}\n`);
}
