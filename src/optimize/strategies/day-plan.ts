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
import { coordinateFleet, coordinateProgramme, parseProgrammeTarget, type CoordinationOptions, type FleetPlan, type TransformerGroup } from '../fleet/index.js';
import { prepareHousehold, solveHouseholdFast } from '../household-fast.js';
import type { HouseholdPlan, HouseholdProblem } from '../household-problem.js';
import { emitterHeatW, floorHoldingHeatW, householdProblemFromTwin } from '../twin-problem.js';
import { BOOST_K } from '../../sim/controls.js';
import type { DayPriceSet } from './day-prices.js';
import type { PlannerModel, StrategyName, TransformerSpec } from './types.js';
import { withIdentifiedModel, type IdentifiedRoomModel } from './identified-model.js';

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
  /** Programme limit (optimised-fleet with `programmeMaxPowerW`): programme-target-infeasible issues of this plan. */
  readonly programmeIssues?: number;
}

export interface DayContext {
  readonly strategy: Exclude<StrategyName, 'thermostat'>;
  readonly households: readonly HouseholdDefinition[];
  readonly transformers: readonly TransformerSpec[];
  readonly dayStartMs: number;
  readonly slotS: number;
  readonly prices: DayPriceSet;
  /**
   * Prices over the planning horizon when it is longer than the day (today's slots first, then the next day's): the
   * plan is made over the horizon and its first day followed (receding horizon). Absent = the day alone.
   */
  readonly horizonPrices?: Pick<DayPriceSet, 'subsidised' | 'full'>;
  /** Whether each household still has subsidised kWh left. */
  readonly subsidised: (i: number) => boolean;
  /** Room temperature now (the twin's measurement). */
  readonly roomC: (i: number) => number;
  /** Heat the unit delivered over the last slot (W, its heat meter); infers the envelope state from the air. */
  readonly heatW?: (i: number) => number;
  /** The planner's building model (twin-problem.ts, identified-model.ts); default 'envelope'. */
  readonly model?: PlannerModel;
  /** Identified model: each household's room model fitted to its telemetry (required with model 'identified'). */
  readonly identified?: (i: number) => IdentifiedRoomModel;
  readonly forecast: WeatherSeries;
  readonly planMarginK: number;
  /**
   * Envelope model: the air floor held by the unit's own thermostat ('held', default since 2026-11-24; no committed
   * heat then) or with no heat at all and committed heat ('no-heat', the earlier planner). See ../envelope-model.md.
   */
  readonly envelopeAirFloor?: 'no-heat' | 'held';
  /** Flow temperature the plan's COP and capacity are taken at (twin-problem.ts `planFlow`); default 'design'. */
  readonly planFlow?: 'heating-curve' | 'design';
  readonly coordination?: CoordinationOptions;
  /** Optimised fleet: limit on the sum of all transformers' heat-pump load (W, committed power included; programme-target.md). */
  readonly programmeMaxPowerW?: number;
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

function problemOf(c: DayContext, i: number, committedHeatW?: Float64Array): HouseholdProblem {
  const h = c.households[i] as HouseholdDefinition;
  const model = c.model ?? 'envelope';
  const p = householdProblemFromTwin(h, c.forecast, {
    dayStartMs: c.dayStartMs, slotS: c.slotS, priceYuanPerKWh: c.subsidised(i) ? (c.horizonPrices ?? c.prices).subsidised : (c.horizonPrices ?? c.prices).full, initialTempC: c.roomC(i),
    model: model === 'envelope' ? 'envelope' : 'room', ...(c.heatW ? { initialHeatW: c.heatW(i) } : {}), ...(committedHeatW ? { committedHeatW } : {}),
    airFloor: c.envelopeAirFloor ?? 'held', planFlow: c.planFlow ?? 'design',
  });
  if (model === 'envelope') return withFloorMargin(p, c.planMarginK);
  if (model === 'identified') {
    if (!c.identified) throw new Error('planner model "identified" needs each household\'s identified room model');
    return identifiedLimits(h, withFloorMargin(withIdentifiedModel(p, c.identified(i), c.forecast, c.dayStartMs), c.planMarginK));
  }
  return roomModelLimits(h, withFloorMargin(p, c.planMarginK));
}

/**
 * Aim a little above the floor: a plan on a forecast is not the twin on its weather. A room that starts the day below
 * it is asked to recover over RECOVERY_SLOTS (not at once: that would only flag it infeasible).
 */
function withFloorMargin(p: HouseholdProblem, marginK: number): HouseholdProblem {
  const t0 = p.initialTempC;
  const minTempC = Float64Array.from(p.minTempC, (t, k) => {
    const target = Math.min(t + marginK, p.maxTempC[k] as number);
    return t0 < target && k < RECOVERY_SLOTS ? t0 + ((target - t0) * (k + 1)) / RECOVERY_SLOTS : target;
  });
  return { ...p, minTempC };
}

/** The room model's emitter limit (the envelope model has its own, at the day setpoint, in twin-problem.ts). */
function roomModelLimits(h: HouseholdDefinition, p: HouseholdProblem): HouseholdProblem {
  // The emitters pass about their design output with the water at its design temperature (the most a unit
  // following a plan may heat it to, schedule-control.md): heat the 1R1C model cannot take in faster is not planned.
  const emitterMaxW = designLoadW(buildingThermal(h.areaM2, h.storeys, h.building));
  const maxPowerW = Float64Array.from(p.maxPowerW, (w, k) => Math.min(w, emitterMaxW / (p.cop[k] as number)));
  return { ...p, maxPowerW };
}

/** Identified model: planned heat ≤ what the emitters pass at their design water temperature into air at the day setpoint. */
function identifiedLimits(h: HouseholdDefinition, p: HouseholdProblem): HouseholdProblem {
  const emitterMaxW = emitterHeatW(h, h.occupants.daySetpointC);
  return { ...p, maxPowerW: Float64Array.from(p.maxPowerW, (w, k) => Math.min(w, emitterMaxW / (p.cop[k] as number))) };
}

/** What the twin unit is told not to heat the air above: the occupants' ceiling (day setpoint + boost), on the air. */
const airCeilings = (c: DayContext): Float64Array[] => c.households.map((h) => new Float64Array(c.prices.valley.length).fill(h.occupants.daySetpointC + BOOST_K));

function fromPlans(c: DayContext, plans: readonly HouseholdPlan[], ceilings: readonly Float64Array[]): Pick<DaySchedule, 'powerW' | 'ceilingC' | 'plannedLoadW' | 'planComfortViolations'> {
  const n = c.prices.valley.length;
  const plannedLoadW = c.transformers.map((t) => {
    const l = new Float64Array(n);
    for (const i of t.householdIndices) { const w = (plans[i] as HouseholdPlan).powerW; for (let k = 0; k < n; k++) l[k] = (l[k] as number) + (w[k] as number); }
    return l;
  });
  // A plan over a longer horizon is followed for its first day.
  return { powerW: plans.map((p) => p.powerW.subarray(0, n)), ceilingC: ceilings, plannedLoadW, planComfortViolations: plans.reduce((s, p) => s + p.comfortViolations, 0) };
}

/** A household's committed heat and its electric power per slot (envelope model; zero for the room model). */
interface Commitment { readonly heatW: Float64Array; readonly powerW: Float64Array }

/**
 * The envelope model's committed heat (envelope-model.md): plan once with the air floor held at no heat at all; in
 * every slot where that plan heats, commit the smaller of its heat and the heat that holds the floor in steady
 * state. The second plan delivers at least that, so its floor may count on it — and may let the envelope sink to
 * where continuous heating holds the air, instead of where the air would hold with the heat off.
 */
function commitmentOf(c: DayContext, i: number): Commitment | null {
  // With the held air floor the unit's thermostat supplies the holding heat; nothing is committed in advance.
  if ((c.model ?? 'envelope') !== 'envelope' || (c.envelopeAirFloor ?? 'held') === 'held') return null;
  const first = problemOf(c, i);
  const plan = solveHouseholdFast(prepareHousehold(first));
  const n = first.priceYuanPerKWh.length;
  const hold = floorHoldingHeatW(c.households[i] as HouseholdDefinition, c.forecast, c.dayStartMs, c.slotS, n);
  const heatW = new Float64Array(n), powerW = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const backup = plan.backupW ? (plan.backupW[k] as number) : 0;
    const planHeatW = ((plan.powerW[k] as number) - backup) * (first.cop[k] as number);
    heatW[k] = Math.min(planHeatW, hold[k] as number);
    powerW[k] = (heatW[k] as number) / (first.cop[k] as number);
  }
  return { heatW, powerW };
}

