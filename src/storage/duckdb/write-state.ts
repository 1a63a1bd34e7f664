/**
 * What the single telemetry writer keeps in memory besides the tables: the newest reading per unit
 * (a copy of `latest_reading`, loaded on open) and the 15-min buckets already marked dirty since the
 * last rollup refresh. Both change only after a commit succeeds.
 */
import type { Reading } from '../../domain/telemetry-channels.js';
import { CHANNEL_COLUMNS, channelColumnList } from './channel-columns.js';
import { rowToReading, type StagedReading } from './reading-rows.js';
import type { SqlRunner } from './serial-connection.js';

/** Marks on a staged row, computed in memory so the transaction needs no index lookups. */
export const LATEST_NONE = 0;
/** The row is newer than the unit's latest: it replaces it. */
export const LATEST_NEWER = 1;
/** The row is the unit's latest instant again: its new channels fill the latest row's gaps. */
export const LATEST_SAME = 2;

export const bucketKey = (unitId: string, bucketMs: number): string => `${unitId}\u0000${bucketMs}`;

const mergeReading = (stored: Reading, later: StagedReading): Reading => {
  const values = { ...stored.values } as Record<string, number>;
  for (const { key } of CHANNEL_COLUMNS) if (values[key] === undefined && later.values[key] !== undefined) values[key] = later.values[key] as number;
  const faultCode = stored.faultCode ?? later.faultCode;
  const base = { unitId: stored.unitId, tsMs: stored.tsMs, values };
  return faultCode === undefined ? base : { ...base, faultCode };
};

const stagedToReading = (r: StagedReading): Reading =>
  r.faultCode === undefined ? { unitId: r.unitId, tsMs: r.tsMs, values: { ...r.values } } : { unitId: r.unitId, tsMs: r.tsMs, values: { ...r.values }, faultCode: r.faultCode };

export interface GroupMarks {
  /** Per staged row: LATEST_NONE | LATEST_NEWER | LATEST_SAME. */
  readonly latest: Uint8Array;
  /** Per staged row: first row of a (unit, 15-min bucket) not yet marked dirty. */
  readonly dirty: Uint8Array;
  readonly anyLatest: boolean;
  /**
   * Time span of the rows that may already be stored: those not newer than their unit's latest.
   * A row newer than its unit's latest cannot be stored yet, so live data needs no lookup at all.
   */
  readonly maybeStored: { readonly count: number; readonly minTsMs: number; readonly maxTsMs: number };
  readonly anyDirty: boolean;
  /** Applies the marks to memory; call only after the transaction committed. */
  readonly commit: () => void;
}

export class TelemetryWriteState {
  readonly latest = new Map<string, Reading>();
  private readonly dirtyBuckets = new Set<string>();

  async load(db: SqlRunner): Promise<void> {
    const rows = await db.all(`SELECT unit_id, ts_ms, ${channelColumnList()}, fault_code FROM latest_reading`);
    this.latest.clear();
    for (const row of rows) {
      const r = rowToReading(row);
      const have = this.latest.get(r.unitId);
      if (have === undefined || have.tsMs < r.tsMs) this.latest.set(r.unitId, r);
    }
  }

  /** Rollups were rebuilt and `rollup_dirty` emptied (committed). */
  clearDirty(): void {
    this.dirtyBuckets.clear();
  }

  mark(rows: readonly StagedReading[], bucketMs: number): GroupMarks {
    const latest = new Uint8Array(rows.length);
    const dirty = new Uint8Array(rows.length);
    const newestIdx = new Map<string, number>();
    const newDirty = new Set<string>();
    const maybeStored = { count: 0, minTsMs: Infinity, maxTsMs: -Infinity };
    rows.forEach((r, i) => {
      const stored = this.latest.get(r.unitId);
      if (stored !== undefined && r.tsMs <= stored.tsMs) {
        maybeStored.count += 1;
        maybeStored.minTsMs = Math.min(maybeStored.minTsMs, r.tsMs);
        maybeStored.maxTsMs = Math.max(maybeStored.maxTsMs, r.tsMs);
      }
      const best = newestIdx.get(r.unitId);
      if (best === undefined || (rows[best] as StagedReading).tsMs < r.tsMs) newestIdx.set(r.unitId, i);
      const key = bucketKey(r.unitId, r.tsMs - (r.tsMs % bucketMs));
      if (!this.dirtyBuckets.has(key) && !newDirty.has(key)) {
        newDirty.add(key);
        dirty[i] = 1;
      }
    });
    const next = new Map<string, Reading>();
    for (const [unitId, i] of newestIdx) {
      const r = rows[i] as StagedReading;
      const stored = this.latest.get(unitId);
      if (stored === undefined || r.tsMs > stored.tsMs) {
        latest[i] = LATEST_NEWER;
        next.set(unitId, stagedToReading(r));
      } else if (r.tsMs === stored.tsMs) {
        latest[i] = LATEST_SAME;
        next.set(unitId, mergeReading(stored, r));
      }
    }
    return {
      latest,
      dirty,
      anyLatest: next.size > 0,
      maybeStored,
      anyDirty: newDirty.size > 0,
      commit: () => {
        for (const [unitId, r] of next) this.latest.set(unitId, r);
        for (const k of newDirty) this.dirtyBuckets.add(k);
      },
    };
  }
}
