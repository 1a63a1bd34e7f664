/**
 * The write path of the telemetry store: group commit of concurrent `append` calls, staging through
 * the DuckDB appender, and one set-based merge per transaction (docs/adr/0002-telemetry-storage.md).
 */
import type { AppendResult } from '../../app/ports/telemetry-store.js';
import type { Reading } from '../../domain/telemetry-channels.js';
import { CHANNEL_COLUMNS, channelColumnList } from './channel-columns.js';
import { dedupeGroup, type StagedReading } from './reading-rows.js';
import type { SerialConnection, SqlRunner } from './serial-connection.js';
import { intLiteral, toNumber } from './sql-values.js';
import { LATEST_NEWER, LATEST_NONE, LATEST_SAME, type GroupMarks, type TelemetryWriteState } from './write-state.js';

/** Concurrent batches are coalesced into one transaction up to this many readings. */
export const MAX_GROUP_READINGS = 50_000;
const ROLLUP_BASE_MS = 900_000;

const COLS = channelColumnList();
const ALL_COLS = `unit_id, ts_ms, ${COLS}, fault_code`;

export const STAGE_DDL = `CREATE OR REPLACE TEMP TABLE stage (idx INTEGER NOT NULL, unit_id VARCHAR NOT NULL, ts_ms BIGINT NOT NULL,
  ${CHANNEL_COLUMNS.map((c) => `${c.column} DOUBLE`).join(', ')}, fault_code VARCHAR, dup BOOLEAN NOT NULL, latest UTINYINT NOT NULL, dirty BOOLEAN NOT NULL)`;

const MERGEABLE = [...CHANNEL_COLUMNS.map((c) => c.column), 'fault_code'];
const gains = (target: string) => MERGEABLE.map((c) => `(${target}.${c} IS NULL AND s.${c} IS NOT NULL)`).join(' OR ');
const fill = (target: string) => MERGEABLE.map((c) => `${c} = coalesce(${target}.${c}, s.${c})`).join(', ');
const insertFromStage = `INSERT (${ALL_COLS}) VALUES (${ALL_COLS.split(', ').map((c) => `s.${c}`).join(', ')})`;

/**
 * Exactly-once without an index (docs/adr/0002-telemetry-storage.md): flag the staged rows whose
 * (unit, ts) is stored, let those fill only the channels the stored row lacks, insert the rest.
 * The constant time bound lets DuckDB skip row groups by their ts min/max.
 */
const flagStoredSql = (lo: string, hi: string) =>
  `UPDATE temp.stage SET dup = true FROM readings r WHERE r.unit_id = stage.unit_id AND r.ts_ms = stage.ts_ms AND r.ts_ms BETWEEN ${lo} AND ${hi} RETURNING idx`;
const fillStoredSql = (lo: string, hi: string) => `UPDATE readings SET ${fill('readings')} FROM temp.stage s
  WHERE s.dup AND readings.unit_id = s.unit_id AND readings.ts_ms = s.ts_ms AND readings.ts_ms BETWEEN ${lo} AND ${hi} AND (${gains('readings')})`;
const INSERT_NEW_SQL = `INSERT INTO readings (${ALL_COLS}) SELECT ${ALL_COLS} FROM temp.stage WHERE NOT dup`;

const MERGE_LATEST_SQL = `MERGE INTO latest_reading USING (SELECT * FROM temp.stage WHERE latest <> ${LATEST_NONE}) s ON latest_reading.unit_id = s.unit_id
  WHEN MATCHED AND s.latest = ${LATEST_NEWER} THEN UPDATE SET ts_ms = s.ts_ms, ${MERGEABLE.map((c) => `${c} = s.${c}`).join(', ')}
  WHEN MATCHED AND s.latest = ${LATEST_SAME} THEN UPDATE SET ${fill('latest_reading')}
  WHEN NOT MATCHED THEN ${insertFromStage}`;

