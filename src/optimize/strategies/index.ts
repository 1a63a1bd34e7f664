/** Season strategy comparison on the twin (closed loop): see strategies.md. */
export { STRATEGIES, FORECASTS, type StrategyName, type ForecastKind, type TransformerSpec, type ClosedLoopInput, type ClosedLoopResult, type HouseholdOutcomes, type TransformerOutcome, type PlanningStats } from './types.js';
export { runClosedLoop, validateClosedLoop, DEFAULT_PLAN_MARGIN_K } from './closed-loop.js';
export { anomalyWeather, DEFAULT_ANOMALY, type AnomalyWeatherOptions } from './actual-weather.js';
export { STANDARD_RATINGS_KVA, DEFAULT_POWER_FACTOR, DEFAULT_SIZING_SHARE, standardRatingBelow, villageTransformers, sizeFromPeaks } from './transformers.js';
export { strategyRow, mergeResults, type StrategyRow } from './comparison.js';
