/**
 * Composition of the planners' weather (docs/weather-forecast.md): the vendored typical year, the fleet's outdoor
 * sensors through the telemetry store, and the Open-Meteo-format feed when HEATFLEET_WEATHER_FEED_URL is set; rebuilt
 * on a wall-clock timer.
 */
import type { Logger } from 'pino';
import { createPlanningWeather, type PlanningWeather } from '../app/forecast/index.js';
import type { Clock } from '../app/ports/clock.js';
import type { TelemetryStore } from '../app/ports/telemetry-store.js';
import { openMeteoFeed } from '../ingest/weather-feed/open-meteo-feed.js';
import type { WeatherSeries } from '../sim/index.js';

export interface RunningPlanningWeather {
  readonly weather: PlanningWeather;
  stop(): void;
}

export function startPlanningWeather(o: {
  typical: WeatherSeries;
  feedUrl: string | null;
  refreshMs: number;
  telemetry: TelemetryStore;
  unitIds: () => readonly string[];
  clock: Clock;
  logger: Logger;
}): RunningPlanningWeather {
  const feed = o.feedUrl === null ? null : openMeteoFeed({ url: o.feedUrl });
  const weather = createPlanningWeather({ typical: o.typical, feed, telemetry: o.telemetry, unitIds: o.unitIds, clock: o.clock });
  let lastProblem: string | null = null;
  let running = false;
  const refresh = () => {
    if (running) return;
    running = true;
    weather.refresh().then(
      (s) => {
        if (s.feedProblem !== null && s.feedProblem !== lastProblem) o.logger.warn({ feed: s.feed, problem: s.feedProblem, source: s.source }, `weather feed: ${s.feedProblem}`);
        lastProblem = s.feedProblem;
      },
      (e: unknown) => o.logger.error({ err: e }, 'planning weather refresh failed (planners keep the previous forecast)'),
    ).finally(() => { running = false; });
  };
  refresh();
  const timer = setInterval(refresh, o.refreshMs);
  timer.unref();
  return { weather, stop: () => clearInterval(timer) };
}
