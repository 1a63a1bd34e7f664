/** Comfort by local hour and heating degree days from day aggregates (comfort.md, degree-days.md). */
import type { ComfortResult } from '../unit-kpis/comfort.js';
import { degreeDayResult, type DegreeDayResult } from '../unit-kpis/degree-days.js';
import type { NullReason } from '../unit-kpis/types.js';
import { dayStat, type DaySeq } from './day-chains.js';
import type { KpiDay } from './kpi-day.js';

export function composeComfort(rows: readonly KpiDay[], targetC: number): ComfortResult {
  const sum = (name: string) => rows.reduce((a, d) => a + dayStat(d, name), 0);
  const byHourOfDay = Array.from({ length: 24 }, (_, h) => ({
    hourOfDay: h, coveredH: sum(`cf_cov_s_${h}`) / 3600, hoursBelow: sum(`cf_below_s_${h}`) / 3600, degreeHoursBelowKh: sum(`cf_dh_ks_${h}`) / 3600,
  }));
  const total = (k: 'coveredH' | 'hoursBelow' | 'degreeHoursBelowKh') => byHourOfDay.reduce((a, b) => a + b[k], 0);
  const coveredS = byHourOfDay.reduce((a, b) => a + b.coveredH * 3600, 0);
  return {
    targetIndoorC: targetC,
    coveredH: total('coveredH'), hoursBelow: total('hoursBelow'), degreeHoursBelowKh: total('degreeHoursBelowKh'),
    meanIndoorC: coveredS > 0 ? sum('cf_t_ks') / coveredS : null,
    byHourOfDay,
    reason: coveredS > 0 ? null : 'no-indoor-temperature',
  };
}

/** HDD over whole local days: Σ max(0, base − daily mean outdoor) over days with outdoor data. */
export function composeDegreeDays(seq: DaySeq, baseC: number, heatKWh: number | null): DegreeDayResult {
  let hdd = 0; let withData = 0; let without = 0; let sumT = 0; let sumS = 0;
  for (const d of seq) {
    const s = d ? dayStat(d, 'out_s') : 0;
    if (!d || s === 0) { without++; continue; }
    const t = dayStat(d, 'out_t_ks');
    withData++; sumT += t; sumS += s;
    hdd += Math.max(0, baseC - t / s);
  }
  return degreeDayResult({ baseC, hddKd: hdd, daysWithData: withData, daysWithoutData: without, meanOutdoorC: sumS > 0 ? sumT / sumS : null }, heatKWh);
}

/** Replaces every non-null `reason` with 'no-data' (as the raw engine does for a period without readings). */
export function markNoData<T>(x: T): T {
  if (Array.isArray(x)) return x.map(markNoData) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = k === 'reason' && v !== null ? ('no-data' satisfies NullReason) : markNoData(v);
  return out as T;
}
