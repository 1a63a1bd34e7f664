/**
 * The dispatcher on the real path: embedded Aedes broker with device auth and ACL, the platform's MQTT.js
 * command channel, DuckDB for commands and alarms, and a real MQTT.js client acting as each device.
 */
import { connectAsync, type MqttClient } from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCommandRecord, type CommandBody } from '../../src/app/dispatch/command-factory.js';
import { createDispatcher, type Dispatcher } from '../../src/app/dispatch/dispatcher.js';
import type { DispatchStore } from '../../src/app/dispatch/dispatch-store.js';
import { createTelemetryIngestor } from '../../src/app/ingest-telemetry.js';
import { fixedClock } from '../../src/app/ports/clock.js';
import { DeviceCommandSchema } from '../../src/contract/commands.js';
import type { DispatchAlarm } from '../../src/contract/commands-api.js';
import { ALARM_TEXTS, COMMAND_REASON_TEXTS } from '../../src/contract/texts/dispatch-texts.js';
import { renderText } from '../../src/contract/texts/render-text.js';
import { createMqttCommandPublisher, type MqttCommandPublisher } from '../../src/ingest/mqtt/command-publisher.js';
import { createEmbeddedMqttIngest, type EmbeddedMqttIngest } from '../../src/ingest/mqtt/embedded-broker.js';
import { createFleetFixture, type FleetFixture } from '../../src/ingest/mqtt/testing/fleet-fixture.js';
import { createMemoryTelemetryStore } from '../../src/ingest/mqtt/testing/memory-telemetry-store.js';
import { PLATFORM_USERNAME, deviceTopic } from '../../src/ingest/mqtt/topics.js';
import { openDuckDbStores, type DuckDbStores } from '../../src/storage/duckdb/index.js';

const NOW = Date.UTC(2019, 0, 15, 4);
const clock = fixedClock(NOW);
const logger = pino({ level: 'silent' });
const OPTIONS = { ackTimeoutMs: 250, maxAttempts: 3, backoffBaseMs: 50, backoffMaxMs: 200 };

type Policy = 'accept' | 'reject' | 'never' | 'ack-twice' | 'ignore-first';
interface FakeDevice {
  readonly id: string;
  policy: Policy;
  /** Every delivery seen (ids, in order), and the ids applied (once each). */
  readonly deliveries: string[];
  readonly applied: string[];
  readonly client: MqttClient;
}

let fleet: FleetFixture;
let broker: EmbeddedMqttIngest;
let stores: DuckDbStores;
let publisher: MqttCommandPublisher;
let dispatcher: Dispatcher;
const alarms: DispatchAlarm[] = [];
const devices = new Map<string, FakeDevice>();

/** A device that follows the protocol: parses the command, applies each id once, repeats its answer for a repeated id. */
async function fakeDevice(id: string): Promise<FakeDevice> {
  const client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId: id, username: id, password: fleet.secrets.get(id) ?? '', reconnectPeriod: 0 });
  const d: FakeDevice = { id, policy: 'accept', deliveries: [], applied: [], client };
  const answers = new Map<string, { status: 'accepted' | 'rejected'; reason?: string }>();
  client.on('message', (_topic, payload) => {
    const cmd = DeviceCommandSchema.parse(JSON.parse(payload.toString()));
    d.deliveries.push(cmd.id);
    const seen = d.deliveries.filter((x) => x === cmd.id).length;
    if (d.policy === 'never' || (d.policy === 'ignore-first' && seen === 1)) return;
    let answer = answers.get(cmd.id);
    if (answer === undefined) {
      answer = d.policy === 'reject' ? { status: 'rejected', reason: 'setpoint outside the installer limits' } : { status: 'accepted' };
      if (answer.status === 'accepted') d.applied.push(cmd.id);
      answers.set(cmd.id, answer);
    }
    const ack = JSON.stringify({ commandId: cmd.id, ...answer, atMs: NOW });
    void client.publishAsync(deviceTopic(id, 'acks'), ack, { qos: 1 });
    if (d.policy === 'ack-twice') void client.publishAsync(deviceTopic(id, 'acks'), ack, { qos: 1 });
  });
  await client.subscribeAsync(deviceTopic(id, 'commands'), { qos: 1 });
  devices.set(id, d);
  return d;
}

const setpoint = (c: number): CommandBody => ({ kind: 'setpoint', setpointC: c, validFromMs: NOW, validToMs: NOW + 3_600_000 });
const schedule: CommandBody = {
  kind: 'schedule', startMs: NOW, slotS: 900, slots: [{ powerLimitW: 2000 }, { powerLimitW: 0, setpointC: 18 }],
  fallback: { utcOffsetMin: 480, hourlySetpointC: Array.from({ length: 24 }, (_, h) => (h >= 22 || h < 6 ? 17 : 19)) },
};
const record = (deviceId: string, body: CommandBody, ttlMs = 3_600_000) =>
  newCommandRecord({ body, deviceId, unitId: [...(fleet.directory.senderOf(deviceId)?.unitIds ?? [`${deviceId}-u`])][0] as string, siteId: `site-${deviceId}`, origin: 'override', planId: null, actor: 'u-op', nowMs: clock.nowMs(), ttlMs });

