/**
 * Resampling onto a fixed grid (resample.md): readings in any order, with duplicates and gaps, become one
 * value per channel per slot [t, t + interval). Gaps up to the bridging limit are filled with the last
 * value; longer gaps stay missing and are left out of every sum. NaN marks a missing slot internally only.
 */
import { CHANNEL_BY_KEY, type ChannelKey, type Reading } from '../../domain/telemetry-channels.js';

export const SLOT_MISSING = 0;
export const SLOT_MEASURED = 1;
export const SLOT_BRIDGED = 2;

export interface SlotSeries {
  /** Value per slot; NaN where missing. */
  readonly values: Float64Array;
  /** SLOT_MISSING, SLOT_MEASURED or SLOT_BRIDGED per slot. */
  readonly state: Uint8Array;
}

export interface RawSeries { readonly tsMs: readonly number[]; readonly values: readonly number[] }

export interface Grid {
  readonly fromMs: number;
  readonly toMs: number;
  readonly intervalMs: number;
  readonly slots: number;
  /** Duration of each slot (s); the last one is shorter when the period is not a whole number of intervals. */
  readonly durS: Float64Array;
  readonly series: ReadonlyMap<ChannelKey, SlotSeries>;
  /** Deduplicated readings per channel in time order (registers are checked on these, not on slots). */
  readonly raw: ReadonlyMap<ChannelKey, RawSeries>;
  readonly stats: { readonly readingsInPeriod: number; readonly outsidePeriod: number; readonly duplicateReadings: number; readonly conflictingValues: number };
}

type Aggregation = 'mean' | 'max' | 'last';
/** Flags: a slot is on if the flag was on at any time in it; mode and registers: the last value; others: the mean. */
const aggregationOf = (key: ChannelKey): Aggregation => {
  const spec = CHANNEL_BY_KEY.get(key);
  if (spec?.kind === 'flag') return 'max';
  if (spec?.kind === 'mode' || spec?.cumulative === true) return 'last';
  return 'mean';
};

/** Merges readings with the same timestamp like the store does: the first value of a channel wins. */
function dedupe(readings: readonly Reading[], fromMs: number, toMs: number) {
  const byTs = new Map<number, Map<ChannelKey, number>>();
  let outside = 0;
  let duplicates = 0;
  let conflicts = 0;
  for (const r of readings) {
    if (!(r.tsMs >= fromMs && r.tsMs < toMs)) { outside++; continue; }
    let row = byTs.get(r.tsMs);
    if (row) duplicates++;
    else { row = new Map(); byTs.set(r.tsMs, row); }
    for (const [k, v] of Object.entries(r.values) as [ChannelKey, number | undefined][]) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const prev = row.get(k);
      if (prev === undefined) row.set(k, v);
      else if (prev !== v) conflicts++;
    }
  }
  return { byTs, outside, duplicates, conflicts };
}

export function resample(readings: readonly Reading[], fromMs: number, toMs: number, intervalS: number, bridgeGapS: number): Grid {
  const intervalMs = intervalS * 1000;
  const slots = Math.max(0, Math.ceil((toMs - fromMs) / intervalMs));
  const durS = new Float64Array(slots);
  for (let j = 0; j < slots; j++) durS[j] = Math.min(intervalMs, toMs - (fromMs + j * intervalMs)) / 1000;
  const { byTs, outside, duplicates, conflicts } = dedupe(readings, fromMs, toMs);
  const times = [...byTs.keys()].sort((a, b) => a - b);
  const rawTs = new Map<ChannelKey, number[]>();
  const rawV = new Map<ChannelKey, number[]>();
  for (const ts of times) {
    for (const [k, v] of byTs.get(ts) as Map<ChannelKey, number>) {
      let t = rawTs.get(k);
      if (!t) { t = []; rawTs.set(k, t); rawV.set(k, []); }
      t.push(ts);
      (rawV.get(k) as number[]).push(v);
    }
  }
  const series = new Map<ChannelKey, SlotSeries>();
  const raw = new Map<ChannelKey, RawSeries>();
  const bridgeSlots = bridgeGapS * 1000;
  for (const [k, ts] of rawTs) {
    const vs = rawV.get(k) as number[];
    raw.set(k, { tsMs: ts, values: vs });
    const agg = aggregationOf(k);
    const values = new Float64Array(slots).fill(Number.NaN);
    const count = new Uint32Array(slots);
    const state = new Uint8Array(slots);
    for (let r = 0; r < ts.length; r++) {
      const j = Math.floor(((ts[r] as number) - fromMs) / intervalMs);
      const v = vs[r] as number;
      const n = count[j] as number;
      if (n === 0) values[j] = v;
      else if (agg === 'mean') values[j] = (values[j] as number) + v;
      else if (agg === 'max') values[j] = Math.max(values[j] as number, v);
      else values[j] = v; // 'last': readings are in time order
      count[j] = n + 1;
    }
    for (let j = 0; j < slots; j++) {
      const n = count[j] as number;
      if (n > 0) { state[j] = SLOT_MEASURED; if (agg === 'mean') values[j] = (values[j] as number) / n; }
    }
    // Bridge: a run of empty slots between measured slots a and b (or a and the period end) is filled with
    // the value of a when the span from a to b is no longer than the bridging limit.
    let a = -1;
    for (let j = 0; j <= slots; j++) {
      if (j < slots && state[j] !== SLOT_MEASURED) continue;
      if (a >= 0 && j - a > 1) {
        const endMs = j < slots ? fromMs + j * intervalMs : toMs;
        if (endMs - (fromMs + a * intervalMs) <= bridgeSlots) {
          for (let m = a + 1; m < j; m++) { values[m] = values[a] as number; state[m] = SLOT_BRIDGED; }
        }
      }
      a = j;
    }
    series.set(k, { values, state });
  }
  return {
    fromMs, toMs, intervalMs, slots, durS, series, raw,
    stats: { readingsInPeriod: readings.length - outside, outsidePeriod: outside, duplicateReadings: duplicates, conflictingValues: conflicts },
  };
}

/** The value of a channel in a slot, or NaN when the channel is not reported or the slot is missing. */
export const valueAt = (s: SlotSeries | undefined, j: number): number => (s ? (s.values[j] as number) : Number.NaN);
