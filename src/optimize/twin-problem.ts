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
 * - model 'envelope' (envelope-model.md): the state is the envelope temperature of the 2R2C with the air node
 *   eliminated quasi-statically; the comfort bounds on the air become bounds on the envelope (floor: the air
 *   stays above it with no heat at all, or — airFloor 'held' — with the heat that holds it there in steady state;
 *   ceiling: below it with the heat that holds the air at the ceiling in steady state),
 *   and the planned power is capped at what the emitters pass at their design water temperature.
 */
import { buildingThermal, capacityFactor, copAt, designLoadW, meanAirTempC, performanceMap, slotMidWeather, timeConstantsH, type HouseholdDefinition, type WeatherSeries } from '../sim/index.js';
import { BOOST_K, heatingCurveFlowC, scheduledSetpointC } from '../sim/controls.js';
import { EMITTERS, emitterConstant, emitterOutputW } from '../sim/emitters.js';
import { DESIGN_INDOOR_C } from '../sim/building-model.js';
import { envelopeForAirC, envelopeGainsW, envelopeModel, steadyHeatForAirW } from './envelope-model.js';
import type { HouseholdProblem } from './household-problem.js';

/** Comfort slack is priced at this multiple of the day's highest price (see household-problem.ts). */
export const PENALTY_PRICE_MULTIPLE = 100;
/** Envelope model: the bound in slots without a ceiling (°C), far above any room (finite for the solvers' arithmetic). */
export const NO_CEILING_C = 60;

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
  /**
   * The planner's building model: 'room' (default) — 1R1C in the room temperature with the 2R2C's steady-state
   * loss and slow time constant; 'envelope' — the quasi-static reduction (envelope-model.md), whose temperatures
   * (initialTempC aside, which stays the measured air) are the envelope's.
   */
  readonly model?: 'room' | 'envelope';
  /** Heat the emitters deliver to the room at the start (W; from the measured mean water temperature, emitterHeatW), to infer the envelope from the air; default 0. */
  readonly initialHeatW?: number;
  /**
   * Envelope model only: heat (W) the heat pump is committed to deliver in each slot whatever the plan adds
   * (envelope-model.md, "Committed heat"). It enters as a gain, its electric power (heat / COP) leaves the unit's
   * range, and the air floor is held with it; the caller adds heat / COP back to the plan's power.
   */
  readonly committedHeatW?: ArrayLike<number>;
  /**
   * Envelope model: where the air floor puts the envelope (envelope-model.md, "Air floor"). 'no-heat' (default): the air
   * holds the floor with no heat at all (the plan may pause anywhere). 'held': the unit's own thermostat holds the air
   * at the floor (the safeguard, ../sim/schedule-control.md), so the envelope need only stay where the heat that holds
   * the air there in steady state — within what the unit and emitters pass in the slot — keeps it at the floor.
   */
  readonly airFloor?: 'no-heat' | 'held';
  /**
   * Flow temperature the COP and the unit's capacity are planned at: 'heating-curve' (default: what the unit's own
   * control runs at) or 'design' — the design flow temperature a twin unit heats its water to while it follows a plan
   * (../sim/schedule-control.md, "Water temperature"), so the plan's heat is the heat the unit delivers.
   */
  readonly planFlow?: 'heating-curve' | 'design';
}

/** Heat (W) the emitters pass with mean water at `waterC` (default: the design mean) into air at `airC`. */
export function emitterHeatW(h: HouseholdDefinition, airTempC: number, waterC?: number): number {
  const th = buildingThermal(h.areaM2, h.storeys, h.building);
  const hy = h.hydronics;
  const k = emitterConstant(h.emitter, designLoadW(th), hy.designFlowTempC, hy.designDeltaTK, DESIGN_INDOOR_C);
  return Math.max(0, emitterOutputW(k, EMITTERS[h.emitter].exponent, waterC ?? hy.designFlowTempC - hy.designDeltaTK / 2, airTempC));
}

