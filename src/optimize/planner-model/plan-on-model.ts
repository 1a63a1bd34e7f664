/**
 * Planner models in batches (the optimiser worker runs this) and the household problem on the chosen model.
 */
import type { HouseholdDefinition, WeatherSeries } from '../../sim/index.js';
import type { RcSample } from '../identify/index.js';
import type { HouseholdProblem } from '../household-problem.js';
import { emitterHeatW } from '../twin-problem.js';
import { withIdentifiedModel } from './identified-room-model.js';
import { chooseHouseholdModel, type ModelDecision } from './model-choice.js';

/** One household's inputs to the choice: its definition (registered model), telemetry window and heat meter. */
export interface ModelJob {
  readonly definition: HouseholdDefinition;
  readonly samples: readonly RcSample[];
  readonly hasHeatMeter: boolean;
}

export function chooseHouseholdModels(jobs: readonly ModelJob[], slotS: number): ModelDecision[] {
  return jobs.map((j) => chooseHouseholdModel(j.definition, j.samples, { slotS, hasHeatMeter: j.hasHeatMeter }));
}

/**
 * The day's problem (built through the twin on the registered building, room model) on the chosen model: with an
 * identified model, H, C and the per-slot gains G + A·I_south(forecast) are replaced, and the planned heat is capped at
 * what the emitters pass at their design water temperature into air at the day setpoint (as the season runs,
 * ../strategies/identified-model.md). With the registered model the problem is unchanged.
 */
export function problemOnModel(p: HouseholdProblem, h: HouseholdDefinition, d: ModelDecision, forecast: WeatherSeries, dayStartMs: number): HouseholdProblem {
  if (d.choice.source !== 'identified' || d.model === null) return p;
  const q = withIdentifiedModel(p, d.model, forecast, dayStartMs);
  const emitterMaxW = emitterHeatW(h, h.occupants.daySetpointC);
  return { ...q, maxPowerW: Float64Array.from(q.maxPowerW, (w, k) => Math.min(w, emitterMaxW / (q.cop[k] as number))) };
}
