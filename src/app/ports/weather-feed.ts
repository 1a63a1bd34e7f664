import type { FeedPoint } from '../../optimize/forecast/index.js';

/** Port: an external numerical weather forecast for the fleet's region (docs/weather-forecast.md). */
export interface WeatherFeed {
  /** Where the forecast comes from, for operators and logs (no credentials). */
  readonly source: string;
  /** Hourly 2 m air temperatures, ordered by time; rejects with a message naming what was wrong. */
  fetchForecast(): Promise<FeedPoint[]>;
}
