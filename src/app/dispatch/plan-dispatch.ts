/**
 * A plan revision goes to the devices as one schedule upload per household: the planned power per slot as a
 * power ceiling from the current slot on, with the occupants' own daily schedule as the fallback the device
 * follows when it loses the platform. A household under an operator override is skipped: the override wins
 * over the plan until it expires.
 */
import type { CommandOrigin, CommandView } from '../../contract/commands-api.js';
import { textRef, type TextRef } from '../../contract/texts/render-text.js';
import type { FleetIndex } from '../fleet-index.js';
import type { Clock } from '../ports/clock.js';
import { newCommandRecord } from './command-factory.js';
import type { Dispatcher } from './dispatcher.js';
import type { DispatchStore, PlanRecord } from './dispatch-store.js';
import { householdsBehind, fallbackOf } from './transformer-households.js';

/** Sites with an override that is waiting or accepted and not yet over. */
export async function activeOverrideSites(store: DispatchStore, siteIds: readonly string[], nowMs: number): Promise<Set<string>> {
  if (siteIds.length === 0) return new Set();
  const live = await store.listCommands({ siteIds, states: ['queued', 'sent', 'accepted'], limit: 10_000 });
  return new Set(live.filter((c) => c.origin === 'override' && 'validToMs' in c.command && c.command.validToMs > nowMs).map((c) => c.siteId));
}

export async function dispatchPlanCommands(deps: {
  readonly index: () => FleetIndex;
  readonly store: DispatchStore;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly plan: PlanRecord;
  readonly origin: CommandOrigin;
  readonly actor: string;
}): Promise<{ ok: true; value: CommandView[] } | { ok: false; code: 'conflict'; message: string; text: TextRef }> {
  const { plan } = deps;
  const now = deps.clock.nowMs();
  const slotMs = plan.slotS * 1000;
  const n = plan.priceYuanPerKWh.length;
  const endMs = plan.dayStartMs + n * slotMs;
  if (now >= endMs) return { ok: false, code: 'conflict', message: `plan ${plan.id} is for ${plan.day}, which is over`, text: textRef('plan-day-over', { planId: plan.id, day: plan.day }) };
  const from = Math.max(plan.fromSlot, Math.floor((now - plan.dayStartMs) / slotMs), 0);
  const defs = new Map(householdsBehind(deps.index(), plan.transformerId).steerable.map((h) => [h.siteId, h.definition]));
  const planned = plan.households.filter((h) => !h.excluded && h.powerW.length === n);
  const overridden = await activeOverrideSites(deps.store, planned.map((h) => h.siteId), now);
  const sent: CommandView[] = [];
  for (const h of planned) {
    const def = defs.get(h.siteId);
    if (overridden.has(h.siteId) || def === undefined) continue;
    const rec = newCommandRecord({
      body: { kind: 'schedule', startMs: plan.dayStartMs + from * slotMs, slotS: plan.slotS, slots: h.powerW.slice(from).map((w) => ({ powerLimitW: Math.round(Math.max(0, w)) })), fallback: fallbackOf(def) },
      deviceId: h.deviceId, unitId: h.unitId, siteId: h.siteId, origin: deps.origin, planId: plan.id, actor: deps.actor, nowMs: now,
      // A schedule is worth delivering until its day is over.
      ttlMs: endMs - now,
    });
    await deps.dispatcher.send(rec);
    sent.push(rec);
  }
  await deps.store.putPlan({ ...plan, status: 'dispatched' });
  return { ok: true, value: sent };
}
