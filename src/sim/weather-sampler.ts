/**
 * Weather at any instant from an hourly (or sub-hourly) EPW series: linear interpolation between
 * records; a date in any year maps by month/day/time onto the file's typical year (a TMY has no
 * fixed year; Feb 29 maps to Feb 28 in a non-leap file). See weather.md.
 */
import type { WeatherSeries } from './epw.js';
import { sunPosition, verticalIrradianceWm2 } from './solar.js';

export interface WeatherSample {
  tempC: number;
  rhPct: number;
  dewPointC: number;
  windMs: number;
  ghiWm2: number;
  /** Irradiance on vertical south- and north-facing surfaces, W/m². */
  southWm2: number;
  northWm2: number;
  /** Local standard time hour of day, fractional (0 ≤ h < 24). */
  localHour: number;
}

const HOUR_MS = 3_600_000;

/** Fractional record position (record r ends at (r+1)/recordsPerHour hours into the file year) of a UTC instant. */
export function recordPosition(w: WeatherSeries, tsMs: number): number {
  const local = new Date(tsMs + w.location.tzHours * HOUR_MS);
  const month = local.getUTCMonth() + 1;
  let day = local.getUTCDate();
  if (w.dayStart[month * 32 + day] === -1 && month === 2 && day === 29) day = 28;
  const start = w.dayStart[month * 32 + day] ?? -1;
  if (start < 0) throw new Error(`weather file has no record for ${month}/${day}`);
  const hoursIntoDay = (tsMs + w.location.tzHours * HOUR_MS - Date.UTC(local.getUTCFullYear(), month - 1, local.getUTCDate())) / HOUR_MS;
  return start + hoursIntoDay * w.recordsPerHour - 1;
}

function interp(a: Float64Array, pos: number): number {
  const n = a.length;
  const i0 = Math.floor(pos);
  const f = pos - i0;
  const v0 = a[((i0 % n) + n) % n] as number;
  const v1 = a[(((i0 + 1) % n) + n) % n] as number;
  return v0 + (v1 - v0) * f;
}

/** Fills `out` with the weather at `tsMs` (no allocation when `out` is reused). */
export function sampleWeather(w: WeatherSeries, tsMs: number, out: WeatherSample): WeatherSample {
  const pos = recordPosition(w, tsMs);
  out.tempC = interp(w.tempC, pos);
  out.rhPct = interp(w.rhPct, pos);
  out.dewPointC = interp(w.dewPointC, pos);
  out.windMs = interp(w.windMs, pos);
  // Radiation is an integral over the hour ending at the record's time stamp: centre it half a record earlier.
  const rpos = pos + 0.5;
  const ghi = interp(w.ghiWm2, rpos);
  const dni = interp(w.dniWm2, rpos);
  const dhi = interp(w.dhiWm2, rpos);
  const sun = sunPosition(tsMs, w.location.latDeg, w.location.lonDeg);
  out.ghiWm2 = ghi;
  out.southWm2 = verticalIrradianceWm2(sun, dni, dhi, ghi, 0);
  out.northWm2 = verticalIrradianceWm2(sun, dni, dhi, ghi, Math.PI);
  out.localHour = ((((tsMs / HOUR_MS + w.location.tzHours) % 24) + 24) % 24);
  return out;
}

export const emptyWeatherSample = (): WeatherSample => ({ tempC: 0, rhPct: 0, dewPointC: 0, windMs: 0, ghiWm2: 0, southWm2: 0, northWm2: 0, localHour: 0 });

/** Slot grids kept per weather series (a day's plan and its replans ask for a handful). */
const SLOT_GRIDS_PER_SERIES = 8;
const slotGrids = new WeakMap<WeatherSeries, Map<string, readonly Readonly<WeatherSample>[]>>();

/**
 * The weather at the middle of each of `n` slots of `slotS` from `startMs`: the same values as `sampleWeather` at
 * those instants, computed once per series and grid and shared (every household of a fleet plans on the same
 * forecast grid; the sun's position and the interpolation need not be redone per household). Read-only.
 */
export function slotMidWeather(w: WeatherSeries, startMs: number, slotS: number, n: number): readonly Readonly<WeatherSample>[] {
  let grids = slotGrids.get(w);
  if (!grids) { grids = new Map(); slotGrids.set(w, grids); }
  const key = `${startMs}|${slotS}|${n}`;
  const hit = grids.get(key);
  if (hit) return hit;
  const out: WeatherSample[] = [];
  for (let k = 0; k < n; k++) out.push(sampleWeather(w, startMs + (k + 0.5) * slotS * 1000, emptyWeatherSample()));
  grids.set(key, out);
  while (grids.size > SLOT_GRIDS_PER_SERIES) grids.delete(grids.keys().next().value as string);
  return out;
}

const annualMeans = new WeakMap<WeatherSeries, number>();
/** Mean air temperature of the series (°C), computed once per series. */
export function meanAirTempC(w: WeatherSeries): number {
  let m = annualMeans.get(w);
  if (m === undefined) { m = w.tempC.reduce((s, t) => s + t, 0) / w.length; annualMeans.set(w, m); }
  return m;
}
