/**
 * The fleet the attack suite fights over, seeded by the administrator through the API: Beijing with two
 * competing operators (Beinuan runs two Yanqing villages, Yanshan one Huairou village, as in the demo),
 * plus a Hebei village of a third operator that lies outside the Beijing regulator's region.
 *
 * Who may see what is written here as plain data (`allowedSites`), independently of src/app/authorize.ts,
 * so the suite checks the code against the rules rather than against itself.
 */
import { expect } from 'vitest';
import type { Caller, Client } from './platform.js';
import { ADMIN_PASSWORD } from './platform.js';

export const PASSWORD = 'fixture-password-0123';

interface SiteSpec {
  readonly id: string;
  readonly villageId: string;
  readonly operatorOrgId: string;
}

export const AREAS = [
  { id: 'bj', kind: 'region', parentId: null, name: 'Beijing' },
  { id: 'bj-yanqing', kind: 'county', parentId: 'bj', name: 'Yanqing' },
  { id: 'bj-huairou', kind: 'county', parentId: 'bj', name: 'Huairou' },
  { id: 'yq-zhangshanying', kind: 'village', parentId: 'bj-yanqing', name: 'Zhangshanying' },
  { id: 'yq-kangzhuang', kind: 'village', parentId: 'bj-yanqing', name: 'Kangzhuang' },
  { id: 'hr-qiaozi', kind: 'village', parentId: 'bj-huairou', name: 'Qiaozi' },
  { id: 'hb', kind: 'region', parentId: null, name: 'Hebei' },
  { id: 'hb-zhangjiakou', kind: 'county', parentId: 'hb', name: 'Zhangjiakou' },
  { id: 'hb-xiaying', kind: 'village', parentId: 'hb-zhangjiakou', name: 'Xiaying' },
] as const;

export const ORGS = [
  { id: 'gov-bj', kind: 'government', name: 'Beijing Rural Energy Office' },
  { id: 'op-beinuan', kind: 'heating-operator', name: 'Beinuan Heating' },
  { id: 'op-yanshan', kind: 'heating-operator', name: 'Yanshan Warm Home' },
  { id: 'op-hebei', kind: 'heating-operator', name: 'Hebei Heat' },
] as const;

