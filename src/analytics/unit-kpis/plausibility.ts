/**
 * Unit plausibility (plausibility.md): a power channel whose values look like kW sent where W are
 * expected is flagged and left out of every figure, so that no silent wrong number is produced.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import { SLOT_MEASURED, type Grid } from './resample.js';
import type { KpiOptions, PlausibilityFlag, UnitFacts } from './types.js';

/**
 * Channels checked for kW-as-W. The circulation pump is not: EC circulators draw 2–5 W at minimum speed,
 * so a pump's W and kW readings cannot be told apart by magnitude.
 */
export const KW_AS_W_CHANNELS = ['unitPowerW', 'compressorPowerW', 'backupPowerW', 'heatPowerW'] as const satisfies readonly ChannelKey[];

/** Units below this nominal capacity are not checked (their running power can legitimately be tens of W). */
export const KW_AS_W_MIN_CAPACITY_KW = 1;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function positiveMeasured(grid: Grid, channel: ChannelKey): number[] {
  const s = grid.series.get(channel);
  const out: number[] = [];
  if (s) for (let j = 0; j < grid.slots; j++) {
    const v = s.values[j] as number;
    if (s.state[j] === SLOT_MEASURED && v > 0) out.push(v);
  }
  return out;
}

/** The channel that tells whether the unit was running when a suspect channel's values are small. */
const PARTNERS: Partial<Record<ChannelKey, readonly ChannelKey[]>> = {
  unitPowerW: ['heatPowerW'], compressorPowerW: ['heatPowerW'], heatPowerW: ['unitPowerW', 'compressorPowerW'],
};

/**
 * Flags a channel whose median positive value is below `kwAsWMedianW`. An idle unit's standby power is
 * small too, so where a plausible partner channel shows the unit never ran, nothing is flagged.
 */
export type KwAsWFlag = Extract<PlausibilityFlag, { code: 'looks-like-kw-sent-as-w' }>;

export function kwAsWFlags(grid: Grid, facts: UnitFacts, o: KpiOptions): KwAsWFlag[] {
  if (facts.nominalCapacityKw < KW_AS_W_MIN_CAPACITY_KW) return [];
  const medians = new Map<ChannelKey, number>();
  for (const channel of KW_AS_W_CHANNELS) {
    const positive = positiveMeasured(grid, channel);
    if (positive.length > 0) medians.set(channel, median(positive));
  }
  const flags: KwAsWFlag[] = [];
  for (const [channel, m] of medians) {
    if (m >= o.kwAsWMedianW) continue;
    // A partner is usable when reported and not itself suspect (all-zero heat is a unit that did not run).
    const partner = (PARTNERS[channel] ?? []).find((p) => grid.series.has(p) && (medians.get(p) ?? o.kwAsWMedianW) >= o.kwAsWMedianW);
    const partnerRan = partner !== undefined && positiveMeasured(grid, partner).some((v) => v >= o.runningThresholdW);
    if (partner !== undefined && !partnerRan) continue;
    flags.push({ channel, code: 'looks-like-kw-sent-as-w', medianPositiveW: m });
  }
  return flags;
}
