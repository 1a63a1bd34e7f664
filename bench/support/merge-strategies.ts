/**
 * Experiment behind docs/adr/0002-telemetry-storage.md: exactly-once merge into the wide raw table
 * with a PRIMARY KEY + `INSERT … ON CONFLICT DO UPDATE`, against no index + a time-bounded anti-join.
 * Run: `HEATFLEET_BENCH_MERGE_ROWS=10000000 npm run bench -- store` (heavy: minutes, GBs for the PK).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CHANNEL_COLUMNS } from '../../src/storage/duckdb/channel-columns.js';

const COLS = CHANNEL_COLUMNS.map((c) => c.column);
const FILLED = COLS.slice(0, 10);
const UNITS = 1000;
const T0 = Date.UTC(2024, 0, 15);
const STEP_MS = 60_000;

/** `merge-into`: no index, one time-bounded `MERGE INTO … RETURNING merge_action` (DuckDB ≥ 1.4). */
export type MergeStrategy = 'primary-key' | 'anti-join' | 'merge-into';

export interface StrategyFigures {
  readonly strategy: MergeStrategy;
  readonly preloadRows: number;
  readonly preloadS: number;
  readonly indexBytes: number;
  readonly fileBytes: number;
  /** Mean time of one durable batch of 1,000 new readings (10 channels each) at that table size. */
  readonly newBatchMs: number;
  /** Mean time of one durable batch of 1,000 redelivered readings. */
  readonly duplicateBatchMs: number;
}

const ddl = (pk: boolean) =>
  `CREATE TABLE readings (unit_id VARCHAR NOT NULL, ts_ms BIGINT NOT NULL, ${COLS.map((c) => `${c} DOUBLE`).join(', ')}, fault_code VARCHAR${pk ? ', PRIMARY KEY (unit_id, ts_ms)' : ''})`;

async function stageBatch(c: DuckDBConnection, step: number): Promise<void> {
  await c.run('DELETE FROM temp.stage');
  const a = await c.createAppender('stage', 'main', 'temp');
  for (let u = 0; u < UNITS; u++) {
    a.appendVarchar(`hp-${u}`);
    a.appendBigInt(BigInt(T0 + step * STEP_MS));
    for (let k = 0; k < COLS.length; k++) {
      if (k < FILLED.length) a.appendDouble(u + k + step);
      else a.appendNull();
    }
    a.appendNull();
    a.appendBoolean(false);
    a.endRow();
  }
  a.closeSync();
}

const coalesceSet = (target: string, src: string) => [...COLS, 'fault_code'].map((c) => `${c} = coalesce(${target}.${c}, ${src}.${c})`).join(', ');

async function mergeBatch(c: DuckDBConnection, strategy: MergeStrategy, step: number): Promise<{ inserted: number }> {
  const lo = T0 + step * STEP_MS;
  const hi = lo;
  await c.run('BEGIN TRANSACTION');
  await stageBatch(c, step);
  let inserted: number;
  if (strategy === 'merge-into') {
    const r = await c.runAndReadAll(`MERGE INTO readings USING temp.stage s ON readings.unit_id = s.unit_id AND readings.ts_ms = s.ts_ms AND readings.ts_ms BETWEEN ${lo} AND ${hi}
      WHEN MATCHED AND (${[...COLS, 'fault_code'].map((x) => `(readings.${x} IS NULL AND s.${x} IS NOT NULL)`).join(' OR ')}) THEN UPDATE SET ${coalesceSet('readings', 's')}
      WHEN NOT MATCHED THEN INSERT (unit_id, ts_ms, ${COLS.join(', ')}, fault_code) VALUES (s.unit_id, s.ts_ms, ${COLS.map((x) => `s.${x}`).join(', ')}, s.fault_code)
      RETURNING merge_action`);
    inserted = r.getRowObjectsJS().filter((x) => x.merge_action === 'INSERT').length;
  } else if (strategy === 'primary-key') {
    // The port must report duplicates, so the PK variant still has to count the existing keys first.
    const existing = await c.runAndReadAll(`SELECT count(*) AS n FROM temp.stage s JOIN readings r ON r.unit_id = s.unit_id AND r.ts_ms = s.ts_ms AND r.ts_ms BETWEEN ${lo} AND ${hi}`);
    const n = Number(existing.getRowObjectsJS()[0]?.n ?? 0);
    await c.run(`INSERT INTO readings SELECT unit_id, ts_ms, ${COLS.join(', ')}, fault_code FROM temp.stage ON CONFLICT (unit_id, ts_ms) DO UPDATE SET ${coalesceSet('readings', 'excluded')}`);
    inserted = UNITS - n;
  } else {
    const dups = (await c.run(`UPDATE temp.stage SET dup = true FROM readings r WHERE r.unit_id = stage.unit_id AND r.ts_ms = stage.ts_ms AND r.ts_ms BETWEEN ${lo} AND ${hi}`)).rowsChanged;
    if (dups > 0) {
      await c.run(`UPDATE readings SET ${coalesceSet('readings', 's')} FROM temp.stage s WHERE s.dup AND readings.unit_id = s.unit_id AND readings.ts_ms = s.ts_ms AND readings.ts_ms BETWEEN ${lo} AND ${hi}
        AND (${[...COLS, 'fault_code'].map((x) => `(readings.${x} IS NULL AND s.${x} IS NOT NULL)`).join(' OR ')})`);
    }
    if (dups < UNITS) await c.run(`INSERT INTO readings SELECT unit_id, ts_ms, ${COLS.join(', ')}, fault_code FROM temp.stage WHERE NOT dup`);
    inserted = UNITS - dups;
  }
  await c.run('COMMIT');
  return { inserted };
}

