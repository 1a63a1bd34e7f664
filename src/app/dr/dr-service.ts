/**
 * Use cases of demand-response events (docs/demand-response.md): a grid operator's request (entered by an
 * operator, or posted by an OpenADR-style client with an API token) becomes an offer computed from the village's
 * committed plans without breaking comfort; a commitment re-plans the participating households as a new plan
 * revision, dispatched like any plan; delivery is measured against the pre-event plan. Scope: whoever may command
 * every site of the village's transformers creates and commits; whoever sees them reads. Writes are audited.
 */
import { randomUUID } from 'node:crypto';
import type { CreateDrEvent, DrEventDetail, DrEventSummary } from '../../contract/dr-events.js';
import type { PlanHousehold } from '../../contract/commands-api.js';
import { splice } from '../../optimize/dispatch/index.js';
import { commitEvent, fleetOffer, type DrGroupLimits } from '../../optimize/dr/index.js';
import { evaluatePlan, prepareHousehold } from '../../optimize/index.js';
import type { WeatherSeries } from '../../sim/index.js';
import type { Principal } from '../authorize.js';
import { transformerScope } from '../dispatch/dispatch-service.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { DispatchStore, PlanRecord } from '../dispatch/dispatch-store.js';
import { costYuan, dayStartOf, deficitKh, planIdOf } from '../dispatch/plan-builder.js';
import { dispatchPlanCommands } from '../dispatch/plan-dispatch.js';
import { householdNoteRef, planReasonRef } from '../dispatch/dispatch-texts.js';
import { transformersOf } from '../dispatch/transformer-households.js';
import type { FleetIndex } from '../fleet-index.js';
import type { AccessStore } from '../ports/access-store.js';
import type { Clock } from '../ports/clock.js';
import type { DrEventStore } from '../ports/dr-event-store.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';
import { measuredDelivery } from './event-delivery.js';
import { eventRevisionPrefix, revertEvent } from './event-revert.js';
import { latestPlans, villageFlexibility, type VillageFlexibility } from './event-flexibility.js';
import type { ApiErrorTextCode } from '../../contract/texts/error-texts.js';
import { textRef, type TextParam, type TextRef } from '../../contract/texts/render-text.js';

/** A refusal's English message as a code of API_ERROR_TEXTS (docs/i18n.md). */
const why = (code: ApiErrorTextCode, params: Readonly<Record<string, TextParam>> = {}): { text: TextRef } => ({ text: textRef(code, params) });

const SLOT_S = 900;
const kw = (w: number) => Math.round(w) / 1000;

export type DrResult<T> = { ok: true; value: T } | { ok: false; code: 'bad_request' | 'not_found' | 'forbidden' | 'conflict'; message: string; text?: TextRef };

export interface DrServiceDeps {
  readonly index: () => FleetIndex;
  readonly events: DrEventStore;
  readonly plans: DispatchStore;
  readonly telemetry: Pick<TelemetryStore, 'queryRollup'>;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly wallClock: Clock;
  readonly access: Pick<AccessStore, 'appendAudit'>;
  /** The planners' current forecast, read for each offer; null: offers unavailable. */
  readonly weather: () => WeatherSeries | null;
}

const slotOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 4 + Number(hhmm.slice(3, 5)) / 15;

export const summaryOfEvent = (e: DrEventDetail): DrEventSummary => {
  const { slotS: _s, tariffId: _t, offer: _o, commitment: _c, delivery: _d, cancellation: _x, ...rest } = e;
  return rest;
};

function limitsOf(v: VillageFlexibility): DrGroupLimits {
  return {
    groupOf: new Map(v.households.map((h) => [h.siteId, h.transformerId])),
    capacityW: new Map([...v.plans].map(([t, plan]) => [t, Float64Array.from(plan.capacityPerSlotW.slice(v.fromSlot))])),
  };
}

