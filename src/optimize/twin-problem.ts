/**
 * Builds a household's day-ahead problem from the digital twin's definition and a weather series
 * (the forecast: the typical-year file, or a real forecast with the same shape).
 * - Building: the twin's 2R2C (buildingThermal) reduced to 1R1C that keeps its steady-state loss H and its
 *   slow time constant τ (C = τ·H), the dominant mode over a day (see household-lp.md).
 * - COP and capacity per slot from the unit's performance map at the outdoor (or ground) temperature and
 *   the supply temperature its heating curve needs at the comfort setpoint (constant within a slot).
 * - Backup heater (optional, `backup`): the unit's resistance heater, COP 1, as a second source.
 * - Comfort: the occupants' scheduled setpoint minus the thermostat hysteresis as the floor, the day
 *   setpoint plus the twin's boost allowance (controls.ts BOOST_K) as the ceiling.
 */
import { buildingThermal, capacityFactor, copAt, performanceMap, sampleWeather, emptyWeatherSample, timeConstantsH, type HouseholdDefinition, type WeatherSeries } from '../sim/index.js';
import { BOOST_K, heatingCurveFlowC, scheduledSetpointC } from '../sim/controls.js';
import { EMITTERS } from '../sim/emitters.js';
import type { HouseholdProblem } from './household-problem.js';

/** Comfort slack is priced at this multiple of the day's highest price (see household-problem.ts). */
export const PENALTY_PRICE_MULTIPLE = 100;

export interface TwinProblemOptions {
  readonly dayStartMs: number;
  readonly slotS: number;
  readonly priceYuanPerKWh: Float64Array;
  /** Room temperature at the start; default: the scheduled setpoint then. */
  readonly initialTempC?: number;
  /**
   * The unit's backup heater (COP 1, `unit.backupKw`) as a second source in the plan:
   * 'off' (default: the heat pump only), 'below-enable-temperature' (only in slots whose forecast outdoor
   * temperature is below the installer's `unit.backupBelowC`, as the twin's controller does), or 'always'
   * (the platform may run it in any slot, e.g. by moving the bivalence point). Within a slot the heat pump
   * always goes first (its heat costs COP times less), but across slots resistance heat in the valley
   * (0.10 yuan/kWh in Beijing) can be cheaper than heat-pump heat at the peak price (0.4883/COP): the
   * plan then pre-heats with it, more energy for less money — the tariff's choice, not a modelling error.
   */
  readonly backup?: 'off' | 'below-enable-temperature' | 'always';
}

export function householdProblemFromTwin(h: HouseholdDefinition, weather: WeatherSeries, o: TwinProblemOptions): HouseholdProblem {
  const n = o.priceYuanPerKWh.length;
  const th = buildingThermal(h.areaM2, h.storeys, h.building);
  const [slowH] = timeConstantsH(th);
  const map = performanceMap(h.unit.performanceMap);
  const occ = h.occupants;
  // Undisturbed ground ≈ annual mean air temperature when the file gives no ground temperatures.
  const annualMeanC = weather.tempC.reduce((s, t) => s + t, 0) / weather.length;
  const cop = new Float64Array(n), maxPowerW = new Float64Array(n), outdoorC = new Float64Array(n), gainsW = new Float64Array(n);
  const minTempC = new Float64Array(n), maxTempC = new Float64Array(n);
  const backupMode = o.backup ?? 'off';
  const backupMaxW = backupMode === 'off' || !(h.unit.backupKw > 0) ? undefined : new Float64Array(n);
  const ws = emptyWeatherSample();
  let startSetpointC = occ.daySetpointC;
  for (let k = 0; k < n; k++) {
    const mid = o.dayStartMs + (k + 0.5) * o.slotS * 1000;
    sampleWeather(weather, mid, ws);
    const spMid = scheduledSetpointC(ws.localHour, occ.daySetpointC, occ.nightSetpointC, occ.nightFromH, occ.nightToH);
    if (k === 0) startSetpointC = spMid;
    outdoorC[k] = ws.tempC;
    gainsW[k] = th.internalGainsW + th.solarSouthM2 * ws.southWm2 + th.solarNorthM2 * ws.northWm2;
    const month = new Date(mid + weather.location.tzHours * 3_600_000).getUTCMonth();
    const sourceC = map.source === 'outdoor-air' ? ws.tempC : (weather.groundTempC?.[month] ?? annualMeanC);
    const flowC = h.hydronics.curve === 'fixed'
      ? h.hydronics.designFlowTempC
      : heatingCurveFlowC(ws.tempC, spMid, h.hydronics.designFlowTempC, h.hydronics.designDeltaTK, EMITTERS[h.emitter].exponent);
    cop[k] = copAt(map, sourceC, flowC);
    maxPowerW[k] = (h.unit.capacityKw * 1000 * capacityFactor(map.capacity, sourceC, flowC)) / (cop[k] as number);
    const endHour = (ws.localHour + (0.5 * o.slotS) / 3600) % 24;
    const spEnd = scheduledSetpointC(endHour, occ.daySetpointC, occ.nightSetpointC, occ.nightFromH, occ.nightToH);
    minTempC[k] = spEnd - occ.hysteresisK;
    maxTempC[k] = occ.daySetpointC + BOOST_K;
    if (backupMaxW) backupMaxW[k] = backupMode === 'always' || ws.tempC < h.unit.backupBelowC ? h.unit.backupKw * 1000 : 0;
  }
  return {
    id: h.id, slotS: o.slotS, priceYuanPerKWh: o.priceYuanPerKWh, cop, maxPowerW, outdoorC, gainsW, minTempC, maxTempC,
    initialTempC: o.initialTempC ?? startSetpointC,
    heatLossWK: th.totalHWK,
    capacityJK: slowH * 3600 * th.totalHWK,
    penaltyPriceYuanPerKWh: PENALTY_PRICE_MULTIPLE * Math.max(...o.priceYuanPerKWh),
    ...(backupMaxW ? { backupMaxW } : {}),
  };
}
