/** DuckDB adapter of the TelemetryStore port. Writes go through one connection, reads through another. */
import type { DuckDBValue } from '@duckdb/node-api';
import type { KpiDayQuery, KpiDayRefreshLimit, KpiDayStore } from '../../app/ports/kpi-day-store.js';
import type { AppendResult, DeadLetter, RawQuery, RollupQuery, RollupRow, TelemetryStore } from '../../app/ports/telemetry-store.js';
import type { Reading } from '../../domain/telemetry-channels.js';
import { channelColumnList } from './channel-columns.js';
import { readKpiDays, refreshKpiDays } from './kpi-day.js';
import { rowToReading } from './reading-rows.js';
import { readRollups, refreshDirtyRollups } from './rollups.js';
import type { Row, SerialConnection, SqlRunner } from './serial-connection.js';
import { intLiteral, stringLiteral, toNumber, toStringOrNull } from './sql-values.js';
import { GroupCommitWriter, STAGE_DDL } from './telemetry-writer.js';
import { TelemetryWriteState } from './write-state.js';

const READING_COLS = `unit_id, ts_ms, ${channelColumnList()}, fault_code`;
const DAY_MS = 86_400_000;
const LOCAL_OFFSET_MS = 8 * 3_600_000;
const QUARTER_MS = 900_000;

/**
 * True when nothing the query covers waits for a refresh: no dirty 15-min bucket of its units in [fromMs, toMs) and,
 * for day aggregates, no dirty unit-day in [fromDay, toDay). Then a read can go to the reader connection and need not
 * queue behind the writer (appends, background rebuilds). Run inside one reader transaction with the read.
 */
async function nothingDirty(db: SqlRunner, unitIds: readonly string[], fromMs: number, toMs: number, days?: KpiDayQuery): Promise<boolean> {
  if (unitIds.length === 0) return true;
  const units = unitIds.map(stringLiteral).join(', ');
  const kpi = days ? ` OR EXISTS (SELECT 1 FROM kpi_dirty WHERE day >= ${intLiteral(days.fromDay)} AND day < ${intLiteral(days.toDay)} AND unit_id IN (${units}))` : '';
  const [row] = await db.all(`SELECT (EXISTS (SELECT 1 FROM rollup_dirty WHERE bucket_ms >= ${intLiteral(fromMs)} AND bucket_ms < ${intLiteral(toMs)} AND unit_id IN (${units}))${kpi}) AS dirty`);
  return row?.dirty === false;
}
const DEAD_LETTER_ROWS_PER_INSERT = 200;

const bigintMs = (ms: number): bigint => BigInt(Math.trunc(ms));

const rowToDeadLetter = (row: Row): DeadLetter => ({
  receivedAtMs: toNumber(row.received_at_ms),
  source: row.source === 'http' ? 'http' : 'mqtt',
  senderId: toStringOrNull(row.sender_id),
  topic: toStringOrNull(row.topic),
  reason: String(row.reason),
  payload: String(row.payload),
});

export interface TelemetryConnections {
  readonly writer: SerialConnection;
  readonly reader: SerialConnection;
  /** Called once by `close()`: the owner closes the connections and, when unused, the database. */
  readonly release: () => Promise<void>;
}

