/**
 * The weather the planners use (docs/weather-forecast.md): the typical year, corrected by the fleet's own outdoor
 * temperature measurements of the last hours (damped anomaly persistence) and, when a weather feed is configured and
 * covers the planning time, by the feed's hourly forecast. Refreshed on a timer; planners read the current series.
 */
import { anomalyPersistenceForecast, currentAnomalyK, DEFAULT_FORECAST, feedForecast, type FeedPoint, type TemperatureObservation } from '../../optimize/forecast/index.js';
import type { WeatherSeries } from '../../sim/index.js';
import type { Clock } from '../ports/clock.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';
import type { WeatherFeed } from '../ports/weather-feed.js';

export type PlanningWeatherSource = 'feed' | 'observations' | 'typical-year';

export interface PlanningWeatherStatus {
  /** What the current series rests on beyond the typical year. */
  readonly source: PlanningWeatherSource;
  /** Instant the current series was made (platform clock, UTC ms); null before the first refresh. */
  readonly issuedMs: number | null;
  /** The feed's description when one is configured. */
  readonly feed: string | null;
  /** The feed's problem at the last refresh (fetch failed — an earlier forecast may still be in use —, stale, not covering the planning time, bad points); null when none. */
  readonly feedProblem: string | null;
  /** When the feed points in use were fetched (platform clock). */
  readonly feedFetchedMs: number | null;
  /** Hourly fleet observations used for the anomaly, and the anomaly against the typical year (K). */
  readonly observations: number;
  readonly observedAnomalyK: number | null;
}

export interface PlanningWeather {
  /** The climatology everything starts from. */
  readonly typical: WeatherSeries;
  /** The series planners take now (the typical year until the first refresh). */
  current(): WeatherSeries;
  status(): PlanningWeatherStatus;
  refresh(): Promise<PlanningWeatherStatus>;
}

export interface PlanningWeatherDeps {
  readonly typical: WeatherSeries;
  readonly feed: WeatherFeed | null;
  readonly telemetry: Pick<TelemetryStore, 'queryRollup'>;
  /** Units whose outdoor sensors estimate the region's temperature (the first `sampleUnits` by id are read). */
  readonly unitIds: () => readonly string[];
  readonly clock: Clock;
  /** Feed points older than this are not used (h); default 12. */
  readonly maxFeedAgeH?: number;
  readonly sampleUnits?: number;
}

const HOUR_MS = 3_600_000;

const median = (xs: number[]): number => {
  const s = xs.sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Hourly regional observations: per hour, the median over units of each unit's mean outdoor temperature (one faulty or
 * sun-lit sensor does not move a median), placed at the middle of the hour.
 */
export async function fleetOutdoorObservations(deps: Pick<PlanningWeatherDeps, 'telemetry' | 'unitIds' | 'sampleUnits'>, issuedMs: number, windowH: number): Promise<TemperatureObservation[]> {
  const ids = [...deps.unitIds()].sort().slice(0, deps.sampleUnits ?? 200);
  if (ids.length === 0) return [];
  const toMs = Math.floor(issuedMs / HOUR_MS) * HOUR_MS;
  const rows = await deps.telemetry.queryRollup({ unitIds: ids, resolution: '1h', fromMs: toMs - windowH * HOUR_MS, toMs });
  const byHour = new Map<number, number[]>();
  for (const r of rows) {
    const c = r.channels.outdoorTempC;
    if (!c || c.n === 0 || !Number.isFinite(c.avg)) continue;
    const list = byHour.get(r.bucketStartMs) ?? [];
    list.push(c.avg);
    byHour.set(r.bucketStartMs, list);
  }
  return [...byHour.entries()].sort((a, b) => a[0] - b[0]).map(([h, xs]) => ({ tsMs: h + HOUR_MS / 2, tempC: median(xs) }));
}

export function createPlanningWeather(deps: PlanningWeatherDeps): PlanningWeather {
  const maxFeedAgeMs = (deps.maxFeedAgeH ?? 12) * HOUR_MS;
  let series = deps.typical;
  let lastFeed: { points: FeedPoint[]; fetchedMs: number } | null = null;
  let state: PlanningWeatherStatus = {
    source: 'typical-year', issuedMs: null, feed: deps.feed?.source ?? null, feedProblem: null, feedFetchedMs: null, observations: 0, observedAnomalyK: null,
  };

  async function fetchFeed(nowMs: number): Promise<string | null> {
    if (!deps.feed) return null;
    try {
      lastFeed = { points: await deps.feed.fetchForecast(), fetchedMs: nowMs };
      return null;
    } catch (e) {
      return `fetch failed: ${(e as Error).message}`;
    }
  }

  return {
    typical: deps.typical,
    current: () => series,
    status: () => state,
    async refresh() {
      const issuedMs = deps.clock.nowMs();
      let feedProblem = await fetchFeed(issuedMs);
      const observations = await fleetOutdoorObservations(deps, issuedMs, DEFAULT_FORECAST.windowH);
      const anomalyK = observations.length > 0 ? currentAnomalyK(deps.typical, observations, { issuedMs }) : null;
      let usable: FeedPoint[] | null = null;
      if (deps.feed && lastFeed) {
        const pts = lastFeed.points;
        const covers = pts.length > 0 && (pts[0] as FeedPoint).tsMs <= issuedMs + HOUR_MS && (pts[pts.length - 1] as FeedPoint).tsMs >= issuedMs;
        if (issuedMs - lastFeed.fetchedMs > maxFeedAgeMs) feedProblem ??= `the last good forecast is older than ${maxFeedAgeMs / HOUR_MS} h`;
        else if (!covers) feedProblem ??= `the forecast (${pts.length > 0 ? `${new Date((pts[0] as FeedPoint).tsMs).toISOString()} … ${new Date((pts[pts.length - 1] as FeedPoint).tsMs).toISOString()}` : 'no points'}) does not cover the planning time ${new Date(issuedMs).toISOString()}`;
        else usable = pts;
      }
      try {
        series = usable ? feedForecast(deps.typical, usable, observations, { issuedMs }) : anomalyPersistenceForecast(deps.typical, observations, { issuedMs });
      } catch (e) {
        feedProblem = (e as Error).message;
        usable = null;
        series = anomalyPersistenceForecast(deps.typical, observations, { issuedMs });
      }
      state = {
        source: usable ? 'feed' : anomalyK !== null ? 'observations' : 'typical-year',
        issuedMs,
        feed: deps.feed?.source ?? null,
        feedProblem,
        feedFetchedMs: usable ? (lastFeed?.fetchedMs ?? null) : null,
        observations: observations.length,
        observedAnomalyK: anomalyK,
      };
      return state;
    },
  };
}
