/**
 * Incremental maintenance and reading of the per-unit, per-local-day KPI aggregates (kpi-day.md). The rollup
 * refresh turns its dirty 15-min buckets into dirty unit-days (plus the neighbouring day when the bucket is the
 * first or last quarter hour of a local day, whose bridging reaches across midnight); `refreshKpiDays` rebuilds
 * those days whole, chunk by chunk, with the SQL of kpi-day-sql.ts.
 */
import type { KpiDayQuery } from '../../app/ports/kpi-day-store.js';
import { CYCLE_VARIANTS, KPI_DAY_BUILD_OPTIONS, KPI_DAY_STATS, MS_PER_DAY, type CycleVariant, type KpiDay } from '../../analytics/season/kpi-day.js';
import { fillSql, gapSql, gridSelect, presenceFromCounts, presenceSql } from './kpi-day-bridge-sql.js';
import { regsSql } from './kpi-day-regs-sql.js';
import { insertSql, pass2Select, runsSql, slotSql, statesSql, sumsSql } from './kpi-day-sql.js';
import type { SqlRunner } from './serial-connection.js';
import { intLiteral, stringLiteral, toNumber } from './sql-values.js';

const OFFSET_MS = KPI_DAY_BUILD_OPTIONS.localUtcOffsetH * 3_600_000;
const QUARTER_MS = 900_000;
/** Readings this far outside a day are read for its bridging (15 slots + 1). */
const CONTEXT_MS = 16 * 60_000;
/** Unit-days rebuilt per statement (≈ 1,440 slots each): bounds the memory of the slot table (≈ 30 columns) and the narrow window passes. */
export const KPI_CHUNK_UNIT_DAYS = 2_000;

const dayExpr = (msExpr: string) => `((${msExpr} + ${OFFSET_MS}) // ${MS_PER_DAY})::INTEGER`;

/** Called by the rollup refresh before it empties `rollup_dirty`, in the same transaction. */
export async function markKpiDaysDirty(db: SqlRunner): Promise<void> {
  const inDay = `((bucket_ms + ${OFFSET_MS}) % ${MS_PER_DAY})`;
  await db.run(`INSERT INTO kpi_dirty SELECT DISTINCT unit_id, d FROM (
      SELECT unit_id, ${dayExpr('bucket_ms')} AS d FROM rollup_dirty
      UNION ALL SELECT unit_id, ${dayExpr('bucket_ms')} - 1 FROM rollup_dirty WHERE ${inDay} < ${QUARTER_MS}
      UNION ALL SELECT unit_id, ${dayExpr('bucket_ms')} + 1 FROM rollup_dirty WHERE ${inDay} >= ${MS_PER_DAY - QUARTER_MS})`);
}

/** Rebuilds every dirty unit-day, in the caller's transaction; returns the number of unit-days rebuilt. */
/**
 * Rebuilds dirty unit-days; with `only`, just those of the given units and local days [fromDay, toDay) — the rest stay
 * dirty for a later refresh. (A late reading marks the neighbouring day too, so a range's own dirty days suffice.)
 */
