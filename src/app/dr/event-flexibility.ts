/**
 * The households of a village for a demand-response window: each planned household's model for the rest of the
 * day (the twin's household from the registry, cut at the current slot and started from its planned temperature)
 * and its flexibility against its committed plan (src/optimize/dr). Plans come from the dispatch store.
 */
import type { DrEventDetail } from '../../contract/dr-events.js';
import { textRef, type TextRef } from '../../contract/texts/render-text.js';
import type { Transformer } from '../../domain/registry.js';
import { remainingProblem } from '../../optimize/dispatch/index.js';
import { householdFlexibility, type HouseholdFlexibility } from '../../optimize/dr/index.js';
import { householdProblemFromTwin, type HouseholdProblem } from '../../optimize/index.js';
import type { WeatherSeries } from '../../sim/index.js';
import type { DispatchStore, PlanRecord } from '../dispatch/dispatch-store.js';
import { householdNoteRef } from '../dispatch/dispatch-texts.js';
import { householdsBehind } from '../dispatch/transformer-households.js';
import type { FleetIndex } from '../fleet-index.js';

export interface PlannedHousehold {
  readonly siteId: string;
  readonly transformerId: string;
  readonly problem: HouseholdProblem;
  readonly flex: HouseholdFlexibility;
}

export interface VillageFlexibility {
  /** Slot of the day from which plans may still change (the current slot, or 0 before the day starts). */
  readonly fromSlot: number;
  readonly plans: ReadonlyMap<string, PlanRecord>;
  readonly households: readonly PlannedHousehold[];
  /** Households behind the village's transformers that take no part, with the reason. */
  readonly excluded: readonly { siteId: string; reason: string; reasonRef: TextRef }[];
}

export type WindowOf = Pick<DrEventDetail, 'direction' | 'day' | 'windowStartMs' | 'windowEndMs' | 'slotS'>;

/** Latest plan revision of every transformer for the day; an error message when one has none. */
/** Why no baseline exists: the English message and the same as a code of API_ERROR_TEXTS (docs/i18n.md). */
export interface NoBaseline { readonly message: string; readonly text: TextRef }

export async function latestPlans(store: DispatchStore, transformers: readonly Transformer[], day: string): Promise<Map<string, PlanRecord> | NoBaseline> {
  const plans = new Map<string, PlanRecord>();
  for (const t of transformers) {
    const [plan] = await store.listPlans({ transformerIds: [t.id], day, limit: 1 });
    if (!plan) return { message: `no plan for ${day} on transformer ${t.id}: create (and dispatch) the day-ahead plan first — the plan is the baseline an event is measured against`, text: textRef('dr-no-plan', { day, transformerId: t.id }) };
    if (plan.slotS * 1000 * plan.priceYuanPerKWh.length !== 86_400_000) return { message: `plan ${plan.id} does not cover a whole day in slots`, text: textRef('dr-plan-not-whole-day', { planId: plan.id }) };
    plans.set(t.id, plan);
  }
  return plans;
}

export function villageFlexibility(index: FleetIndex, plans: ReadonlyMap<string, PlanRecord>, weather: WeatherSeries, w: WindowOf, nowMs: number): VillageFlexibility {
  const slotMs = w.slotS * 1000;
  const anyPlan = [...plans.values()][0];
  const dayStartMs = anyPlan?.dayStartMs ?? Date.parse(`${w.day}T00:00:00+08:00`);
  const fromSlot = Math.max(0, Math.floor((nowMs - dayStartMs) / slotMs));
  const windowFrom = Math.round((w.windowStartMs - dayStartMs) / slotMs) - fromSlot;
  const windowTo = Math.round((w.windowEndMs - dayStartMs) / slotMs) - fromSlot;
  const households: PlannedHousehold[] = [];
  const excluded: { siteId: string; reason: string; reasonRef: TextRef }[] = [];
  for (const [transformerId, plan] of plans) {
    const defs = new Map(householdsBehind(index, transformerId).steerable.map((h) => [h.siteId, h.definition]));
    const price = Float64Array.from(plan.priceYuanPerKWh);
    for (const hh of plan.households) {
      const def = defs.get(hh.siteId);
      if (hh.excluded || def === undefined || hh.powerW.length !== price.length) {
        excluded.push({ siteId: hh.siteId, reason: hh.note ?? 'not in the plan', reasonRef: hh.note ? (hh.noteRef ?? householdNoteRef('other', { text: hh.note })) : householdNoteRef('not-in-plan') });
        continue;
      }
      const full = { ...householdProblemFromTwin(def, weather, { dayStartMs, slotS: w.slotS, priceYuanPerKWh: price }), id: hh.siteId };
      const problem = fromSlot > 0 ? remainingProblem(full, fromSlot, hh.tempC[fromSlot - 1] ?? full.initialTempC) : full;
      const baseline = Float64Array.from(hh.powerW.slice(fromSlot));
      const flex = householdFlexibility(problem, baseline, { direction: w.direction, fromSlot: windowFrom, toSlot: windowTo });
      households.push({ siteId: hh.siteId, transformerId, problem, flex });
      if (flex.reason) excluded.push({ siteId: hh.siteId, reason: flex.reason, reasonRef: householdNoteRef(flex.reasonCode ?? 'not-in-plan') });
    }
  }
  return { fromSlot, plans, households, excluded };
}