async function preload(c: DuckDBConnection, rows: number): Promise<void> {
  const values = COLS.map((_, k) => (k < FILLED.length ? `(i % 997) * 0.5 + ${k}` : 'NULL')).join(', ');
  // Time-ordered like live data: all units at one instant, then the next instant.
  await c.run(`INSERT INTO readings SELECT 'hp-' || (i % ${UNITS}), ${T0} + (i // ${UNITS}) * ${STEP_MS}, ${values}, NULL FROM range(${rows}) t(i)`);
  await c.run('CHECKPOINT');
}

/**
 * Index-free strategies share one table, so they are compared on the same preloaded database with
 * their batches interleaved (the machines are shared and noisy; alternating cancels most drift).
 */
export async function compareIndexFree(preloadRows: number, batches = 20): Promise<{ antiJoin: StrategyFigures; mergeInto: StrategyFigures }> {
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-merge-'));
  const file = join(dir, 'm.duckdb');
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  try {
    await c.run(ddl(false));
    await c.run(`CREATE TEMP TABLE stage (unit_id VARCHAR, ts_ms BIGINT, ${COLS.map((x) => `${x} DOUBLE`).join(', ')}, fault_code VARCHAR, dup BOOLEAN)`);
    const t0 = performance.now();
    await preload(c, preloadRows);
    const preloadS = (performance.now() - t0) / 1000;
    const firstStep = Math.ceil(preloadRows / UNITS);
    const ms = { 'anti-join': { fresh: 0, dup: 0 }, 'merge-into': { fresh: 0, dup: 0 } };
    const order = ['anti-join', 'merge-into'] as const;
    for (const phase of ['fresh', 'dup'] as const) {
      for (let i = 0; i < 2 * batches; i++) {
        const strategy = order[i % 2] as 'anti-join' | 'merge-into';
        // fresh: each batch a new instant; dup: redeliver the instants of the fresh phase
        const t = performance.now();
        const { inserted } = await mergeBatch(c, strategy, firstStep + i);
        ms[strategy][phase] += performance.now() - t;
        if (phase === 'dup' && inserted !== 0) throw new Error(`expected only duplicates, ${inserted} inserted`);
      }
    }
    await c.run('CHECKPOINT');
    const fileBytes = (await stat(file)).size;
    const fig = (strategy: 'anti-join' | 'merge-into'): StrategyFigures => ({
      strategy, preloadRows, preloadS, indexBytes: 0, fileBytes, newBatchMs: ms[strategy].fresh / batches, duplicateBatchMs: ms[strategy].dup / batches,
    });
    return { antiJoin: fig('anti-join'), mergeInto: fig('merge-into') };
  } finally {
    c.closeSync();
    db.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function measureMergeStrategy(strategy: MergeStrategy, preloadRows: number, batches = 20): Promise<StrategyFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-merge-'));
  const file = join(dir, 'm.duckdb');
  const pk = strategy === 'primary-key';
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  try {
    await c.run(ddl(pk));
    await c.run(`CREATE TEMP TABLE stage (unit_id VARCHAR, ts_ms BIGINT, ${COLS.map((x) => `${x} DOUBLE`).join(', ')}, fault_code VARCHAR, dup BOOLEAN)`);
    let t = performance.now();
    await preload(c, preloadRows);
    const preloadS = (performance.now() - t) / 1000;
    const mem = await c.runAndReadAll("SELECT coalesce(sum(memory_usage_bytes), 0) AS b FROM duckdb_memory() WHERE tag = 'ART_INDEX'");
    const indexBytes = Number(mem.getRowObjectsJS()[0]?.b ?? 0);
    const firstStep = Math.ceil(preloadRows / UNITS);
    t = performance.now();
    for (let i = 0; i < batches; i++) await mergeBatch(c, strategy, firstStep + i);
    const newBatchMs = (performance.now() - t) / batches;
    t = performance.now();
    for (let i = 0; i < batches; i++) {
      const { inserted } = await mergeBatch(c, strategy, firstStep + i);
      if (inserted !== 0) throw new Error(`expected only duplicates, ${inserted} inserted`);
    }
    const duplicateBatchMs = (performance.now() - t) / batches;
    await c.run('CHECKPOINT');
    const fileBytes = (await stat(file)).size;
    return { strategy, preloadRows, preloadS, indexBytes, fileBytes, newBatchMs, duplicateBatchMs };
  } finally {
    c.closeSync();
    db.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}
