/**
 * Outdoor temperature forecast without a weather feed: the typical year (climatology) corrected by the
 * anomaly recently observed, which decays towards climatology with lead time — damped anomaly
 * persistence, the forecast of a first-order autoregressive anomaly (Wilks 2011, Statistical Methods in
 * the Atmospheric Sciences, 3rd ed., §9.3). With no observations it is the typical year. See forecast.md.
 */
import type { WeatherSeries } from '../../sim/index.js';
import { recordPosition } from '../../sim/weather-sampler.js';

export interface TemperatureObservation {
  readonly tsMs: number;
  readonly tempC: number;
}

export interface AnomalyForecastOptions {
  /** Instant the forecast is made (UTC ms): observations after it are ignored. */
  readonly issuedMs: number;
  /** Forecast horizon (h), 1…168; default 48. */
  readonly horizonH?: number;
  /** Observations within this many hours before `issuedMs` estimate the current anomaly; default 6. */
  readonly windowH?: number;
  /** e-folding time of the anomaly (h): the lag-1 h autocorrelation is exp(−1/decayH); default 48. */
  readonly decayH?: number;
}

export const DEFAULT_FORECAST = { horizonH: 48, windowH: 6, decayH: 48 } as const;
const HOUR_MS = 3_600_000;

const recordIndex = (w: WeatherSeries, tsMs: number): number => ((Math.round(recordPosition(w, tsMs)) % w.length) + w.length) % w.length;

/** Current anomaly: mean of (observed − typical) over the window; 0 without observations. */
export function currentAnomalyK(typical: WeatherSeries, observations: readonly TemperatureObservation[], o: AnomalyForecastOptions): number {
  const windowH = o.windowH ?? DEFAULT_FORECAST.windowH;
  if (!(windowH > 0)) throw new Error(`forecast windowH: ${windowH} must be positive`);
  let sum = 0;
  let n = 0;
  for (const obs of observations) {
    if (obs.tsMs > o.issuedMs || obs.tsMs <= o.issuedMs - windowH * HOUR_MS) continue;
    if (!Number.isFinite(obs.tempC)) throw new Error(`forecast observation at ${new Date(obs.tsMs).toISOString()}: temperature ${obs.tempC} is not a number`);
    const pos = recordPosition(typical, obs.tsMs);
    const i0 = Math.floor(pos), f = pos - i0, len = typical.length;
    const t0 = typical.tempC[((i0 % len) + len) % len] as number, t1 = typical.tempC[(((i0 + 1) % len) + len) % len] as number;
    sum += obs.tempC - (t0 + (t1 - t0) * f);
    n++;
  }
  return n > 0 ? sum / n : 0;
}

/**
 * The typical-year series with the records of the next `horizonH` hours replaced by the forecast
 * T̂(t + L) = T_typ(t + L) + a₀·exp(−L / decayH). Same shape as any weather series, so planners that take a
 * WeatherSeries (householdProblemFromTwin) use it as is.
 */
export function anomalyPersistenceForecast(typical: WeatherSeries, observations: readonly TemperatureObservation[], o: AnomalyForecastOptions): WeatherSeries {
  const horizonH = o.horizonH ?? DEFAULT_FORECAST.horizonH;
  const decayH = o.decayH ?? DEFAULT_FORECAST.decayH;
  if (!(horizonH >= 1 && horizonH <= 168)) throw new Error(`forecast horizonH: ${horizonH} must be within 1…168 h`);
  if (!(decayH > 0)) throw new Error(`forecast decayH: ${decayH} must be positive`);
  if (!Number.isFinite(o.issuedMs)) throw new Error(`forecast issuedMs: ${o.issuedMs} is not a time`);
  const a0 = currentAnomalyK(typical, observations, o);
  if (a0 === 0) return typical;
  const tempC = Float64Array.from(typical.tempC);
  const stepMs = HOUR_MS / typical.recordsPerHour;
  // One record before and after the horizon so interpolation inside it sees forecast values only.
  for (let ts = o.issuedMs - stepMs; ts <= o.issuedMs + horizonH * HOUR_MS + stepMs; ts += stepMs) {
    const r = recordIndex(typical, ts);
    const leadH = Math.max(0, (ts - o.issuedMs) / HOUR_MS);
    tempC[r] = (typical.tempC[r] as number) + a0 * Math.exp(-leadH / decayH);
  }
  return { ...typical, tempC };
}
