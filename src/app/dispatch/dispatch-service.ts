/**
 * Use cases of dispatch for people (docs/dispatch.md): plan a village or transformer for a day, dispatch a
 * plan as schedule uploads, override a household, and read plans, commands and alarms — each through
 * authorize.ts (role × scope × action). A plan is seen by whoever sees every site behind its transformer
 * and steered by whoever may command every one of them; households see their own commands only.
 * Operator-issued plans, dispatches and overrides are audited.
 */
import { DeviceCommandSchema } from '../../contract/commands.js';
import type { AlarmListQuery, CommandListQuery, CommandView, CreatePlan, DispatchAlarm, DispatchAlarmView, Override, PlanDetail, PlanSummary } from '../../contract/commands-api.js';
import type { Transformer } from '../../domain/registry.js';
import { tariffPreset } from '../../optimize/index.js';
import type { WeatherSeries } from '../../sim/index.js';
import { canActOnSite, canSeeSite, visibleSites, type Principal } from '../authorize.js';
import type { FleetIndex } from '../fleet-index.js';
import type { AccessStore } from '../ports/access-store.js';
import type { Clock } from '../ports/clock.js';
import { newCommandRecord } from './command-factory.js';
import type { Dispatcher } from './dispatcher.js';
import type { DispatchStore, PlanRecord } from './dispatch-store.js';
import { dayAheadPlan, dayStartOf, planIdOf, SLOT_S, type Planner } from './plan-builder.js';
import { dispatchPlanCommands } from './plan-dispatch.js';
import { registeredModels, type PlannerModelSource } from './planner-models.js';
import { alarmRef } from './dispatch-texts.js';
import type { ApiErrorTextCode } from '../../contract/texts/error-texts.js';
import { textRef, type TextParam, type TextRef } from '../../contract/texts/render-text.js';
import { tariffPresetViews } from './tariff-presets.js';
import { householdsBehind, sitesBehind, transformersOf } from './transformer-households.js';

export const DEFAULT_TARIFF_ID = 'beijing-rural-coal-to-electricity';

/** A refusal carries its English message and the same as a code of API_ERROR_TEXTS (docs/i18n.md). */
export type DispatchResult<T> = { ok: true; value: T } | { ok: false; code: 'bad_request' | 'not_found' | 'forbidden' | 'conflict'; message: string; text?: TextRef };
const why = (code: ApiErrorTextCode, params: Readonly<Record<string, TextParam>> = {}): { text: TextRef } => ({ text: textRef(code, params) });

export interface DispatchServiceDeps {
  readonly index: () => FleetIndex;
  readonly store: DispatchStore;
  readonly dispatcher: Dispatcher;
  /** Platform clock (plans, commands); the audit log runs on the wall clock. */
  readonly clock: Clock;
  readonly wallClock: Clock;
  readonly access: Pick<AccessStore, 'appendAudit'>;
  /** The planners' current forecast (docs/weather-forecast.md), read at each planning; null: planning unavailable. */
  readonly weather: () => WeatherSeries | null;
  readonly planner: Planner;
  /** Each household's building model per day (planner-models.ts); absent: every household on its registered building. */
  readonly models?: PlannerModelSource;
  readonly onAlarm?: (a: DispatchAlarm) => void;
}

export const summaryOf = (p: PlanRecord): PlanSummary => {
  const { priceYuanPerKWh: _p, capacityPerSlotW: _c, households: _h, ...s } = p;
  return s;
};

export function transformerScope(index: FleetIndex) {
  const sitesOf = (t: Transformer) => sitesBehind(index, t.id);
  return {
    canSee: (p: Principal, t: Transformer) => {
      const sites = sitesOf(t);
      return sites.length === 0 ? p.role === 'admin' : sites.every((s) => canSeeSite(p, s, index));
    },
    canSteer: (p: Principal, t: Transformer) => {
      const sites = sitesOf(t);
      return sites.length === 0 ? p.role === 'admin' : sites.every((s) => canActOnSite(p, 'device:command', s, index));
    },
  };
}

