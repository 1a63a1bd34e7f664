/**
 * The raw append rate of the embedded store for given readings: the reference that ingestion
 * benchmarks divide by (`ingest.ratio_to_raw`), measured on the same rows in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reading } from '../../src/domain/telemetry-channels.js';
import { openDuckDbStores } from '../../src/storage/duckdb/index.js';

export const countValues = (readings: readonly Reading[]): number => readings.reduce((n, r) => n + Object.keys(r.values).length, 0);

/**
 * Appends `readings` in batches of `batchSize`, one after the other, each awaited until durable, into
 * a fresh file-backed store in a temp directory (deleted afterwards). Opening the store is not timed.
 */
export async function measureRawAppend(readings: readonly Reading[], batchSize: number): Promise<{ valuesPerS: number; seconds: number; values: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-raw-append-'));
  const stores = await openDuckDbStores({ dataDir: dir });
  try {
    const size = Math.max(1, Math.trunc(batchSize));
    const started = process.hrtime.bigint();
    for (let i = 0; i < readings.length; i += size) await stores.telemetry.append(readings.slice(i, i + size));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const values = countValues(readings);
    return { valuesPerS: values / seconds, seconds, values };
  } finally {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  }
}
