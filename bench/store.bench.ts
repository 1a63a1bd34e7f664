/**
 * Embedded store (DuckDB) benchmarks: raw durable append rate, group commit of many small
 * concurrent appends, redelivery, rollup refresh and query. `npm run bench -- store`.
 * Set HEATFLEET_BENCH_MERGE_ROWS (e.g. 10000000) to also run the PK-vs-anti-join experiment of ADR 0002.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reading } from '../src/domain/telemetry-channels.js';
import { openDuckDbStores } from '../src/storage/duckdb/index.js';
import type { BenchFigure } from './run.js';
import { compareIndexFree, measureMergeStrategy } from './support/merge-strategies.js';
import { countValues, measureRawAppend } from './support/raw-append.js';

const UNITS = 1000;
const T0 = Date.UTC(2024, 0, 15);
const MIN_MS = 60_000;

/** `steps` instants one minute apart, each with every unit reporting 10 channels. */
export function fleetReadings(steps: number, units = UNITS, firstStep = 0): Reading[] {
  const out: Reading[] = [];
  for (let s = firstStep; s < firstStep + steps; s++) {
    for (let u = 0; u < units; u++) {
      out.push({
        unitId: `hp-${String(u).padStart(4, '0')}`,
        tsMs: T0 + s * MIN_MS,
        values: {
          outdoorTempC: -5 + (u % 7) * 0.5, indoorTempC: 18 + (s % 5) * 0.2, supplyTempC: 42, returnTempC: 36, flowM3h: 1.1,
          unitPowerW: 1200 + u, unitEnergyKWh: 1000 + s * 0.02, heatPowerW: 3600 + u, compressorHz: 55, compressorOn: 1,
        },
      });
    }
  }
  return out;
}

const secondsSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

async function groupCommitAndQueries(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-store-bench-'));
  const stores = await openDuckDbStores({ dataDir: dir });
  try {
    const store = stores.telemetry;
    // Many small concurrent appends, as MQTT delivers them: 100 readings each, 200 in flight at once.
    const small = fleetReadings(20);
    let t = process.hrtime.bigint();
    const chunks: Reading[][] = [];
    for (let i = 0; i < small.length; i += 100) chunks.push(small.slice(i, i + 100));
    await Promise.all(chunks.map((c) => store.append(c)));
    const groupS = secondsSince(t);

    t = process.hrtime.bigint();
    for (let i = 0; i < small.length; i += 1000) await store.append(small.slice(i, i + 1000));
    const redeliveryS = secondsSince(t);

    t = process.hrtime.bigint();
    const rebuilt = await store.refreshRollups();
    const refreshS = secondsSince(t);

    const units = Array.from({ length: 100 }, (_, u) => `hp-${String(u).padStart(4, '0')}`);
    t = process.hrtime.bigint();
    await store.queryRollup({ unitIds: units, resolution: '15m', fromMs: T0, toMs: T0 + 86_400_000 });
    const queryS = secondsSince(t);

    const values = countValues(small);
    return [
      { name: 'store.group_commit_values_per_s', value: values / groupS, unit: 'values/s', target: '100-reading appends, 200 concurrent' },
      { name: 'store.redelivery_values_per_s', value: values / redeliveryS, unit: 'values/s', target: 'all duplicates, batches of 1,000' },
      { name: 'store.rollup_refresh_ms', value: refreshS * 1000, unit: 'ms', target: `${rebuilt} buckets (1,000 units × 20 min)` },
      { name: 'store.rollup_query_ms', value: queryS * 1000, unit: 'ms', target: '100 units, 15-min, 1 day' },
    ];
  } finally {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function mergeExperiment(rows: number): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  const { antiJoin, mergeInto } = await compareIndexFree(rows);
  for (const f of [antiJoin, mergeInto, await measureMergeStrategy('primary-key', rows)]) {
    const p = `store.merge_${f.strategy.replace('-', '_')}`;
    out.push(
      { name: `${p}_preload_s`, value: f.preloadS, unit: 's', target: `${rows.toLocaleString('en')} rows` },
      { name: `${p}_file_bytes`, value: f.fileBytes, unit: 'B' },
      { name: `${p}_new_batch_ms`, value: f.newBatchMs, unit: 'ms', target: '1,000 new readings, durable' },
      { name: `${p}_duplicate_batch_ms`, value: f.duplicateBatchMs, unit: 'ms', target: '1,000 redelivered readings, durable' },
    );
  }
  return out;
}

export async function run(): Promise<BenchFigure[]> {
  const readings = fleetReadings(60);
  const raw1k = await measureRawAppend(readings, 1000);
  const raw10k = await measureRawAppend(readings, 10_000);
  const figures: BenchFigure[] = [
    { name: 'store.append_values_per_s', value: raw1k.valuesPerS, unit: 'values/s', target: '≥200,000; batches of 1,000 readings × 10 channels' },
    { name: 'store.append_values_per_s_batch_10000', value: raw10k.valuesPerS, unit: 'values/s', target: 'batches of 10,000 readings' },
    ...(await groupCommitAndQueries()),
  ];
  const mergeRows = Number(process.env.HEATFLEET_BENCH_MERGE_ROWS ?? 0);
  if (mergeRows > 0) figures.push(...(await mergeExperiment(mergeRows)));
  return figures;
}
