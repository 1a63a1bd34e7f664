/**
 * Builds plan revisions: the day-ahead plan of one transformer (all steerable households optimised under
 * its limit) and the rolling replan of the rest of a day from measured room temperatures, with the households
 * that cannot be steered now kept at their plan and reserved as base load (src/optimize/dispatch/drift.md).
 */
import type { PlanDetail, PlanHousehold } from '../../contract/commands-api.js';
import type { Transformer } from '../../domain/registry.js';
import { dayPrices, householdProblemFromTwin, type FleetPlan, type HouseholdProblem, type Tariff, type TransformerGroup } from '../../optimize/index.js';
import { remainingProblem, splice } from '../../optimize/dispatch/index.js';
import { problemOnModel, type ModelDecision } from '../../optimize/planner-model/index.js';
import type { WeatherSeries } from '../../sim/index.js';
import type { TextRef } from '../../contract/texts/render-text.js';
import { householdNoteRef, planIssueRef, planReasonRef } from './dispatch-texts.js';
import type { ExcludedHousehold, SteerableHousehold } from './transformer-households.js';

export const SLOT_S = 900;
export const SLOTS_PER_DAY = 96;

export type Planner = (groups: readonly TransformerGroup[]) => FleetPlan | Promise<FleetPlan>;

export const dayStartOf = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);
export const planIdOf = (transformerId: string, day: string, revision: number) => `plan-${transformerId}-${day}-r${revision}`;

/** Kelvin-hours below the floor at slot ends. */
export function deficitKh(tempC: ArrayLike<number>, minTempC: ArrayLike<number>, slotS: number): number {
  let s = 0;
  for (let k = 0; k < tempC.length; k++) s += Math.max(0, (minTempC[k] as number) - (tempC[k] as number)) * (slotS / 3600);
  return s;
}
export function costYuan(powerW: ArrayLike<number>, price: ArrayLike<number>, slotS: number): number {
  let s = 0;
  for (let k = 0; k < powerW.length; k++) s += ((powerW[k] as number) * (price[k] as number) * slotS) / 3.6e6;
  return s;
}

export interface PlanContext {
  readonly transformer: Transformer;
  readonly day: string;
  readonly tariffId: string;
  readonly tariff: Tariff;
  readonly weather: WeatherSeries;
  readonly steerable: readonly SteerableHousehold[];
  readonly excluded: readonly ExcludedHousehold[];
  readonly planner: Planner;
  /** Each steerable household's building model by site id (planner-models.ts); a missing one is planned on its registered building. */
  readonly models: ReadonlyMap<string, ModelDecision>;
  readonly createdAtMs: number;
  readonly createdBy: string;
}

const excludedRow = (e: ExcludedHousehold): PlanHousehold => ({ siteId: e.siteId, unitId: e.unitId, deviceId: e.deviceId, powerW: [], tempC: [], minTempC: [], costYuan: 0, comfortDeficitKh: 0, excluded: true, note: e.note, noteRef: e.noteRef });

function problemsOf(c: PlanContext, dayStartMs: number, price: Float64Array): HouseholdProblem[] {
  return c.steerable.map((h) => {
    const p = householdProblemFromTwin(h.definition, c.weather, { dayStartMs, slotS: SLOT_S, priceYuanPerKWh: price });
    const d = c.models.get(h.siteId);
    return d ? problemOnModel(p, h.definition, d, c.weather, dayStartMs) : p;
  });
}
const modelOf = (c: PlanContext, siteId: string) => {
  const d = c.models.get(siteId);
  return d ? { model: d.choice } : {};
};

function summaryOf(base: Omit<PlanDetail, 'costYuan' | 'comfortDeficitKh' | 'peakLoadW'>): PlanDetail {
  const planned = base.households.filter((h) => !h.excluded);
  const load = base.capacityPerSlotW.map((_, k) => planned.reduce((s, h) => s + (h.powerW[k] ?? 0), 0));
  return {
    ...base,
    costYuan: planned.reduce((s, h) => s + h.costYuan, 0),
    comfortDeficitKh: planned.reduce((s, h) => s + h.comfortDeficitKh, 0),
    peakLoadW: Math.max(0, ...load),
  };
}

const issueTexts = (plan: FleetPlan): string[] => plan.issues.map((i) => i.message);

