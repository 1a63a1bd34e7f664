import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createTelemetryIngestor } from '../../app/ingest-telemetry.js';
import { fixedClock } from '../../app/ports/clock.js';
import { createEmbeddedMqttIngest, type EmbeddedMqttIngest } from './embedded-broker.js';
import { createFleetFixture, type FleetFixture } from './testing/fleet-fixture.js';
import { createMemoryTelemetryStore, type MemoryTelemetryStore } from './testing/memory-telemetry-store.js';
import { deviceTopic } from './topics.js';

const NOW_MS = Date.UTC(2025, 0, 10, 12);
const clock = fixedClock(NOW_MS);
const logger = pino({ level: 'silent' });
let fleet: FleetFixture;
let store: MemoryTelemetryStore;
let registry: Registry;
let ingest: EmbeddedMqttIngest;
const clients: MqttClient[] = [];

const reading = (i: number, unit = 'u-a1') => ({ ts: NOW_MS - 60_000 * (100 - i), unit, values: { indoorTempC: 20 + (i % 5) / 10, unitPowerW: 1500 + i } });

async function start(extra: { maxPacketBytes?: number } = {}) {
  store = createMemoryTelemetryStore();
  registry = new Registry();
  const ingestor = createTelemetryIngestor({ store, clock });
  ingest = await createEmbeddedMqttIngest({ ingestor, devices: fleet.directory, logger, metrics: { registry }, host: '127.0.0.1', port: 0, deadLetters: store, clock, platformSecret: 'platform-secret', ...extra });
}

async function device(deviceId: string, opts: IClientOptions = {}): Promise<MqttClient> {
  const c = await connectAsync(`mqtt://127.0.0.1:${ingest.port}`, { clientId: deviceId, username: deviceId, password: fleet.secrets.get(deviceId) ?? 'x', reconnectPeriod: 0, protocolVersion: 4, ...opts });
  clients.push(c);
  return c;
}

const publish = (c: MqttClient, topic: string, payload: string | Buffer) =>
  new Promise<void>((resolve, reject) => c.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve())));

/** Subscribes to the device's rejections and returns a function that waits for the next notice. */
async function rejections(c: MqttClient, deviceId: string) {
  const queue: unknown[] = [];
  const waiters: ((v: unknown) => void)[] = [];
  c.on('message', (topic, payload) => {
    if (topic !== deviceTopic(deviceId, 'rejections')) return;
    const v: unknown = JSON.parse(payload.toString());
    const w = waiters.shift();
    if (w) w(v);
    else queue.push(v);
  });
  await c.subscribeAsync(deviceTopic(deviceId, 'rejections'), { qos: 1 });
  return () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise<unknown>((r) => waiters.push(r)));
}

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (m?.values ?? []).filter((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l)).reduce((s, v) => s + v.value, 0);
}

beforeEach(async () => {
  fleet ??= await createFleetFixture({ 'dev-a': ['u-a1'], 'dev-b': ['u-b1'], 'dev-c': ['u-c1', 'u-c2'], 'dev-r': ['u-r1'] }, clock);
  await start();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  await ingest.close();
});

describe('embedded MQTT ingest: storing', () => {
  it('acknowledges a QoS 1 reading only once it is in the store', async () => {
    const c = await device('dev-a');
    store.appendDelayMs = 50;
    let rowsWhenAcked = -1;
    await new Promise<void>((resolve, reject) =>
      c.publish(deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(1)), { qos: 1 }, (err) => {
        rowsWhenAcked = store.rows.size;
        return err ? reject(err) : resolve();
      }),
    );
    expect(rowsWhenAcked).toBe(1);
    expect(ingest.stats()).toMatchObject({ received: 1, acceptedReadings: 1, rejectedReadings: 0 });
    expect(await metric('heatfleet_mqtt_readings_accepted_total')).toBe(1);
  });

  it('does not acknowledge when storing fails; the redelivery is stored once', async () => {
    const c = await device('dev-a', { reconnectPeriod: 100 });
    const pubacks: number[] = [];
    c.on('packetreceive', (p) => {
      if (p.cmd === 'puback') pubacks.push(p.messageId ?? -1);
    });
    store.failNextAppends = 1;
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    const acked = publish(c, deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(2)));
    await closed; // the broker drops the connection instead of acknowledging
    expect(pubacks).toEqual([]);
    expect(store.rows.size).toBe(0);
    await acked; // MQTT.js redelivers after reconnecting; this time it is stored and acknowledged
    expect(pubacks).toHaveLength(1);
    expect(store.rows.size).toBe(1);
    expect(ingest.stats().ingestErrors).toBe(1);
    await ingest.flushDeadLetters();
    expect(store.deadLetters.some((d) => d.reason.includes('not acknowledged'))).toBe(true);
    // the broker kept running: a second device still gets through
    await publish(await device('dev-b'), deviceTopic('dev-b', 'telemetry'), JSON.stringify(reading(3, 'u-b1')));
    expect(store.rows.size).toBe(2);
  });

  it('stores a replayed buffer with out-of-order timestamps, and duplicates once', async () => {
    const c = await device('dev-c');
    const buffer = [5, 1, 9, 3, 7, 2].map((i) => reading(i, i % 2 ? 'u-c1' : 'u-c2'));
    await publish(c, deviceTopic('dev-c', 'telemetry'), JSON.stringify({ readings: buffer }));
    await publish(c, deviceTopic('dev-c', 'telemetry'), JSON.stringify({ readings: [...buffer.slice(0, 3), reading(11, 'u-c1')] }));
    expect(store.rows.size).toBe(7);
    expect(ingest.stats()).toMatchObject({ acceptedReadings: 7, duplicateReadings: 3 });
    expect(await metric('heatfleet_mqtt_readings_duplicate_total')).toBe(3);
  });
});

