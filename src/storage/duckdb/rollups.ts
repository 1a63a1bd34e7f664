/**
 * Incremental rollups 15 min → 1 h → 1 day (see rollups.md). Appends mark (unit, 15-min bucket)
 * pairs dirty in `rollup_dirty`; a refresh rebuilds only those buckets and the hours and days that
 * contain them. Buckets keep sum/min/max/n, so a coarser bucket is exact: avg = Σsum / Σn.
 */
import { RESOLUTION_MS, type ChannelAggregate, type RollupQuery, type RollupRow } from '../../app/ports/telemetry-store.js';
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import { CHANNEL_COLUMNS } from './channel-columns.js';
import { markKpiDaysDirty } from './kpi-day.js';
import { ROLLUP_TABLES } from './schema.js';
import type { Row, SqlRunner } from './serial-connection.js';
import { intLiteral, toNumber } from './sql-values.js';

interface Level {
  readonly table: string;
  readonly dirty: string;
  readonly bucketMs: number;
}

const LEVELS: readonly Level[] = [
  { table: ROLLUP_TABLES['15m'], dirty: 'dirty_15m', bucketMs: RESOLUTION_MS['15m'] },
  { table: ROLLUP_TABLES['1h'], dirty: 'dirty_1h', bucketMs: RESOLUTION_MS['1h'] },
  { table: ROLLUP_TABLES['1d'], dirty: 'dirty_1d', bucketMs: RESOLUTION_MS['1d'] },
];

const rollupColumns = CHANNEL_COLUMNS.flatMap((c) => [`${c.column}_sum`, `${c.column}_min`, `${c.column}_max`, `${c.column}_n`]).join(', ');

const fromRaw = (bucketMs: string) =>
  CHANNEL_COLUMNS.map((c) => `sum(src.${c.column}), min(src.${c.column}), max(src.${c.column}), count(src.${c.column})::INTEGER`).join(', ') +
  ` FROM readings src WHERE src.ts_ms >= $lo AND src.ts_ms < $hi AND EXISTS (SELECT 1 FROM temp.$dirty d WHERE d.unit_id = src.unit_id AND d.bucket_ms = src.ts_ms - src.ts_ms % ${bucketMs})`;

// Weighted by n: sums and counts add up, so no average of averages is ever taken.
const fromFiner = (finer: string, bucketMs: string) =>
  CHANNEL_COLUMNS.map(
    (c) => `sum(src.${c.column}_sum), min(src.${c.column}_min), max(src.${c.column}_max), coalesce(sum(src.${c.column}_n), 0)::INTEGER`,
  ).join(', ') +
  ` FROM ${finer} src WHERE src.bucket_ms >= $lo AND src.bucket_ms < $hi AND EXISTS (SELECT 1 FROM temp.$dirty d WHERE d.unit_id = src.unit_id AND d.bucket_ms = src.bucket_ms - src.bucket_ms % ${bucketMs})`;

async function rebuildLevel(db: SqlRunner, level: Level, sourceDirty: string, finer: string | null): Promise<number> {
  const b = intLiteral(level.bucketMs);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${level.dirty} AS SELECT DISTINCT unit_id, bucket_ms - bucket_ms % ${b} AS bucket_ms FROM ${sourceDirty}`);
  const [stats] = await db.all(`SELECT count(*) AS n, min(bucket_ms) AS lo, max(bucket_ms) AS hi FROM temp.${level.dirty}`);
  const n = toNumber(stats?.n ?? 0);
  if (n === 0) return 0;
  const lo = intLiteral(toNumber(stats?.lo));
  const hi = intLiteral(toNumber(stats?.hi) + level.bucketMs);
  await db.run(
    `DELETE FROM ${level.table} WHERE bucket_ms >= ${lo} AND bucket_ms < ${hi}
      AND EXISTS (SELECT 1 FROM temp.${level.dirty} d WHERE d.unit_id = ${level.table}.unit_id AND d.bucket_ms = ${level.table}.bucket_ms)`,
  );
  const bucketExpr = finer === null ? `src.ts_ms - src.ts_ms % ${b}` : `src.bucket_ms - src.bucket_ms % ${b}`;
  const body = (finer === null ? fromRaw(b) : fromFiner(finer, b)).replaceAll('$lo', lo).replaceAll('$hi', hi).replaceAll('$dirty', level.dirty);
  await db.run(`INSERT INTO ${level.table} (unit_id, bucket_ms, ${rollupColumns}) SELECT src.unit_id, ${bucketExpr} AS b, ${body} GROUP BY src.unit_id, b`);
  return n;
}

/** Rebuilds every dirty bucket at every level, in the caller's transaction; returns the number rebuilt. */
export async function refreshDirtyRollups(db: SqlRunner): Promise<number> {
  const [first, hour, day] = LEVELS as [Level, Level, Level];
  const n15 = await rebuildLevel(db, first, 'rollup_dirty', null);
  if (n15 === 0) return 0;
  const n1h = await rebuildLevel(db, hour, `temp.${first.dirty}`, first.table);
  const n1d = await rebuildLevel(db, day, `temp.${hour.dirty}`, hour.table);
  await markKpiDaysDirty(db);
  await db.run('DELETE FROM rollup_dirty');
  return n15 + n1h + n1d;
}

const rowToRollup = (row: Row): RollupRow => {
  const channels: Partial<Record<ChannelKey, ChannelAggregate>> = {};
  for (const { key, column } of CHANNEL_COLUMNS) {
    const n = row[`${column}_n`];
    if (n === null || n === undefined || toNumber(n) === 0) continue;
    const count = toNumber(n);
    channels[key] = {
      avg: toNumber(row[`${column}_sum`]) / count,
      min: toNumber(row[`${column}_min`]),
      max: toNumber(row[`${column}_max`]),
      n: count,
    };
  }
  return { unitId: String(row.unit_id), bucketStartMs: toNumber(row.bucket_ms), channels };
};

/** Buckets whose start lies in [fromMs, toMs), ordered by unit id, then time. */
export async function readRollups(db: SqlRunner, query: RollupQuery): Promise<RollupRow[]> {
  if (query.unitIds.length === 0) return [];
  const table = ROLLUP_TABLES[query.resolution];
  const placeholders = query.unitIds.map((_, i) => `$${i + 3}`).join(', ');
  const rows = await db.all(
    `SELECT unit_id, bucket_ms, ${rollupColumns} FROM ${table} WHERE bucket_ms >= $1 AND bucket_ms < $2 AND unit_id IN (${placeholders}) ORDER BY unit_id, bucket_ms`,
    [BigInt(Math.trunc(query.fromMs)), BigInt(Math.trunc(query.toMs)), ...query.unitIds],
  );
  return rows.map(rowToRollup);
}
