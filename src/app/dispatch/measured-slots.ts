/** Measured 15-minute means per planned household (unit power, room temperature) aligned to a plan's slots, from the rollups. */
import type { PlanRecord } from './dispatch-store.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';

export interface MeasuredSlots {
  readonly powerW: (number | null)[];
  readonly tempC: (number | null)[];
}

/** Slots [0, untilSlot) of the plan's day; households keyed by site id. Rollup buckets must match the plan's 15-minute slots. */
export async function measuredSlots(store: Pick<TelemetryStore, 'queryRollup'>, plan: PlanRecord, untilSlot: number): Promise<Map<string, MeasuredSlots>> {
  const n = plan.priceYuanPerKWh.length;
  if (plan.slotS !== 900) throw new Error(`plan ${plan.id}: slots of ${plan.slotS} s do not match the 15-minute rollups`);
  const planned = plan.households.filter((h) => !h.excluded);
  const out = new Map(planned.map((h) => [h.siteId, { powerW: Array<number | null>(n).fill(null), tempC: Array<number | null>(n).fill(null) }]));
  const until = Math.max(0, Math.min(n, untilSlot));
  if (until === 0 || planned.length === 0) return out;
  const siteOfUnit = new Map(planned.map((h) => [h.unitId, h.siteId]));
  const rows = await store.queryRollup({ unitIds: planned.map((h) => h.unitId), resolution: '15m', fromMs: plan.dayStartMs, toMs: plan.dayStartMs + until * 900_000 });
  for (const r of rows) {
    const k = Math.floor((r.bucketStartMs - plan.dayStartMs) / 900_000);
    const m = out.get(siteOfUnit.get(r.unitId) ?? '');
    if (!m || k < 0 || k >= until) continue;
    m.powerW[k] = r.channels.unitPowerW?.avg ?? null;
    m.tempC[k] = r.channels.indoorTempC?.avg ?? null;
  }
  return out;
}
