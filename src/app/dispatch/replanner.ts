/**
 * The rolling loop: for every dispatched plan of the current day, compare plan and measurement
 * (src/optimize/dispatch/drift.ts); on drift, replan the rest of the day from the measured room temperatures
 * and dispatch the new revision. Offline and overridden households keep their plan (reserved as base load).
 */
import type { DispatchAlarm } from '../../contract/commands-api.js';
import { detectDrift, type DriftThresholds } from '../../optimize/dispatch/index.js';
import { tariffPreset } from '../../optimize/index.js';
import type { WeatherSeries } from '../../sim/index.js';
import type { FleetIndex } from '../fleet-index.js';
import type { Clock } from '../ports/clock.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';
import type { Dispatcher } from './dispatcher.js';
import type { DispatchStore, PlanRecord } from './dispatch-store.js';
import { measuredSlots } from './measured-slots.js';
import { rollingReplan, type Planner } from './plan-builder.js';
import { activeOverrideSites, dispatchPlanCommands } from './plan-dispatch.js';
import { registeredModels, type PlannerModelSource } from './planner-models.js';
import { alarmRef, driftRefs, localTime, planReasonRef } from './dispatch-texts.js';
import { householdsBehind } from './transformer-households.js';

export interface ReplanOutcome {
  readonly planId: string;
  readonly replanned: boolean;
  readonly newPlanId: string | null;
  readonly reasons: readonly string[];
}

export function createReplanner(deps: {
  readonly index: () => FleetIndex;
  readonly store: DispatchStore;
  readonly telemetry: Pick<TelemetryStore, 'queryRollup'>;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  /** The planners' current forecast, read at each replan; null: replanning unavailable. */
  readonly weather: () => WeatherSeries | null;
  readonly planner: Planner;
  /** Each household's building model per day (planner-models.ts, cached: the day-ahead plan's fit); absent: registered. */
  readonly models?: PlannerModelSource;
  readonly thresholds?: Partial<DriftThresholds>;
  readonly onAlarm?: (a: DispatchAlarm) => void;
}) {
  async function check(plan: PlanRecord): Promise<ReplanOutcome> {
    const none = (reasons: string[] = []): ReplanOutcome => ({ planId: plan.id, replanned: false, newPlanId: null, reasons });
    const now = deps.clock.nowMs();
    const n = plan.priceYuanPerKWh.length;
    const nowSlot = Math.floor((now - plan.dayStartMs) / (plan.slotS * 1000));
    if (nowSlot < 1 || nowSlot >= n) return none();
    const measured = await measuredSlots(deps.telemetry, plan, nowSlot);
    const planned = plan.households.filter((h) => !h.excluded);
    const drift = detectDrift({
      households: planned.map((h) => ({ id: h.siteId, plannedPowerW: h.powerW, plannedTempC: h.tempC, measuredPowerW: measured.get(h.siteId)?.powerW ?? [], measuredTempC: measured.get(h.siteId)?.tempC ?? [] })),
      capacityW: plan.capacityPerSlotW, slotS: plan.slotS, nowSlot, nowMs: now, lastReplanMs: plan.revision > 1 ? plan.createdAtMs : null,
      // The slot the revision was made in ran partly under the previous plan (or none): compare from the next one.
      effectiveFromSlot: Math.max(0, Math.ceil((plan.createdAtMs - plan.dayStartMs) / (plan.slotS * 1000))),
      ...(deps.thresholds ? { thresholds: deps.thresholds } : {}),
    });
    if (!drift.replan) return none();
    const t = deps.index().snapshot.transformers.find((x) => x.id === plan.transformerId);
    const tariff = tariffPreset(plan.tariffId);
    const weather = deps.weather();
    if (!t || !tariff.ok || weather === null) return none([`cannot replan ${plan.id}: ${!t ? 'transformer no longer registered' : !tariff.ok ? tariff.message : 'no weather forecast'}`]);
    const overridden = await activeOverrideSites(deps.store, planned.map((h) => h.siteId), now);
    const fixed = new Set([...drift.households.filter((h) => h.offline).map((h) => h.id), ...overridden]);
    const measuredTempC = new Map<string, number>();
    for (const [site, m] of measured) {
      const last = m.tempC.slice(0, nowSlot).reverse().find((x) => x !== null);
      if (last !== undefined && last !== null) measuredTempC.set(site, last);
    }
    const { steerable, excluded } = householdsBehind(deps.index(), t.id);
    const models = deps.models ? await deps.models(steerable, plan.day) : registeredModels(steerable);
    const next = await rollingReplan(
      { transformer: t, day: plan.day, tariffId: plan.tariffId, tariff: tariff.tariff, weather, steerable, excluded, planner: deps.planner, models, createdAtMs: now, createdBy: 'system' },
      plan,
      {
        fromSlot: nowSlot, measuredTempC, fixed, reason: `replanned from slot ${nowSlot}: ${drift.reasons.join('; ')}`,
        reasonRef: planReasonRef('replanned', { fromSlot: nowSlot, fromTime: localTime(plan.dayStartMs + nowSlot * plan.slotS * 1000) }), reasonDetails: driftRefs(drift, plan.dayStartMs, plan.slotS),
      },
    );
    await deps.store.putPlan({ ...plan, status: 'replaced' });
    await deps.store.putPlan(next);
    const alarm: DispatchAlarm = {
      atMs: now, kind: 'replanned', siteId: null, deviceId: null, transformerId: t.id, commandId: null,
      message: `transformer ${t.id}: plan ${plan.id} replaced by ${next.id} from slot ${nowSlot} (${drift.reasons.slice(0, 5).join('; ')}${drift.reasons.length > 5 ? '; …' : ''})`,
      text: alarmRef('replanned', { transformerId: t.id, planId: plan.id, newPlanId: next.id, fromTime: localTime(plan.dayStartMs + nowSlot * plan.slotS * 1000) }),
      details: driftRefs(drift, plan.dayStartMs, plan.slotS),
    };
    await deps.store.appendAlarm(alarm);
    deps.onAlarm?.(alarm);
    await dispatchPlanCommands({ index: deps.index, store: deps.store, dispatcher: deps.dispatcher, clock: deps.clock, plan: next, origin: 'replan', actor: 'system' });
    return { planId: plan.id, replanned: true, newPlanId: next.id, reasons: drift.reasons };
  }

  return {
    check,
    /** Checks every dispatched plan of the current platform day (one revision per transformer is dispatched at a time). */
    async tick(): Promise<ReplanOutcome[]> {
      const now = deps.clock.nowMs();
      const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
      const plans = (await deps.store.listPlans({ day, limit: 10_000 })).filter((p) => p.status === 'dispatched');
      const out: ReplanOutcome[] = [];
      for (const p of plans) out.push(await check(p));
      return out;
    },
  };
}
export type Replanner = ReturnType<typeof createReplanner>;
