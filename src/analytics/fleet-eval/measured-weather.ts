/**
 * The period's measured weather for the twin (expected-vs-actual.md): the typical-year series with its
 * outdoor temperature replaced, hour by hour, by the unit's own hourly mean outdoor temperature. Hours
 * without a measurement keep the typical year's value and are counted; humidity (relative) and solar
 * data stay those of the typical year.
 */
import type { Reading } from '../../domain/telemetry-channels.js';
import { recordPosition, type WeatherSeries } from '../../sim/index.js';

const HOUR_MS = 3_600_000;

/** Mean outdoor temperature over [hourStartMs, hourStartMs + 1 h). */
export interface HourlyTemperature { readonly hourStartMs: number; readonly tempC: number }

/** Hourly means of `outdoorTempC` of the readings within [fromMs, toMs) (UTC hours). */
export function hourlyOutdoorFromReadings(readings: readonly Reading[], period: { fromMs: number; toMs: number }): HourlyTemperature[] {
  const acc = new Map<number, { sum: number; n: number }>();
  for (const r of readings) {
    const t = r.values.outdoorTempC;
    if (t === undefined || !Number.isFinite(t) || r.tsMs < period.fromMs || r.tsMs >= period.toMs) continue;
    const h = Math.floor(r.tsMs / HOUR_MS) * HOUR_MS;
    const e = acc.get(h) ?? { sum: 0, n: 0 };
    e.sum += t; e.n++;
    acc.set(h, e);
  }
  return [...acc].sort((a, b) => a[0] - b[0]).map(([hourStartMs, e]) => ({ hourStartMs, tempC: e.sum / e.n }));
}

export interface PeriodWeather {
  readonly weather: WeatherSeries;
  readonly source: 'measured' | 'mixed' | 'typical-year';
  /** Share of the period's hourly weather records set from measurements (%). */
  readonly measuredHoursPct: number;
  readonly warnings: readonly string[];
}

/**
 * A record at instant T stands for the temperature at T (the twin interpolates linearly between records):
 * it takes the mean of the measured hours [T − 1 h, T) and [T, T + 1 h), or the one that exists.
 * Below `minMeasuredPct` of hours measured, a warning says the expectation leans on the typical year.
 */
export function periodWeather(typical: WeatherSeries, hourly: readonly HourlyTemperature[], period: { fromMs: number; toMs: number }, minMeasuredPct = 90): PeriodWeather {
  if (typical.recordsPerHour !== 1) throw new Error(`measured weather: the typical-year series has ${typical.recordsPerHour} records per hour; hourly (1) expected`);
  const byHour = new Map<number, number>();
  for (const h of hourly) {
    if (!Number.isFinite(h.tempC) || h.tempC < -60 || h.tempC > 60) throw new Error(`measured weather: ${h.tempC} °C at ${new Date(h.hourStartMs).toISOString()} is not an outdoor temperature`);
    if (h.hourStartMs % HOUR_MS !== 0) throw new Error(`measured weather: ${new Date(h.hourStartMs).toISOString()} is not the start of an hour`);
    byHour.set(h.hourStartMs, h.tempC);
  }
  const tempC = new Float64Array(typical.tempC);
  const first = Math.ceil(period.fromMs / HOUR_MS) * HOUR_MS;
  let records = 0; let measured = 0;
  for (let t = first; t <= period.toMs; t += HOUR_MS) {
    records++;
    const vals = [byHour.get(t - HOUR_MS), byHour.get(t)].filter((v): v is number => v !== undefined);
    if (vals.length === 0) continue;
    const r = Math.round(recordPosition(typical, t));
    tempC[((r % typical.length) + typical.length) % typical.length] = vals.reduce((a, b) => a + b, 0) / vals.length;
    measured++;
  }
  const pct = records > 0 ? (100 * measured) / records : 0;
  const warnings: string[] = [];
  if (measured === 0) warnings.push('no outdoor temperature measured in the period: the expectation uses the typical year (IWEC) instead of the real weather');
  else if (pct < minMeasuredPct) warnings.push(`outdoor temperature measured for ${pct.toFixed(0)} % of hours: the typical year fills the rest`);
  return { weather: { ...typical, tempC }, source: measured === 0 ? 'typical-year' : pct >= 99.999 ? 'measured' : 'mixed', measuredHoursPct: pct, warnings };
}
