/**
 * The identified planner model (../strategies/identified-model.md, model-choice.md): each household's 1R1C room model fitted to its own telemetry —
 * the room air at slot ends, outdoor temperature, south-facade irradiance and the heat input — on a rolling window,
 * with the twin's registered parameters as the prior and as the fallback when a fit fails.
 */
import { buildingThermal, emptyWeatherSample, sampleWeather, timeConstantsH, type HouseholdDefinition, type WeatherSeries } from '../../sim/index.js';
import { identifyRcModel, identifyRcOutputError, type RcFit, type RcPrior, type RcSample, type RcStatus } from '../identify/index.js';
import type { HouseholdProblem } from '../household-problem.js';

/** Fitted time constants outside this range (h) are not trusted: the prior is used instead. */
export const TRUSTED_TIME_CONSTANT_H = [1, 400] as const;
/** A fitted heat-loss coefficient further than this factor from the registered one is not trusted. */
export const TRUSTED_HEAT_LOSS_FACTOR = 3;

export interface IdentifiedRoomModel {
  readonly heatLossWK: number;
  readonly capacityJK: number;
  /** Constant free gains (W): internal gains and whatever the irradiance column does not explain. */
  readonly gainsW: number;
  /** Effective aperture (m²) for the south-facade irradiance. */
  readonly solarApertureM2: number;
  /** 'identified' = fitted and trusted; 'prior' = the registered parameters (no data yet, or the fit failed). */
  readonly source: 'identified' | 'prior';
  readonly status: RcStatus | 'untrusted';
  readonly fit: RcFit | null;
  readonly reasons: readonly string[];
}

/**
 * The registered parameters as a room model: the twin's 2R2C reduced to its steady-state loss and slow time constant
 * (as twin-problem.ts's room model), internal gains, the windows' aperture for south and north irradiance lumped on south.
 */
export function registeredRoomPrior(h: HouseholdDefinition): Required<Pick<RcPrior, 'heatLossWK' | 'capacityJK' | 'gainsW' | 'solarApertureM2'>> {
  const th = buildingThermal(h.areaM2, h.storeys, h.building);
  const [slowH] = timeConstantsH(th);
  return { heatLossWK: th.totalHWK, capacityJK: slowH * 3600 * th.totalHWK, gainsW: th.internalGainsW, solarApertureM2: th.solarSouthM2 };
}

export interface FitRoomModelOptions {
  readonly slotS: number;
  /** Fewer usable slot pairs → the prior (default: three days of slots, identify-rc.md). */
  readonly minPairs?: number;
  /** How many slots of data the prior is worth (default: two days of slots). */
  readonly priorWeightSlots?: number;
  /**
   * 'output-error' (default): free runs from the measured room at each local midnight over the day, the plan's own
   * horizon (identify-rc-output-error.ts); 'equation-error': one-slot-ahead least squares (identify-rc.ts).
   */
  readonly method?: IdentifyMethod;
}

export type IdentifyMethod = 'output-error' | 'equation-error';

export function fitRoomModel(h: HouseholdDefinition, samples: readonly RcSample[], o: FitRoomModelOptions): IdentifiedRoomModel {
  const prior = registeredRoomPrior(h);
  const fallback = (status: IdentifiedRoomModel['status'], fit: RcFit | null, reasons: readonly string[]): IdentifiedRoomModel => ({ ...prior, source: 'prior', status, fit, reasons });
  const options = {
    stepS: o.slotS, ...(o.minPairs !== undefined ? { minPairs: o.minPairs } : {}),
    prior: { ...prior, ...(o.priorWeightSlots !== undefined ? { weightSlots: o.priorWeightSlots } : {}) },
  };
  const r = (o.method ?? 'output-error') === 'output-error' ? identifyRcOutputError(samples, options) : identifyRcModel(samples, options);
  if (r.status !== 'identified' || r.heatLossWK === null || r.capacityJK === null || r.gainsW === null || r.timeConstantH === null) return fallback(r.status, r.fit, r.reasons);
  const [tauLoH, tauHiH] = TRUSTED_TIME_CONSTANT_H;
  const ratio = r.heatLossWK / prior.heatLossWK;
  if (!(r.timeConstantH >= tauLoH && r.timeConstantH <= tauHiH) || !(ratio >= 1 / TRUSTED_HEAT_LOSS_FACTOR && ratio <= TRUSTED_HEAT_LOSS_FACTOR)) {
    return fallback('untrusted', r.fit, [`fitted τ ${r.timeConstantH.toFixed(1)} h, H ${r.heatLossWK.toFixed(0)} W/K (registered ${prior.heatLossWK.toFixed(0)} W/K) outside the trusted range`]);
  }
  return {
    heatLossWK: r.heatLossWK, capacityJK: r.capacityJK, gainsW: r.gainsW, solarApertureM2: Math.max(0, r.solarApertureM2 ?? 0),
    source: 'identified', status: 'identified', fit: r.fit, reasons: r.reasons,
  };
}

/**
 * The day's problem with the identified building: H, C and per-slot gains G + A·I_south (forecast irradiance) replace
 * the registered ones; bounds (on the air), COP, unit limits and prices stay as built for the room model.
 */
export function withIdentifiedModel(p: HouseholdProblem, m: IdentifiedRoomModel, forecast: WeatherSeries, dayStartMs: number): HouseholdProblem {
  const ws = emptyWeatherSample();
  const gainsW = Float64Array.from(p.gainsW, (_, k) => {
    sampleWeather(forecast, dayStartMs + (k + 0.5) * p.slotS * 1000, ws);
    return m.gainsW + m.solarApertureM2 * ws.southWm2;
  });
  return { ...p, heatLossWK: m.heatLossWK, capacityJK: m.capacityJK, gainsW };
}