export async function refreshKpiDays(db: SqlRunner, chunkUnitDays = KPI_CHUNK_UNIT_DAYS, only?: { unitIds: readonly string[]; fromDay: number; toDay: number }): Promise<number> {
  const where = only
    ? ` WHERE day >= ${intLiteral(only.fromDay)} AND day < ${intLiteral(only.toDay)} AND unit_id IN (${only.unitIds.length > 0 ? only.unitIds.map(stringLiteral).join(', ') : 'NULL'})`
    : '';
  await db.run(`CREATE OR REPLACE TEMP TABLE kd_all AS SELECT DISTINCT unit_id, day FROM kpi_dirty${where}`);
  const [stats] = await db.all('SELECT count(*) AS n, count(DISTINCT unit_id) AS units FROM temp.kd_all');
  const n = toNumber(stats?.n ?? 0);
  if (n === 0) return 0;
  await db.run('DELETE FROM kpi_day WHERE EXISTS (SELECT 1 FROM temp.kd_all d WHERE d.unit_id = kpi_day.unit_id AND d.day = kpi_day.day)');
  // Chunks of ≤ chunkUnitDays unit-days in (day, unit) order: a chunk spans few days of many units, so its read of
  // `readings` is selective on ts_ms (zone maps, time-major data); each unit-day is built whole from its own
  // readings plus 16 minutes on each side, so where a chunk ends does not change any result.
  await db.run(`CREATE OR REPLACE TEMP TABLE kd_chunks AS SELECT unit_id, day, (row_number() OVER (ORDER BY day, unit_id) - 1) // ${intLiteral(chunkUnitDays)} AS chunk
    FROM temp.kd_all`);
  const chunks = (await db.all('SELECT DISTINCT chunk FROM temp.kd_chunks ORDER BY chunk')).map((r) => toNumber(r.chunk));
  for (const chunk of chunks) {
    await db.run(`CREATE OR REPLACE TEMP TABLE kd_days AS SELECT unit_id, day FROM temp.kd_chunks WHERE chunk = ${intLiteral(chunk)}`);
    await db.run(`CREATE OR REPLACE TEMP TABLE kd_range AS SELECT unit_id, min(day)::BIGINT * ${MS_PER_DAY} - ${OFFSET_MS} - ${CONTEXT_MS} AS lo,
      (max(day)::BIGINT + 1) * ${MS_PER_DAY} - ${OFFSET_MS} + ${CONTEXT_MS} AS hi FROM temp.kd_days GROUP BY unit_id`);
    const [b] = await db.all('SELECT min(lo) AS lo, max(hi) AS hi FROM temp.kd_range');
    await db.run(slotSql(intLiteral(toNumber(b?.lo)), intLiteral(toNumber(b?.hi))));
    const [counts] = await db.all(presenceSql());
    const presence = presenceFromCounts(Object.fromEntries(Object.entries(counts ?? {}).map(([k, x]) => [k, toNumber(x)])));
    await db.run(gapSql());
    const fill = fillSql(presence);
    if (fill !== null) await db.run(fill);
    const p2 = pass2Select(gridSelect(presence));
    for (const sql of [statesSql(p2, presence), sumsSql(p2), runsSql(), regsSql(p2, presence), insertSql()]) await db.run(sql);
  }
  for (const t of ['kd_slot', 'kd_gap', 'kd_lb', 'kd_st', 'kd_sums', 'kd_runs', 'kd_regs', 'kd_days', 'kd_range', 'kd_chunks']) await db.run(`DROP TABLE IF EXISTS temp.${t}`);
  await db.run('DELETE FROM kpi_dirty WHERE EXISTS (SELECT 1 FROM temp.kd_all d WHERE d.unit_id = kpi_dirty.unit_id AND d.day = kpi_dirty.day)');
  await db.run('DROP TABLE IF EXISTS temp.kd_all');
  return n;
}

const LIST_COLUMNS = CYCLE_VARIANTS.map((c) => `cy_${c}_ontimes`);
const toNumberArray = (x: unknown): number[] => (Array.isArray(x) ? x.map((e) => toNumber(e)) : []);

/** Days in [fromDay, toDay) of the given units, ordered by unit id, then day. Read column-wise (the rows are wide). */
export async function readKpiDays(db: SqlRunner, q: KpiDayQuery): Promise<KpiDay[]> {
  if (q.unitIds.length === 0 || !(q.toDay > q.fromDay)) return [];
  await db.run('CREATE OR REPLACE TEMP TABLE kd_query_units (unit_id VARCHAR NOT NULL)');
  const appender = await db.connection.createAppender('kd_query_units', 'main', 'temp');
  try {
    for (const id of q.unitIds) { appender.appendVarchar(id); appender.endRow(); }
  } finally {
    appender.closeSync();
  }
  const reader = await db.connection.runAndReadAll(
    `SELECT unit_id, day, ${KPI_DAY_STATS.join(', ')}, ${LIST_COLUMNS.join(', ')} FROM kpi_day SEMI JOIN temp.kd_query_units u USING (unit_id)
     WHERE day >= ${intLiteral(q.fromDay)} AND day < ${intLiteral(q.toDay)} ORDER BY unit_id, day`,
  );
  const cols = reader.getColumnsJS() as unknown[][];
  const rows = (cols[0] ?? []).length;
  const out: KpiDay[] = new Array<KpiDay>(rows);
  const statCols = KPI_DAY_STATS.map((_, i) => cols[i + 2] as unknown[]);
  for (let i = 0; i < rows; i++) {
    const stats: Record<string, number> = {};
    KPI_DAY_STATS.forEach((s, k) => { stats[s] = toNumber((statCols[k] as unknown[])[i]); });
    const onTimesMin = {} as Record<CycleVariant, number[]>;
    CYCLE_VARIANTS.forEach((c, k) => { onTimesMin[c] = toNumberArray((cols[2 + KPI_DAY_STATS.length + k] as unknown[])[i]); });
    out[i] = { unitId: String((cols[0] as unknown[])[i]), day: toNumber((cols[1] as unknown[])[i]), stats, onTimesMin };
  }
  return out;
}

