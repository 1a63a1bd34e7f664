/**
 * DuckDB adapter of the FaultEventStore port. Fault events are runs of readings of one unit carrying the same
 * code (after-sales.ts `faultEventsFromReadings`): SQL reads only the rows with a fault code, pairs each with the
 * previous row of the same (unit, code), and — only for pairs closer than the gap limit — looks for a reading of
 * the unit strictly between them (which clears the fault). That look-up joins on (unit, gap-sized time bucket),
 * a hash join, so the cost is one scan of the period's keys however many faults there are.
 */
import type { FaultEvent } from '../../analytics/fleet-eval/after-sales.js';
import type { FaultEventQuery, FaultEventStore } from '../../app/ports/fault-event-store.js';
import type { SerialConnection, SqlRunner } from './serial-connection.js';
import { intLiteral, toNumber } from './sql-values.js';

function faultEventSql(lo: string, hi: string, gap: string): string {
  const inPeriod = (t: string) => `${t}.ts_ms >= ${lo} AND ${t}.ts_ms < ${hi}`;
  return `WITH fr AS (
      SELECT DISTINCT r.unit_id, r.ts_ms, trim(c.code) AS code
      FROM (SELECT unit_id, ts_ms, string_split_regex(fault_code, '[,;\\s]+') AS codes FROM readings r
            WHERE fault_code IS NOT NULL AND ${inPeriod('r')} AND unit_id IN (SELECT unit_id FROM temp.fe_units)) r,
           unnest(r.codes) AS c(code)
      WHERE trim(c.code) <> ''),
    p AS (SELECT unit_id, ts_ms, code, lag(ts_ms) OVER (PARTITION BY unit_id, code ORDER BY ts_ms) AS prev_ms FROM fr),
    cand AS (SELECT unit_id, code, prev_ms, ts_ms FROM p WHERE prev_ms IS NOT NULL AND ts_ms - prev_ms <= ${gap}),
    cb AS (SELECT DISTINCT * FROM (SELECT *, prev_ms // ${gap} AS b FROM cand UNION ALL SELECT *, ts_ms // ${gap} AS b FROM cand)),
    cleared AS (
      SELECT DISTINCT cb.unit_id, cb.code, cb.ts_ms FROM cb
      JOIN (SELECT unit_id, ts_ms FROM readings x WHERE ${inPeriod('x')} AND unit_id IN (SELECT DISTINCT unit_id FROM cand)) x
        ON x.unit_id = cb.unit_id AND x.ts_ms // ${gap} = cb.b
      WHERE x.ts_ms > cb.prev_ms AND x.ts_ms < cb.ts_ms),
    s AS (SELECT p.unit_id, p.code, p.ts_ms,
            CASE WHEN p.prev_ms IS NULL OR p.ts_ms - p.prev_ms > ${gap} OR c.ts_ms IS NOT NULL THEN 1 ELSE 0 END AS starts
          FROM p LEFT JOIN cleared c ON c.unit_id = p.unit_id AND c.code = p.code AND c.ts_ms = p.ts_ms),
    e AS (SELECT *, sum(starts) OVER (PARTITION BY unit_id, code ORDER BY ts_ms ROWS UNBOUNDED PRECEDING) AS ev FROM s)
    SELECT unit_id, code, min(ts_ms) AS start_ms, max(ts_ms) AS end_ms, count(*) AS n FROM e GROUP BY unit_id, code, ev`;
}

export async function queryFaultEvents(db: SqlRunner, q: FaultEventQuery): Promise<FaultEvent[]> {
  if (!(q.maxGapS > 0) || !Number.isFinite(q.maxGapS)) throw new Error(`fault events: maxGapS ${q.maxGapS} must be a positive number`);
  if (q.unitIds.length === 0 || !(q.toMs > q.fromMs)) return [];
  await db.run('CREATE OR REPLACE TEMP TABLE fe_units (unit_id VARCHAR NOT NULL)');
  const appender = await db.connection.createAppender('fe_units', 'main', 'temp');
  try {
    for (const id of new Set(q.unitIds)) { appender.appendVarchar(id); appender.endRow(); }
  } finally {
    appender.closeSync();
  }
  const rows = await db.all(faultEventSql(intLiteral(q.fromMs), intLiteral(q.toMs), intLiteral(q.maxGapS * 1000)));
  await db.run('DROP TABLE IF EXISTS temp.fe_units');
  const events = rows.map((r) => ({ unitId: String(r.unit_id), code: String(r.code), startMs: toNumber(r.start_ms), endMs: toNumber(r.end_ms), readings: toNumber(r.n) }));
  // The order of faultEventsFromReadings (JS string order, not the database collation).
  return events.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.startMs - b.startMs || a.code.localeCompare(b.code));
}

/** Reads through the telemetry reader connection (committed readings). */
export const createDuckDbFaultEventStore = (reader: SerialConnection): FaultEventStore => ({
  queryFaultEvents: (q) => reader.exclusive((db) => queryFaultEvents(db, q)),
});
