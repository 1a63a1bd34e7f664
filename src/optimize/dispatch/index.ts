/** Dispatch's pure parts: drift between plan and measurement, the replanning decision, the rolling horizon (drift.md). */
export { detectDrift, DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds, type DriftReport, type HouseholdDrift, type HouseholdTrack } from './drift.js';
export { remainingProblem, splice } from './rolling.js';
