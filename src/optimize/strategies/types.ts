/**
 * Closed-loop season comparison on the twin: inputs and outcomes. Every outcome is measured by the twin
 * (its meters), never taken from a planner. See strategies.md.
 */
import type { Highs } from 'highs';
import type { FleetDefinition, WeatherSeries } from '../../sim/index.js';
import type { CoordinationOptions } from '../fleet/index.js';
import type { Tariff } from '../tariff/index.js';
import type { ComfortGuarantee } from '../contracts/index.js';
import type { HeatSignal } from './plant-telemetry.js';
import type { IdentifyMethod } from './identified-model.js';

export const STRATEGIES = ['thermostat', 'valley-only', 'optimised-household', 'optimised-fleet'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** The planner's building model: envelope-model.md, household-lp.md (room), identified-model.md. */
export const PLANNER_MODELS = ['envelope', 'room', 'identified'] as const;
export type PlannerModel = (typeof PLANNER_MODELS)[number];

export const FORECASTS = ['anomaly-persistence', 'perfect'] as const;
export type ForecastKind = (typeof FORECASTS)[number];

/** Households behind one village transformer (indices into the fleet). */
export interface TransformerSpec {
  readonly id: string;
  readonly ratingKVA: number;
  readonly powerFactor: number;
  readonly householdIndices: readonly number[];
}

export interface ClosedLoopInput {
  readonly strategy: StrategyName;
  readonly fleet: FleetDefinition;
  readonly transformers: readonly TransformerSpec[];
  /** The weather the twin lives in. */
  readonly actualWeather: WeatherSeries;
  /** The climatology the planner knows (the typical year). */
  readonly typicalWeather: WeatherSeries;
  readonly tariff: Tariff;
  /** Local midnights (Asia/Shanghai); whole days. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Planning slot (min), divides the day; default 15. */
  readonly slotMinutes?: number;
  /** 'perfect' gives the planner the twin's own weather (label it so); default anomaly persistence. */
  readonly forecast?: ForecastKind;
  readonly forecastDecayH?: number;
  /** The planner aims this far above the comfort floor to absorb model and forecast error (K); default DEFAULT_PLAN_MARGIN_K. */
  readonly planMarginK?: number;
  /**
   * The planner's building model: 'envelope' (default, envelope-model.md), 'room' (1R1C, slow mode) or 'identified'
   * (1R1C fitted to each household's telemetry on a rolling window, identified-model.md).
   */
  readonly plannerModel?: PlannerModel;
  /**
   * Envelope model's air floor: 'held' (default; the unit's thermostat holds the air at the floor, no committed heat)
   * or 'no-heat' (the earlier planner: the floor holds with no heat, plus committed heat). ../envelope-model.md.
   */
  readonly envelopeAirFloor?: 'no-heat' | 'held';
  /** Flow temperature of the plan's COP and capacity: 'design' (default; what a unit following a plan heats to) or 'heating-curve' (the earlier planner). */
  readonly planFlow?: 'heating-curve' | 'design';
  /** Identified model: days of telemetry the fit uses (rolling window; default IDENTIFY_WINDOW_DAYS). */
  readonly identifyWindowDays?: number;
  /** Identified model: days the twin runs on its thermostat before the period, so the first plan has data (default IDENTIFY_WARMUP_DAYS). */
  readonly identifyWarmupDays?: number;
  /** Identified model: the heat the fit explains the air by (plant-telemetry.ts); default 'heat-pump'. */
  readonly identifyHeatSignal?: HeatSignal;
  /** Identified model: the fit's criterion (identified-model.ts); default 'output-error'. */
  readonly identifyMethod?: IdentifyMethod;
  /**
   * Planning horizon (days, 1 or 2; default 1): with 2 the plan made at midnight also covers the next day (its
   * forecast and prices), so heat stored tonight counts for tomorrow; only the first day is followed.
   */
  readonly horizonDays?: number;
  /**
   * Real-time rating guard (rating-guard.md): every twin step (1 min) the platform grants run permission per
   * transformer in order of need up to its rating and locks the rest (SG-Ready "blocked"). Default false: the
   * units' local safeguard heats whatever the transformer's load.
   */
  readonly enforceRating?: boolean;
  /**
   * A heating fee contract's comfort guarantee (src/optimize/contracts/contracts.md): when given, the twin steps minute
   * by minute and the K·h below the guaranteed temperature within the guaranteed hours are measured per household.
   */
  readonly comfortGuarantee?: ComfortGuarantee;
  readonly coordination?: CoordinationOptions;
  /** Optimised fleet only: limit on the sum of all transformers' heat-pump load (W; fleet/programme-target.md). */
  readonly programmeMaxPowerW?: number;
  /** HiGHS for the fleet strategy's exact fallback per transformer (optional). */
  readonly highs?: Highs;
  readonly onDay?: (day: number, days: number) => void;
}

/** Per household, measured by the twin over the period (columnar: index = household). */
export interface HouseholdOutcomes {
  readonly ids: readonly string[];
  /** All electricity: compressor, fan, backup, pump, standby (kWh). */
  readonly electricityKWh: Float64Array;
  readonly costYuan: Float64Array;
  /** Compressor + fan + backup electricity outside the tariff's cheapest window (kWh). */
  readonly offValleyHeatingKWh: Float64Array;
  /** Electricity drawn while the local safeguard overrode the plan (kWh). */
  readonly safeguardKWh: Float64Array;
  readonly backupKWh: Float64Array;
  /** Degree-hours and hours below the occupants' floor (scheduled setpoint − hysteresis). */
  readonly belowFloorKh: Float64Array;
  readonly belowFloorH: Float64Array;
  /** With the rating guard: hours locked while asking for heat, and of them with the room below the floor (h, K·h). */
  readonly blockedH?: Float64Array;
  readonly blockedBelowFloorH?: Float64Array;
  readonly blockedBelowFloorKh?: Float64Array;
  /** Heat delivered to the building by heat pump and backup heater (kWh, the heat meter a per-heat fee bills). */
  readonly deliveredHeatKWh?: Float64Array;
  /** With a comfort guarantee: K·h and h below the guaranteed temperature within the guaranteed hours. */
  readonly belowGuaranteeKh?: Float64Array;
  readonly belowGuaranteeH?: Float64Array;
}

/** What the rating guard did over the period (rating-guard.md). */
export interface RatingGuardStats {
  /** Longest uninterrupted lock of any unit (h). */
  readonly longestLockH: number;
  /** Lock episodes longer than SG-Ready's 2 h bound (count over units). */
  readonly locksOverLimit: number;
  /** Transformer-steps whose unblockable draw alone exceeded the rating. */
  readonly overCapacitySteps: number;
}

export interface TransformerOutcome {
  readonly id: string;
  readonly ratingKVA: number;
  readonly powerFactor: number;
  readonly households: number;
  /** Mean electric load of its households in each slot (W), measured by the twin. */
  readonly loadW: Float64Array;
  /** Highest planned load in any slot (W); NaN when the strategy makes no plan. */
  readonly plannedPeakW: number;
}

export interface PlanningStats {
  readonly plannedDays: number;
  /** Household-slots planned below the floor (plan's own comfort violations). */
  readonly planComfortViolations: number;
  readonly comfortInfeasibleHouseholdDays: number;
  readonly transformerTooSmallGroupDays: number;
  readonly exactFallbacks: number;
  /** Mean certified gap of the fleet plans (%), NaN when none. */
  readonly meanCertifiedGapPct: number;
  /** Electricity the plans asked for (compressor + fan, kWh); NaN for rule-based strategies. */
  readonly plannedKWh: number;
  /** Mean absolute error of the day's forecast outdoor temperature against the twin's weather (K). */
  readonly forecastMaeK: number;
  /** Identified planner model: household-days planned on a fitted (not the registered) model. */
  readonly identifiedHouseholdDays?: number;
  /** Identified planner model: mean free-run RMS error (K) of the fits used, over their own window (identify-rc.md). */
  readonly meanFitSimulatedRmseK?: number;
  /** Programme limit (optimised-fleet): days whose plan had a programme-target-infeasible issue, and the highest planned programme load (W, committed included). */
  readonly programmeInfeasibleDays?: number;
  readonly plannedProgrammePeakW?: number;
}

export interface ClosedLoopResult {
  readonly strategy: StrategyName;
  readonly forecast: ForecastKind;
  readonly tariffId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly slotMinutes: number;
  readonly households: HouseholdOutcomes;
  readonly transformers: readonly TransformerOutcome[];
  readonly planning: PlanningStats;
  /** Present when the rating guard ran. */
  readonly ratingGuard?: RatingGuardStats;
}