describe('embedded MQTT ingest: bad input is refused with a reason, counted and dead-lettered', () => {
  const cases: { name: string; payload: () => string | Buffer; cls: string; reason: RegExp }[] = [
    { name: 'malformed JSON', payload: () => '{"ts": 1, "values": {', cls: 'malformed_json', reason: /malformed JSON/ },
    { name: 'wrong types', payload: () => JSON.stringify({ ...reading(1), values: { indoorTempC: 'warm' } }), cls: 'schema', reason: /indoorTempC/ },
    { name: 'NaN', payload: () => `{"ts": ${NOW_MS}, "unit": "u-a1", "values": {"indoorTempC": NaN}}`, cls: 'malformed_json', reason: /malformed JSON/ },
    { name: 'Infinity', payload: () => `{"ts": ${NOW_MS}, "unit": "u-a1", "values": {"indoorTempC": 1e999}}`, cls: 'non_finite', reason: /received Infinity/ },
    { name: 'an absurd value', payload: () => JSON.stringify({ ...reading(1), values: { indoorTempC: 900 } }), cls: 'out_of_range', reason: /indoorTempC above 60/ },
    { name: 'a timestamp far in the future', payload: () => JSON.stringify({ ...reading(1), ts: NOW_MS + 86_400_000 }), cls: 'future_timestamp', reason: /in the future/ },
    { name: "another device's unit", payload: () => JSON.stringify(reading(1, 'u-b1')), cls: 'unit_not_allowed', reason: /not a unit this sender/ },
    { name: 'an oversize payload', payload: () => Buffer.alloc(4 * 1024 * 1024 + 10, 0x20), cls: 'oversize', reason: /exceeds the limit/ },
  ];
  for (const tc of cases) {
    it(`refuses ${tc.name}`, async () => {
      const c = await device('dev-a');
      const next = await rejections(c, 'dev-a');
      await publish(c, deviceTopic('dev-a', 'telemetry'), tc.payload());
      const notice = (await next()) as { ref: number; rejected: { index: number | null; reason: string }[]; accepted: number };
      expect(notice.rejected[0]?.reason).toMatch(tc.reason);
      expect(notice.accepted).toBe(0);
      expect(typeof notice.ref).toBe('number');
      expect(ingest.stats().rejectedByClass).toEqual({ [tc.cls]: 1 });
      expect(await metric('heatfleet_mqtt_readings_rejected_total', { reason: tc.cls })).toBe(1);
      expect(store.deadLetters).toHaveLength(1);
      expect(store.deadLetters[0]).toMatchObject({ source: 'mqtt', senderId: 'dev-a', topic: deviceTopic('dev-a', 'telemetry') });
      expect(store.deadLetters[0]?.reason).toMatch(tc.reason);
      // valid data after it still flows
      await publish(c, deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(4)));
      expect(store.rows.size).toBe(1);
    });
  }

  it('stores the valid readings of a batch and refuses the invalid ones by index', async () => {
    const c = await device('dev-a');
    const next = await rejections(c, 'dev-a');
    const batch = { readings: [reading(1), { ...reading(2), values: { unitPowerW: -5 } }, reading(3), { ts: 'yesterday', values: {} }, reading(5)] };
    await publish(c, deviceTopic('dev-a', 'telemetry'), JSON.stringify(batch));
    const notice = (await next()) as { rejected: { index: number }[]; accepted: number; duplicates: number };
    expect(notice.rejected.map((r) => r.index)).toEqual([1, 3]);
    expect(notice).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(store.rows.size).toBe(3);
    expect(store.deadLetters.map((d) => d.reason)).toEqual([expect.stringMatching(/^reading 1: /), expect.stringMatching(/^reading 3: /)]);
  });

  it('closes the connection on a packet far over the limit before buffering it', async () => {
    await ingest.close();
    await start({ maxPacketBytes: 10_000 });
    const c = await device('dev-a');
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish(deviceTopic('dev-a', 'telemetry'), Buffer.alloc(50_000, 0x20), { qos: 1 });
    await closed;
    await ingest.flushDeadLetters();
    expect(ingest.stats().rejectedByClass).toEqual({ oversize: 1 });
    expect(store.deadLetters[0]?.reason).toMatch(/packet of \d+ bytes exceeds/);
  });
});

