/**
 * Comfort (comfort.md): hours and degree-hours with the indoor temperature below the target, in total
 * and by local hour of day (24 bins; Beijing local time = UTC+8, no daylight saving).
 */
import type { Grid } from './resample.js';
import type { NullReason } from './types.js';

export interface ComfortBin { readonly hourOfDay: number; readonly coveredH: number; readonly hoursBelow: number; readonly degreeHoursBelowKh: number }
export interface ComfortResult {
  readonly targetIndoorC: number;
  readonly coveredH: number;
  readonly hoursBelow: number;
  readonly degreeHoursBelowKh: number;
  readonly meanIndoorC: number | null;
  readonly byHourOfDay: readonly ComfortBin[];
  readonly reason: NullReason | null;
}

const MS_PER_H = 3_600_000;

export function computeComfort(grid: Grid, targetC: number, utcOffsetH: number): ComfortResult {
  const s = grid.series.get('indoorTempC');
  const cov = new Float64Array(24); const below = new Float64Array(24); const dh = new Float64Array(24);
  let sumT = 0; let sumS = 0;
  if (s) for (let j = 0; j < grid.slots; j++) {
    const t = s.values[j] as number;
    if (t !== t) continue;
    const d = grid.durS[j] as number;
    const localH = Math.floor((grid.fromMs + j * grid.intervalMs) / MS_PER_H + utcOffsetH);
    const bin = ((localH % 24) + 24) % 24;
    cov[bin] = (cov[bin] as number) + d;
    sumT += t * d; sumS += d;
    if (t < targetC) {
      below[bin] = (below[bin] as number) + d;
      dh[bin] = (dh[bin] as number) + (targetC - t) * d;
    }
  }
  const byHourOfDay = Array.from({ length: 24 }, (_, h) => ({
    hourOfDay: h, coveredH: (cov[h] as number) / 3600, hoursBelow: (below[h] as number) / 3600, degreeHoursBelowKh: (dh[h] as number) / 3600,
  }));
  const total = (k: 'coveredH' | 'hoursBelow' | 'degreeHoursBelowKh') => byHourOfDay.reduce((a, b) => a + b[k], 0);
  return {
    targetIndoorC: targetC,
    coveredH: total('coveredH'), hoursBelow: total('hoursBelow'), degreeHoursBelowKh: total('degreeHoursBelowKh'),
    meanIndoorC: sumS > 0 ? sumT / sumS : null,
    byHourOfDay,
    reason: sumS > 0 ? null : 'no-indoor-temperature',
  };
}
