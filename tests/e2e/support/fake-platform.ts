/**
 * A stand-in for the platform's HTTP API with canned data, for looking at the dashboard before (or
 * without) the real platform: `npx tsx tests/e2e/support/fake-platform.ts` then open the printed URL.
 * Not used by the e2e tests, which run against `startPlatform()`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { FleetOverview, SessionView, SiteDetail, SiteSummary, UserView } from '../../../src/contract/api.js';

const HOUR = 3_600_000;
const villages = [
  { id: 'v-dongxin', name: 'Dongxinzhuang', nameZh: '东辛庄村', county: '通州区', org: 'org-a', kva: 400 },
  { id: 'v-xiaying', name: 'Xiaying', nameZh: '下营村', county: '平谷区', org: 'org-a', kva: 315 },
  { id: 'v-nanhe', name: 'Nanhe', nameZh: '南河村', county: '延庆区', org: 'org-b', kva: 250 },
];
const clock0 = Date.parse('2018-12-20T00:00:00+08:00');
const started = Date.now();
const nowMs = (): number => clock0 + (Date.now() - started) * 60;

const sites = villages.flatMap((v, vi) => Array.from({ length: 6 }, (_, i) => ({ id: `s-${vi}-${i}`, name: `${v.nameZh}${i + 1}号户`, village: v, offline: i === 5 })));
const latestAt = (i: number, ms: number) => {
  const h = ms / HOUR;
  const outdoor = -4 + 5 * Math.sin((2 * Math.PI * (h - 9)) / 24);
  const indoor = 18.5 + (i % 4) * 0.6 - (i === 3 ? 2.2 : 0) + 0.4 * Math.sin(h / 3 + i);
  return { tsMs: ms, indoorTempC: indoor, outdoorTempC: outdoor, supplyTempC: 40 - outdoor * 0.6, returnTempC: 35 - outdoor * 0.5, elecPowerW: 2200 - outdoor * 120 + 200 * Math.sin(h + i), heatPowerW: 6000 - outdoor * 250, compressorOn: 1, defrost: i === 2 ? 1 : 0, setpointC: 20, faultCode: i === 4 ? 'E3' : null };
};
const summary = (s: (typeof sites)[number], idx: number): SiteSummary => ({
  id: s.id, name: s.name, kind: 'household', villageId: s.village.id, villageName: s.village.nameZh, operatorOrgId: s.village.org,
  unitIds: [`u-${s.id}`], capacityKw: idx % 2 ? 12 : 9, emitter: idx % 2 ? 'radiator' : 'floor', heatedAreaM2: 120, online: !s.offline,
  latest: latestAt(idx, s.offline ? nowMs() - 5 * HOUR : Math.floor(nowMs() / 60_000) * 60_000),
});

const users: Record<string, UserView & { password: string }> = Object.fromEntries(
  [
    ['admin', 'admin', 'Platform admin', 'platform', null, null],
    ['regulator', 'regulator', '市能源办', 'gov', null, null],
    ['opadmin', 'operator-admin', '张经理', 'org-a', null, null],
    ['tech', 'technician', '李师傅', 'org-b', null, null],
    ['home', 'household', '王大爷', 'org-a', 's-0-0', null],
  ].map(([username, role, displayName, orgId, siteId]) => [
    username,
    { id: `user-${username}`, username: String(username), password: 'demo-password', displayName: String(displayName), role: role as UserView['role'], orgId: String(orgId), orgName: String(orgId), scopeAreaId: null, scopeName: '北京', siteId: (siteId as string | null) ?? null, actions: { admin: ['fleet:read', 'registry:import', 'registry:export', 'deadletter:read', 'audit:read'], regulator: ['fleet:read', 'registry:export'], 'operator-admin': ['fleet:read', 'registry:import', 'registry:export', 'deadletter:read', 'audit:read'], technician: ['fleet:read'], household: ['fleet:read'] }[String(role)] ?? [] },
  ]),
);
export const FAKE_CREDENTIALS = Object.values(users).map((u) => ({ username: u.username, password: u.password, role: u.role }));
const sessions = new Map<string, UserView>();
const visible = (u: UserView) => sites.map((s, i) => ({ s, i })).filter(({ s }) => (u.role === 'household' ? s.id === u.siteId : ['admin', 'regulator'].includes(u.role) || s.village.org === u.orgId));

const overview = (u: UserView): FleetOverview => {
  const vis = visible(u).map(({ s, i }) => summary(s, i));
  const vs = villages.filter((v) => vis.some((s) => s.villageId === v.id)).map((v) => {
    const mine = vis.filter((s) => s.villageId === v.id);
    const on = mine.filter((s) => s.online);
    return { id: v.id, name: v.name, nameZh: v.nameZh, countyName: v.county, lat: null, lon: null, sites: mine.length, online: on.length, offline: mine.length - on.length, meanIndoorTempC: on.reduce((a, s) => a + (s.latest?.indoorTempC ?? 0), 0) / (on.length || 1), sitesBelow18C: mine.filter((s) => (s.latest?.indoorTempC ?? 99) < 18).length, elecPowerW: on.reduce((a, s) => a + (s.latest?.elecPowerW ?? 0), 0), heatPowerW: on.reduce((a, s) => a + (s.latest?.heatPowerW ?? 0), 0), transformerKva: v.kva };
  });
  const sum = (k: 'sites' | 'online' | 'offline' | 'sitesBelow18C' | 'elecPowerW' | 'heatPowerW') => vs.reduce((a, v) => a + v[k], 0);
  return { clockMs: nowMs(), offlineAfterMs: 900_000, villages: vs, totals: { sites: sum('sites'), online: sum('online'), offline: sum('offline'), sitesBelow18C: sum('sitesBelow18C'), elecPowerW: sum('elecPowerW'), heatPowerW: sum('heatPowerW'), meanIndoorTempC: vs.reduce((a, v) => a + (v.meanIndoorTempC ?? 0), 0) / (vs.length || 1) } };
};

const detail = (s: (typeof sites)[number], i: number): SiteDetail => ({
  site: { id: s.id, kind: 'household', name: s.name, villageId: s.village.id, operatorOrgId: s.village.org, address: `${s.village.county}${s.village.nameZh}` },
  village: { id: s.village.id, kind: 'village', parentId: null, name: s.village.name, nameZh: s.village.nameZh },
  operator: { id: s.village.org, kind: 'heating-operator', name: 'Jingneng Heating', nameZh: '京能供热' },
  programme: { id: 'p-2017', name: '2017 煤改电', year: 2017, areaId: 'beijing' },
  transformer: { id: `t-${s.village.id}`, villageId: s.village.id, name: `${s.village.nameZh}1号台区`, ratingKva: s.village.kva, powerFactor: 0.9 },
  buildings: [{ id: `b-${s.id}`, siteId: s.id, heatedAreaM2: 120, constructionYear: 1995, envelope: 'partially-insulated', storeys: 1, thermalMass: 'heavy' }],
  units: [{ id: `u-${s.id}`, siteId: s.id, type: 'air-to-water', manufacturer: '格力', model: 'KFR-120W', nominalCapacityKw: i % 2 ? 12 : 9, capacityControl: i % 2 ? 'fixed-speed' : 'inverter', refrigerant: 'R410A', installedOn: '2017-10-12', emitter: i % 2 ? 'radiator' : 'floor' }],
  meters: [], devices: [], summary: summary(s, i),
});

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const err = (res: ServerResponse, status: number, code: string, message: string): void => json(res, status, { error: { code, message } });
const readBody = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
};

export async function startFakePlatform(port = 0, webDir = 'web/dist'): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => err(res, 500, 'internal', String(e)));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    const sid = /hf_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const user = sid ? sessions.get(sid) : undefined;
    if (!p.startsWith('/api/')) {
      const file = normalize(join(webDir, p === '/' ? 'index.html' : p));
      const body = await readFile(file).catch(() => readFile(join(webDir, 'index.html')));
      const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'text/html' });
      res.end(body);
      return;
    }
    if (p === '/api/v1/auth/login' && req.method === 'POST') {
      const b = (await readBody(req)) as { username: string; password: string };
      const u = users[b.username];
      if (!u || u.password !== b.password) return err(res, 401, 'unauthenticated', 'wrong username or password');
      const token = Math.random().toString(36).slice(2);
      const { password: _pw, ...view } = u;
      sessions.set(token, view);
      res.setHeader('set-cookie', `hf_session=${token}; Path=/; HttpOnly`);
      return json(res, 200, { user: view, csrfToken: 'csrf', expiresAtMs: Date.now() + HOUR } satisfies SessionView);
    }
    if (!user) return err(res, 401, 'unauthenticated', 'not logged in');
    if (p === '/api/v1/auth/me') return json(res, 200, { user, csrfToken: 'csrf', expiresAtMs: Date.now() + HOUR });
    if (p === '/api/v1/auth/logout') {
      if (sid) sessions.delete(sid);
      return json(res, 200, {});
    }
    if (user.role === 'household' && (p === '/api/v1/fleet/overview' || p === '/api/v1/live/fleet')) return err(res, 403, 'forbidden', 'households see their own site only');
    if (p === '/api/v1/fleet/overview') return json(res, 200, overview(user));
    if (p === '/api/v1/sites') {
      let items = visible(user).map(({ s, i }) => summary(s, i));
      const v = url.searchParams.get('villageId');
      const st = url.searchParams.get('status');
      const q = url.searchParams.get('q');
      if (v) items = items.filter((s) => s.villageId === v);
      if (st) items = items.filter((s) => s.online === (st === 'online'));
      if (q) items = items.filter((s) => s.name.includes(q) || s.id.includes(q));
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('pageSize') ?? 50);
      return json(res, 200, { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize });
    }
    const site = /^\/api\/v1\/(?:live\/)?sites\/([^/]+)$/.exec(p);
    if (site) {
      const hit = visible(user).find(({ s }) => s.id === site[1]);
      if (!hit) return err(res, 404, 'not_found', `no site ${site[1]} in your scope`);
      if (!p.includes('/live/')) return json(res, 200, detail(hit.s, hit.i));
    }
    if (p.startsWith('/api/v1/live/')) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      const send = () => {
        const vis = visible(user).filter(({ s }) => !site || s.id === site[1]).map(({ s, i }) => summary(s, i));
        res.write(`event: sites\ndata: ${JSON.stringify({ clockMs: nowMs(), sites: vis })}\n\n`);
      };
      send();
      const t = setInterval(send, 2000);
      req.on('close', () => clearInterval(t));
      return;
    }
    const series = /^\/api\/v1\/units\/u-([^/]+)\/series$/.exec(p);
    if (series) {
      const idx = sites.findIndex((s) => s.id === series[1]);
      const from = Number(url.searchParams.get('from'));
      const to = Number(url.searchParams.get('to'));
      const step = { raw: 60_000, '15m': 900_000, '1h': HOUR, '1d': 24 * HOUR }[url.searchParams.get('resolution') ?? '15m'] ?? 900_000;
      const points = [];
      for (let t = Math.ceil(from / step) * step; t < Math.min(to, nowMs()); t += step) {
        const l = latestAt(idx, t);
        points.push({ tsMs: t, values: { indoorTempC: l.indoorTempC, outdoorTempC: l.outdoorTempC, supplyTempC: l.supplyTempC, returnTempC: l.returnTempC, unitPowerW: l.elecPowerW * 0.95, pumpPowerW: l.elecPowerW * 0.05, heatPowerW: l.heatPowerW } });
      }
      return json(res, 200, { unitId: `u-${series[1]}`, resolution: url.searchParams.get('resolution'), from, to, points: points.slice(-5000), truncated: points.length > 5000 });
    }
    const reg = /^\/api\/v1\/registry\/(\w+)$/.exec(p);
    if (reg && reg[1] === 'import') return json(res, 422, { ok: false, errors: [{ file: 'sites.csv', row: 3, column: 'villageId', reason: 'unknown village v-x' }] });
    if (reg) return json(res, 200, { items: reg[1] === 'sites' ? visible(user).map(({ s }) => detail(s, 0).site) : villages.map((v) => ({ id: v.id, kind: 'village', name: v.name, nameZh: v.nameZh })) });
    if (p === '/api/v1/dead-letters') return json(res, 200, { items: [{ receivedAtMs: nowMs(), source: 'mqtt', senderId: 'dev-1', topic: 'hf/t/dev-1', reason: 'indoorTempC 99 outside −40…60 °C', payload: '{"indoorTempC":99}' }] });
    if (p === '/api/v1/audit') return json(res, 200, { items: [{ atMs: nowMs(), actor: 'user-opadmin', action: 'registry:import', target: 'sites.csv', outcome: 'denied', detail: 'dry run' }] });
    return err(res, 404, 'not_found', `no route ${p}`);
  }
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  return { url, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

if (process.argv[1]?.endsWith('fake-platform.ts')) {
  void startFakePlatform(Number(process.env.PORT ?? 8090)).then(({ url }) => console.log(`fake platform at ${url}`));
}
