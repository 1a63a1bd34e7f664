/** Season strategy comparison on the twin (closed loop): see strategies.md. */
export { STRATEGIES, FORECASTS, PLANNER_MODELS, type PlannerModel, type RatingGuardStats, type StrategyName, type ForecastKind, type TransformerSpec, type ClosedLoopInput, type ClosedLoopResult, type HouseholdOutcomes, type TransformerOutcome, type PlanningStats } from './types.js';
export { runClosedLoop, validateClosedLoop, DEFAULT_PLAN_MARGIN_K, IDENTIFY_WINDOW_DAYS, IDENTIFY_WARMUP_DAYS } from './closed-loop.js';
export { fitRoomModel, registeredRoomPrior, withIdentifiedModel, type IdentifiedRoomModel } from './identified-model.js';
export { createPlantTelemetry, type HeatSignal, type PlantTelemetry } from './plant-telemetry.js';
export { anomalyWeather, DEFAULT_ANOMALY, type AnomalyWeatherOptions } from './actual-weather.js';
export { STANDARD_RATINGS_KVA, DEFAULT_POWER_FACTOR, DEFAULT_SIZING_SHARE, standardRatingBelow, villageTransformers, sizeFromPeaks } from './transformers.js';
export { strategyRow, strategyLabel, mergeResults, contractColumns, type StrategyRow, type ContractColumns, type StrategyRowWithContract } from './comparison.js';
export { grantRunPermission, needOrder, type GuardUnit, type GuardDecision } from './rating-guard.js';
export { createRatingGuard, GUARD_RESERVE_SHARE, type RatingGuardTwin, type RatingGuardTotals } from './rating-guard-twin.js';