/** The day-ahead plan (revision `revision`, normally 1) of one transformer. */
export async function dayAheadPlan(c: PlanContext, revision: number): Promise<PlanDetail> {
  const dayStartMs = dayStartOf(c.day);
  const price = dayPrices(c.tariff, dayStartMs, { slotMinutes: SLOT_S / 60 }).priceYuanPerKWh;
  const problems = problemsOf(c, dayStartMs, price);
  const group: TransformerGroup = { id: c.transformer.id, ratingKVA: c.transformer.ratingKva, powerFactor: c.transformer.powerFactor, households: problems };
  const capacityW = c.transformer.ratingKva * c.transformer.powerFactor * 1000;
  const fleet = problems.length > 0 ? await c.planner([group]) : null;
  const gp = fleet?.groups[0];
  const households: PlanHousehold[] = c.steerable.map((h, i) => {
    const p = gp?.plans.find((x) => x.id === h.siteId);
    const prob = problems[i] as HouseholdProblem;
    if (!p) return { siteId: h.siteId, unitId: h.unitId, deviceId: h.deviceId, powerW: [], tempC: [], minTempC: [], costYuan: 0, comfortDeficitKh: 0, excluded: true, note: 'not planned: the optimiser returned no schedule (see issues)', noteRef: householdNoteRef('no-schedule') };
    return {
      siteId: h.siteId, unitId: h.unitId, deviceId: h.deviceId, powerW: Array.from(p.powerW), tempC: Array.from(p.tempC), minTempC: Array.from(prob.minTempC),
      costYuan: p.costYuan, comfortDeficitKh: deficitKh(p.tempC, prob.minTempC, SLOT_S), excluded: false, note: null, ...modelOf(c, h.siteId),
    };
  });
  return summaryOf({
    id: planIdOf(c.transformer.id, c.day, revision), transformerId: c.transformer.id, villageId: c.transformer.villageId, day: c.day, dayStartMs, slotS: SLOT_S,
    revision, fromSlot: 0, createdAtMs: c.createdAtMs, createdBy: c.createdBy, reason: 'day-ahead', reasonRef: planReasonRef('day-ahead'), status: 'planned', tariffId: c.tariffId,
    capacityW, issues: fleet ? issueTexts(fleet) : [], issueRefs: fleet ? fleet.issues.map(planIssueRef) : [], priceYuanPerKWh: Array.from(price),
    capacityPerSlotW: gp ? Array.from(gp.capacityW) : Array.from({ length: SLOTS_PER_DAY }, () => capacityW),
    households: [...households, ...c.excluded.map(excludedRow)],
  });
}

/**
 * The rest of the day from `fromSlot`, re-optimised from the measured room temperatures; households in `fixed`
 * keep their planned power, reserved as base load.
 */
export async function rollingReplan(c: PlanContext, previous: PlanDetail, o: { fromSlot: number; measuredTempC: ReadonlyMap<string, number>; fixed: ReadonlySet<string>; reason: string; reasonRef?: TextRef; reasonDetails?: TextRef[] }): Promise<PlanDetail> {
  const price = Float64Array.from(previous.priceYuanPerKWh);
  const full = problemsOf(c, previous.dayStartMs, price);
  const prevBySite = new Map(previous.households.map((h) => [h.siteId, h]));
  const n = price.length;
  const baseLoadW = new Float64Array(n - o.fromSlot);
  const movable: { h: SteerableHousehold; p: HouseholdProblem }[] = [];
  c.steerable.forEach((h, i) => {
    const prev = prevBySite.get(h.siteId);
    if (prev && !prev.excluded && o.fixed.has(h.siteId)) {
      for (let k = o.fromSlot; k < n; k++) baseLoadW[k - o.fromSlot] = (baseLoadW[k - o.fromSlot] as number) + (prev.powerW[k] ?? 0);
      return;
    }
    const start = o.measuredTempC.get(h.siteId) ?? prev?.tempC[o.fromSlot - 1] ?? (full[i] as HouseholdProblem).initialTempC;
    movable.push({ h, p: remainingProblem(full[i] as HouseholdProblem, o.fromSlot, start) });
  });
  const group: TransformerGroup = { id: c.transformer.id, ratingKVA: c.transformer.ratingKva, powerFactor: c.transformer.powerFactor, baseLoadW, households: movable.map((m) => m.p) };
  const fleet = movable.length > 0 ? await c.planner([group]) : null;
  const gp = fleet?.groups[0];
  const households: PlanHousehold[] = previous.households.map((prev) => {
    const m = movable.find((x) => x.h.siteId === prev.siteId);
    const p = m ? gp?.plans.find((x) => x.id === prev.siteId) : undefined;
    if (prev.excluded || !m || !p) return o.fixed.has(prev.siteId) && !prev.excluded ? { ...prev, note: 'kept at its plan (offline or overridden) and reserved as base load', noteRef: householdNoteRef('kept-at-plan') } : prev;
    const powerW = splice(prev.powerW, p.powerW, o.fromSlot);
    const tempC = splice(prev.tempC, p.tempC, o.fromSlot);
    return { ...prev, powerW, tempC, costYuan: costYuan(powerW, price, SLOT_S), comfortDeficitKh: deficitKh(tempC, prev.minTempC, SLOT_S), note: null, noteRef: null, ...modelOf(c, prev.siteId) };
  });
  const capacityPerSlotW = gp ? splice(previous.capacityPerSlotW, Float64Array.from(gp.capacityW), o.fromSlot) : previous.capacityPerSlotW;
  return summaryOf({
    ...previous, id: planIdOf(previous.transformerId, previous.day, previous.revision + 1), revision: previous.revision + 1, fromSlot: o.fromSlot,
    createdAtMs: c.createdAtMs, createdBy: c.createdBy, reason: o.reason.slice(0, 2000), ...(o.reasonRef ? { reasonRef: o.reasonRef, reasonDetails: o.reasonDetails ?? [] } : {}), status: 'planned', issues: fleet ? issueTexts(fleet) : [], issueRefs: fleet ? fleet.issues.map(planIssueRef) : [], capacityPerSlotW, households,
  });
}