beforeAll(async () => {
  fleet = await createFleetFixture({ 'dev-a': ['u-a1'], 'dev-b': ['u-b1'], 'dev-c': ['u-c1'], 'dev-d': ['u-d1'] }, clock);
  const store = createMemoryTelemetryStore();
  broker = await createEmbeddedMqttIngest({ ingestor: createTelemetryIngestor({ store, clock }), devices: fleet.directory, logger, host: '127.0.0.1', port: 0, deadLetters: store, clock, platformSecret: 'platform-secret' });
  stores = await openDuckDbStores({ dataDir: null });
  publisher = await createMqttCommandPublisher({ url: `mqtt://127.0.0.1:${broker.port}`, username: PLATFORM_USERNAME, password: 'platform-secret', logger });
  dispatcher = createDispatcher({ store: stores.dispatch, transport: publisher, clock, options: OPTIONS, siteLabel: (s) => `${s} (Zhang family)`, onAlarm: (a) => alarms.push(a) });
  for (const id of ['dev-a', 'dev-b', 'dev-c', 'dev-d']) await fakeDevice(id);
});
afterAll(async () => {
  dispatcher?.close();
  for (const d of devices.values()) await d.client.endAsync(true);
  await publisher?.close();
  await broker?.close();
  await stores?.close();
});

const dev = (id: string) => devices.get(id) as FakeDevice;
const store = (): DispatchStore => stores.dispatch;