/** The plan the unit follows: the optimiser's (flexible) power plus the committed power. */
function withCommitted(plan: HouseholdPlan, m: Commitment | null): HouseholdPlan {
  if (!m) return plan;
  return { ...plan, powerW: Float64Array.from(plan.powerW, (w, k) => w + (m.powerW[k] as number)) };
}

function optimisedHousehold(c: DayContext): DaySchedule {
  const commitments = c.households.map((_, i) => commitmentOf(c, i));
  const problems = c.households.map((_, i) => problemOf(c, i, commitments[i]?.heatW));
  const plans = problems.map((p, i) => withCommitted(solveHouseholdFast(prepareHousehold(p)), commitments[i] as Commitment | null));
  const infeasible = plans.filter((p) => p.comfortViolations > 0).length;
  return { ...fromPlans(c, plans, airCeilings(c)), comfortInfeasible: infeasible, transformerTooSmall: 0, exactFallbacks: 0, certifiedGapPct: Number.NaN };
}

/**
 * The committed power of a transformer's households may not exceed its rating in any slot (it is not the
 * coordination's to move): where it would, every household's commitment in that slot is scaled down pro rata —
 * its air floor then counts on less heat (a higher envelope bound), and a household that cannot make up for it is
 * reported comfort-infeasible, as before.
 */
