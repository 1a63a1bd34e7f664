/**
 * The dispatch planner off the event loop: a village's transformer groups are coordinated in the optimiser's
 * worker pool (src/app/optimize-worker.ts, the same pool the bench and the strategy runs use), so ingest, live
 * updates and other requests keep being served while HiGHS and the household solver run. The optimiser itself stays
 * pure; only where it runs changes. In the worker HiGHS is loaded, so a group whose decomposition left a household
 * short is re-solved exactly (coordinateFleet's exact fallback).
 */
import type { CoordinationOptions } from '../../optimize/fleet/index.js';
import { chooseModelsInWorkers, planFleetInWorkers } from '../optimize-worker.js';
import type { Planner } from './plan-builder.js';
import type { ModelChooser } from './planner-models.js';

/** Price decomposition with restoration by default: a village group is small (tens of households). */
export function workerPlanner(options: CoordinationOptions = { recovery: 'restore' }): Planner {
  return async (groups) => {
    const { workerSeconds: _s, ...plan } = await planFleetInWorkers(groups, options);
    return plan;
  };
}

/** Each household's planner-model fit and choice (planner-models.ts) in the same pool: a fit is 14 days of slots × 48 time constants. */
export function workerModelChooser(): ModelChooser {
  return (jobs, slotS) => chooseModelsInWorkers(jobs, slotS);
}