describe('dispatcher over the embedded broker', () => {
  it('delivers a command with QoS 1 and records the acknowledgement', async () => {
    const c = record('dev-a', setpoint(21));
    await dispatcher.send(c);
    const done = await dispatcher.settled(c.id);
    expect(done).toMatchObject({ state: 'accepted', attempts: 1, reason: null, answeredAtMs: NOW });
    expect(dev('dev-a').applied).toContain(c.id);
    expect(await store().getCommand(c.id)).toMatchObject({ state: 'accepted' });
  });

  it('records a rejection with the device\'s reason and raises an alarm naming the household', async () => {
    dev('dev-b').policy = 'reject';
    const c = record('dev-b', setpoint(29));
    await dispatcher.send(c);
    expect(await dispatcher.settled(c.id)).toMatchObject({ state: 'rejected', reason: 'setpoint outside the installer limits' });
    const a = alarms.find((x) => x.commandId === c.id);
    expect(a).toMatchObject({ kind: 'rejected', siteId: 'site-dev-b', deviceId: 'dev-b' });
    expect(a?.message).toContain('site-dev-b (Zhang family)');
    // The alarm as a code with its parameters, worded in Chinese for the zh-CN dashboard; the device's own words kept.
    expect(a?.text).toEqual({ code: 'rejected', params: { site: 'site-dev-b (Zhang family)', deviceId: 'dev-b', kind: 'setpoint', commandId: c.id, deviceReason: 'setpoint outside the installer limits' } });
    expect(renderText(ALARM_TEXTS, a?.text ?? { code: '', params: {} }, 'zh-CN')).toBe(`用户 site-dev-b (Zhang family)：设备 dev-b 拒绝了室温设定指令 ${c.id}，设备给出的原因：setpoint outside the installer limits`);
    dev('dev-b').policy = 'accept';
  });

  it('a device that never acknowledges: retries with the same id, then not-acknowledging, an alarm, and its last acknowledged fallback', async () => {
    const first = record('dev-c', schedule);
    await dispatcher.send(first);
    expect(await dispatcher.settled(first.id)).toMatchObject({ state: 'accepted' });
    dev('dev-c').policy = 'never';
    const c = record('dev-c', setpoint(20));
    await dispatcher.send(c);
    const done = await dispatcher.settled(c.id);
    expect(done.state).toBe('not-acknowledging');
    expect(done.attempts).toBe(OPTIONS.maxAttempts);
    expect(dev('dev-c').deliveries.filter((x) => x === c.id)).toHaveLength(OPTIONS.maxAttempts);
    expect(dev('dev-c').applied).not.toContain(c.id);
    const a = (await store().listAlarms({ siteIds: ['site-dev-c'], limit: 10 })).find((x) => x.commandId === c.id);
    expect(a?.kind).toBe('not-acknowledging');
    expect(a?.message).toContain('household site-dev-c (Zhang family)');
    expect(a?.message).toContain(`fallback schedule of command ${first.id}`);
    expect(done.reason).toContain(`no acknowledgement after ${OPTIONS.maxAttempts} attempts`);
    // Stored with codes: the alarm and the command's reason name the fallback schedule in both languages.
    expect(a?.text).toMatchObject({ code: 'not-acknowledging-fallback', params: { deviceId: 'dev-c', kind: 'setpoint', commandId: c.id, scheduleId: first.id } });
    expect(renderText(ALARM_TEXTS, a?.text ?? { code: '', params: {} }, 'zh-CN')).toMatch(new RegExp(`^用户 site-dev-c \\(Zhang family\\)：设备 dev-c 未确认室温设定指令 ${c.id}；设备正按指令 ${first.id} 的后备日程运行（确认于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}）$`));
    expect((await store().getCommand(c.id))?.reasonRef).toMatchObject({ code: 'gave-up-fallback', params: { attempts: OPTIONS.maxAttempts, scheduleId: first.id } });
    expect(renderText(COMMAND_REASON_TEXTS, done.reasonRef ?? { code: '', params: {} }, 'zh-CN')).toMatch(new RegExp(`^发送 ${OPTIONS.maxAttempts} 次均未确认；设备正按指令 ${first.id} 的后备日程运行`));
    dev('dev-c').policy = 'accept';
  });

  it('duplicate deliveries are idempotent: a lost ack leads to a redelivery applied once, a repeated ack changes nothing', async () => {
    dev('dev-d').policy = 'ignore-first';
    const c = record('dev-d', setpoint(19.5));
    await dispatcher.send(c);
    const done = await dispatcher.settled(c.id);
    expect(done).toMatchObject({ state: 'accepted', attempts: 2 });
    expect(dev('dev-d').deliveries.filter((x) => x === c.id)).toHaveLength(2);
    expect(dev('dev-d').applied.filter((x) => x === c.id)).toHaveLength(1);

    dev('dev-d').policy = 'ack-twice';
    const c2 = record('dev-d', setpoint(20.5));
    await dispatcher.send(c2);
    const first = await dispatcher.settled(c2.id);
    await new Promise((r) => setTimeout(r, 150)); // the second ack arrives
    expect(await store().getCommand(c2.id)).toEqual(first);
    expect(alarms.filter((a) => a.commandId === c2.id)).toEqual([]);
    dev('dev-d').policy = 'accept';
  });

  it('ignores an ack for another device\'s command (the topic names the sender)', async () => {
    dev('dev-a').policy = 'never';
    const c = record('dev-a', setpoint(22));
    await dispatcher.send(c);
    while (!dev('dev-a').deliveries.includes(c.id)) await new Promise((r) => setTimeout(r, 5)); // dev-a saw it and kept silent
    // Wait until the platform has received the forged ack (no fixed sleep: under load a sleep is either too short
    // or eats the 250 ms ack timeout); the dispatcher's own handler, registered first, has then seen it too.
    const forgedArrived = new Promise<void>((resolve) => publisher.onAck((from, ack) => { if (from === 'dev-b' && ack.commandId === c.id) resolve(); }));
    await dev('dev-b').client.publishAsync(deviceTopic('dev-b', 'acks'), JSON.stringify({ commandId: c.id, status: 'accepted' }), { qos: 1 });
    await forgedArrived;
    const waiting = await store().getCommand(c.id);
    expect(waiting?.state).toBe('sent'); // still waiting for dev-a
    expect(waiting?.answeredAtMs).toBeNull();
    dev('dev-a').policy = 'accept';
    expect(await dispatcher.settled(c.id)).toMatchObject({ state: 'accepted' });
    // Accepted by dev-a's answer to a resend: had the forged ack counted, nothing would have been sent again.
    expect(dev('dev-a').deliveries.filter((x) => x === c.id).length).toBeGreaterThanOrEqual(2);
  });

  it('a newer command of the same kind supersedes one still waiting; an expired one is never sent', async () => {
    dev('dev-b').policy = 'never';
    const old = record('dev-b', setpoint(18));
    await dispatcher.send(old);
    dev('dev-b').policy = 'accept';
    const next = record('dev-b', setpoint(19));
    await dispatcher.send(next);
    expect(await dispatcher.settled(old.id)).toMatchObject({ state: 'superseded', reason: `superseded by ${next.id}` });
    expect(await dispatcher.settled(next.id)).toMatchObject({ state: 'accepted' });

    const late = record('dev-b', setpoint(20), 1000);
    clock.advance(5000);
    await dispatcher.send(late);
    expect(await dispatcher.settled(late.id)).toMatchObject({ state: 'expired' });
    expect(dev('dev-b').deliveries).not.toContain(late.id);
    clock.set(NOW);
  });

  it('refuses malformed acks at the edge', async () => {
    const before = publisher.malformedAcks();
    await dev('dev-a').client.publishAsync(deviceTopic('dev-a', 'acks'), '{"commandId": "x", "status": "maybe"}', { qos: 1 });
    await dev('dev-a').client.publishAsync(deviceTopic('dev-a', 'acks'), 'not json', { qos: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(publisher.malformedAcks()).toBe(before + 2);
  });
});


