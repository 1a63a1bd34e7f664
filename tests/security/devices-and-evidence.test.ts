/**
 * Device identity and integrity of evidence, on the real embedded broker and DuckDB store: a device
 * publishes and subscribes only on its own topics (refusals counted in /metrics, read from loopback),
 * cannot borrow another device's name or client id, and nobody — device, competitor or administrator —
 * can change a stored reading: a redelivery with other values keeps the first, and no route edits telemetry.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../../src/main/platform.js';
import { ids, seedFixture, type Fixture } from './support/fixture.js';
import { client, startSecurityPlatform, type Caller, type Client } from './support/platform.js';

const A = ids('yq-zhangshanying-h001');
const B = ids('hr-qiaozi-h004');
const topic = (deviceId: string, kind: string) => `heatfleet/v1/devices/${deviceId}/${kind}`;

describe('device identity (MQTT ACL) and append-only telemetry', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  const open: MqttClient[] = [];
  beforeAll(async () => {
    platform = await startSecurityPlatform();
    http = client(platform.url);
    fx = await seedFixture(http, { users: ['operator', 'operator2'] });
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.endAsync(true)));
    await platform?.close();
  });

  const connect = async (username: string, password: string, clientId = username): Promise<MqttClient | Error> => {
    try {
      const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, { username, password, clientId, reconnectPeriod: 0, connectTimeout: 5000 });
      open.push(c);
      return c;
    } catch (e) {
      return e as Error;
    }
  };
  const metric = async (name: string, label: string): Promise<number> => {
    const text = (await http.request(null, 'GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(label));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  const rawSeries = async (who: Caller, unitId: string) => {
    const res = await http.request(who, 'GET', `/api/v1/units/${unitId}/series?from=${fx.startMs - 86_400_000}&to=${Date.now() + 600_000}&resolution=raw`);
    expect(res.status, res.text).toBe(200);
    return (res.json as { points: { tsMs: number; values: Record<string, number> }[] }).points;
  };

  it('refuses and counts a publish to another device\'s topic; the victim\'s data is unchanged', async () => {
    const a = await connect(A.device, fx.deviceSecrets.get(A.device) as string);
    if (a instanceof Error) throw a;
    const before = await rawSeries(fx.sessions.operator2, B.unit);
    const denied0 = await metric('heatfleet_mqtt_acl_denials_total', 'action="publish"');
    const foreignTopics = [topic(B.device, 'telemetry'), topic(B.device, 'acks'), topic(A.device, 'commands'), topic(A.device, 'rejections'), '$SYS/forged', 'anything/else'];
    // Acknowledged and discarded (MQTT-3.3.5-2), so the device is not stuck redelivering.
    for (const t of foreignTopics) await a.publishAsync(t, JSON.stringify({ ts: Date.now() - 1000, unit: B.unit, values: { indoorTempC: 5 } }), { qos: 1 });
    expect(await metric('heatfleet_mqtt_acl_denials_total', 'action="publish"')).toBe(denied0 + foreignTopics.length);
    expect(await rawSeries(fx.sessions.operator2, B.unit)).toEqual(before);
    // Its own topic, naming the other device's unit: refused by the ingest rules, also unchanged.
    await a.publishAsync(topic(A.device, 'telemetry'), JSON.stringify({ ts: Date.now() - 1000, unit: B.unit, values: { indoorTempC: 5 } }), { qos: 1 });
    expect(await rawSeries(fx.sessions.operator2, B.unit)).toEqual(before);
  });

  it('refuses and counts subscriptions to other devices\' commands and to wildcards', async () => {
    const a = await connect(A.device, fx.deviceSecrets.get(A.device) as string, `${A.device}:sub`);
    if (a instanceof Error) throw a;
    const denied0 = await metric('heatfleet_mqtt_acl_denials_total', 'action="subscribe"');
    const filters = [topic(B.device, 'commands'), topic(B.device, 'rejections'), 'heatfleet/v1/devices/+/commands', 'heatfleet/v1/#', '#', '$SYS/#', topic(B.device, 'telemetry')];
    for (const f of filters) {
      // MQTT.js reports a SUBACK failure code (0x80) as an error carrying the packet.
      const granted = await a.subscribeAsync(f, { qos: 1 }).then(
        (g) => g[0]?.qos,
        (e: { packet?: { granted?: number[] } }) => e.packet?.granted?.[0],
      );
      expect(granted, f).toBe(128);
    }
    expect((await a.subscribeAsync(topic(A.device, 'commands'), { qos: 1 }))[0]?.qos).toBe(1);
    expect(await metric('heatfleet_mqtt_acl_denials_total', 'action="subscribe"')).toBe(denied0 + filters.length);
  });

  it('refuses a device that claims another\'s name, secret or client id, and counts it', async () => {
    const failures0 = await metric('heatfleet_mqtt_auth_failures_total', 'unknown_device_or_bad_secret');
    const clientId0 = await metric('heatfleet_mqtt_auth_failures_total', 'bad_client_id');
    expect(await connect(B.device, fx.deviceSecrets.get(A.device) as string)).toBeInstanceOf(Error);
    expect(await connect(B.device, '')).toBeInstanceOf(Error);
    expect(await connect("' OR 1=1 --", 'x')).toBeInstanceOf(Error);
    expect(await connect('$heatfleet-platform', 'guess')).toBeInstanceOf(Error);
    expect(await connect(A.device, fx.deviceSecrets.get(A.device) as string, B.device)).toBeInstanceOf(Error);
    expect(await metric('heatfleet_mqtt_auth_failures_total', 'unknown_device_or_bad_secret')).toBeGreaterThanOrEqual(failures0 + 3);
    expect(await metric('heatfleet_mqtt_auth_failures_total', 'bad_client_id')).toBe(clientId0 + 1);
  });

  it('a revoked device is cut off at once, over MQTT and HTTP', async () => {
    const C = ids('yq-zhangshanying-h002');
    const secret = fx.deviceSecrets.get(C.device) as string;
    const c = await connect(C.device, secret);
    if (c instanceof Error) throw c;
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    expect((await http.request(fx.sessions.operator, 'DELETE', `/api/v1/devices/${C.device}/credentials`)).status).toBe(200);
    await closed;
    expect(await connect(C.device, secret)).toBeInstanceOf(Error);
    expect((await http.request({ kind: 'device', name: 'c', deviceId: C.device, secret }, 'POST', '/api/v1/telemetry', { json: { ts: Date.now() - 1000, values: { indoorTempC: 20 } } })).status).toBe(401);
  });

  it('keeps the first value of a reading: redeliveries with other values over MQTT and HTTP change nothing', async () => {
    const a = await connect(A.device, fx.deviceSecrets.get(A.device) as string, `${A.device}:evidence`);
    if (a instanceof Error) throw a;
    const ts = Date.now() - 30_000;
    await a.publishAsync(topic(A.device, 'telemetry'), JSON.stringify({ ts, values: { indoorTempC: 20.5 } }), { qos: 1 });
    await a.publishAsync(topic(A.device, 'telemetry'), JSON.stringify({ ts, values: { indoorTempC: 35, unitPowerW: 1 } }), { qos: 1 });
    const device: Caller = { kind: 'device', name: 'a', deviceId: A.device, secret: fx.deviceSecrets.get(A.device) as string };
    const viaDevice = await http.request(device, 'POST', '/api/v1/telemetry', { json: { ts, values: { indoorTempC: 10 } } });
    expect(viaDevice.json).toMatchObject({ accepted: 0, duplicates: 1 });
    // The operator's own machine client with telemetry:write cannot overwrite either.
    const tok = (await http.request(fx.sessions.operator, 'POST', '/api/v1/tokens', { json: { name: 'ingest', actions: ['telemetry:write'] } })).json as { secret: string };
    const viaToken = await http.request({ kind: 'bearer', name: 't', token: tok.secret }, 'POST', '/api/v1/telemetry', { json: { ts, unit: A.unit, values: { indoorTempC: 11 } } });
    expect(viaToken.json).toMatchObject({ accepted: 0, duplicates: 1 });
    // A channel the row lacked is added by a later delivery (docs/telemetry.md, "Exactly-once storage");
    // a stored value never changes, whoever sends it.
    const again = await http.request(device, 'POST', '/api/v1/telemetry', { json: { ts, values: { indoorTempC: 50, unitPowerW: 9999 } } });
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 1 });
    const point = (await rawSeries(fx.sessions.operator, A.unit)).filter((p) => p.tsMs === ts);
    expect(point).toEqual([{ tsMs: ts, values: { indoorTempC: 20.5, unitPowerW: 1 } }]);
  });

  it('offers no route that edits or deletes telemetry (corrections are not supported yet)', async () => {
    const doc = (await http.request(null, 'GET', '/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${p}`));
    expect(writes.filter((w) => /telemetry|series|reading|units\/\{id\}/.test(w))).toEqual(['POST /api/v1/telemetry']);
    for (const m of ['PUT', 'PATCH', 'DELETE'] as const) {
      expect((await http.request(fx.admin, m, '/api/v1/telemetry', { json: {} })).status).toBe(404);
      expect((await http.request(fx.admin, m, `/api/v1/units/${A.unit}/series`, { json: {} })).status).toBe(404);
    }
  });
});
