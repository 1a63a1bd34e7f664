/**
 * `heatfleet simulate --publish`: the twin's households publish over MQTT to the real platform (embedded
 * broker, in-memory DuckDB) and the readings are stored under the registry's units. Provisioning as a
 * user does it: the registry snapshot from `simulate --registry-out`, then one device secret per gateway.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EPW, runPublish, writeFleetRegistry, type SimulateOptions } from '../src/cli/commands/simulate.js';
import { simulatedDeviceId } from '../src/cli/commands/simulate-registry.js';
import { startPlatform, type RunningPlatform } from '../src/main/platform.js';
import { loginAs, type ApiSession } from './support/api-session.js';

const KINDS = ['areas', 'organisations', 'programmes', 'transformers', 'sites', 'buildings', 'units', 'meters', 'devices'] as const;
const HOUSEHOLDS = ['pub-test-001', 'pub-test-002', 'pub-test-003'];

describe('heatfleet simulate --publish', () => {
  let platform: RunningPlatform;
  let admin: ApiSession;
  const dir = mkdtempSync(join(tmpdir(), 'sim-publish-'));
  const fleetFile = join(dir, 'fleet.json');
  const credentialsFile = join(dir, 'credentials.json');

  beforeAll(async () => {
    platform = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, logLevel: 'silent', adminPassword: 'test-admin-password' });
    admin = await loginAs(platform.url, 'admin', 'test-admin-password');
    writeFileSync(fleetFile, JSON.stringify({
      name: 'pub-test', count: 3, areaM2: [80, 120, 180], envelope: { uninsulated: 1, retrofitted: 1 }, emitter: { floor: 1, radiator: 1 },
      unitType: { 'air-to-water': 1 }, inverterShare: 0.5, capacityKw: [8, 10, 12],
    }));
    // 1. registry: the snapshot `heatfleet simulate --registry-out` writes, kind by kind through the API.
    const registryFile = join(dir, 'registry.json');
    expect(writeFleetRegistry({ fleet: fleetFile, seed: '1' }, registryFile).units).toBe(3);
    const snapshot = JSON.parse(readFileSync(registryFile, 'utf8')) as Record<string, unknown[]>;
    for (const kind of KINDS) {
      const items = snapshot[kind] ?? [];
      if (items.length === 0) continue;
      const res = await admin.send('PUT', `/api/v1/registry/${kind}`, { items });
      expect(res.status, `${kind}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    }
    // 2. one secret per gateway device (shown once), saved as the --credentials file.
    const secrets: Record<string, string> = {};
    for (const h of HOUSEHOLDS) {
      const res = await admin.send<{ secret: string; mqttUsername: string }>('POST', `/api/v1/devices/${simulatedDeviceId(h)}/credentials`);
      expect(res.status).toBe(201);
      expect(res.body.mqttUsername).toBe(simulatedDeviceId(h));
      secrets[res.body.mqttUsername] = res.body.secret;
    }
    writeFileSync(credentialsFile, JSON.stringify(secrets));
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  const options = (fromMs: number, toMs: number): SimulateOptions => ({
    fleet: fleetFile, seed: '1', weather: DEFAULT_EPW, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), step: '1m',
    publish: `mqtt://127.0.0.1:${platform.mqttPort}`, credentials: credentialsFile, speed: '1000000', telemetry: false,
  });

  it('stores every published reading under the registry unit of its household', async () => {
    // A recent period: the platform refuses readings more than 5 min ahead of its clock or older than 400 days.
    const toMs = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    const fromMs = toMs - 10 * 60_000;
    const { published } = await runPublish(options(fromMs, toMs), () => undefined);
    expect(published).toBe(3 * 10);
    for (const h of HOUSEHOLDS) {
      const res = await admin.get<{ points: { tsMs: number; values: Record<string, number> }[] }>(`/api/v1/units/${h}/series?from=${fromMs}&to=${toMs + 1}&resolution=raw`);
      expect(res.status).toBe(200);
      expect(res.body.points.map((p) => p.tsMs)).toEqual(Array.from({ length: 10 }, (_, k) => fromMs + (k + 1) * 60_000));
      const last = res.body.points.at(-1)?.values ?? {};
      expect(last.indoorTempC).toBeGreaterThan(5);
      expect(last.indoorTempC).toBeLessThan(30);
      expect(last.heatEnergyKWh).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);

  it('refuses to start without a secret for every gateway device, naming the device', async () => {
    const partial = join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify({ [simulatedDeviceId('pub-test-001')]: 'x' }));
    await expect(runPublish({ ...options(Date.now() - 600_000, Date.now()), credentials: partial })).rejects.toThrow(/no secret for device\(s\) pub-test-002-gw/);
  });
});
