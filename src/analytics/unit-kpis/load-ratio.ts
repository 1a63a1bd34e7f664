/**
 * Load ratio (load-ratio.md): heat delivered while running divided by the heat the unit could have
 * delivered at its registered nominal capacity over the same running time. An approximation: the
 * capacity actually available varies with source and flow temperature and frost.
 */
import type { Grid } from './resample.js';
import type { RunningMask } from './running.js';
import type { NullReason } from './types.js';

export interface LoadRatioResult {
  readonly value: number | null;
  readonly reason: NullReason | null;
  readonly runningHeatKWh: number;
  readonly runningH: number;
  readonly nominalCapacityKw: number;
}

export function computeLoadRatio(grid: Grid, run: RunningMask, hpHeat: ((j: number) => number) | null, nominalCapacityKw: number): LoadRatioResult {
  let heatWs = 0; let runS = 0;
  if (hpHeat) for (let j = 0; j < grid.slots; j++) {
    const q = hpHeat(j);
    if (run.state[j] !== 1 || q !== q) continue;
    const d = grid.durS[j] as number;
    heatWs += q * d; runS += d;
  }
  const runningH = runS / 3600;
  const runningHeatKWh = heatWs / 3.6e6;
  const reason: NullReason | null = !hpHeat ? 'no-heat-meter' : run.channel === null ? 'no-unit-meter' : runS === 0 ? 'no-running-samples' : null;
  return { value: reason ? null : runningHeatKWh / (nominalCapacityKw * runningH), reason, runningHeatKWh, runningH, nominalCapacityKw };
}
