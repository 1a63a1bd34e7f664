/**
 * Ingest throughput end to end: N devices publish batched QoS 1 payloads concurrently to the embedded
 * broker, which stores them in a file-backed DuckDB store and acknowledges each after it is durable.
 * Measured from the first publish to the last PUBACK; then, in the same run, the raw append rate of the
 * store for the same rows (bench/support/raw-append.ts), and the ratio of the two.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createTelemetryIngestor } from '../src/app/ingest-telemetry.js';
import { systemClock } from '../src/app/ports/clock.js';
import type { Reading } from '../src/domain/telemetry-channels.js';
import { createEmbeddedMqttIngest } from '../src/ingest/mqtt/embedded-broker.js';
import { createFleetFixture } from '../src/ingest/mqtt/testing/fleet-fixture.js';
import { deviceTopic } from '../src/ingest/mqtt/topics.js';
import { openDuckDbStores } from '../src/storage/duckdb/index.js';
import type { BenchFigure } from './run.js';
import { countValues, measureRawAppend } from './support/raw-append.js';

const DEVICES = Number(process.env.BENCH_INGEST_DEVICES ?? 20);
const BATCHES_PER_DEVICE = Number(process.env.BENCH_INGEST_BATCHES ?? 10);
const READINGS_PER_BATCH = 500;

/** One unit per device; readings one minute apart ending now, ten channels each. */
function makeReadings(nowMs: number): Reading[][] {
  const perDevice = BATCHES_PER_DEVICE * READINGS_PER_BATCH;
  return Array.from({ length: DEVICES }, (_, d) =>
    Array.from({ length: perDevice }, (_, i): Reading => {
      const x = (d * 7919 + i) % 1000;
      return {
        unitId: `bench-u${d}`,
        tsMs: nowMs - (perDevice - i) * 60_000,
        values: {
          outdoorTempC: -5 + x / 100,
          indoorTempC: 18 + x / 500,
          supplyTempC: 40 + x / 100,
          returnTempC: 35 + x / 100,
          flowM3h: 1.2 + x / 1000,
          unitPowerW: 1500 + x,
          unitEnergyKWh: 1000 + i * 0.03,
          heatPowerW: 4000 + 2 * x,
          compressorHz: 30 + x / 20,
          compressorOn: 1,
        },
      };
    }),
  );
}

const wire = (r: Reading) => ({ ts: r.tsMs, unit: r.unitId, values: r.values });

export async function run(): Promise<BenchFigure[]> {
  const nowMs = systemClock.nowMs();
  const perDevice = makeReadings(nowMs);
  const all = perDevice.flat();
  const values = countValues(all);
  const payloads = perDevice.map((readings) =>
    Array.from({ length: BATCHES_PER_DEVICE }, (_, b) => Buffer.from(JSON.stringify({ readings: readings.slice(b * READINGS_PER_BATCH, (b + 1) * READINGS_PER_BATCH).map(wire) }))),
  );

  const units = Object.fromEntries(perDevice.map((_, d) => [`bench-d${d}`, [`bench-u${d}`]]));
  const fleet = await createFleetFixture(units, systemClock);
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-ingest-bench-'));
  const stores = await openDuckDbStores({ dataDir: dir });
  const ingestor = createTelemetryIngestor({ store: stores.telemetry, clock: systemClock });
  const mqtt = await createEmbeddedMqttIngest({ ingestor, devices: fleet.directory, logger: pino({ level: 'warn' }), metrics: { registry: new Registry() }, host: '127.0.0.1', port: 0, deadLetters: stores.telemetry });
  const clients: MqttClient[] = [];
  let e2eSeconds: number;
  try {
    for (const deviceId of Object.keys(units)) {
      clients.push(await connectAsync(`mqtt://127.0.0.1:${mqtt.port}`, { clientId: deviceId, username: deviceId, password: fleet.secrets.get(deviceId), reconnectPeriod: 0 }));
    }
    const started = process.hrtime.bigint();
    await Promise.all(
      clients.map((c, d) => Promise.all((payloads[d] ?? []).map((p) => c.publishAsync(deviceTopic(`bench-d${d}`, 'telemetry'), p, { qos: 1 })))),
    );
    e2eSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stored = await stores.telemetry.countReadings();
    if (stored !== all.length) throw new Error(`ingest bench: ${stored} of ${all.length} readings stored`);
    const s = mqtt.stats();
    if (s.rejectedReadings > 0) throw new Error(`ingest bench: ${s.rejectedReadings} readings rejected: ${JSON.stringify(s.rejectedByClass)}`);
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await mqtt.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  }
  const e2e = values / e2eSeconds;
  const raw = await measureRawAppend(all, READINGS_PER_BATCH);
  process.stderr.write(`bench ingest: ${DEVICES} devices × ${BATCHES_PER_DEVICE} batches × ${READINGS_PER_BATCH} readings × 10 channels = ${values} values; e2e ${e2eSeconds.toFixed(2)} s, raw ${raw.seconds.toFixed(2)} s\n`);
  return [
    { name: 'ingest.e2e_values_per_s', value: e2e, unit: 'values/s', target: '≥200,000 (MQTT QoS1 → durable → PUBACK, batched)' },
    { name: 'ingest.raw_append_values_per_s', value: raw.valuesPerS, unit: 'values/s', target: 'reference: store.append, same rows, batches of 500' },
    { name: 'ingest.ratio_to_raw', value: e2e / raw.valuesPerS, unit: 'ratio', target: '≥0.5' },
  ];
}
