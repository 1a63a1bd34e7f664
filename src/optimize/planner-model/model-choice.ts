/**
 * Which building model plans a household (model-choice.md): the 1R1C room model identified from its own telemetry
 * (identified-room-model.ts, output-error fit on a rolling window) when the fit is good enough, the registered
 * building (through the twin) otherwise — with a stable code and a sentence saying why, per household.
 */
import type { HouseholdDefinition } from '../../sim/index.js';
import { freeRunError, type RcSample } from '../identify/index.js';
import { fitRoomModel, registeredRoomPrior, type IdentifiedRoomModel } from './identified-room-model.js';

/** Days of 15-minute telemetry the fit looks back on, ending at the planned day's local midnight. */
export const PLANNER_MODEL_WINDOW_DAYS = 14;
/**
 * Largest free-run RMS error (K) over a planning day at which a fitted model plans: the drift check's room tolerance
 * (drift.ts `householdColderK` = 1 K); a model missing the room by more would make its plans drift by itself.
 */
export const MAX_FIT_RMSE_K = 1.0;

/** Why a household is planned on the model it is (stable codes: texts are localised by code). */
export const PLANNER_MODEL_CODES = [
  'identified',
  'no-heat-meter',
  'too-few-days',
  'not-identifiable',
  'untrusted',
  'fit-error-too-large',
  'no-better-than-registered',
  'no-model-source',
  'fit-failed',
] as const;
export type PlannerModelCode = (typeof PLANNER_MODEL_CODES)[number];

export interface PlannerModelChoice {
  readonly source: 'identified' | 'registered';
  readonly code: PlannerModelCode;
  /** English sentence with the figures (the dashboard localises by `code` and these fields). */
  readonly reason: string;
  /** Days of usable telemetry in the window (slot pairs with room, outdoor and heat / 96). */
  readonly fitDays: number;
  /** Free-run RMS error over the window's days (K): the fitted model, and the registered model on the same data. */
  readonly fitRmseK: number | null;
  readonly registeredRmseK: number | null;
  /** The largest fit error the rule accepts (K). */
  readonly maxFitRmseK: number;
  /** The parameters the plan uses. */
  readonly heatLossWK: number;
  readonly timeConstantH: number;
}

export interface ChooseModelOptions {
  readonly slotS: number;
  /** Whether the unit has a heat meter registered (its heat is what the fit explains the room by). */
  readonly hasHeatMeter: boolean;
  readonly maxFitRmseK?: number;
}

export interface ModelDecision {
  readonly choice: PlannerModelChoice;
  /** The fitted model when `choice.source` is 'identified'. */
  readonly model: IdentifiedRoomModel | null;
}

const f1 = (x: number) => x.toFixed(1), f2 = (x: number) => x.toFixed(2);

/** The registered model with a reason (also for callers that have no telemetry to fit: code 'no-model-source'). */
export function registeredChoice(h: HouseholdDefinition, code: Exclude<PlannerModelCode, 'identified'>, reason: string, fit?: { days: number; fitRmseK: number | null; registeredRmseK: number | null; maxFitRmseK: number }): PlannerModelChoice {
  const prior = registeredRoomPrior(h);
  return {
    source: 'registered', code, reason, fitDays: fit?.days ?? 0, fitRmseK: fit?.fitRmseK ?? null, registeredRmseK: fit?.registeredRmseK ?? null, maxFitRmseK: fit?.maxFitRmseK ?? MAX_FIT_RMSE_K,
    heatLossWK: prior.heatLossWK, timeConstantH: prior.capacityJK / prior.heatLossWK / 3600,
  };
}

/**
 * The rule (model-choice.md): no heat meter → registered; the output-error fit (registered parameters as prior)
 * falls back (too few days, not identifiable, untrusted) → registered; its free-run error above `maxFitRmseK`, or not
 * below the registered model's on the same data → registered; otherwise the identified model.
 */
export function chooseHouseholdModel(h: HouseholdDefinition, samples: readonly RcSample[], o: ChooseModelOptions): ModelDecision {
  const maxRmseK = o.maxFitRmseK ?? MAX_FIT_RMSE_K;
  if (!o.hasHeatMeter) return { choice: registeredChoice(h, 'no-heat-meter', 'no heat meter registered for the unit: the room cannot be fitted to the heat delivered', { days: 0, fitRmseK: null, registeredRmseK: null, maxFitRmseK: maxRmseK }), model: null };
  const m = fitRoomModel(h, samples, { slotS: o.slotS });
  const days = m.fit?.days ?? 0;
  const prior = registeredRoomPrior(h);
  const registeredRmseK = freeRunError(samples, prior, { stepS: o.slotS }).rmseK;
  const fitRmseK = m.fit?.simulatedRmseK ?? null;
  const figures = { days, fitRmseK, registeredRmseK, maxFitRmseK: maxRmseK };
  if (m.source === 'prior') {
    const code = m.status === 'prior-only' || m.status === 'insufficient-data' ? 'too-few-days' : m.status === 'untrusted' ? 'untrusted' : 'not-identifiable';
    const why = code === 'too-few-days' ? `${f1(days)} days of usable telemetry (room, outdoor and heat), fewer than the 3 needed` : m.reasons.join('; ');
    return { choice: registeredChoice(h, code, why, figures), model: null };
  }
  if (fitRmseK === null || fitRmseK > maxRmseK) {
    return { choice: registeredChoice(h, 'fit-error-too-large', `fitted model misses the room by ${fitRmseK === null ? '?' : f2(fitRmseK)} K RMS over a day, more than the ${f2(maxRmseK)} K allowed`, figures), model: null };
  }
  if (registeredRmseK !== null && !(fitRmseK < registeredRmseK)) {
    return { choice: registeredChoice(h, 'no-better-than-registered', `fitted model (${f2(fitRmseK)} K RMS) no better than the registered one (${f2(registeredRmseK)} K) on the same ${f1(days)} days`, figures), model: null };
  }
  return {
    choice: {
      source: 'identified', code: 'identified',
      reason: `fitted to ${f1(days)} days of telemetry: ${f2(fitRmseK)} K RMS over a day${registeredRmseK === null ? '' : ` (registered model ${f2(registeredRmseK)} K)`}`,
      fitDays: days, fitRmseK, registeredRmseK, maxFitRmseK: maxRmseK, heatLossWK: m.heatLossWK, timeConstantH: m.capacityJK / m.heatLossWK / 3600,
    },
    model: m,
  };
}
