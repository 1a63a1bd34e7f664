/** Forecasts for the planner: outdoor temperature (typical year + damped anomaly persistence) and household heat demand. See forecast.md. */
export { anomalyPersistenceForecast, currentAnomalyK, DEFAULT_FORECAST, type AnomalyForecastOptions, type TemperatureObservation } from './temperature-forecast.js';
export { feedForecast, feedPointIssues, type FeedForecastOptions, type FeedPoint } from './feed-forecast.js';
export { forecastHeatDemand, type HeatDemandForecast } from './heat-demand.js';
