/** Readings ↔ rows of the wide tables, and the in-memory de-duplication of a group of append batches. */
import type { ChannelValues, Reading } from '../../domain/telemetry-channels.js';
import { CHANNEL_COLUMNS } from './channel-columns.js';
import type { Row } from './serial-connection.js';
import { toNumber } from './sql-values.js';

export const rowToReading = (row: Row): Reading => {
  const values: Record<string, number> = {};
  for (const { key, column } of CHANNEL_COLUMNS) {
    const v = row[column];
    if (v !== null && v !== undefined) values[key] = toNumber(v);
  }
  const base = { unitId: String(row.unit_id), tsMs: toNumber(row.ts_ms), values: values as ChannelValues };
  return row.fault_code === null || row.fault_code === undefined ? base : { ...base, faultCode: String(row.fault_code) };
};

export interface StagedReading {
  readonly unitId: string;
  readonly tsMs: number;
  /** Mutable while merging later deliveries of the same (unit, ts) within the group. */
  values: Record<string, number>;
  faultCode: string | undefined;
  /** Index of the append batch that delivered it first (owns its `inserted` count). */
  readonly batch: number;
}

export interface DedupedGroup {
  readonly rows: StagedReading[];
}

/**
 * One staged row per (unit, ts) of the whole group. A later delivery within the group only adds
 * channels the first did not carry (a stored value never changes, the same rule as against the table).
 */
export function dedupeGroup(batches: readonly (readonly Reading[])[]): DedupedGroup {
  const byKey = new Map<string, StagedReading>();
  const rows: StagedReading[] = [];
  batches.forEach((readings, batch) => {
    for (const r of readings) {
      const key = `${r.unitId}\u0000${r.tsMs}`;
      const seen = byKey.get(key);
      if (seen === undefined) {
        const staged: StagedReading = { unitId: r.unitId, tsMs: r.tsMs, values: { ...r.values } as Record<string, number>, faultCode: r.faultCode, batch };
        byKey.set(key, staged);
        rows.push(staged);
        continue;
      }
      for (const [k, v] of Object.entries(r.values)) if (seen.values[k] === undefined && v !== undefined) seen.values[k] = v;
      if (seen.faultCode === undefined) seen.faultCode = r.faultCode;
    }
  });
  return { rows };
}