function withinRating(c: DayContext, commitments: readonly (Commitment | null)[]): (Commitment | null)[] {
  const out = commitments.map((m) => (m ? { heatW: Float64Array.from(m.heatW), powerW: Float64Array.from(m.powerW) } : null));
  const n = (c.horizonPrices ?? c.prices).full.length;
  for (const t of c.transformers) {
    const limitW = t.ratingKVA * t.powerFactor * 1000;
    for (let k = 0; k < n; k++) {
      let sumW = 0;
      for (const i of t.householdIndices) sumW += out[i]?.powerW[k] ?? 0;
      if (sumW <= limitW) continue;
      const share = limitW / sumW;
      for (const i of t.householdIndices) {
        const m = out[i];
        if (m) { m.heatW[k] = (m.heatW[k] as number) * share; m.powerW[k] = (m.powerW[k] as number) * share; }
      }
    }
  }
  return out;
}

function optimisedFleet(c: DayContext): DaySchedule {
  const commitments = withinRating(c, c.households.map((_, i) => commitmentOf(c, i)));
  const problems = c.households.map((_, i) => problemOf(c, i, commitments[i]?.heatW));
  const n = (c.horizonPrices ?? c.prices).full.length;
  // Committed power is the transformer's base load: the coordination shares out what is left.
  const baseLoad = (idx: readonly number[]): Float64Array | undefined => {
    if (commitments.every((m) => m === null)) return undefined;
    const l = new Float64Array(n);
    for (const i of idx) { const m = commitments[i]; if (m) for (let k = 0; k < n; k++) l[k] = (l[k] as number) + (m.powerW[k] as number); }
    return l;
  };
  const groups: TransformerGroup[] = c.transformers.map((t) => {
    const baseLoadW = baseLoad(t.householdIndices);
    return { id: t.id, ratingKVA: t.ratingKVA, powerFactor: t.powerFactor, households: t.householdIndices.map((i) => problems[i] as HouseholdProblem), ...(baseLoadW ? { baseLoadW } : {}) };
  });
  const fleet = c.programmeMaxPowerW === undefined ? coordinateFleet(groups, c.coordination ?? {}, c.highs) : withProgramme(c, c.programmeMaxPowerW, groups, commitments, n);
  const invalid = fleet.issues.find((x) => x.code === 'invalid-problem');
  if (invalid) throw new Error(`fleet plan for ${new Date(c.dayStartMs).toISOString()}: ${invalid.message}`);
  const byId = new Map<string, HouseholdPlan>();
  for (const g of fleet.groups) for (const p of g.plans) byId.set(p.id, p);
  const plans = c.households.map((h, i) => {
    const p = byId.get(h.id);
    if (!p) throw new Error(`fleet plan has no schedule for household ${h.id} (is it behind a transformer?)`);
    return withCommitted(p, commitments[i] as Commitment | null);
  });
  const count = (code: string) => fleet.issues.filter((x) => x.code === code).reduce((s, x) => s + ('householdIds' in x && code === 'comfort-infeasible' ? x.householdIds.length : 1), 0);
  return {
    ...fromPlans(c, plans, airCeilings(c)),
    comfortInfeasible: count('comfort-infeasible'), transformerTooSmall: count('transformer-too-small'),
    exactFallbacks: fleet.groups.filter((g) => g.exactFallback).length, certifiedGapPct: fleet.certifiedGapPct,
    ...('programmeIssues' in fleet ? { programmeIssues: (fleet.programmeIssues as readonly unknown[]).length } : {}),
  };
}

/** The fleet coordinated under the programme limit; committed power counts against it first. */
function withProgramme(c: DayContext, maxPowerW: number, groups: readonly TransformerGroup[], commitments: readonly (Commitment | null)[], n: number): FleetPlan {
  const committedW = new Array<number>(n).fill(0);
  for (const m of commitments) if (m) for (let k = 0; k < n; k++) committedW[k] = (committedW[k] as number) + (m.powerW[k] as number);
  const parsed = parseProgrammeTarget({ maxPowerW, committedW }, n);
  if (!parsed.ok) throw new Error(parsed.message);
  return coordinateProgramme(groups, parsed.target, c.coordination ?? {}, c.highs);
}

export function planDay(c: DayContext): DaySchedule {
  if (c.strategy === 'valley-only') return valleyOnly(c);
  if (c.strategy === 'optimised-household') return optimisedHousehold(c);
  return optimisedFleet(c);
}