describe('embedded MQTT ingest: authentication and ACL', () => {
  const connectError = async (opts: IClientOptions) => {
    const err = await connectAsync(`mqtt://127.0.0.1:${ingest.port}`, { reconnectPeriod: 0, protocolVersion: 4, ...opts }).then(
      (c) => (clients.push(c), null),
      (e: unknown) => e as Error & { code?: number },
    );
    expect(err).not.toBeNull();
    return err;
  };

  it('refuses a wrong password and an unknown device at connect', async () => {
    expect((await connectError({ clientId: 'dev-a', username: 'dev-a', password: 'wrong' }))?.code).toBe(4);
    expect((await connectError({ clientId: 'ghost', username: 'ghost', password: 'whatever' }))?.code).toBe(4);
    expect((await connectError({ clientId: 'anon' }))?.code).toBe(4);
    expect(ingest.stats().authFailures).toBe(3);
    expect(await metric('heatfleet_mqtt_auth_failures_total', { reason: 'unknown_device_or_bad_secret' })).toBe(3);
    await ingest.flushDeadLetters();
    expect(store.deadLetters.map((d) => d.reason)).toEqual([expect.stringContaining('"dev-a"'), expect.stringContaining('"ghost"'), expect.stringContaining('unknown device or wrong secret')]);
  });

  it("refuses a client id that is not the device's (no session takeover)", async () => {
    await device('dev-b');
    expect((await connectError({ clientId: 'dev-b', username: 'dev-a', password: fleet.secrets.get('dev-a') }))?.code).toBe(5);
    await device('dev-a', { clientId: 'dev-a:secondary' });
    expect(ingest.stats().connectedDevices).toBe(2);
  });

  it("refuses a publish to another device's topic, without delivering it", async () => {
    const victim = await device('dev-b');
    const commandsSeen: string[] = [];
    victim.on('message', (t) => commandsSeen.push(t));
    await victim.subscribeAsync(deviceTopic('dev-b', 'commands'), { qos: 1 });
    const attacker = await device('dev-a');
    const next = await rejections(attacker, 'dev-a');
    await publish(attacker, deviceTopic('dev-b', 'telemetry'), JSON.stringify(reading(1, 'u-b1')));
    await publish(attacker, deviceTopic('dev-b', 'commands'), '{"setpointC": 30}');
    expect(((await next()) as { rejected: { reason: string }[] }).rejected[0]?.reason).toMatch(/may publish only to heatfleet\/v1\/devices\/dev-a\/telemetry/);
    await publish(attacker, deviceTopic('dev-a', 'telemetry'), JSON.stringify(reading(2)));
    expect(store.rows.size).toBe(1);
    expect(commandsSeen).toEqual([]);
    expect(ingest.stats().aclDenials).toBe(2);
    expect(await metric('heatfleet_mqtt_acl_denials_total', { action: 'publish' })).toBe(2);
    await ingest.flushDeadLetters();
    expect(store.deadLetters.filter((d) => d.senderId === 'dev-a' && d.topic === deviceTopic('dev-b', 'telemetry'))).toHaveLength(1);
  });

  it("refuses subscriptions to another device's topics and to wildcards", async () => {
    const c = await device('dev-a');
    const filters = [deviceTopic('dev-b', 'commands'), 'heatfleet/v1/devices/+/telemetry', '#', deviceTopic('dev-a', 'commands')];
    // MQTT.js rejects the whole call when any filter is refused; the SUBACK tells which
    const err = (await c.subscribeAsync(filters, { qos: 1 }).then(() => null, (e: unknown) => e)) as { packet?: { granted?: number[] } } | null;
    expect(err?.packet?.granted).toEqual([128, 128, 128, 1]);
    expect(await metric('heatfleet_mqtt_acl_denials_total', { action: 'subscribe' })).toBe(3);
  });

  it('lets the platform client publish commands that reach only their device', async () => {
    const a = await device('dev-a');
    const got: string[] = [];
    a.on('message', (t, p) => got.push(`${t} ${p.toString()}`));
    await a.subscribeAsync(deviceTopic('dev-a', 'commands'), { qos: 1 });
    const platform = await connectAsync(`mqtt://127.0.0.1:${ingest.port}`, { username: '$heatfleet-platform', password: 'platform-secret', reconnectPeriod: 0 });
    clients.push(platform);
    await platform.publishAsync(deviceTopic('dev-a', 'commands'), '{"setpointC":21}', { qos: 1 });
    await expect.poll(() => got).toEqual([`${deviceTopic('dev-a', 'commands')} {"setpointC":21}`]);
    expect((await connectError({ username: '$heatfleet-platform', password: 'guess' }))?.code).toBe(4);
  });

  it('revocation closes the connection and refuses reconnection', async () => {
    const c = await device('dev-r');
    await publish(c, deviceTopic('dev-r', 'telemetry'), JSON.stringify(reading(1, 'u-r1')));
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    fleet.revokeCredential('dev-r');
    ingest.revoke('dev-r');
    await closed;
    expect((await connectError({ clientId: 'dev-r', username: 'dev-r', password: fleet.secrets.get('dev-r') }))?.code).toBe(4);
    expect(ingest.stats().connectedDevices).toBe(0);
  });
});
