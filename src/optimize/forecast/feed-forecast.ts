/**
 * Outdoor temperature forecast from a weather feed (forecast.md, "With a weather feed"): the feed's hourly values
 * replace the planner's series where they reach; before the feed's first hour the observation-based forecast
 * (typical year + damped anomaly persistence) stands; after its last hour the feed's last anomaly against the typical
 * year decays towards climatology with the same e-folding time as the observed anomaly does (Wilks 2011, §9.3.5).
 */
import type { WeatherSeries } from '../../sim/index.js';
import { recordPosition } from '../../sim/weather-sampler.js';
import { anomalyPersistenceForecast, DEFAULT_FORECAST, type TemperatureObservation } from './temperature-forecast.js';

/** One forecast value of the feed: air temperature at 2 m at the instant `tsMs` (UTC ms). */
export interface FeedPoint {
  readonly tsMs: number;
  readonly tempC: number;
}

export interface FeedForecastOptions {
  /** Instant the forecast is made (UTC ms). */
  readonly issuedMs: number;
  /** Hours ahead the result must cover, 1…168; default 48. */
  readonly horizonH?: number;
  /** e-folding time (h) of an anomaly beyond the feed's reach; default 48. */
  readonly decayH?: number;
  /** Observations within this many hours before `issuedMs` set the anomaly before the feed's first point; default 6. */
  readonly windowH?: number;
}

const HOUR_MS = 3_600_000;
/** Feed values outside this range are not an air temperature anywhere the platform runs. */
const PLAUSIBLE_C = { min: -60, max: 60 } as const;

const recordIndex = (w: WeatherSeries, tsMs: number): number => ((Math.round(recordPosition(w, tsMs)) % w.length) + w.length) % w.length;

/** Problems that make a feed unusable, each naming the point; empty when the points can be used. */
export function feedPointIssues(points: readonly FeedPoint[]): string[] {
  const issues: string[] = [];
  let previous = -Infinity;
  for (const [i, p] of points.entries()) {
    if (!Number.isFinite(p.tsMs)) issues.push(`point ${i}: time is not a number`);
    else if (p.tsMs <= previous) issues.push(`point ${i} (${new Date(p.tsMs).toISOString()}): times must increase`);
    if (!Number.isFinite(p.tempC) || p.tempC < PLAUSIBLE_C.min || p.tempC > PLAUSIBLE_C.max) {
      issues.push(`point ${i}: temperature ${String(p.tempC)} °C is outside ${PLAUSIBLE_C.min}…${PLAUSIBLE_C.max} °C`);
    }
    if (Number.isFinite(p.tsMs)) previous = p.tsMs;
  }
  return issues;
}

/**
 * The planner's weather series with the feed's forecast for the next `horizonH` hours. Throws (naming the point) on
 * unusable points; a feed that ends before `issuedMs` adds nothing (its last anomaly still decays from its end).
 */
export function feedForecast(typical: WeatherSeries, feed: readonly FeedPoint[], observations: readonly TemperatureObservation[], o: FeedForecastOptions): WeatherSeries {
  const issues = feedPointIssues(feed);
  if (issues.length > 0) throw new Error(`weather feed: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`);
  const horizonH = o.horizonH ?? DEFAULT_FORECAST.horizonH;
  const decayH = o.decayH ?? DEFAULT_FORECAST.decayH;
  const base = anomalyPersistenceForecast(typical, observations, { issuedMs: o.issuedMs, horizonH, decayH, windowH: o.windowH ?? DEFAULT_FORECAST.windowH });
  if (feed.length === 0) return base;
  const tempC = Float64Array.from(base.tempC);
  const stepMs = HOUR_MS / typical.recordsPerHour;
  const first = feed[0] as FeedPoint;
  const last = feed[feed.length - 1] as FeedPoint;
  const lastAnomalyK = last.tempC - (typical.tempC[recordIndex(typical, last.tsMs)] as number);
  let j = 0;
  // One record before and after the horizon, as the anomaly forecast does, so interpolation sees forecast values only.
  for (let ts = o.issuedMs - stepMs; ts <= o.issuedMs + horizonH * HOUR_MS + stepMs; ts += stepMs) {
    if (ts < first.tsMs) continue; // before the feed: the observation-based forecast stands
    const r = recordIndex(typical, ts);
    if (ts > last.tsMs) {
      tempC[r] = (typical.tempC[r] as number) + lastAnomalyK * Math.exp(-(ts - last.tsMs) / HOUR_MS / decayH);
      continue;
    }
    while (j + 1 < feed.length && (feed[j + 1] as FeedPoint).tsMs <= ts) j++;
    const a = feed[j] as FeedPoint;
    const b = feed[Math.min(j + 1, feed.length - 1)] as FeedPoint;
    const f = b.tsMs > a.tsMs ? (ts - a.tsMs) / (b.tsMs - a.tsMs) : 0;
    tempC[r] = a.tempC + (b.tempC - a.tempC) * f;
  }
  return { ...typical, tempC };
}