export function createDispatchService(deps: DispatchServiceDeps) {
  const audit = (p: Principal, action: string, target: string, outcome: 'ok' | 'denied' | 'failed', detail: string) =>
    deps.access.appendAudit({ atMs: deps.wallClock.nowMs(), actor: p.userId, action, target, outcome, detail: `${detail} (via ${p.via})`.slice(0, 1000) });
  const transformer = (id: string) => deps.index().snapshot.transformers.find((t) => t.id === id);

  async function visiblePlan(p: Principal, id: string): Promise<PlanRecord | null> {
    const plan = await deps.store.getPlan(id);
    const t = plan ? transformer(plan.transformerId) : undefined;
    return plan && t && transformerScope(deps.index()).canSee(p, t) ? plan : null;
  }

  return {
    async createPlans(p: Principal, body: CreatePlan): Promise<DispatchResult<PlanSummary[]>> {
      const index = deps.index();
      const scope = transformerScope(index);
      const target = body.transformerId ? `transformer:${body.transformerId}` : `village:${body.villageId}`;
      const candidates = body.transformerId ? [transformer(body.transformerId)].filter((t): t is Transformer => t !== undefined) : transformersOf(index, body.villageId as string);
      const mine = candidates.filter((t) => scope.canSteer(p, t));
      if (mine.length === 0) {
        await audit(p, 'dispatch.plan-create', target, 'denied', `${body.day}: nothing in your scope to plan`);
        return { ok: false, code: 'not_found', message: body.transformerId ? `no transformer ${body.transformerId} you may steer` : `no transformer in village ${body.villageId} you may steer`,
          ...(body.transformerId ? why('no-transformer-to-steer', { transformerId: body.transformerId }) : why('no-village-transformer-to-steer', { villageId: body.villageId ?? null })) };
      }
      const weather = deps.weather();
      if (weather === null) return { ok: false, code: 'conflict', message: 'planning needs a weather forecast and none is configured', ...why('no-forecast') };
      const tariffId = body.tariffId ?? DEFAULT_TARIFF_ID;
      const tariff = tariffPreset(tariffId);
      if (!tariff.ok) return { ok: false, code: 'bad_request', message: `tariffId: ${tariff.message}`, ...why('bad-tariff', { detail: tariff.message }) };
      const out: PlanSummary[] = [];
      for (const t of mine) {
        const existing = await deps.store.listPlans({ transformerIds: [t.id], day: body.day, limit: 500 });
        const revision = 1 + Math.max(0, ...existing.map((x) => x.revision));
        const { steerable, excluded } = householdsBehind(index, t.id);
        const models = deps.models ? await deps.models(steerable, body.day) : registeredModels(steerable);
        const plan = await dayAheadPlan({ transformer: t, day: body.day, tariffId, tariff: tariff.tariff, weather, steerable, excluded, planner: deps.planner, models, createdAtMs: deps.clock.nowMs(), createdBy: p.userId }, revision);
        for (const old of existing.filter((x) => x.status !== 'replaced')) await deps.store.putPlan({ ...old, status: 'replaced' });
        await deps.store.putPlan(plan);
        for (const [i, issue] of plan.issues.entries()) {
          const detail = plan.issueRefs?.[i];
          const a: DispatchAlarm = {
            atMs: deps.clock.nowMs(), kind: 'plan-issue', siteId: null, deviceId: null, transformerId: t.id, commandId: null, message: `plan ${plan.id}: ${issue}`,
            text: alarmRef('plan-issue', { planId: plan.id }), details: detail ? [detail] : [],
          };
          await deps.store.appendAlarm(a);
          deps.onAlarm?.(a);
        }
        out.push(summaryOf(plan));
      }
      await audit(p, 'dispatch.plan-create', target, 'ok', `${body.day}: ${out.map((x) => x.id).join(', ')}`);
      return { ok: true, value: out };
    },

    async dispatchPlan(p: Principal, planId: string): Promise<DispatchResult<{ planId: string; commands: CommandView[] }>> {
      const plan = await visiblePlan(p, planId);
      const t = plan ? transformer(plan.transformerId) : undefined;
      if (!plan || !t || !transformerScope(deps.index()).canSteer(p, t)) {
        await audit(p, 'dispatch.plan-dispatch', `plan:${planId}`, 'denied', 'not in your scope');
        return { ok: false, code: 'not_found', message: `no plan ${planId} you may dispatch`, ...why('no-plan-to-dispatch', { planId }) };
      }
      if (plan.status === 'replaced') return { ok: false, code: 'conflict', message: `plan ${planId} was replaced by a newer revision; dispatch that one`, ...why('plan-replaced', { planId }) };
      const res = await dispatchPlanCommands({ ...deps, plan, origin: 'plan', actor: p.userId });
      if (!res.ok) return res;
      await audit(p, 'dispatch.plan-dispatch', `plan:${planId}`, 'ok', `${res.value.length} schedule command(s)`);
      return { ok: true, value: { planId, commands: res.value } };
    },

    async override(p: Principal, o: Override): Promise<DispatchResult<CommandView>> {
      const index = deps.index();
      const site = index.site(o.siteId);
      const target = `site:${o.siteId}`;
      if (!site || !canActOnSite(p, 'device:command', site, index)) {
        await audit(p, 'dispatch.override', target, 'denied', `${o.kind} override refused: not in your scope`);
        return { ok: false, code: 'not_found', message: `no site ${o.siteId} you may steer`, ...why('no-site-to-steer', { siteId: o.siteId }) };
      }
      const unit = index.unitsOfSite(site.id)[0];
      const device = unit ? index.snapshot.devices.find((d) => d.status === 'active' && d.unitIds.includes(unit.id)) : undefined;
      if (!unit || !device) return { ok: false, code: 'conflict', message: `site ${o.siteId} has no unit with an active gateway to command`, ...why('no-gateway', { siteId: o.siteId }) };
      const now = deps.clock.nowMs();
      const fromMs = o.fromMs ?? now;
      if (o.toMs <= now) return { ok: false, code: 'bad_request', message: `toMs: ${new Date(o.toMs).toISOString()} is not in the future (platform time ${new Date(now).toISOString()})`, ...why('override-end-past', { toIso: new Date(o.toMs).toISOString(), nowIso: new Date(now).toISOString() }) };
      const body = o.kind === 'setpoint'
        ? { kind: 'setpoint' as const, setpointC: o.setpointC as number, validFromMs: fromMs, validToMs: o.toMs }
        : { kind: 'run-permission' as const, sgState: o.sgState as 1 | 2 | 3 | 4, validFromMs: fromMs, validToMs: o.toMs };
      const check = DeviceCommandSchema.safeParse({ ...body, id: 'check', unitId: unit.id, issuedAtMs: now, expiresAtMs: o.toMs });
      if (!check.success) {
        const detail = check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        return { ok: false, code: 'bad_request', message: detail, ...why('override-invalid', { detail }) };
      }
      const rec = newCommandRecord({ body, deviceId: device.id, unitId: unit.id, siteId: site.id, origin: 'override', planId: null, actor: p.userId, nowMs: now, ttlMs: o.toMs - now });
      await deps.dispatcher.send(rec);
      const what = o.kind === 'setpoint' ? `setpoint ${o.setpointC} °C` : `SG state ${o.sgState}`;
      await audit(p, 'dispatch.override', target, 'ok', `${what} ${new Date(fromMs).toISOString()}…${new Date(o.toMs).toISOString()}, command ${rec.id}${o.note ? `: ${o.note}` : ''}`);
      return { ok: true, value: rec };
    },

    async listPlans(p: Principal, q: { villageId?: string; day?: string; limit: number }): Promise<PlanSummary[]> {
      const index = deps.index();
      const scope = transformerScope(index);
      const ts = index.snapshot.transformers.filter((t) => (q.villageId === undefined || t.villageId === q.villageId) && scope.canSee(p, t));
      const plans = await deps.store.listPlans({ transformerIds: ts.map((t) => t.id), ...(q.day ? { day: q.day } : {}), limit: q.limit });
      return plans.map(summaryOf);
    },
    getPlan: (p: Principal, id: string): Promise<PlanDetail | null> => visiblePlan(p, id),
    /** Tariff presets a plan may name, with sources and verification flags (the same for every caller: public data). */
    tariffs: () => tariffPresetViews(DEFAULT_TARIFF_ID),

    async listCommands(p: Principal, q: CommandListQuery): Promise<CommandView[]> {
      const index = deps.index();
      let siteIds: string[] | null = p.role === 'admin' ? null : visibleSites(p, index).map((s) => s.id);
      if (q.villageId !== undefined) {
        const inVillage = index.snapshot.sites.filter((s) => s.villageId === q.villageId).map((s) => s.id);
        siteIds = siteIds === null ? inVillage : inVillage.filter((id) => (siteIds as string[]).includes(id));
      }
      if (q.siteId !== undefined) siteIds = siteIds === null || siteIds.includes(q.siteId) ? [q.siteId] : [];
      const day = q.day === undefined ? {} : { issuedFromMs: dayStartOf(q.day), issuedToMs: dayStartOf(q.day) + 86_400_000 };
      return deps.store.listCommands({ ...(siteIds === null ? {} : { siteIds }), ...(q.planId ? { planId: q.planId } : {}), ...(q.state ? { states: [q.state] } : {}), ...day, limit: q.limit });
    },
    async getCommand(p: Principal, id: string): Promise<CommandView | null> {
      const c = await deps.store.getCommand(id);
      const index = deps.index();
      const site = c ? index.site(c.siteId) : undefined;
      return c && site && canSeeSite(p, site, index) ? c : null;
    },
    async listAlarms(p: Principal, q: AlarmListQuery): Promise<DispatchAlarmView[]> {
      const index = deps.index();
      const scope = transformerScope(index);
      const inVillage = <T extends { villageId: string }>(xs: readonly T[]) => (q.villageId === undefined ? xs : xs.filter((x) => x.villageId === q.villageId));
      const whole = p.role === 'admin' && q.villageId === undefined;
      const where = {
        ...(whole ? {} : {
          siteIds: inVillage(p.role === 'admin' ? index.snapshot.sites : visibleSites(p, index)).map((s) => s.id),
          transformerIds: inVillage(index.snapshot.transformers).filter((t) => scope.canSee(p, t)).map((t) => t.id),
        }),
        ...(q.day === undefined ? {} : { fromMs: dayStartOf(q.day), toMs: dayStartOf(q.day) + 86_400_000 }),
        ...(q.state === undefined ? {} : { acknowledged: q.state === 'acknowledged' }),
      };
      return deps.store.listAlarms({ ...where, limit: q.limit });
    },

    /**
     * Marks an alarm as seen/handled with a note (who and when are recorded). Scoped like the alarm: whoever may
     * command its household (a site alarm) or steer its transformer (a transformer alarm); those who only see it
     * are refused, others do not learn it exists. Audited as `dispatch.alarm-ack`.
     */
    async acknowledgeAlarm(p: Principal, id: string, note: string): Promise<DispatchResult<DispatchAlarmView>> {
      const index = deps.index();
      const alarm = await deps.store.getAlarm(id);
      const site = alarm?.siteId ? index.site(alarm.siteId) : undefined;
      const t = alarm?.transformerId ? transformer(alarm.transformerId) : undefined;
      const scope = transformerScope(index);
      const visible = alarm !== null && (site ? canSeeSite(p, site, index) : t !== undefined && scope.canSee(p, t));
      const target = `alarm:${id}`;
      if (!alarm || !visible) {
        await audit(p, 'dispatch.alarm-ack', target, 'denied', 'not in your scope');
        return { ok: false, code: 'not_found', message: `no alarm ${id} in your scope`, ...why('not-in-scope', { kind: 'alarm', id }) };
      }
      const steer = site ? canActOnSite(p, 'device:command', site, index) : t !== undefined && scope.canSteer(p, t);
      if (!steer) {
        await audit(p, 'dispatch.alarm-ack', target, 'denied', 'may see but not handle it');
        return { ok: false, code: 'forbidden', message: `you may see alarm ${id} but not acknowledge it: that needs device:command on ${site ? `site ${site.id}` : `every site behind transformer ${t?.id}`}`,
          ...(site ? why('alarm-ack-not-allowed-site', { alarmId: id, siteId: site.id }) : why('alarm-ack-not-allowed-transformer', { alarmId: id, transformerId: t?.id ?? null })) };
      }
      if (alarm.acknowledgement) {
        const a = alarm.acknowledgement;
        return { ok: false, code: 'conflict', message: `alarm ${id} was acknowledged already by ${a.byUsername} at ${new Date(a.atMs).toISOString()}`, ...why('alarm-acknowledged-already', { alarmId: id, by: a.byUsername, atIso: new Date(a.atMs).toISOString() }) };
      }
      const done = await deps.store.acknowledgeAlarm(id, { byUserId: p.userId, byUsername: p.username, atMs: deps.wallClock.nowMs(), note });
      if (!done) return { ok: false, code: 'conflict', message: `alarm ${id} was acknowledged by someone else just now`, ...why('alarm-acknowledged-just-now', { alarmId: id }) };
      await audit(p, 'dispatch.alarm-ack', target, 'ok', `${alarm.kind} (${alarm.siteId ?? alarm.transformerId}): ${note}`);
      return { ok: true, value: done };
    },
  };
}
export type DispatchService = ReturnType<typeof createDispatchService>;
export { planIdOf, SLOT_S };