export function createDrService(deps: DrServiceDeps) {
  const audit = (p: Principal, action: string, target: string, outcome: 'ok' | 'denied' | 'failed', detail: string) =>
    deps.access.appendAudit({ atMs: deps.wallClock.nowMs(), actor: p.userId, action, target, outcome, detail: `${detail} (via ${p.via})`.slice(0, 1000) });

  /** The village's transformers if the caller may see (and, for writes, steer) all of them. */
  function villageAccess(p: Principal, villageId: string, write: boolean): DrResult<ReturnType<typeof transformersOf>> {
    const index = deps.index();
    const scope = transformerScope(index);
    const txs = transformersOf(index, villageId);
    if (txs.length === 0 || !txs.every((t) => scope.canSee(p, t))) return { ok: false, code: 'not_found', message: `no village ${villageId} with transformers in your scope`, ...why('no-village-in-scope', { villageId }) };
    if (write && !txs.every((t) => scope.canSteer(p, t))) return { ok: false, code: 'forbidden', message: `you may not steer every household of village ${villageId}`, ...why('may-not-steer-village', { villageId }) };
    return { ok: true, value: txs };
  }

  async function flexibilityNow(e: DrEventDetail): Promise<DrResult<VillageFlexibility>> {
    const weather = deps.weather();
    if (!weather) return { ok: false, code: 'conflict', message: 'planning is unavailable: no weather forecast is configured', ...why('dr-no-forecast') };
    const plans = await latestPlans(deps.plans, transformersOf(deps.index(), e.villageId), e.day);
    if (!(plans instanceof Map)) return { ok: false, code: 'conflict', message: plans.message, text: plans.text };
    return { ok: true, value: villageFlexibility(deps.index(), plans, weather, e, deps.clock.nowMs()) };
  }

  /** Fills in measured delivery and completes the event once its window is over. */
  async function withDelivery(e: DrEventDetail): Promise<DrEventDetail> {
    if (e.status !== 'committed' || !e.delivery || !e.commitment) return e;
    const plans = await latestPlans(deps.plans, transformersOf(deps.index(), e.villageId), e.day);
    if (!(plans instanceof Map)) return e;
    const now = deps.clock.nowMs();
    const delivery = await measuredDelivery(deps.telemetry, [...plans.values()], e, now);
    const next: DrEventDetail = { ...e, delivery, deliveredKw: delivery.measuredSlots > 0 ? delivery.meanDeliveredKw : null, status: now >= e.windowEndMs ? 'completed' : 'committed' };
    const { measuredSlots: _m, meanDeliveredKw: _k, ...stored } = delivery;
    const out = { ...next, delivery: stored };
    if (out.status === 'completed') await deps.events.updateEvent(out);
    return out;
  }

  return {
    async create(p: Principal, body: CreateDrEvent & { source: string }): Promise<DrResult<DrEventDetail>> {
      const access = villageAccess(p, body.villageId, true);
      if (!access.ok) { await audit(p, 'dr.create', `village:${body.villageId}`, 'denied', access.message); return access; }
      const id = body.id ?? `dr-${body.villageId}-${body.day}-${body.from.replace(':', '')}-${randomUUID().slice(0, 8)}`;
      if (await deps.events.getEvent(id)) return { ok: false, code: 'conflict', message: `demand-response event ${id} exists already`, ...why('dr-event-exists', { eventId: id }) };
      const dayStartMs = dayStartOf(body.day);
      const windowStartMs = dayStartMs + slotOf(body.from) * SLOT_S * 1000;
      const windowEndMs = body.to === '24:00' ? dayStartMs + 86_400_000 : dayStartMs + slotOf(body.to) * SLOT_S * 1000;
      if (deps.clock.nowMs() >= windowStartMs) return { ok: false, code: 'bad_request', message: `the window ${body.day} ${body.from}–${body.to} has already started; an event must be offered before its window`, ...why('dr-window-started', { day: body.day, from: body.from, to: body.to }) };
      const draft: DrEventDetail = {
        id, villageId: body.villageId, direction: body.direction, day: body.day, from: body.from, to: body.to, windowStartMs, windowEndMs,
        requestedKw: body.requestedKw, firmOfferKw: 0, committedKw: null, deliveredKw: null, status: 'offered', source: body.source,
        createdAtMs: deps.clock.nowMs(), createdBy: p.username, slotS: SLOT_S, tariffId: '',
        offer: { perSlotKw: [], windowKWh: 0, extraCostYuan: 0, participating: 0, excluded: [] }, commitment: null, delivery: null, cancellation: null,
      };
      const flex = await flexibilityNow(draft);
      if (!flex.ok) return flex;
      const v = flex.value;
      const len = (windowEndMs - windowStartMs) / (SLOT_S * 1000);
      const relFrom = Math.round((windowStartMs - dayStartMs) / (SLOT_S * 1000)) - v.fromSlot;
      const offer = fleetOffer(v.households.map((h) => h.flex), { direction: body.direction, fromSlot: relFrom, toSlot: relFrom + len });
      const event: DrEventDetail = {
        ...draft, firmOfferKw: kw(offer.firmW), tariffId: [...v.plans.values()][0]?.tariffId ?? '',
        offer: { perSlotKw: Array.from(offer.perSlotW, kw), windowKWh: offer.windowKWh, extraCostYuan: offer.extraCostYuan, participating: offer.participating, excluded: [...v.excluded] },
      };
      await deps.events.insertEvent(event);
      await audit(p, 'dr.create', `dr:${id}`, 'ok', `${body.direction} ${body.requestedKw} kW ${body.day} ${body.from}–${body.to} in ${body.villageId}; firm offer ${event.firmOfferKw} kW`);
      return { ok: true, value: event };
    },

    async commit(p: Principal, id: string, requestedKw: number | undefined): Promise<DrResult<DrEventDetail>> {
      const e = await deps.events.getEvent(id);
      if (!e || !villageAccess(p, e.villageId, false).ok) {
        const message = `no demand-response event ${id} in your scope`;
        await audit(p, 'dr.commit', `dr:${id}`, 'denied', message);
        return { ok: false, code: 'not_found', message, ...why('not-in-scope', { kind: 'dr-event', id }) };
      }
      const access = villageAccess(p, e.villageId, true);
      if (!access.ok) { await audit(p, 'dr.commit', `dr:${id}`, 'denied', access.message); return access; }
      if (e.status !== 'offered') return { ok: false, code: 'conflict', message: `event ${id} is ${e.status}; only an offered event can be committed`, ...why('dr-not-offered', { eventId: id, status: e.status }) };
      const now = deps.clock.nowMs();
      if (now >= e.windowStartMs) return { ok: false, code: 'conflict', message: `the window of event ${id} has started; it can no longer be committed`, ...why('dr-commit-window-started', { eventId: id }) };
      const flex = await flexibilityNow(e);
      if (!flex.ok) return flex;
      const v = flex.value;
      const slotMs = SLOT_S * 1000;
      const plans = [...v.plans.values()];
      const dayStartMs = plans[0]?.dayStartMs ?? dayStartOf(e.day);
      const relFrom = Math.round((e.windowStartMs - dayStartMs) / slotMs) - v.fromSlot;
      const len = (e.windowEndMs - e.windowStartMs) / slotMs;
      const offer = fleetOffer(v.households.map((h) => h.flex), { direction: e.direction, fromSlot: relFrom, toSlot: relFrom + len });
      if (!(offer.firmW > 0)) return { ok: false, code: 'conflict', message: `village ${e.villageId} has no flexibility left for this window without breaking comfort`, ...why('dr-no-flexibility', { villageId: e.villageId }) };
      const c = commitEvent(v.households.map((h) => h.flex), offer, (requestedKw ?? e.requestedKw) * 1000, limitsOf(v));
      const shares = new Map(c.participation.map((x) => [x.id, x]));
      // A new plan revision per transformer with participants; dispatched as schedule uploads like any plan.
      const commandIds: string[] = [];
      for (const [transformerId, plan] of v.plans) {
        const mine = v.households.filter((h) => h.transformerId === transformerId && shares.has(h.siteId));
        if (mine.length === 0) continue;
        const households: PlanHousehold[] = plan.households.map((hh) => {
          const part = shares.get(hh.siteId);
          const h = mine.find((x) => x.siteId === hh.siteId);
          if (!part || !h) return hh;
          const tail = evaluatePlan(prepareHousehold(h.problem), part.powerW);
          const powerW = splice(hh.powerW, part.powerW, v.fromSlot);
          const tempC = splice(hh.tempC, tail.tempC, v.fromSlot);
          return { ...hh, powerW, tempC, costYuan: costYuan(powerW, plan.priceYuanPerKWh, plan.slotS), comfortDeficitKh: deficitKh(tempC, hh.minTempC, plan.slotS), note: `demand response ${id}: ${Math.round(part.share * 100)} % of its flexibility`, noteRef: householdNoteRef('dr-share', { eventId: id, sharePct: Math.round(part.share * 100) }) };
        });
        const planned = households.filter((h) => !h.excluded);
        const load = plan.capacityPerSlotW.map((_, k) => planned.reduce((s, h) => s + (h.powerW[k] ?? 0), 0));
        const next: PlanRecord = {
          ...plan, id: planIdOf(transformerId, plan.day, plan.revision + 1), revision: plan.revision + 1, fromSlot: v.fromSlot, createdAtMs: now, createdBy: p.username,
          reason: `${eventRevisionPrefix(id)} ${e.direction} ${kw(c.committedW)} kW ${e.from}–${e.to}`, status: 'planned', households,
          reasonRef: planReasonRef('dr-commit', { eventId: id, direction: e.direction, kW: kw(c.committedW), from: e.from, to: e.to }), reasonDetails: [],
          costYuan: planned.reduce((s, h) => s + h.costYuan, 0), comfortDeficitKh: planned.reduce((s, h) => s + h.comfortDeficitKh, 0), peakLoadW: Math.max(0, ...load),
        };
        await deps.plans.putPlan({ ...plan, status: 'replaced' });
        await deps.plans.putPlan(next);
        const sent = await dispatchPlanCommands({ index: deps.index, store: deps.plans, dispatcher: deps.dispatcher, clock: deps.clock, plan: next, origin: 'replan', actor: p.userId });
        if (sent.ok) commandIds.push(...sent.value.map((x) => x.id));
      }
      // The village baseline over the window: the pre-event plans of every planned household.
      const baselineW = Array.from({ length: len }, (_, i) => plans.reduce((s, plan) => s + plan.households.reduce((t, hh) => t + (hh.excluded ? 0 : (hh.powerW[v.fromSlot + relFrom + i] ?? 0)), 0), 0));
      const committed: DrEventDetail = {
        ...e, status: 'committed', committedKw: kw(c.committedW), firmOfferKw: kw(offer.firmW),
        offer: { perSlotKw: Array.from(offer.perSlotW, kw), windowKWh: offer.windowKWh, extraCostYuan: offer.extraCostYuan, participating: offer.participating, excluded: [...v.excluded] },
        commitment: {
          committedKw: kw(c.committedW), shortfallKw: kw(c.shortfallW), expectedPerSlotKw: Array.from(c.expectedW, kw), extraCostYuan: c.extraCostYuan,
          households: c.participation.map((x) => ({ siteId: x.id, share: x.share })), peakBeforeKw: kw(c.peakBeforeW), peakAfterKw: kw(c.peakAfterW), commandIds,
        },
        delivery: { baselineKw: baselineW.map(kw), measuredKw: baselineW.map(() => null), deliveredKw: baselineW.map(() => 0), deliveredKWh: 0, pctOfCommitted: null, slotsShort: len, slotsUnmeasured: len },
      };
      await deps.events.updateEvent(committed);
      await audit(p, 'dr.commit', `dr:${id}`, 'ok', `committed ${committed.committedKw} kW of ${requestedKw ?? e.requestedKw} kW requested; ${c.participation.length} households; ${commandIds.length} schedule commands`);
      return { ok: true, value: committed };
    },

    /**
     * Cancels an event that is offered (nothing was sent) or committed and not over: the participants return to their
     * pre-event plan from the current slot as a new plan revision, dispatched to their devices. Audited as `dr.cancel`.
     */
    async cancel(p: Principal, id: string, note: string | undefined): Promise<DrResult<DrEventDetail>> {
      const e = await deps.events.getEvent(id);
      if (!e || !villageAccess(p, e.villageId, false).ok) {
        const message = `no demand-response event ${id} in your scope`;
        await audit(p, 'dr.cancel', `dr:${id}`, 'denied', message);
        return { ok: false, code: 'not_found', message, ...why('not-in-scope', { kind: 'dr-event', id }) };
      }
      const access = villageAccess(p, e.villageId, true);
      if (!access.ok) { await audit(p, 'dr.cancel', `dr:${id}`, 'denied', access.message); return access; }
      if (e.status === 'cancelled' || e.status === 'completed') return { ok: false, code: 'conflict', message: `event ${id} is ${e.status}; it can no longer be cancelled`, ...why('dr-not-cancellable', { eventId: id, status: e.status }) };
      if (deps.clock.nowMs() >= e.windowEndMs) return { ok: false, code: 'conflict', message: `the window of event ${id} is over; it can no longer be cancelled`, ...why('dr-cancel-window-over', { eventId: id }) };
      const revert = e.status === 'committed'
        ? await revertEvent({ index: deps.index, plans: deps.plans, dispatcher: deps.dispatcher, clock: deps.clock, event: e, actor: { userId: p.userId, username: p.username } })
        : { revertedPlanIds: [], commandIds: [] };
      const cancelled: DrEventDetail = { ...e, status: 'cancelled', cancellation: { atMs: deps.wallClock.nowMs(), by: p.username, note: note ?? '', ...revert } };
      await deps.events.updateEvent(cancelled);
      await audit(p, 'dr.cancel', `dr:${id}`, 'ok', `${e.status} event cancelled; ${revert.revertedPlanIds.length} plan revision(s) reverted, ${revert.commandIds.length} schedule command(s)${note ? `: ${note}` : ''}`);
      return { ok: true, value: cancelled };
    },

    async get(p: Principal, id: string): Promise<DrEventDetail | null> {
      const e = await deps.events.getEvent(id);
      if (!e || !villageAccess(p, e.villageId, false).ok) return null;
      return withDelivery(e);
    },

    async list(p: Principal, q: { villageId?: string; limit: number }): Promise<DrEventSummary[]> {
      const index = deps.index();
      const villages = q.villageId ? [q.villageId] : [...new Set(index.snapshot.transformers.map((t) => t.villageId))];
      const visible = villages.filter((v) => villageAccess(p, v, false).ok);
      const events = await deps.events.listEvents({ villageIds: visible, limit: q.limit });
      return events.map(summaryOfEvent);
    },
  };
}

export type DrService = ReturnType<typeof createDrService>;
