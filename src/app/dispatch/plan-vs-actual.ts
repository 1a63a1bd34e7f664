/**
 * Plan vs actual per village and day (docs/dispatch.md): for each transformer's current plan revision, the
 * planned and measured load per slot against the heating capacity, planned and actual cost at the plan's
 * prices, planned and measured comfort deficit, and per household whether an override is active.
 */
import type { PlanVsActual } from '../../contract/commands-api.js';
import type { FleetIndex } from '../fleet-index.js';
import type { Principal } from '../authorize.js';
import type { Clock } from '../ports/clock.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';
import { transformerScope } from './dispatch-service.js';
import type { DispatchStore } from './dispatch-store.js';
import { measuredSlots } from './measured-slots.js';
import { activeOverrideSites } from './plan-dispatch.js';
import { transformersOf } from './transformer-households.js';

export async function planVsActual(
  deps: { index: () => FleetIndex; store: DispatchStore; telemetry: Pick<TelemetryStore, 'queryRollup'>; clock: Clock },
  p: Principal,
  villageId: string,
  day: string,
): Promise<PlanVsActual | null> {
  const index = deps.index();
  const scope = transformerScope(index);
  const ts = transformersOf(index, villageId).filter((t) => scope.canSee(p, t));
  if (ts.length === 0) return null;
  const now = deps.clock.nowMs();
  const transformers: PlanVsActual['transformers'] = [];
  for (const t of ts) {
    const [plan] = (await deps.store.listPlans({ transformerIds: [t.id], day, limit: 500 })).sort((a, b) => b.revision - a.revision);
    if (!plan) continue;
    const n = plan.priceYuanPerKWh.length;
    const slotH = plan.slotS / 3600;
    const upTo = Math.max(0, Math.min(n, Math.floor((now - plan.dayStartMs) / (plan.slotS * 1000))));
    const measured = await measuredSlots(deps.telemetry, plan, upTo);
    const planned = plan.households.filter((h) => !h.excluded);
    const plannedLoadW = Array.from({ length: n }, (_, k) => planned.reduce((s, h) => s + (h.powerW[k] ?? 0), 0));
    const measuredLoadW = Array.from({ length: n }, (_, k) => {
      const vals = planned.map((h) => measured.get(h.siteId)?.powerW[k] ?? null).filter((x): x is number => x !== null);
      return vals.length === 0 ? null : vals.reduce((s, x) => s + x, 0);
    });
    const overridden = await activeOverrideSites(deps.store, planned.map((h) => h.siteId), now);
    const lastStates = new Map<string, PlanVsActual['transformers'][number]['households'][number]['lastCommandState']>();
    for (const c of await deps.store.listCommands({ siteIds: planned.map((h) => h.siteId), limit: 5000 })) if (!lastStates.has(c.siteId)) lastStates.set(c.siteId, c.state);
    let actualCost = 0, actualDeficit = 0;
    const households = planned.map((h) => {
      const m = measured.get(h.siteId);
      let energy = 0, deficit = 0;
      for (let k = 0; k < n; k++) {
        const w = m?.powerW[k] ?? null;
        if (w !== null) {
          energy += (w * slotH) / 1000;
          actualCost += ((w * slotH) / 1000) * (plan.priceYuanPerKWh[k] as number);
        }
        const tc = m?.tempC[k] ?? null;
        if (tc !== null) deficit += Math.max(0, (h.minTempC[k] as number) - tc) * slotH;
      }
      actualDeficit += deficit;
      return {
        siteId: h.siteId, plannedEnergyKWh: h.powerW.reduce((s, w) => s + (w * slotH) / 1000, 0), actualEnergyKWh: energy, actualComfortDeficitKh: deficit,
        overridden: overridden.has(h.siteId), lastCommandState: lastStates.get(h.siteId) ?? null,
      };
    });
    transformers.push({
      transformerId: t.id, planId: plan.id, revision: plan.revision, slotS: plan.slotS, dayStartMs: plan.dayStartMs, capacityW: plan.capacityPerSlotW,
      plannedLoadW, measuredLoadW,
      overloadSlots: measuredLoadW.flatMap((w, k) => (w !== null && w > (plan.capacityPerSlotW[k] as number) * (1 + 1e-6) ? [k] : [])),
      plannedCostYuan: plan.costYuan, actualCostYuan: actualCost, plannedComfortDeficitKh: plan.comfortDeficitKh, actualComfortDeficitKh: actualDeficit, households,
    });
  }
  return { villageId, day, transformers };
}