async function stage(db: SqlRunner, rows: readonly StagedReading[], marks: GroupMarks): Promise<void> {
  await db.run('DELETE FROM temp.stage');
  const appender = await db.connection.createAppender('stage', 'main', 'temp');
  try {
    rows.forEach((r, idx) => {
      appender.appendInteger(idx);
      appender.appendVarchar(r.unitId);
      appender.appendBigInt(BigInt(r.tsMs));
      for (const { key } of CHANNEL_COLUMNS) {
        const v = r.values[key];
        if (v === undefined || v === null) appender.appendNull();
        else appender.appendDouble(v);
      }
      if (r.faultCode === undefined) appender.appendNull();
      else appender.appendVarchar(r.faultCode);
      appender.appendBoolean(false);
      appender.appendUTinyInt(marks.latest[idx] ?? LATEST_NONE);
      appender.appendBoolean(marks.dirty[idx] === 1);
      appender.endRow();
    });
  } finally {
    appender.closeSync();
  }
}

export interface GroupWrite {
  readonly results: AppendResult[];
  /** Updates the writer's memory; call once the transaction has committed. */
  readonly commit: () => void;
}

/** Stores one group of batches in the caller's transaction; returns one result per batch. */
export async function writeGroup(db: SqlRunner, batches: readonly (readonly Reading[])[], state: TelemetryWriteState): Promise<GroupWrite> {
  const { rows } = dedupeGroup(batches);
  const inserted = batches.map(() => 0);
  if (rows.length === 0) return { results: batches.map((b) => ({ inserted: 0, duplicates: b.length })), commit: () => undefined };
  const marks = state.mark(rows, ROLLUP_BASE_MS);
  await stage(db, rows, marks);
  const stored = new Set<number>();
  if (marks.maybeStored.count > 0) {
    const lo = intLiteral(marks.maybeStored.minTsMs);
    const hi = intLiteral(marks.maybeStored.maxTsMs);
    for (const r of await db.all(flagStoredSql(lo, hi))) stored.add(toNumber(r.idx));
    if (stored.size > 0) await db.run(fillStoredSql(lo, hi));
  }
  rows.forEach((r, idx) => {
    if (!stored.has(idx)) inserted[r.batch] = (inserted[r.batch] ?? 0) + 1;
  });
  if (stored.size < rows.length) await db.run(INSERT_NEW_SQL);
  if (marks.anyDirty) await db.run(`INSERT INTO rollup_dirty SELECT unit_id, ts_ms - ts_ms % ${ROLLUP_BASE_MS} FROM temp.stage WHERE dirty`);
  if (marks.anyLatest) await db.run(MERGE_LATEST_SQL);
  return { results: batches.map((b, i) => ({ inserted: inserted[i] ?? 0, duplicates: b.length - (inserted[i] ?? 0) })), commit: marks.commit };
}

interface Pending {
  readonly readings: readonly Reading[];
  resolve(r: AppendResult): void;
  reject(e: unknown): void;
}

/** Serialises appends on one connection and commits whatever queued meanwhile as one transaction. */
export class GroupCommitWriter {
  private pending: Pending[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly conn: SerialConnection,
    private readonly state: TelemetryWriteState,
    private readonly onCommitted: () => void,
  ) {}

  append(readings: readonly Reading[]): Promise<AppendResult> {
    if (readings.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.pending.push({ readings, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every append queued so far has been committed or rejected. */
  async idle(): Promise<void> {
    while (this.draining !== null) await this.draining;
  }

  private takeGroup(): Pending[] {
    const group: Pending[] = [];
    let n = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0] as Pending;
      if (group.length > 0 && n + next.readings.length > MAX_GROUP_READINGS) break;
      group.push(next);
      n += next.readings.length;
      this.pending.shift();
    }
    return group;
  }

  private async commit(group: readonly Pending[]): Promise<void> {
    const { results } = await this.conn.transaction(
      (db) => writeGroup(db, group.map((p) => p.readings), this.state),
      (w) => {
        w.commit();
        this.onCommitted();
      },
    );
    group.forEach((p, i) => p.resolve(results[i] as AppendResult));
  }

  private async drain(): Promise<void> {
    // Start on a later tick so appends issued in the same tick join the first group.
    await Promise.resolve();
    for (;;) {
      // Checked and cleared in the same tick, so an append never finds a drain that is about to end.
      if (this.pending.length === 0) {
        this.draining = null;
        return;
      }
      const group = this.takeGroup();
      try {
        await this.commit(group);
      } catch (e) {
        if (group.length === 1) {
          group[0]?.reject(e);
          continue;
        }
        // One bad batch must not fail its neighbours: retry each alone.
        for (const p of group) await this.commit([p]).catch((err: unknown) => p.reject(err));
      }
    }
  }
}
