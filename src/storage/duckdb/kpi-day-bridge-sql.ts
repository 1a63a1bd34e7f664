/**
 * Bridging stages of the day aggregates (kpi-day.md, stages 2–3). A missing 1-minute slot of a channel takes the
 * last measured value when the measured slots around it are ≤ 15 slots apart (resample.md, step 4).
 *
 * The work depends on how a channel is present in the chunk's slots (`kd_slot`), so it is classified first:
 *   full     measured in every slot that has a reading: a missing slot can only be a slot without any reading, so
 *            bridging needs nothing but the next slot with a reading (`lead(slot)`, shared by every channel);
 *   absent   never measured: nothing to bridge;
 *   partial  anything else: the last measured slot and value (≤ 15 rows back) and the next measured slot (≤ 15 rows
 *            ahead) per channel, in one window definition per direction, in a narrow table joined to the slots.
 * All three give exactly the result of the per-slot rule; only the partial channels pay for window frames.
 */
import { CHANNEL_KEYS, type ChannelKey } from '../../domain/telemetry-channels.js';
import { KPI_DAY_BUILD_OPTIONS as P, REGISTER_CHANNELS, REGISTERS, SLOTS_PER_DAY, statChannel } from '../../analytics/season/kpi-day.js';

export type ChannelPresence = 'full' | 'partial' | 'absent';
export type PresenceByChannel = Readonly<Record<ChannelKey, ChannelPresence>>;

const BRIDGE = P.bridgeGapS / P.intervalS; // 15 slots
const OFFSET_SLOTS = P.localUtcOffsetH * 60;
const col = (k: ChannelKey) => statChannel(k);
const REG_KEYS = REGISTERS.map((r) => REGISTER_CHANNELS[r].register);

/** One row: the number of slots, then the number of measured slots per channel (CHANNEL_KEYS order). */
export const presenceSql = (): string =>
  `SELECT count(*) AS n, ${CHANNEL_KEYS.map((k) => `count(m_${col(k)}) AS c_${col(k)}`).join(', ')} FROM temp.kd_slot`;

export function presenceFromCounts(row: Readonly<Record<string, number>>): PresenceByChannel {
  const n = row.n ?? 0;
  const out = {} as Record<ChannelKey, ChannelPresence>;
  for (const k of CHANNEL_KEYS) {
    const c = row[`c_${col(k)}`] ?? 0;
    out[k] = c === 0 ? 'absent' : c === n ? 'full' : 'partial';
  }
  return out;
}

const partialKeys = (p: PresenceByChannel) => CHANNEL_KEYS.filter((k) => p[k] === 'partial');

/**
 * Stage 2 (narrow tables): `kd_gap` — rows followed by a gap of 2…15 slots without a reading, with the next slot
 * that has one; `kd_lb` (only with partial channels) — per slot and partial channel the last measured (slot, value)
 * within 15 rows back and the next measured slot within 15 rows ahead. The wide slot rows are never re-sorted.
 */
export const gapSql = (): string => `CREATE OR REPLACE TEMP TABLE kd_gap AS SELECT unit_id, slot, next_slot FROM (
    SELECT unit_id, slot, lead(slot) OVER (PARTITION BY unit_id ORDER BY slot) AS next_slot FROM temp.kd_slot)
  WHERE next_slot - slot BETWEEN 2 AND ${BRIDGE}`;

export const fillSql = (presence: PresenceByChannel): string | null => {
  const keys = partialKeys(presence);
  if (keys.length === 0) return null;
  const parts = keys.map((k) => {
    const m = `m_${col(k)}`;
    return `last_value(CASE WHEN ${m} IS NOT NULL THEN {'s': slot, 'v': ${m}} END IGNORE NULLS) OVER back AS lb_${col(k)},
      first_value(CASE WHEN ${m} IS NOT NULL THEN slot END IGNORE NULLS) OVER fwd AS nb_${col(k)}`;
  });
  return `CREATE OR REPLACE TEMP TABLE kd_lb AS SELECT unit_id, slot, ${parts.join(', ')} FROM temp.kd_slot
    WINDOW back AS (PARTITION BY unit_id ORDER BY slot ROWS BETWEEN ${BRIDGE} PRECEDING AND CURRENT ROW),
      fwd AS (PARTITION BY unit_id ORDER BY slot ROWS BETWEEN 1 FOLLOWING AND ${BRIDGE} FOLLOWING)`;
};

/**
 * The value a slot without its own measurement takes from this row (the row itself, or the gap slots after it).
 * Rows are unique per slot, so 15 rows back/ahead cover the 15-slot limit; a farther hit fails `nb − la ≤ 15`.
 */
export const extended = (k: ChannelKey, presence: PresenceByChannel): string => {
  if (presence[k] === 'absent') return 'NULL::DOUBLE';
  if (presence[k] === 'full') return `s.m_${col(k)}`; // gap rows exist only between readings ≤ 15 slots apart
  return `CASE WHEN f.nb_${col(k)} - f.lb_${col(k)}.s <= ${BRIDGE} THEN f.lb_${col(k)}.v END`;
};

/** Stage 3 (a SELECT, not materialised): the real slots, and the slots of gaps ≤ 15 slots carrying the extended values, of the chunk's days. */
export const gridSelect = (presence: PresenceByChannel): string => {
  const ext = (k: ChannelKey) => extended(k, presence);
  const m = (k: ChannelKey) => `s.m_${col(k)}`;
  const real = CHANNEL_KEYS.map((k) => `coalesce(${m(k)}, ${ext(k)}) AS v_${col(k)}, CASE WHEN ${m(k)} IS NOT NULL THEN 1 WHEN ${ext(k)} IS NOT NULL THEN 2 ELSE 0 END AS st_${col(k)}`);
  const gap = CHANNEL_KEYS.map((k) => `${ext(k)} AS v_${col(k)}, CASE WHEN ${ext(k)} IS NOT NULL THEN 2 ELSE 0 END AS st_${col(k)}`);
  const regFirst = REG_KEYS.map((k) => `s.f_${col(k)}`).join(', ');
  const regNull = REG_KEYS.map((k) => `NULL::DOUBLE AS f_${col(k)}`).join(', ');
  const withFill = partialKeys(presence).length === 0 ? '' : 'LEFT JOIN temp.kd_lb f ON f.unit_id = s.unit_id AND f.slot = s.slot';
  return `SELECT g.* FROM (
      SELECT s.unit_id, s.slot, s.slot AS src_slot, s.n_rows, ${real.join(', ')}, ${regFirst} FROM temp.kd_slot s ${withFill}
      UNION ALL
      SELECT s.unit_id, unnest(range(s.slot + 1, n.next_slot)) AS slot, s.slot AS src_slot, 0 AS n_rows, ${gap.join(', ')}, ${regNull}
        FROM temp.kd_gap n JOIN temp.kd_slot s ON s.unit_id = n.unit_id AND s.slot = n.slot ${withFill}
    ) g SEMI JOIN temp.kd_days d ON d.unit_id = g.unit_id AND d.day = (g.slot + ${OFFSET_SLOTS}) // ${SLOTS_PER_DAY}`;
};
