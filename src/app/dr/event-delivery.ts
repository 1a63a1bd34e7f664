/**
 * Delivered flexibility of a committed event (demand-response.md): per window slot, the village baseline (the
 * pre-event plan, stored at commitment) against the measured village power — the sum of the planned households'
 * 15-minute mean unit power. A slot counts as measured only when it is over and every planned household reported
 * in it; otherwise it is unmeasured (never assumed delivered).
 */
import type { DrEventDetail } from '../../contract/dr-events.js';
import { deliveredFlexibility } from '../../optimize/dr/index.js';
import type { PlanRecord } from '../dispatch/dispatch-store.js';
import { measuredSlots } from '../dispatch/measured-slots.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';

type Delivery = NonNullable<DrEventDetail['delivery']> & { readonly measuredSlots: number; readonly meanDeliveredKw: number };

export async function measuredDelivery(store: Pick<TelemetryStore, 'queryRollup'>, plans: readonly PlanRecord[], e: DrEventDetail, nowMs: number): Promise<Delivery> {
  const slotMs = e.slotS * 1000;
  const baselineKw = e.delivery?.baselineKw ?? [];
  const len = baselineKw.length;
  const measuredW: (number | null)[] = Array.from({ length: len }, () => 0);
  for (const plan of plans) {
    const firstSlot = Math.round((e.windowStartMs - plan.dayStartMs) / slotMs);
    const elapsed = Math.min(len, Math.max(0, Math.floor((nowMs - e.windowStartMs) / slotMs)));
    const bySite = await measuredSlots(store, plan, firstSlot + elapsed);
    for (let i = 0; i < len; i++) {
      if (measuredW[i] === null) continue;
      if (i >= elapsed) { measuredW[i] = null; continue; }
      let sum = 0;
      for (const m of bySite.values()) {
        const w = m.powerW[firstSlot + i];
        if (w === null || w === undefined) { sum = Number.NaN; break; }
        sum += w;
      }
      measuredW[i] = Number.isNaN(sum) ? null : (measuredW[i] as number) + sum;
    }
  }
  const d = deliveredFlexibility(e.direction, (e.committedKw ?? 0) * 1000, baselineKw.map((k) => k * 1000), measuredW, e.slotS);
  const measured = measuredW.filter((w) => w !== null).length;
  const meanOverMeasured = measured > 0 ? Array.from(d.deliveredW).reduce((s, v) => s + v, 0) / measured : 0;
  return {
    baselineKw,
    measuredKw: measuredW.map((w) => (w === null ? null : Math.round(w) / 1000)),
    deliveredKw: Array.from(d.deliveredW, (w) => Math.round(w) / 1000),
    deliveredKWh: d.deliveredKWh,
    pctOfCommitted: d.pctOfCommitted,
    slotsShort: d.slotsShort,
    slotsUnmeasured: d.slotsUnmeasured,
    measuredSlots: measured,
    meanDeliveredKw: Math.round(meanOverMeasured) / 1000,
  };
}
