/**
 * Cancelling a committed demand-response event: every transformer that got a plan revision for the event gets one
 * more, in which the participating households return to their pre-event plan (the revision before the event's)
 * from the current slot to the end of the day; everyone else keeps the latest plan. The revision is dispatched as
 * schedule uploads like any plan, so the devices get the revert (docs/demand-response.md, "Cancel").
 */
import type { DrEventDetail } from '../../contract/dr-events.js';
import type { PlanHousehold } from '../../contract/commands-api.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { DispatchStore, PlanRecord } from '../dispatch/dispatch-store.js';
import { costYuan, deficitKh, planIdOf } from '../dispatch/plan-builder.js';
import { dispatchPlanCommands } from '../dispatch/plan-dispatch.js';
import { localTime, planReasonRef } from '../dispatch/dispatch-texts.js';
import { transformersOf } from '../dispatch/transformer-households.js';
import type { FleetIndex } from '../fleet-index.js';
import type { Clock } from '../ports/clock.js';

/** The reason text a commitment gives its plan revisions (dr-service.ts); the revert finds them by it. */
export const eventRevisionPrefix = (eventId: string) => `demand response ${eventId}:`;

export interface RevertOutcome {
  readonly revertedPlanIds: string[];
  readonly commandIds: string[];
}

function reverted(latest: PlanRecord, pre: PlanRecord, participants: ReadonlySet<string>, fromSlot: number): PlanHousehold[] {
  const before = new Map(pre.households.map((h) => [h.siteId, h]));
  return latest.households.map((h) => {
    const old = before.get(h.siteId);
    if (h.excluded || !participants.has(h.siteId) || !old || old.excluded || old.powerW.length !== h.powerW.length) return h;
    const powerW = [...h.powerW.slice(0, fromSlot), ...old.powerW.slice(fromSlot)];
    const tempC = [...h.tempC.slice(0, fromSlot), ...old.tempC.slice(fromSlot)];
    return { ...h, powerW, tempC, costYuan: costYuan(powerW, latest.priceYuanPerKWh, latest.slotS), comfortDeficitKh: deficitKh(tempC, h.minTempC, latest.slotS), note: null };
  });
}

export async function revertEvent(deps: {
  readonly index: () => FleetIndex;
  readonly plans: DispatchStore;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly event: DrEventDetail;
  readonly actor: { userId: string; username: string };
}): Promise<RevertOutcome> {
  const e = deps.event;
  const participants = new Set((e.commitment?.households ?? []).map((h) => h.siteId));
  const out: RevertOutcome = { revertedPlanIds: [], commandIds: [] };
  const now = deps.clock.nowMs();
  for (const t of transformersOf(deps.index(), e.villageId)) {
    const revisions = await deps.plans.listPlans({ transformerIds: [t.id], day: e.day, limit: 500 });
    const latest = revisions[0];
    const mine = revisions.find((r) => r.reason.startsWith(eventRevisionPrefix(e.id)));
    const pre = mine ? revisions.find((r) => r.revision === mine.revision - 1) : undefined;
    if (!latest || !mine || !pre) continue;
    const slotMs = latest.slotS * 1000;
    const fromSlot = Math.min(latest.priceYuanPerKWh.length - 1, Math.max(0, Math.floor((now - latest.dayStartMs) / slotMs)));
    const households = reverted(latest, pre, participants, fromSlot);
    const planned = households.filter((h) => !h.excluded);
    const load = latest.capacityPerSlotW.map((_, k) => planned.reduce((s, h) => s + (h.powerW[k] ?? 0), 0));
    const next: PlanRecord = {
      ...latest, id: planIdOf(t.id, latest.day, latest.revision + 1), revision: latest.revision + 1, fromSlot, createdAtMs: now, createdBy: deps.actor.username,
      reason: `cancelled demand response ${e.id}: participants back to revision r${pre.revision} from slot ${fromSlot}`, status: 'planned', households,
      reasonRef: planReasonRef('dr-revert', { eventId: e.id, revision: pre.revision, fromSlot, fromTime: localTime(latest.dayStartMs + fromSlot * latest.slotS * 1000) }), reasonDetails: [],
      costYuan: planned.reduce((s, h) => s + h.costYuan, 0), comfortDeficitKh: planned.reduce((s, h) => s + h.comfortDeficitKh, 0), peakLoadW: Math.max(0, ...load),
    };
    await deps.plans.putPlan({ ...latest, status: 'replaced' });
    await deps.plans.putPlan(next);
    out.revertedPlanIds.push(next.id);
    const sent = await dispatchPlanCommands({ index: deps.index, store: deps.plans, dispatcher: deps.dispatcher, clock: deps.clock, plan: next, origin: 'replan', actor: deps.actor.userId });
    if (sent.ok) out.commandIds.push(...sent.value.map((c) => c.id));
  }
  return out;
}
