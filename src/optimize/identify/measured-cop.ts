/**
 * Heat-pump performance per unit from its registered map and its measured performance: a multiplicative
 * correction of the map's COP, k = Σ Q_measured / Σ (P_el,measured · COP_map(T_source, T_flow)) over the running
 * slots (measured-cop in identify-rc.md). k < 1: the installed unit delivers less heat per kWh than its certified
 * map at the same conditions (installation, defrost, cycling); the planner multiplies the map COP by k.
 */

export interface CopSample {
  /** Heat delivered by the heat pump (W), backup heater excluded. */
  readonly heatW: number | null;
  /** Electric input of the unit (W). */
  readonly electricW: number | null;
  /** The registered map's COP at the slot's measured source and flow temperatures. */
  readonly mapCop: number | null;
}

export interface CopCorrection {
  readonly status: 'measured' | 'insufficient-data';
  /** Multiplier on the map COP; null when there are not enough running hours. */
  readonly factor: number | null;
  readonly runningSlots: number;
  readonly heatKWh: number;
  readonly reason: string | null;
}

export function copCorrection(samples: readonly CopSample[], o: { stepS: number; runningThresholdW?: number; minHeatKWh?: number }): CopCorrection {
  const threshold = o.runningThresholdW ?? 100;
  const minHeatKWh = o.minHeatKWh ?? 50;
  let heat = 0, predicted = 0, slots = 0;
  for (const s of samples) {
    if (s.heatW === null || s.electricW === null || s.mapCop === null || !(s.electricW >= threshold) || !(s.mapCop > 0)) continue;
    heat += s.heatW;
    predicted += s.electricW * s.mapCop;
    slots++;
  }
  const heatKWh = (heat * o.stepS) / 3.6e6;
  if (heatKWh < minHeatKWh || !(predicted > 0)) {
    return { status: 'insufficient-data', factor: null, runningSlots: slots, heatKWh, reason: `${heatKWh.toFixed(1)} kWh of metered heat while running, fewer than the ${minHeatKWh} kWh needed` };
  }
  return { status: 'measured', factor: heat / predicted, runningSlots: slots, heatKWh, reason: null };
}
