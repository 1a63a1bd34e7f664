/**
 * Which samples count as "running" (running.md is part of energy.md): the unit's electricity at or above
 * the running threshold (heatpumpmonitor.org, 100 W). The unit meter (H2) is used where reported, else
 * the compressor meter (H1). For compressor starts a reported `compressorOn` flag takes precedence.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import type { Grid } from './resample.js';

export const RUN_UNKNOWN = -1;

export interface RunningMask {
  /** The channel the state was read from, or null when none is usable. */
  readonly channel: ChannelKey | null;
  /** 1 running, 0 not running, RUN_UNKNOWN where the sample is missing. */
  readonly state: Int8Array;
}

function fromChannel(grid: Grid, key: ChannelKey, test: (v: number) => boolean): RunningMask {
  const s = grid.series.get(key);
  const state = new Int8Array(grid.slots).fill(RUN_UNKNOWN);
  if (s) for (let j = 0; j < grid.slots; j++) {
    const v = s.values[j] as number;
    if (v === v) state[j] = test(v) ? 1 : 0;
  }
  return { channel: key, state };
}

const usable = (grid: Grid, key: ChannelKey, excluded: ReadonlySet<ChannelKey>) => grid.series.has(key) && !excluded.has(key);

/** Running by electricity: unitPowerW (H2) if reported and plausible, else compressorPowerW (H1). */
export function electricRunning(grid: Grid, excluded: ReadonlySet<ChannelKey>, thresholdW: number): RunningMask {
  for (const key of ['unitPowerW', 'compressorPowerW'] as const) {
    if (usable(grid, key, excluded)) return fromChannel(grid, key, (v) => v >= thresholdW);
  }
  return { channel: null, state: new Int8Array(grid.slots).fill(RUN_UNKNOWN) };
}

/** Compressor running for start counting: the `compressorOn` flag where reported, else electricity ≥ threshold. */
export function compressorRunning(grid: Grid, excluded: ReadonlySet<ChannelKey>, thresholdW: number): RunningMask {
  if (grid.series.has('compressorOn')) return fromChannel(grid, 'compressorOn', (v) => v >= 0.5);
  return electricRunning(grid, excluded, thresholdW);
}