export function householdProblemFromTwin(h: HouseholdDefinition, weather: WeatherSeries, o: TwinProblemOptions): HouseholdProblem {
  const n = o.priceYuanPerKWh.length;
  const th = buildingThermal(h.areaM2, h.storeys, h.building);
  const [slowH] = timeConstantsH(th);
  const map = performanceMap(h.unit.performanceMap);
  const occ = h.occupants;
  // Undisturbed ground ≈ annual mean air temperature when the file gives no ground temperatures.
  const annualMeanC = meanAirTempC(weather);
  const cop = new Float64Array(n), maxPowerW = new Float64Array(n), outdoorC = new Float64Array(n), gainsW = new Float64Array(n);
  const minTempC = new Float64Array(n), maxTempC = new Float64Array(n);
  const backupMode = o.backup ?? 'off';
  const backupMaxW = backupMode === 'off' || !(h.unit.backupKw > 0) ? undefined : new Float64Array(n);
  const slotWeather = slotMidWeather(weather, o.dayStartMs, o.slotS, n);
  const cheapest = Math.min(...o.priceYuanPerKWh);
  const envelope = o.model === 'envelope' ? envelopeModel(th) : null;
  const emitterMaxW = envelope ? emitterHeatW(h, occ.daySetpointC) : Number.POSITIVE_INFINITY;
  let startSetpointC = occ.daySetpointC, startInternalW = 0, startSolarW = 0;
  for (let k = 0; k < n; k++) {
    const mid = o.dayStartMs + (k + 0.5) * o.slotS * 1000;
    const ws = slotWeather[k] as (typeof slotWeather)[number];
    const spMid = scheduledSetpointC(ws.localHour, occ.daySetpointC, occ.nightSetpointC, occ.nightFromH, occ.nightToH);
    const solarW = th.solarSouthM2 * ws.southWm2 + th.solarNorthM2 * ws.northWm2;
    if (k === 0) { startSetpointC = spMid; startInternalW = th.internalGainsW; startSolarW = solarW; }
    outdoorC[k] = ws.tempC;
    gainsW[k] = envelope ? envelopeGainsW(envelope, th.internalGainsW, solarW) : th.internalGainsW + solarW;
    const month = new Date(mid + weather.location.tzHours * 3_600_000).getUTCMonth();
    const sourceC = map.source === 'outdoor-air' ? ws.tempC : (weather.groundTempC?.[month] ?? annualMeanC);
    const flowC = h.hydronics.curve === 'fixed' || o.planFlow === 'design'
      ? h.hydronics.designFlowTempC
      : heatingCurveFlowC(ws.tempC, spMid, h.hydronics.designFlowTempC, h.hydronics.designDeltaTK, EMITTERS[h.emitter].exponent);
    cop[k] = copAt(map, sourceC, flowC);
    const unitHeatW = h.unit.capacityKw * 1000 * capacityFactor(map.capacity, sourceC, flowC);
    const committedW = envelope && o.committedHeatW ? Math.min(Math.max(0, o.committedHeatW[k] as number), unitHeatW, emitterMaxW) : 0;
    maxPowerW[k] = Math.max(0, Math.min(unitHeatW, emitterMaxW) - committedW) / (cop[k] as number);
    const endHour = (ws.localHour + (0.5 * o.slotS) / 3600) % 24;
    const spEnd = scheduledSetpointC(endHour, occ.daySetpointC, occ.nightSetpointC, occ.nightFromH, occ.nightToH);
    const floorC = spEnd - occ.hysteresisK, ceilingC = occ.daySetpointC + BOOST_K;
    if (backupMaxW) backupMaxW[k] = backupMode === 'always' || ws.tempC < h.unit.backupBelowC ? h.unit.backupKw * 1000 : 0;
    if (envelope) {
      // Floor: the air holds it even while the plan pauses (no heat but the committed). Ceiling: the air stays under it
      // with the heat that holds the air there in steady state (with the most heat the slot can deliver the window
      // closes in cold weather; a plan heating faster near the ceiling is cut short by the unit, schedule-control.md).
      const heatMaxW = Math.min(unitHeatW + (backupMaxW ? (backupMaxW[k] as number) : 0), emitterMaxW);
      const heatHiW = Math.min(heatMaxW, Math.max(0, steadyHeatForAirW(th, ceilingC, ws.tempC, th.internalGainsW, solarW)));
      // 'held': the unit's thermostat holds the air at the floor with up to the steady holding heat (envelope-model.md).
      const holdW = o.airFloor === 'held' ? Math.min(heatMaxW, Math.max(0, steadyHeatForAirW(th, floorC, ws.tempC, th.internalGainsW, solarW))) : 0;
      minTempC[k] = envelopeForAirC(envelope, floorC, Math.max(committedW, holdW), ws.tempC, th.internalGainsW, solarW);
      gainsW[k] = (gainsW[k] as number) + committedW;
      // The unit's ceiling only stops heating; the sun and stored heat may carry the air above it (no cooling). So it
      // bounds the envelope only where the plan charges — the day's cheapest slots — and not where it coasts.
      maxTempC[k] = (o.priceYuanPerKWh[k] as number) <= cheapest
        ? Math.max(minTempC[k] as number, envelopeForAirC(envelope, ceilingC, heatHiW, ws.tempC, th.internalGainsW, solarW))
        : Math.max(minTempC[k] as number, NO_CEILING_C);
    } else {
      minTempC[k] = floorC;
      maxTempC[k] = ceilingC;
    }
  }
  const initialAirC = o.initialTempC ?? startSetpointC;
  const initialTempC = envelope
    ? envelopeForAirC(envelope, initialAirC, o.initialHeatW ?? 0, outdoorC[0] as number, startInternalW, startSolarW)
    : initialAirC;
  return {
    id: h.id, slotS: o.slotS, priceYuanPerKWh: o.priceYuanPerKWh, cop, maxPowerW, outdoorC, gainsW, minTempC, maxTempC,
    initialTempC,
    heatLossWK: envelope ? envelope.heatLossWK : th.totalHWK,
    capacityJK: envelope ? envelope.capacityJK : slowH * 3600 * th.totalHWK,
    penaltyPriceYuanPerKWh: PENALTY_PRICE_MULTIPLE * Math.max(...o.priceYuanPerKWh),
    ...(backupMaxW ? { backupMaxW } : {}),
  };
}

/**
 * Heat (W) that holds the air at the occupants' floor in each slot in steady state (both nodes settled) at the
 * forecast weather — the least a slot of continuous heating delivers; 0 where the gains alone hold it.
 */
export function floorHoldingHeatW(h: HouseholdDefinition, weather: WeatherSeries, dayStartMs: number, slotS: number, n: number): Float64Array {
  const th = buildingThermal(h.areaM2, h.storeys, h.building);
  const occ = h.occupants;
  const slotWeather = slotMidWeather(weather, dayStartMs, slotS, n);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ws = slotWeather[k] as (typeof slotWeather)[number];
    const endHour = (ws.localHour + (0.5 * slotS) / 3600) % 24;
    const floorC = scheduledSetpointC(endHour, occ.daySetpointC, occ.nightSetpointC, occ.nightFromH, occ.nightToH) - occ.hysteresisK;
    const solarW = th.solarSouthM2 * ws.southWm2 + th.solarNorthM2 * ws.northWm2;
    out[k] = Math.max(0, steadyHeatForAirW(th, floorC, ws.tempC, th.internalGainsW, solarW));
  }
  return out;
}
