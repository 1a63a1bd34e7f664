/**
 * Device logins on the real platform (DuckDB in a data directory, embedded MQTT broker, HTTP): a whole fleet
 * logging in at once all get CONNACK; a secret stored in the old scrypt form still works and is re-stored in the
 * fast form (docs/adr/0008); wrong secrets, unknown devices and revoked devices are refused, over MQTT and HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_DEVICE_HASH_PREFIX } from '../../src/app/device-secrets.js';
import { hashSecret } from '../../src/app/secrets.js';
import type { RunningPlatform } from '../../src/main/platform.js';
import { openDuckDbStores } from '../../src/storage/duckdb/open-stores.js';
import { AREAS, entitiesOf, ids, ORGS } from './support/fixture.js';
import { ADMIN_PASSWORD, client, startSecurityPlatform, type Caller, type Client } from './support/platform.js';

const FLEET = 200;
const SITES = Array.from({ length: FLEET }, (_, i) => ({ id: `yq-zhangshanying-h${1000 + i}`, villageId: 'yq-zhangshanying', operatorOrgId: 'op-beinuan' }));
const device = (i: number) => ids((SITES[i] as (typeof SITES)[number]).id).device;

describe('device logins: a fleet at once, old-form secrets, refusals', () => {
  let dataDir: string;
  let platform: RunningPlatform;
  let http: Client;
  let admin: Extract<Caller, { kind: 'session' }>;
  const secrets = new Map<string, string>();
  const open: MqttClient[] = [];

  const start = async () => {
    platform = await startSecurityPlatform({ dataDir });
    http = client(platform.url);
    admin = await http.login('admin', ADMIN_PASSWORD);
  };
  const stop = async () => {
    await Promise.all(open.splice(0).map((c) => c.endAsync(true)));
    await platform.close();
  };
  /** The stored credential, read with the platform stopped (one process holds the database file). */
  const storedHash = async (deviceId: string): Promise<string | undefined> => {
    await stop();
    const stores = await openDuckDbStores({ dataDir });
    try {
      return (await stores.access.getDeviceCredential(deviceId))?.secretHash;
    } finally {
      await stores.close();
      await start();
    }
  };
  const connect = async (username: string, password: string, connectTimeout = 30_000): Promise<MqttClient> => {
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, { username, password, clientId: username, reconnectPeriod: 0, connectTimeout });
    open.push(c);
    return c;
  };
  const refusal = (username: string, password: string) => connect(username, password, 10_000).then(() => 'connected', (e: Error) => e.message);
  const postReading = (deviceId: string, secret: string) =>
    http.request({ kind: 'device', name: deviceId, deviceId, secret }, 'POST', '/api/v1/telemetry', { json: { ts: Date.now() - 60_000, values: { indoorTempC: 19.5 } } });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'heatfleet-device-logins-'));
    await start();
    const put = async (kind: string, items: unknown[]) => expect((await http.request(admin, 'PUT', `/api/v1/registry/${kind}`, { json: { items } })).status).toBe(200);
    await put('areas', [...AREAS]);
    await put('organisations', [...ORGS]);
    await put('transformers', [{ id: 'yq-zhangshanying-tx1', villageId: 'yq-zhangshanying', name: 'transformer', ratingKva: 400 }]);
    const all = SITES.map((s) => entitiesOf(s));
    for (const kind of ['sites', 'buildings', 'units', 'meters', 'devices'] as const) await put(kind, all.flatMap((e): unknown[] => e[kind]));
    for (let i = 0; i < FLEET; i++) {
      const res = await http.request(admin, 'POST', `/api/v1/devices/${device(i)}/credentials`);
      expect(res.status, res.text).toBe(201);
      secrets.set(device(i), (res.json as { secret: string }).secret);
    }
  }, 120_000);
  afterAll(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`${FLEET} devices connecting at the same moment all get CONNACK within the client's usual timeout`, async () => {
    const clients = await Promise.all(SITES.map((_, i) => connect(device(i), secrets.get(device(i)) as string)));
    expect(clients.filter((c) => c.connected)).toHaveLength(FLEET);
    await Promise.all(open.splice(0).map((c) => c.endAsync(true)));
  }, 60_000);

  it('stores issued secrets in the fast form and never in clear', async () => {
    const stored = await storedHash(device(0));
    expect(stored?.startsWith(FAST_DEVICE_HASH_PREFIX)).toBe(true);
    expect(stored).not.toContain(secrets.get(device(0)));
  }, 60_000);

  it('accepts a secret stored in the old scrypt form, over MQTT and HTTP, and re-stores it in the fast form', async () => {
    const [mqttDevice, httpDevice] = [device(1), device(2)];
    await stop();
    const stores = await openDuckDbStores({ dataDir });
    for (const d of [mqttDevice, httpDevice]) {
      const cred = await stores.access.getDeviceCredential(d);
      if (cred === null) throw new Error(`no credential for ${d}`);
      await stores.access.putDeviceCredential({ ...cred, secretHash: await hashSecret(secrets.get(d) as string) });
    }
    await stores.close();
    await start();

    // A wrong secret against the old form is refused and changes nothing.
    expect(await refusal(mqttDevice, 'w'.repeat(43))).toMatch(/Bad username or password/i);
    expect(await storedHash(mqttDevice)).toMatch(/^scrypt\$/);

    expect((await connect(mqttDevice, secrets.get(mqttDevice) as string)).connected).toBe(true);
    expect((await postReading(httpDevice, secrets.get(httpDevice) as string)).status).toBe(200);
    for (const d of [mqttDevice, httpDevice]) expect(await storedHash(d), d).toMatch(/^sha256\$/);
    // …and the same secret keeps working in the new form after the restart storedHash() did.
    expect((await connect(mqttDevice, secrets.get(mqttDevice) as string)).connected).toBe(true);
    expect((await postReading(httpDevice, secrets.get(httpDevice) as string)).status).toBe(200);
  }, 120_000);

  it('refuses a wrong secret, an unknown device and a revoked device, over MQTT and HTTP', async () => {
    const [d, revoked] = [device(3), device(4)];
    const right = secrets.get(d) as string;
    const wrong = `${right.slice(0, -1)}${right.endsWith('A') ? 'B' : 'A'}`;
    expect(await refusal(d, wrong)).toMatch(/Bad username or password/i);
    expect((await postReading(d, wrong)).status).toBe(401);
    expect(await refusal('yq-zhangshanying-h9999-gw', right)).toMatch(/Bad username or password/i);
    expect((await postReading('yq-zhangshanying-h9999-gw', right)).status).toBe(401);

    const live = await connect(revoked, secrets.get(revoked) as string);
    const closed = new Promise<void>((resolve) => live.once('close', () => resolve()));
    expect((await http.request(admin, 'DELETE', `/api/v1/devices/${revoked}/credentials`)).status).toBe(200);
    await closed; // its open connection is cut
    expect(await refusal(revoked, secrets.get(revoked) as string)).toMatch(/Bad username or password|Not authorized/i);
    expect((await postReading(revoked, secrets.get(revoked) as string)).status).toBe(401);
    // The right secret of a device beside it still works.
    expect((await connect(d, right)).connected).toBe(true);
  }, 60_000);
});