/** The DuckDB telemetry adapter also keeps the per-local-day KPI aggregates (kpi-day.md): one writer, one refresh. */
export async function createDuckDbTelemetryStore(deps: TelemetryConnections): Promise<TelemetryStore & KpiDayStore> {
  const { writer, reader } = deps;
  const state = new TelemetryWriteState();
  await writer.exclusive(async (db) => {
    await db.run(STAGE_DDL);
    await state.load(db);
  });
  // Unknown after open (a previous process may have appended without refreshing): check once.
  let rollupsMaybeDirty = true;
  const appender = new GroupCommitWriter(writer, state, () => {
    rollupsMaybeDirty = true;
  });
  let released: Promise<void> | null = null;

  const refreshed = () => {
    rollupsMaybeDirty = false;
    state.clearDirty();
  };
  // Rollups first: their refresh turns dirty buckets into dirty unit-days (kpi-day.md); both in one transaction.
  const refreshBoth = async (db: SqlRunner, only?: KpiDayQuery) => {
    const buckets = rollupsMaybeDirty ? await refreshDirtyRollups(db) : 0;
    return { buckets, days: await refreshKpiDays(db, undefined, only) };
  };
  // A bounded refresh (background upkeep): the oldest dirty day's units, day after day, until the budget is spent.
  const refreshBounded = async (db: SqlRunner, limit: KpiDayRefreshLimit) => {
    const buckets = rollupsMaybeDirty ? await refreshDirtyRollups(db) : 0;
    const before = limit.beforeDay === undefined ? '' : ` WHERE day < ${intLiteral(limit.beforeDay)}`;
    let days = 0;
    while (days < limit.maxUnitDays) {
      const [first] = await db.all(`SELECT min(day) AS d FROM kpi_dirty${before}`);
      if (first?.d === null || first?.d === undefined) break;
      const day = toNumber(first.d);
      const units = (await db.all(`SELECT DISTINCT unit_id FROM kpi_dirty WHERE day = ${intLiteral(day)} ORDER BY unit_id LIMIT ${intLiteral(limit.maxUnitDays - days)}`)).map((r) => String(r.unit_id));
      const n = await refreshKpiDays(db, undefined, { unitIds: units, fromDay: day, toDay: day + 1 });
      if (n === 0) break;
      days += n;
    }
    return { buckets, days };
  };
  // The timer's refresh only marks dirty unit-days: the day rebuild is still too slow to run on every tick
  // (docs/analytics/season-report.md), so it runs on `refreshKpiDays()` and before `queryKpiDays`.
  const refresh = (): Promise<number> => writer.transaction((db) => (rollupsMaybeDirty ? refreshDirtyRollups(db) : Promise.resolve(0)), refreshed);

  return {
    append: (readings: readonly Reading[]): Promise<AppendResult> => appender.append(readings),

    queryRaw: (q: RawQuery) =>
      reader.exclusive(async (db) => {
        const limit = q.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.trunc(q.limit))}`;
        const rows = await db.all(`SELECT ${READING_COLS} FROM readings WHERE unit_id = $1 AND ts_ms >= $2 AND ts_ms < $3 ORDER BY ts_ms${limit}`, [
          q.unitId,
          bigintMs(q.fromMs),
          bigintMs(q.toMs),
        ]);
        return rows.map(rowToReading);
      }),

    queryRollup: async (q: RollupQuery): Promise<RollupRow[]> => {
      // A dirty bucket changes its hour and day too: look one day either side.
      const clean = await reader.transaction(async (db) => ((await nothingDirty(db, q.unitIds, q.fromMs - DAY_MS, q.toMs + DAY_MS)) ? readRollups(db, q) : null));
      return clean ?? writer.transaction(async (db) => {
        if (rollupsMaybeDirty) await refreshDirtyRollups(db);
        return readRollups(db, q);
      }, refreshed);
    },

    // Served from the writer's memory, which mirrors `latest_reading` as of the last commit.
    latest: async (unitIds: readonly string[]) => unitIds.flatMap((id) => state.latest.get(id) ?? []),

    refreshRollups: refresh,

    refreshKpiDays: (limit?: KpiDayRefreshLimit) =>
      writer.transaction((db) => (limit ? refreshBounded(db, limit) : refreshBoth(db)), refreshed).then((r) => r.days),

    queryKpiDays: async (q: KpiDayQuery) => {
      // Days kept clean by the background upkeep are read without queueing behind the writer. A bucket up to 15 min
      // outside a day still changes its bridging (kpi-day.md), hence the margin.
      const fromMs = q.fromDay * DAY_MS - LOCAL_OFFSET_MS - QUARTER_MS;
      const toMs = q.toDay * DAY_MS - LOCAL_OFFSET_MS + QUARTER_MS;
      const clean = await reader.transaction(async (db) => ((await nothingDirty(db, q.unitIds, fromMs, toMs, q)) ? readKpiDays(db, q) : null));
      return clean ?? writer.transaction(async (db) => {
        // Only the asked units and days are rebuilt: a report on past days does not wait for today's live data.
        await refreshBoth(db, q);
        return readKpiDays(db, q);
      }, refreshed);
    },

    countReadings: () =>
      reader.exclusive(async (db) => {
        const [row] = await db.all('SELECT count(*) AS n FROM readings');
        return toNumber(row?.n ?? 0);
      }),

    addDeadLetters: async (letters: readonly DeadLetter[]) => {
      if (letters.length === 0) return;
      await writer.transaction(async (db) => {
        for (let start = 0; start < letters.length; start += DEAD_LETTER_ROWS_PER_INSERT) {
          const chunk = letters.slice(start, start + DEAD_LETTER_ROWS_PER_INSERT);
          const params: DuckDBValue[] = [];
          const tuples = chunk.map((l) => {
            const base = params.length;
            params.push(bigintMs(l.receivedAtMs), l.source, l.senderId, l.topic, l.reason, l.payload);
            return `(${[1, 2, 3, 4, 5, 6].map((k) => `$${base + k}`).join(', ')})`;
          });
          await db.run(`INSERT INTO dead_letters (received_at_ms, source, sender_id, topic, reason, payload) VALUES ${tuples.join(', ')}`, params);
        }
      });
    },

    listDeadLetters: (q) =>
      reader.exclusive(async (db) => {
        const where: string[] = [];
        const params: DuckDBValue[] = [];
        if (q.beforeMs !== undefined) {
          params.push(bigintMs(q.beforeMs));
          where.push(`received_at_ms < $${params.length}`);
        }
        if (q.senderIds !== undefined) {
          if (q.senderIds.length === 0) return [];
          const first = params.length + 1;
          params.push(...q.senderIds);
          where.push(`sender_id IN (${q.senderIds.map((_, i) => `$${first + i}`).join(', ')})`);
        }
        const rows = await db.all(
          `SELECT received_at_ms, source, sender_id, topic, reason, payload FROM dead_letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY received_at_ms DESC, seq DESC LIMIT ${Math.max(0, Math.trunc(q.limit))}`,
          params,
        );
        return rows.map(rowToDeadLetter);
      }),

    close: () => {
      released ??= appender.idle().then(deps.release);
      return released;
    },
  };
}
