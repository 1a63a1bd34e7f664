/**
 * A household's heat demand forecast from its own model: the heat that holds the room at its comfort floor
 * in each slot under the forecast weather, quasi-steady state Q = max(0, H·(T_floor − T_out) − G) (the
 * heat-balance form of EN ISO 13790 / ISO 52016 without storage). Storage shifts when heat is bought, not
 * how much is needed over a day, so this is the demand the planner's schedules must cover. See forecast.md.
 */
import type { HouseholdProblem } from '../household-problem.js';

export interface HeatDemandForecast {
  readonly id: string;
  /** Heat needed in each slot (W). */
  readonly heatW: Float64Array;
  readonly heatKWh: number;
  /** Electricity at the slot COPs if every slot's heat were bought in that slot (kWh). */
  readonly electricityKWh: number;
}

export function forecastHeatDemand(p: HouseholdProblem): HeatDemandForecast {
  const n = p.outdoorC.length;
  const heatW = new Float64Array(n);
  const slotH = p.slotS / 3600;
  let heatKWh = 0;
  let electricityKWh = 0;
  for (let k = 0; k < n; k++) {
    const q = Math.max(0, p.heatLossWK * ((p.minTempC[k] as number) - (p.outdoorC[k] as number)) - (p.gainsW[k] as number));
    heatW[k] = q;
    heatKWh += (q * slotH) / 1000;
    electricityKWh += (q * slotH) / 1000 / (p.cop[k] as number);
  }
  return { id: p.id, heatW, heatKWh, electricityKWh };
}
