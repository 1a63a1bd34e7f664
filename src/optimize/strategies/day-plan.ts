/**
 * What each strategy asks the twin to do for one local day: a schedule per household and slot (planned
 * electric power, heating-curve setpoint, ceiling), or nothing for the thermostat baseline.
 * - valley-only: unrestricted up to the ceiling in the cheapest window, nothing outside it (the unit's own
 *   thermostat still heats below the occupants' switch-on point: the safeguard, reported separately).
 * - optimised-household: each household's exact day-ahead optimum (solveHouseholdFast) on the forecast.
 * - optimised-fleet: the same problems coordinated per transformer under its rating (coordinateFleet).
 */
import type { Highs } from 'highs';
import { buildingThermal, designLoadW, type HouseholdDefinition, type WeatherSeries } from '../../sim/index.js';
import { coordinateFleet, type CoordinationOptions, type TransformerGroup } from '../fleet/index.js';
import { prepareHousehold, solveHouseholdFast } from '../household-fast.js';
import type { HouseholdPlan, HouseholdProblem } from '../household-problem.js';
import { householdProblemFromTwin } from '../twin-problem.js';
import { BOOST_K } from '../../sim/controls.js';
import type { DayPriceSet } from './day-prices.js';
import type { StrategyName, TransformerSpec } from './types.js';

/** Slots over which a room that starts the day below its planning floor is brought back to it (2 h of 15 min). */
export const RECOVERY_SLOTS = 8;

export interface DaySchedule {
  /** [household][slot] planned electric power (W), Infinity = unrestricted. */
  readonly powerW: readonly Float64Array[];
  readonly ceilingC: readonly Float64Array[];
  /** Total planned load per transformer and slot (W); empty for rule-based strategies. */
  readonly plannedLoadW: readonly Float64Array[];
  readonly planComfortViolations: number;
  readonly comfortInfeasible: number;
  readonly transformerTooSmall: number;
  readonly exactFallbacks: number;
  readonly certifiedGapPct: number;
}

export interface DayContext {
  readonly strategy: Exclude<StrategyName, 'thermostat'>;
  readonly households: readonly HouseholdDefinition[];
  readonly transformers: readonly TransformerSpec[];
  readonly dayStartMs: number;
  readonly slotS: number;
  readonly prices: DayPriceSet;
  /** Whether each household still has subsidised kWh left. */
  readonly subsidised: (i: number) => boolean;
  /** Room temperature now (the twin's measurement). */
  readonly roomC: (i: number) => number;
  readonly forecast: WeatherSeries;
  readonly planMarginK: number;
  readonly coordination?: CoordinationOptions;
  readonly highs?: Highs;
}

function valleyOnly(c: DayContext): DaySchedule {
  const n = c.prices.valley.length;
  const powerW: Float64Array[] = [], ceil: Float64Array[] = [];
  for (const h of c.households) {
    const top = h.occupants.daySetpointC + BOOST_K;
    powerW.push(Float64Array.from(c.prices.valley, (v) => (v === 1 ? Number.POSITIVE_INFINITY : 0)));
    ceil.push(new Float64Array(n).fill(top));
  }
  return { powerW, ceilingC: ceil, plannedLoadW: [], planComfortViolations: 0, comfortInfeasible: 0, transformerTooSmall: 0, exactFallbacks: 0, certifiedGapPct: Number.NaN };
}