export const SITES: readonly SiteSpec[] = [
  { id: 'yq-zhangshanying-h001', villageId: 'yq-zhangshanying', operatorOrgId: 'op-beinuan' },
  { id: 'yq-zhangshanying-h002', villageId: 'yq-zhangshanying', operatorOrgId: 'op-beinuan' },
  { id: 'yq-kangzhuang-h003', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' },
  { id: 'hr-qiaozi-h004', villageId: 'hr-qiaozi', operatorOrgId: 'op-yanshan' },
  { id: 'hr-qiaozi-h005', villageId: 'hr-qiaozi', operatorOrgId: 'op-yanshan' },
  { id: 'hb-xiaying-h006', villageId: 'hb-xiaying', operatorOrgId: 'op-hebei' },
  // Spare sites, one per Beijing operator, for writes that succeed (positive controls).
  { id: 'yq-kangzhuang-h007', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' },
  { id: 'hr-qiaozi-h008', villageId: 'hr-qiaozi', operatorOrgId: 'op-yanshan' },
];

export const ids = (siteId: string) => ({ site: siteId, building: `${siteId}-b1`, unit: `${siteId}-hp1`, meter: `${siteId}-hp1-em`, device: `${siteId}-gw`, transformer: `${siteId.split('-h')[0]}-tx1` });

export const USERS = [
  { username: 'regulator', role: 'regulator', orgId: 'gov-bj', scopeAreaId: 'bj', siteId: null },
  { username: 'operator', role: 'operator-admin', orgId: 'op-beinuan', scopeAreaId: 'bj', siteId: null },
  { username: 'operator2', role: 'operator-admin', orgId: 'op-yanshan', scopeAreaId: 'bj', siteId: null },
  { username: 'technician', role: 'technician', orgId: 'op-beinuan', scopeAreaId: 'bj-yanqing', siteId: null },
  { username: 'household', role: 'household', orgId: 'platform', scopeAreaId: null, siteId: 'yq-zhangshanying-h001' },
  { username: 'household2', role: 'household', orgId: 'platform', scopeAreaId: null, siteId: 'hr-qiaozi-h004' },
] as const;

export const entitiesOf = (s: SiteSpec, name = `site ${s.id}`) => {
  const i = ids(s.id);
  return {
    sites: [{ id: s.id, kind: 'household', name, villageId: s.villageId, operatorOrgId: s.operatorOrgId, transformerId: i.transformer }],
    buildings: [{ id: i.building, siteId: s.id, heatedAreaM2: 120, constructionYear: 1995, envelope: 'uninsulated', storeys: 1 }],
    units: [{ id: i.unit, siteId: s.id, type: 'air-to-water', manufacturer: 'Maker', model: 'M-10', nominalCapacityKw: 10, capacityControl: 'inverter', refrigerant: 'R410A', installedOn: '2017-10-01', emitter: 'radiator' }],
    meters: [{ id: i.meter, unitId: i.unit, kind: 'electricity', channels: ['unitPowerW', 'unitEnergyKWh'] }],
    devices: [{ id: i.device, siteId: s.id, unitIds: [i.unit], status: 'active' }],
  };
};

export interface Fixture {
  readonly admin: Extract<Caller, { kind: 'session' }>;
  readonly sessions: Readonly<Record<(typeof USERS)[number]['username'], Extract<Caller, { kind: 'session' }>>>;
  /** Device secrets by device id (issued by the administrator through the provisioning route). */
  readonly deviceSecrets: ReadonlyMap<string, string>;
  /** Ids of every user by username. */
  readonly userIds: ReadonlyMap<string, string>;
  readonly startMs: number;
}

/** Seeds registry, users, device credentials and a little telemetry (and a dead letter per device). */
export async function seedFixture(http: Client, opts: { users?: readonly string[] } = {}): Promise<Fixture> {
  const admin = await http.login('admin', ADMIN_PASSWORD);
  const put = async (kind: string, items: unknown[]) => {
    const res = await http.request(admin, 'PUT', `/api/v1/registry/${kind}`, { json: { items } });
    expect(res.status, `seed ${kind}: ${res.text}`).toBe(200);
  };
  await put('areas', [...AREAS]);
  await put('organisations', [...ORGS]);
  await put('transformers', [...new Set(SITES.map((s) => s.villageId))].map((v) => ({ id: `${v}-tx1`, villageId: v, name: `${v} transformer`, ratingKva: 400 })));
  const all = SITES.map((s) => entitiesOf(s));
  for (const kind of ['sites', 'buildings', 'units', 'meters', 'devices'] as const) await put(kind, all.flatMap((e): unknown[] => e[kind]));

  const wanted = USERS.filter((u) => !opts.users || opts.users.includes(u.username));
  const userIds = new Map<string, string>([['admin', admin.userId]]);
  for (const u of wanted) {
    const res = await http.request(admin, 'POST', '/api/v1/users', { json: { ...u, displayName: u.username, password: PASSWORD } });
    expect(res.status, `create ${u.username}: ${res.text}`).toBe(201);
    userIds.set(u.username, (res.json as { id: string }).id);
  }
  const deviceSecrets = new Map<string, string>();
  await Promise.all(
    SITES.map(async (s) => {
      const d = ids(s.id).device;
      const res = await http.request(admin, 'POST', `/api/v1/devices/${d}/credentials`);
      expect(res.status, res.text).toBe(201);
      deviceSecrets.set(d, (res.json as { secret: string }).secret);
    }),
  );
  const startMs = Date.now();
  await Promise.all(
    SITES.map(async (s) => {
      const d = ids(s.id).device;
      const device: Caller = { kind: 'device', name: d, deviceId: d, secret: deviceSecrets.get(d) as string };
      const readings = [3, 2, 1].map((k) => ({ ts: startMs - k * 60_000, values: { indoorTempC: 19 + k / 10, unitPowerW: 1500 } }));
      const ok = await http.request(device, 'POST', '/api/v1/telemetry', { json: { readings } });
      expect(ok.status, ok.text).toBe(200);
      const bad = await http.request(device, 'POST', '/api/v1/telemetry', { json: { ts: startMs, values: { indoorTempC: 999 } } });
      expect(bad.status).toBe(400); // a dead letter of this device
    }),
  );
  const sessions = {} as Record<string, Extract<Caller, { kind: 'session' }>>;
  for (const u of wanted) sessions[u.username] = await http.login(u.username, PASSWORD);
  return { admin, sessions: sessions as Fixture['sessions'], deviceSecrets, userIds, startMs };
}

/** Which sites each principal may see, by the rules of issue 7 (not by the code under test). */
export function allowedSites(who: string): Set<string> {
  const sites = SITES;
  const inBj = (s: SiteSpec) => !s.villageId.startsWith('hb-');
  const pick = (f: (s: SiteSpec) => boolean) => new Set(sites.filter(f).map((s) => s.id));
  switch (who) {
    case 'regulator':
      return pick(inBj);
    case 'operator':
    case 'operator:token':
    case 'operator:read-token':
      return pick((s) => s.operatorOrgId === 'op-beinuan');
    case 'operator2':
      return pick((s) => s.operatorOrgId === 'op-yanshan');
    case 'technician':
      return pick((s) => s.operatorOrgId === 'op-beinuan' && s.villageId.startsWith('yq-'));
    case 'household':
      return new Set(['yq-zhangshanying-h001']);
    case 'household2':
      return new Set(['hr-qiaozi-h004']);
    case 'device:h001':
      return new Set(['yq-zhangshanying-h001']);
    default:
      return new Set();
  }
}

const parentOf = new Map<string, string | null>(AREAS.map((a) => [a.id, a.parentId]));
const ancestorsOf = (areaId: string): string[] => {
  const out: string[] = [];
  for (let a: string | null | undefined = areaId; a; a = parentOf.get(a)) out.push(a);
  return out;
};

/** Identifiers a principal must never receive: foreign sites and everything on them, and areas it has no business in. */
export function foreignIds(who: string): Set<string> {
  const allowed = allowedSites(who);
  const out = new Set<string>();
  for (const s of SITES) if (!allowed.has(s.id)) for (const [k, v] of Object.entries(ids(s.id))) if (k !== 'transformer') out.add(v);
  const visibleAreas = new Set([...allowed].flatMap((id) => ancestorsOf(SITES.find((s) => s.id === id)?.villageId ?? '')));
  for (const a of AREAS) {
    const regulatorSees = who === 'regulator' && ancestorsOf(a.id).includes('bj');
    if (!visibleAreas.has(a.id) && !regulatorSees) {
      out.add(a.id);
      if (a.kind === 'village') out.add(`${a.id}-tx1`);
    }
  }
  return out;
}
