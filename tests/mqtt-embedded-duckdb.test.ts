/**
 * The embedded broker with the real DuckDB store (file-backed, in a temp dir): what a device relies on,
 * end to end — a PUBACK means the rows are durable, refusals land in the dead-letter table, a
 * redelivered or replayed buffer is stored once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createTelemetryIngestor } from '../src/app/ingest-telemetry.js';
import { fixedClock } from '../src/app/ports/clock.js';
import { createEmbeddedMqttIngest, type EmbeddedMqttIngest } from '../src/ingest/mqtt/embedded-broker.js';
import { createFleetFixture, type FleetFixture } from '../src/ingest/mqtt/testing/fleet-fixture.js';
import { deviceTopic } from '../src/ingest/mqtt/topics.js';
import { openDuckDbStores, type DuckDbStores } from '../src/storage/duckdb/index.js';

const NOW_MS = Date.UTC(2025, 0, 10, 12);
const clock = fixedClock(NOW_MS);
const reading = (i: number) => ({ ts: NOW_MS - 60_000 * (1000 - i), unit: 'u-a1', values: { indoorTempC: 20.5, unitPowerW: 1000 + i } });

describe('embedded MQTT ingest with the DuckDB store', () => {
  let fleet: FleetFixture;
  let dir: string;
  let stores: DuckDbStores;
  let ingest: EmbeddedMqttIngest;
  let device: MqttClient;
  const rawRows = () => stores.telemetry.queryRaw({ unitId: 'u-a1', fromMs: 0, toMs: NOW_MS + 1 });

  beforeAll(async () => {
    fleet = await createFleetFixture({ 'dev-a': ['u-a1'] }, clock);
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heatfleet-mqtt-duckdb-'));
    stores = await openDuckDbStores({ dataDir: dir, clock });
    const ingestor = createTelemetryIngestor({ store: stores.telemetry, clock });
    ingest = await createEmbeddedMqttIngest({ ingestor, devices: fleet.directory, logger: pino({ level: 'silent' }), metrics: { registry: new Registry() }, host: '127.0.0.1', port: 0, deadLetters: stores.telemetry, clock });
    device = await connectAsync(`mqtt://127.0.0.1:${ingest.port}`, { clientId: 'dev-a', username: 'dev-a', password: fleet.secrets.get('dev-a'), reconnectPeriod: 0 });
  });
  afterEach(async () => {
    await device.endAsync(true);
    await ingest.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has the batch in the store when the PUBACK arrives', async () => {
    const batch = { readings: Array.from({ length: 200 }, (_, i) => reading(i)) };
    const seen = await new Promise<number>((resolve, reject) =>
      device.publish(deviceTopic('dev-a', 'telemetry'), JSON.stringify(batch), { qos: 1 }, (err) => {
        if (err) return reject(err);
        // the query is issued synchronously on PUBACK, before anything else can be written
        stores.telemetry.countReadings().then(resolve, reject);
      }),
    );
    expect(seen).toBe(200);
  });

  it('stores a replay after an outage once, out of order, and dead-letters each bad reading with its reason', async () => {
    const first = [5, 3, 9].map(reading);
    await device.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify({ readings: first }), { qos: 1 });
    const replay = {
      readings: [
        ...[9, 1, 3, 7].map(reading),
        { ...reading(20), values: { indoorTempC: Number.MAX_VALUE } },
        { ...reading(21), ts: NOW_MS + 3_600_000 },
        { ...reading(22), values: { indoorTempC: 'hot' } },
        { ...reading(23), values: { boilerTempC: 50 } },
      ],
    };
    await device.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify(replay), { qos: 1 });
    await device.publishAsync(deviceTopic('dev-a', 'telemetry'), '{"ts":', { qos: 1 });
    expect((await rawRows()).map((r) => r.tsMs)).toEqual([1, 3, 5, 7, 9].map((i) => reading(i).ts));
    expect(ingest.stats()).toMatchObject({ acceptedReadings: 5, duplicateReadings: 2, rejectedReadings: 5 });
    expect(ingest.stats().rejectedByClass).toEqual({ out_of_range: 1, future_timestamp: 1, schema: 1, unknown_field: 1, malformed_json: 1 });
    const letters = await stores.telemetry.listDeadLetters({ senderIds: ['dev-a'], limit: 10 });
    expect(letters.map((l) => l.reason).sort()).toEqual([
      expect.stringMatching(/^malformed JSON/),
      expect.stringMatching(/^reading 4: values.indoorTempC: indoorTempC above 60/),
      expect.stringMatching(/^reading 5: ts: .* is in the future/),
      expect.stringMatching(/^reading 6: values.indoorTempC: Invalid input/),
      expect.stringMatching(/^reading 7: .*boilerTempC/),
    ]);
  });

  it('survives a restart: what was acknowledged is still there', async () => {
    await device.publishAsync(deviceTopic('dev-a', 'telemetry'), JSON.stringify({ readings: [1, 2, 3].map(reading) }), { qos: 1 });
    await device.endAsync(true);
    await ingest.close();
    await stores.close();
    stores = await openDuckDbStores({ dataDir: dir, clock });
    expect(await rawRows()).toHaveLength(3);
    const ingestor = createTelemetryIngestor({ store: stores.telemetry, clock });
    ingest = await createEmbeddedMqttIngest({ ingestor, devices: fleet.directory, logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0, deadLetters: stores.telemetry, clock });
    device = await connectAsync(`mqtt://127.0.0.1:${ingest.port}`, { clientId: 'dev-a', username: 'dev-a', password: fleet.secrets.get('dev-a'), reconnectPeriod: 0 });
  });
});
