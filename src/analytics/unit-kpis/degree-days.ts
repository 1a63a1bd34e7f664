/**
 * Heating degree days (degree-days.md): for each local day, max(0, base − daily mean outdoor temperature),
 * the daily mean taken over the day's available samples; a day cut by the period counts pro rata.
 * Heat per degree day lets seasons and sites with different weather be compared.
 */
import type { Grid } from './resample.js';
import type { NullReason } from './types.js';

const MS_PER_DAY = 86_400_000;

export interface DegreeDayResult {
  readonly baseC: number;
  readonly hddKd: number | null;
  /** Local days with outdoor data / without any. */
  readonly daysWithData: number;
  readonly daysWithoutData: number;
  readonly meanOutdoorC: number | null;
  readonly heatPerHddKWhPerKd: number | null;
  readonly reason: NullReason | null;
}

export function computeDegreeDays(grid: Grid, baseC: number, utcOffsetH: number, heatKWh: number | null): DegreeDayResult {
  const s = grid.series.get('outdoorTempC');
  const days = new Map<number, { sum: number; n: number; periodS: number }>();
  let sumAll = 0; let nAll = 0;
  for (let j = 0; j < grid.slots; j++) {
    const day = Math.floor((grid.fromMs + j * grid.intervalMs + utcOffsetH * 3_600_000) / MS_PER_DAY);
    let e = days.get(day);
    if (!e) { e = { sum: 0, n: 0, periodS: 0 }; days.set(day, e); }
    e.periodS += grid.durS[j] as number;
    const t = s ? (s.values[j] as number) : Number.NaN;
    if (t === t) { const d = grid.durS[j] as number; e.sum += t * d; e.n += d; sumAll += t * d; nAll += d; }
  }
  let hdd = 0; let withData = 0; let without = 0;
  for (const e of days.values()) {
    if (e.n === 0) { without++; continue; }
    withData++;
    hdd += Math.max(0, baseC - e.sum / e.n) * (e.periodS / 86_400);
  }
  return degreeDayResult({ baseC, hddKd: hdd, daysWithData: withData, daysWithoutData: without, meanOutdoorC: nAll > 0 ? sumAll / nAll : null }, heatKWh);
}

/** The result from the day counts and the HDD sum: null with its reason when no day had outdoor data or no degree days. */
export function degreeDayResult(f: { baseC: number; hddKd: number; daysWithData: number; daysWithoutData: number; meanOutdoorC: number | null }, heatKWh: number | null): DegreeDayResult {
  const reason: NullReason | null = f.daysWithData === 0 ? 'no-outdoor-temperature' : null;
  const hdd = f.hddKd;
  return {
    ...f,
    hddKd: reason ? null : hdd,
    heatPerHddKWhPerKd: reason || heatKWh === null ? null : hdd > 0 ? heatKWh / hdd : null,
    reason: reason ?? (hdd > 0 || heatKWh === null ? null : 'zero-degree-days'),
  };
}