function problemOf(c: DayContext, i: number): HouseholdProblem {
  const h = c.households[i] as HouseholdDefinition;
  const p = householdProblemFromTwin(h, c.forecast, {
    dayStartMs: c.dayStartMs, slotS: c.slotS, priceYuanPerKWh: c.subsidised(i) ? c.prices.subsidised : c.prices.full, initialTempC: c.roomC(i),
  });
  // Aim a little above the floor: the 1R1C plan on a forecast is not the twin on its weather. A room that starts
  // the day below it is asked to recover over RECOVERY_SLOTS (not at once: that would only flag it infeasible).
  const t0 = p.initialTempC;
  const minTempC = Float64Array.from(p.minTempC, (t, k) => {
    const target = Math.min(t + c.planMarginK, p.maxTempC[k] as number);
    return t0 < target && k < RECOVERY_SLOTS ? t0 + ((target - t0) * (k + 1)) / RECOVERY_SLOTS : target;
  });
  // The emitters pass about their design output with the water at its design temperature (the most a unit
  // following a plan may heat it to, schedule-control.md): heat the 1R1C model cannot take in faster is not planned.
  const emitterMaxW = designLoadW(buildingThermal(h.areaM2, h.storeys, h.building));
  const maxPowerW = Float64Array.from(p.maxPowerW, (w, k) => Math.min(w, emitterMaxW / (p.cop[k] as number)));
  return { ...p, minTempC, maxPowerW };
}

function fromPlans(c: DayContext, plans: readonly HouseholdPlan[], ceilings: readonly Float64Array[]): Pick<DaySchedule, 'powerW' | 'ceilingC' | 'plannedLoadW' | 'planComfortViolations'> {
  const n = c.prices.valley.length;
  const plannedLoadW = c.transformers.map((t) => {
    const l = new Float64Array(n);
    for (const i of t.householdIndices) { const w = (plans[i] as HouseholdPlan).powerW; for (let k = 0; k < n; k++) l[k] = (l[k] as number) + (w[k] as number); }
    return l;
  });
  return { powerW: plans.map((p) => p.powerW), ceilingC: ceilings, plannedLoadW, planComfortViolations: plans.reduce((s, p) => s + p.comfortViolations, 0) };
}

function optimisedHousehold(c: DayContext): DaySchedule {
  const problems = c.households.map((_, i) => problemOf(c, i));
  const plans = problems.map((p) => solveHouseholdFast(prepareHousehold(p)));
  const infeasible = plans.filter((p) => p.comfortViolations > 0).length;
  return { ...fromPlans(c, plans, problems.map((p) => p.maxTempC)), comfortInfeasible: infeasible, transformerTooSmall: 0, exactFallbacks: 0, certifiedGapPct: Number.NaN };
}

function optimisedFleet(c: DayContext): DaySchedule {
  const problems = c.households.map((_, i) => problemOf(c, i));
  const groups: TransformerGroup[] = c.transformers.map((t) => ({ id: t.id, ratingKVA: t.ratingKVA, powerFactor: t.powerFactor, households: t.householdIndices.map((i) => problems[i] as HouseholdProblem) }));
  const fleet = coordinateFleet(groups, c.coordination ?? {}, c.highs);
  const invalid = fleet.issues.find((x) => x.code === 'invalid-problem');
  if (invalid) throw new Error(`fleet plan for ${new Date(c.dayStartMs).toISOString()}: ${invalid.message}`);
  const byId = new Map<string, HouseholdPlan>();
  for (const g of fleet.groups) for (const p of g.plans) byId.set(p.id, p);
  const plans = c.households.map((h) => {
    const p = byId.get(h.id);
    if (!p) throw new Error(`fleet plan has no schedule for household ${h.id} (is it behind a transformer?)`);
    return p;
  });
  const count = (code: string) => fleet.issues.filter((x) => x.code === code).reduce((s, x) => s + ('householdIds' in x && code === 'comfort-infeasible' ? x.householdIds.length : 1), 0);
  return {
    ...fromPlans(c, plans, problems.map((p) => p.maxTempC)),
    comfortInfeasible: count('comfort-infeasible'), transformerTooSmall: count('transformer-too-small'),
    exactFallbacks: fleet.groups.filter((g) => g.exactFallback).length, certifiedGapPct: fleet.certifiedGapPct,
  };
}

export function planDay(c: DayContext): DaySchedule {
  if (c.strategy === 'valley-only') return valleyOnly(c);
  if (c.strategy === 'optimised-household') return optimisedHousehold(c);
  return optimisedFleet(c);
}
