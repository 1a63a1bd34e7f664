/**
 * External-broker mode against a real Mosquitto 2 (private instance per suite) and the real DuckDB store.
 * Mosquitto authenticates devices and enforces the ACL rendered by renderMosquittoAcl; the platform
 * ingests through its persistent MQTT.js session.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createTelemetryIngestor } from '../src/app/ingest-telemetry.js';
import { fixedClock } from '../src/app/ports/clock.js';
import type { TelemetryStore } from '../src/app/ports/telemetry-store.js';
import { createExternalMqttIngest, type ExternalMqttIngest } from '../src/ingest/mqtt/external-client.js';
import { renderMosquittoAcl, renderMosquittoPasswordFile } from '../src/ingest/mqtt/mosquitto-config.js';
import { createFleetFixture, type FleetFixture } from '../src/ingest/mqtt/testing/fleet-fixture.js';
import { deviceTopic } from '../src/ingest/mqtt/topics.js';
import { openDuckDbStores, type DuckDbStores } from '../src/storage/duckdb/index.js';
import { mosquittoMissing, startMosquitto, type PrivateMosquitto } from './support/mosquitto.js';

const NOW_MS = Date.UTC(2025, 0, 10, 12);
const clock = fixedClock(NOW_MS);
const logger = pino({ level: 'silent' });
const PLATFORM = { username: 'heatfleet-platform', password: 'platform-pass-123' };
const reading = (i: number, unit = 'u-a1') => ({ ts: NOW_MS - 60_000 * (100 - i), unit, values: { indoorTempC: 20.5, unitPowerW: 1000 + i } });

describe.skipIf(mosquittoMissing('tests/mqtt-external.test.ts'))('MQTT ingestion through an external Mosquitto', () => {
  let broker: PrivateMosquitto;
  let fleet: FleetFixture;
  let stores: DuckDbStores;
  let failAppends = 0;
  let platform: ExternalMqttIngest | null = null;
  const clients: MqttClient[] = [];

  /** The DuckDB telemetry store, failing the next `failAppends` appends. */
  const flakyStore = (): TelemetryStore =>
    new Proxy(stores.telemetry, {
      get(target, prop, receiver) {
        if (prop === 'append') {
          return (...args: Parameters<TelemetryStore['append']>) => {
            if (failAppends > 0) {
              failAppends--;
              return Promise.reject(new Error('simulated storage failure'));
            }
            return target.append(...args);
          };
        }
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });

  const startPlatform = async () => {
    const store = flakyStore();
    platform = await createExternalMqttIngest({
      url: broker.url,
      ...PLATFORM,
      ingestor: createTelemetryIngestor({ store, clock }),
      devices: fleet.directory,
      logger,
      metrics: { registry: new Registry() },
      deadLetters: store,
      clock,
      reconnectPeriodMs: 100,
    });
    return platform;
  };

  const device = async (deviceId: string, opts: IClientOptions = {}) => {
    const c = await connectAsync(broker.url, { clientId: deviceId, username: deviceId, password: fleet.secrets.get(deviceId), reconnectPeriod: 0, protocolVersion: 4, ...opts });
    clients.push(c);
    return c;
  };
  const rows = (unitId = 'u-a1') => stores.telemetry.queryRaw({ unitId, fromMs: 0, toMs: NOW_MS + 1 });

  beforeAll(async () => {
    fleet = await createFleetFixture({ 'dev-a': ['u-a1'], 'dev-b': ['u-b1'] }, clock);
    const passwordFile = renderMosquittoPasswordFile([PLATFORM, ...[...fleet.secrets].map(([username, password]) => ({ username, password }))]);
    broker = await startMosquitto({ passwordFile, aclFile: renderMosquittoAcl({ platformUsername: PLATFORM.username }) });
  });
  afterAll(async () => {
    await broker?.stop();
  });
  beforeEach(async () => {
    stores = await openDuckDbStores({ dataDir: null, clock });
    failAppends = 0;
    await startPlatform();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
    await platform?.close();
    await stores.close();
  });

  it('refuses wrong credentials and unknown devices at connect (the password file is renderMosquittoPasswordFile)', async () => {
    const refused = async (o: IClientOptions) => (await connectAsync(broker.url, { reconnectPeriod: 0, protocolVersion: 4, ...o }).then((c) => (clients.push(c), null), (e: unknown) => e as { code?: number }))?.code;
    expect(await refused({ clientId: 'dev-a', username: 'dev-a', password: 'wrong' })).toBe(5);
    expect(await refused({ clientId: 'ghost', username: 'ghost', password: 'x' })).toBe(5);
    expect(await refused({ clientId: 'anon' })).toBe(5);
  });

  it('stores telemetry, a replayed out-of-order batch and its duplicates once', async () => {
    const c = await device('dev-a');
    await c.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(1)), { qos: 1 });
    const batch = [7, 3, 5, 1].map((i) => reading(i));
    await c.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify({ readings: batch }), { qos: 1 });
    await expect.poll(async () => (await rows()).length).toBe(4);
    await expect.poll(() => platform?.stats().duplicateReadings).toBe(1);
    expect((await rows()).map((r) => r.tsMs)).toEqual([1, 3, 5, 7].map((i) => reading(i).ts));
  });

  it('sends rejections to the device and keeps them in the dead-letter store', async () => {
    const c = await device('dev-a');
    const notices: unknown[] = [];
    c.on('message', (_t, p) => notices.push(JSON.parse(p.toString())));
    await c.subscribeAsync(deviceTopic('dev-a', 'rejections'), { qos: 1 });
    await c.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify({ readings: [reading(1), { ...reading(2), values: { indoorTempC: 400 } }, { ...reading(3), ts: NOW_MS + 86_400_000 }] }), { qos: 1 });
    await c.publishAsync(deviceTopic('dev-a', 'telemetry'), 'not json', { qos: 1 });
    await expect.poll(() => notices.length).toBe(2);
    expect(notices[0]).toMatchObject({ accepted: 1, rejected: [{ index: 1, reason: expect.stringMatching(/above 60/) }, { index: 2, reason: expect.stringMatching(/future/) }] });
    expect(notices[1]).toMatchObject({ accepted: 0, rejected: [{ index: null, reason: expect.stringMatching(/malformed JSON/) }] });
    await platform?.flushDeadLetters();
    const letters = await stores.telemetry.listDeadLetters({ senderIds: ['dev-a'], limit: 10 });
    expect(letters).toHaveLength(3);
    expect(platform?.stats().rejectedByClass).toEqual({ out_of_range: 1, future_timestamp: 1, malformed_json: 1 });
    expect(await rows()).toHaveLength(1);
  });

  it("lets the broker refuse publishing to and subscribing to another device's topics", async () => {
    const victim = await device('dev-b');
    const seen: string[] = [];
    victim.on('message', (t) => seen.push(t));
    await victim.subscribeAsync(deviceTopic('dev-b', 'commands'), { qos: 1 });
    const attacker = await device('dev-a');
    await attacker.publishAsync(deviceTopic('dev-b', 'telemetry'), JSON.stringify(reading(1, 'u-b1')), { qos: 1 });
    await attacker.publishAsync(deviceTopic('dev-b', 'commands'), '{"setpointC":30}', { qos: 1 });
    // Mosquitto may grant the subscription (MQTT 3.1.1) but delivers nothing the ACL does not allow
    const stolen: string[] = [];
    attacker.on('message', (t) => stolen.push(t));
    await attacker.subscribeAsync(deviceTopic('dev-b', 'commands'), { qos: 1 }).catch(() => undefined);
    await platform?.client.publishAsync(deviceTopic('dev-b', 'commands'), '{"setpointC":21}', { qos: 1 });
    await expect.poll(() => seen).toEqual([deviceTopic('dev-b', 'commands')]);
    expect(stolen).toEqual([]);
    await attacker.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(2)), { qos: 1 });
    await expect.poll(async () => (await rows()).length).toBe(1);
    expect(await rows('u-b1')).toEqual([]);
    expect(seen).toHaveLength(1); // only the platform's command, not the attacker's
  });

  it('gets what the broker queued while the platform was down (persistent session)', async () => {
    await platform?.close();
    platform = null;
    const c = await device('dev-a');
    for (let i = 1; i <= 5; i++) await c.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(i)), { qos: 1 });
    expect(await rows()).toEqual([]);
    await startPlatform();
    await expect.poll(async () => (await rows()).length).toBe(5);
  });

  it('does not acknowledge a message it could not store; the redelivery is stored once', async () => {
    failAppends = 1;
    const c = await device('dev-a');
    await c.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify({ readings: [reading(1), reading(2)] }), { qos: 1 });
    await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(2);
    expect(platform?.stats()).toMatchObject({ ingestErrors: 1, acceptedReadings: 2 });
  });

  it('refuses the telemetry of a revoked device', async () => {
    const c = await device('dev-a');
    platform?.revoke('dev-a');
    await c.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(1)), { qos: 1 });
    await expect.poll(() => platform?.stats().rejectedByClass.unknown_device).toBe(1);
    expect(await rows()).toEqual([]);
  });
});
