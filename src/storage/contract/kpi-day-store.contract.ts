/**
 * Contract of the KpiDayStore port: what season reports rely on. Run against every adapter on a real engine.
 */
import { describe, expect, it } from 'vitest';
import { localDayOf } from '../../analytics/season/kpi-day.js';
import type { KpiDayStore } from '../../app/ports/kpi-day-store.js';
import type { TelemetryStore } from '../../app/ports/telemetry-store.js';
import type { Reading } from '../../domain/telemetry-channels.js';
import { useStoreHandle, type StoreHandle } from './store-handle.js';

export interface KpiDayStores { readonly telemetry: TelemetryStore; readonly kpiDays: KpiDayStore }
export type KpiDayStoreHandle = StoreHandle<KpiDayStores>;

const MIN_MS = 60_000;
const T0 = Date.parse('2019-01-10T00:00:00+08:00');
const DAY = localDayOf(T0);
const minuteRows = (unitId: string, fromMin: number, toMin: number, unitPowerW = 1000): Reading[] =>
  Array.from({ length: toMin - fromMin }, (_, i) => ({ unitId, tsMs: T0 + (fromMin + i) * MIN_MS, values: { unitPowerW, heatPowerW: 3 * unitPowerW } }));

export function runKpiDayStoreContract(name: string, newStore: () => Promise<KpiDayStoreHandle>): void {
  describe(`KpiDayStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('holds one row per unit and local day with readings, ordered by unit then day, within [fromDay, toDay)', async () => {
      const { store } = await open();
      await store.telemetry.append([...minuteRows('b', 0, 60), ...minuteRows('a', 1440 + 10, 1440 + 20), ...minuteRows('a', 0, 30)]);
      const days = await store.kpiDays.queryKpiDays({ unitIds: ['a', 'b', 'nobody'], fromDay: DAY, toDay: DAY + 5 });
      expect(days.map((d) => [d.unitId, d.day - DAY, d.stats.readings_n])).toEqual([['a', 0, 30], ['a', 1, 10], ['b', 0, 60]]);
      expect(await store.kpiDays.queryKpiDays({ unitIds: ['a'], fromDay: DAY + 1, toDay: DAY + 2 })).toHaveLength(1);
      expect(await store.kpiDays.queryKpiDays({ unitIds: [], fromDay: DAY, toDay: DAY + 5 })).toEqual([]);
      // 30 minutes at 1 kW
      expect(days[0]?.stats.unit_ws).toBeCloseTo(1000 * 60 * 30, 6);
    });

    it('a late reading rebuilds its day; a reading early in a day rebuilds the previous day, whose gap it now bridges', async () => {
      const { store } = await open();
      await store.telemetry.append(minuteRows('a', 1430, 1435));
      await store.kpiDays.refreshKpiDays();
      const before = await store.kpiDays.queryKpiDays({ unitIds: ['a'], fromDay: DAY, toDay: DAY + 2 });
      expect(before.map((d) => d.stats.cov_unit_power_w_b)).toEqual([0]);
      // 00:05 next day: the gap 23:54 → 00:05 is 11 min ≤ 15, so 23:55–23:59 (day 0) and 00:00–00:04 (day 1) are bridged
      await store.telemetry.append(minuteRows('a', 1445, 1446));
      const after = await store.kpiDays.queryKpiDays({ unitIds: ['a'], fromDay: DAY, toDay: DAY + 2 });
      expect(after.map((d) => d.stats.cov_unit_power_w_b)).toEqual([5, 5]);
      expect(await store.kpiDays.refreshKpiDays()).toBe(0);
    });

    it('a query rebuilds only the units and days it asks for; the rest wait, still dirty, for the next refresh', async () => {
      const { store } = await open();
      await store.telemetry.append([...minuteRows('a', 0, 30), ...minuteRows('a', 2 * 1440, 2 * 1440 + 30), ...minuteRows('b', 0, 30)]);
      expect((await store.kpiDays.queryKpiDays({ unitIds: ['a'], fromDay: DAY, toDay: DAY + 1 })).map((d) => d.stats.readings_n)).toEqual([30]);
      // Not asked for: a's day 2 and b's day 0, and the previous days their first 15 minutes mark too (a: days −1 and 1,
      // b: day −1) — five unit-days rebuilt now, then nothing is left.
      expect(await store.kpiDays.refreshKpiDays()).toBe(5);
      expect(await store.kpiDays.refreshKpiDays()).toBe(0);
      expect((await store.kpiDays.queryKpiDays({ unitIds: ['a', 'b'], fromDay: DAY, toDay: DAY + 3 })).map((d) => [d.unitId, d.day - DAY])).toEqual([['a', 0], ['a', 2], ['b', 0]]);
    });

    it('a bounded refresh rebuilds at most maxUnitDays, oldest day first, and only days before beforeDay when given', async () => {
      const { store } = await open();
      // Minutes 60..90 of each day: no neighbouring day is marked. Units a, b, c on day 0; a, b on day 1; a on day 2.
      await store.telemetry.append([...['a', 'b', 'c'].flatMap((u) => minuteRows(u, 60, 90)), ...['a', 'b'].flatMap((u) => minuteRows(u, 1440 + 60, 1440 + 90)), ...minuteRows('a', 2880 + 60, 2880 + 90)]);
      expect(await store.kpiDays.refreshKpiDays({ maxUnitDays: 2 })).toBe(2); // a and b of day 0
      expect(await store.kpiDays.refreshKpiDays({ maxUnitDays: 2, beforeDay: DAY + 1 })).toBe(1); // c of day 0; fewer than asked: none left before day 1
      expect(await store.kpiDays.refreshKpiDays({ maxUnitDays: 2, beforeDay: DAY + 1 })).toBe(0);
      expect(await store.kpiDays.refreshKpiDays({ maxUnitDays: 5 })).toBe(3); // day 1 (a, b) and day 2 (a)
      expect(await store.kpiDays.refreshKpiDays()).toBe(0);
      expect((await store.kpiDays.queryKpiDays({ unitIds: ['a', 'b', 'c'], fromDay: DAY, toDay: DAY + 3 })).map((d) => [d.unitId, d.day - DAY, d.stats.readings_n]))
        .toEqual([['a', 0, 30], ['a', 1, 30], ['a', 2, 30], ['b', 0, 30], ['b', 1, 30], ['c', 0, 30]]);
    });

    it('keeps the aggregates across a reopen', async () => {
      const handle = await open();
      if (!handle.reopen) return;
      await handle.store.telemetry.append(minuteRows('a', 0, 15));
      await handle.store.kpiDays.refreshKpiDays();
      const again = await handle.reopen();
      expect((await again.kpiDays.queryKpiDays({ unitIds: ['a'], fromDay: DAY, toDay: DAY + 1 })).map((d) => d.stats.readings_n)).toEqual([15]);
    });
  });
}
