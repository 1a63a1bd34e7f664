/**
 * Contract of the TelemetryStore port: what ingestion, dashboards and analytics rely on. Every
 * adapter (DuckDB, PostgreSQL, …) runs this same suite against a real engine.
 */
import { describe, expect, it } from 'vitest';
import { useStoreHandle, type StoreHandle } from './store-handle.js';
import type { DeadLetter, TelemetryStore } from '../../app/ports/telemetry-store.js';
import type { Reading } from '../../domain/telemetry-channels.js';

export type TelemetryStoreHandle = StoreHandle<TelemetryStore>;

const MIN_MS = 60_000;
const Q_MS = 15 * MIN_MS;
const H_MS = 60 * MIN_MS;
const D_MS = 24 * H_MS;
/** A UTC midnight, so 15-min, hourly and daily buckets all start here. */
const T0 = Date.UTC(2024, 0, 15);

const r = (unitId: string, tsMs: number, values: Reading['values'], faultCode?: string): Reading =>
  faultCode === undefined ? { unitId, tsMs, values } : { unitId, tsMs, values, faultCode };

export function runTelemetryStoreContract(name: string, newStore: () => Promise<TelemetryStoreHandle>): void {
  describe(`TelemetryStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('stores readings and reads them back in time order within [from, to)', async () => {
      const { store } = await open();
      const a = r('u1', T0, { outdoorTempC: -3.5, indoorTempC: 19.25 });
      const b = r('u1', T0 + MIN_MS, { unitPowerW: 1500, compressorOn: 1 }, 'E3');
      const c = r('u1', T0 + 2 * MIN_MS, { outdoorTempC: -4 });
      expect(await store.append([c, a, b, r('u2', T0, { indoorTempC: 20 })])).toEqual({ inserted: 4, duplicates: 0 });
      expect(await store.queryRaw({ unitId: 'u1', fromMs: T0, toMs: T0 + 10 * MIN_MS })).toEqual([a, b, c]);
      // from is inclusive, to is exclusive
      expect(await store.queryRaw({ unitId: 'u1', fromMs: T0 + MIN_MS, toMs: T0 + 2 * MIN_MS })).toEqual([b]);
      expect(await store.queryRaw({ unitId: 'u1', fromMs: T0, toMs: T0 + 10 * MIN_MS, limit: 2 })).toEqual([a, b]);
      expect(await store.queryRaw({ unitId: 'nobody', fromMs: T0, toMs: T0 + D_MS })).toEqual([]);
      expect(await store.countReadings()).toBe(4);
    });

    it('stores a repeated delivery once and counts it as a duplicate', async () => {
      const { store } = await open();
      const batch = [r('u1', T0, { indoorTempC: 20 }), r('u1', T0 + MIN_MS, { indoorTempC: 21 })];
      expect(await store.append(batch)).toEqual({ inserted: 2, duplicates: 0 });
      expect(await store.append(batch)).toEqual({ inserted: 0, duplicates: 2 });
      // the same (unit, ts) twice inside one batch, next to a new one
      expect(await store.append([r('u1', T0 + 2 * MIN_MS, { indoorTempC: 22 }), r('u1', T0 + 2 * MIN_MS, { indoorTempC: 22 }), batch[0] as Reading])).toEqual({
        inserted: 1,
        duplicates: 2,
      });
      expect(await store.countReadings()).toBe(3);
      expect(await store.append([])).toEqual({ inserted: 0, duplicates: 0 });
    });

    it('merges channels a later delivery adds, never changing a stored value', async () => {
      const { store } = await open();
      await store.append([r('u1', T0, { indoorTempC: 20 })]);
      expect(await store.append([r('u1', T0, { indoorTempC: 99, outdoorTempC: -5 }, 'E1')])).toEqual({ inserted: 0, duplicates: 1 });
      expect(await store.append([r('u1', T0, { outdoorTempC: 7, unitPowerW: 800 }, 'E2')])).toEqual({ inserted: 0, duplicates: 1 });
      // within one batch the first delivery wins too
      await store.append([r('u1', T0 + MIN_MS, { indoorTempC: 1 }), r('u1', T0 + MIN_MS, { indoorTempC: 2, setpointC: 18 })]);
      expect(await store.queryRaw({ unitId: 'u1', fromMs: T0, toMs: T0 + H_MS })).toEqual([
        r('u1', T0, { indoorTempC: 20, outdoorTempC: -5, unitPowerW: 800 }, 'E1'),
        r('u1', T0 + MIN_MS, { indoorTempC: 1, setpointC: 18 }),
      ]);
      expect(await store.countReadings()).toBe(2);
    });

    it('accepts late and out-of-order data', async () => {
      const { store } = await open();
      await store.append([r('u1', T0 + 3 * H_MS, { indoorTempC: 3 })]);
      await store.append([r('u1', T0 + H_MS, { indoorTempC: 1 }), r('u1', T0 - D_MS, { indoorTempC: -1 })]);
      await store.append([r('u1', T0 + 2 * H_MS, { indoorTempC: 2 })]);
      const rows = await store.queryRaw({ unitId: 'u1', fromMs: T0 - 2 * D_MS, toMs: T0 + D_MS });
      expect(rows.map((x) => x.values.indoorTempC)).toEqual([-1, 1, 2, 3]);
      // a redelivery of an old instant (not the unit's newest) is still recognised and merged
      expect(await store.append([r('u1', T0 - D_MS, { indoorTempC: 5, outdoorTempC: -9 }), r('u1', T0 - 2 * D_MS, { indoorTempC: -2 })])).toEqual({ inserted: 1, duplicates: 1 });
      expect(await store.queryRaw({ unitId: 'u1', fromMs: T0 - D_MS, toMs: T0 - D_MS + 1 })).toEqual([r('u1', T0 - D_MS, { indoorTempC: -1, outdoorTempC: -9 })]);
      expect(await store.countReadings()).toBe(5);
    });

    it('counts each reading once when appends run concurrently', async () => {
      const { store } = await open();
      const batches = Array.from({ length: 12 }, (_, i) =>
        // overlapping windows: batch i covers minutes i..i+9
        Array.from({ length: 10 }, (_, k) => r(`u${k % 3}`, T0 + (i + k) * MIN_MS, { indoorTempC: 20 + k })),
      );
      const results = await Promise.all(batches.map((b) => store.append(b)));
      const unique = new Set(batches.flat().map((x) => `${x.unitId}/${x.tsMs}`)).size;
      expect(results.reduce((s, x) => s + x.inserted, 0)).toBe(unique);
      expect(results.reduce((s, x) => s + x.inserted + x.duplicates, 0)).toBe(120);
      expect(await store.countReadings()).toBe(unique);
    });

    describe('rollups', () => {
      // u1, channel indoorTempC; 15-min bucket [T0, T0+15m) holds 1, 2, 6; the boundary instant T0+15m starts the next one.
      const day1 = [
        r('u1', T0, { indoorTempC: 1, outdoorTempC: -2 }),
        r('u1', T0 + 5 * MIN_MS, { indoorTempC: 2 }),
        r('u1', T0 + Q_MS - 1, { indoorTempC: 6 }),
        r('u1', T0 + Q_MS, { indoorTempC: 10 }),
        r('u1', T0 + 5 * H_MS, { indoorTempC: 20 }),
        r('u1', T0 + D_MS - 1, { indoorTempC: 0.5 }),
      ];

      it('aggregates avg/min/max/n per 15-min bucket, with buckets split exactly at the boundary', async () => {
        const { store } = await open();
        await store.append(day1);
        const rows = await store.queryRollup({ unitIds: ['u1'], resolution: '15m', fromMs: T0, toMs: T0 + H_MS });
        expect(rows.map((x) => x.bucketStartMs)).toEqual([T0, T0 + Q_MS]);
        expect(rows[0]?.unitId).toBe('u1');
        expect(rows[0]?.channels.indoorTempC).toEqual({ avg: 3, min: 1, max: 6, n: 3 });
        expect(rows[0]?.channels.outdoorTempC).toEqual({ avg: -2, min: -2, max: -2, n: 1 });
        expect(rows[0]?.channels.unitPowerW).toBeUndefined();
        expect(rows[1]?.channels.indoorTempC).toEqual({ avg: 10, min: 10, max: 10, n: 1 });
      });

      it('weights hourly and daily averages by the number of raw values', async () => {
        const { store } = await open();
        await store.append([...day1, r('u1', T0 + D_MS, { indoorTempC: 100 })]);
        const hours = await store.queryRollup({ unitIds: ['u1'], resolution: '1h', fromMs: T0, toMs: T0 + D_MS });
        expect(hours.map((x) => x.bucketStartMs)).toEqual([T0, T0 + 5 * H_MS, T0 + 23 * H_MS]);
        // (1 + 2 + 6 + 10) / 4, not the mean of the 15-min means (3 + 10) / 2
        expect(hours[0]?.channels.indoorTempC).toEqual({ avg: 4.75, min: 1, max: 10, n: 4 });
        const days = await store.queryRollup({ unitIds: ['u1'], resolution: '1d', fromMs: T0, toMs: T0 + 2 * D_MS });
        expect(days.map((x) => x.bucketStartMs)).toEqual([T0, T0 + D_MS]);
        const d0 = days[0]?.channels.indoorTempC;
        expect(d0?.n).toBe(6);
        expect(d0?.avg).toBeCloseTo((1 + 2 + 6 + 10 + 20 + 0.5) / 6, 12);
        expect([d0?.min, d0?.max]).toEqual([0.5, 20]);
        expect(days[1]?.channels.indoorTempC).toEqual({ avg: 100, min: 100, max: 100, n: 1 });
        // [from, to) on bucket starts
        expect(await store.queryRollup({ unitIds: ['u1'], resolution: '1d', fromMs: T0 + 1, toMs: T0 + D_MS })).toEqual([]);
      });

      it('brings rollups up to date after late, out-of-order and merged data', async () => {
        const { store } = await open();
        await store.append(day1);
        expect((await store.queryRollup({ unitIds: ['u1'], resolution: '1h', fromMs: T0, toMs: T0 + H_MS }))[0]?.channels.indoorTempC?.n).toBe(4);
        expect(await store.refreshRollups()).toBe(0);
        // a late reading into the first bucket, and a merge of a new channel into a stored row
        await store.append([r('u1', T0 + MIN_MS, { indoorTempC: 3 }), r('u1', T0 + Q_MS, { indoorTempC: 999, unitPowerW: 1000 })]);
        expect(await store.refreshRollups()).toBeGreaterThan(0);
        const q = await store.queryRollup({ unitIds: ['u1'], resolution: '15m', fromMs: T0, toMs: T0 + H_MS });
        expect(q[0]?.channels.indoorTempC).toEqual({ avg: 3, min: 1, max: 6, n: 4 });
        expect(q[1]?.channels.indoorTempC).toEqual({ avg: 10, min: 10, max: 10, n: 1 });
        expect(q[1]?.channels.unitPowerW).toEqual({ avg: 1000, min: 1000, max: 1000, n: 1 });
        const day = await store.queryRollup({ unitIds: ['u1'], resolution: '1d', fromMs: T0, toMs: T0 + D_MS });
        expect(day[0]?.channels.indoorTempC?.n).toBe(7);
        expect(day[0]?.channels.indoorTempC?.avg).toBeCloseTo((1 + 2 + 3 + 6 + 10 + 20 + 0.5) / 7, 12);
      });

      it('answers for several units, ordered by unit then time', async () => {
        const { store } = await open();
        await store.append([r('u2', T0 + H_MS, { indoorTempC: 5 }), r('u1', T0 + H_MS, { indoorTempC: 1 }), r('u2', T0, { indoorTempC: 4 }), r('u3', T0, { indoorTempC: 9 })]);
        const rows = await store.queryRollup({ unitIds: ['u2', 'u1'], resolution: '1h', fromMs: T0, toMs: T0 + D_MS });
        expect(rows.map((x) => [x.unitId, x.bucketStartMs, x.channels.indoorTempC?.avg])).toEqual([
          ['u1', T0 + H_MS, 1],
          ['u2', T0, 4],
          ['u2', T0 + H_MS, 5],
        ]);
        expect(await store.queryRollup({ unitIds: [], resolution: '1h', fromMs: T0, toMs: T0 + D_MS })).toEqual([]);
      });
    });

    it('returns the newest stored reading per unit, merged channels included', async () => {
      const { store } = await open();
      await store.append([r('u1', T0 + 2 * MIN_MS, { indoorTempC: 22 }), r('u1', T0, { indoorTempC: 20 }), r('u2', T0, { indoorTempC: 18 })]);
      await store.append([r('u1', T0 + MIN_MS, { indoorTempC: 21 })]); // older than the newest: no change
      await store.append([r('u1', T0 + 2 * MIN_MS, { indoorTempC: 0, outdoorTempC: -6 }, 'E9')]); // merge into the newest
      const latest = await store.latest(['u1', 'u2', 'unknown']);
      expect([...latest].sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([
        r('u1', T0 + 2 * MIN_MS, { indoorTempC: 22, outdoorTempC: -6 }, 'E9'),
        r('u2', T0, { indoorTempC: 18 }),
      ]);
      await store.append([r('u2', T0 + H_MS, { unitPowerW: 10 })]);
      expect(await store.latest(['u2'])).toEqual([r('u2', T0 + H_MS, { unitPowerW: 10 })]);
      expect(await store.latest([])).toEqual([]);
    });

    describe('dead letters', () => {
      const dl = (receivedAtMs: number, senderId: string | null, reason: string): DeadLetter => ({
        receivedAtMs,
        source: senderId === null ? 'http' : 'mqtt',
        senderId,
        topic: senderId === null ? null : `heatfleet/v1/${senderId}/telemetry`,
        reason,
        payload: `{"reason":"${reason}"}`,
      });

      it('lists newest first, filtered by sender, paged by time, limited', async () => {
        const { store } = await open();
        await store.addDeadLetters([dl(T0, 'd1', 'a'), dl(T0 + 2000, 'd2', 'c')]);
        await store.addDeadLetters([dl(T0 + 1000, null, 'b'), dl(T0 + 3000, 'd1', 'd')]);
        await store.addDeadLetters([]);
        expect((await store.listDeadLetters({ limit: 10 })).map((x) => x.reason)).toEqual(['d', 'c', 'b', 'a']);
        expect(await store.listDeadLetters({ limit: 10 })).toContainEqual(dl(T0 + 1000, null, 'b'));
        expect((await store.listDeadLetters({ limit: 10, senderIds: ['d1'] })).map((x) => x.reason)).toEqual(['d', 'a']);
        expect((await store.listDeadLetters({ limit: 10, senderIds: ['d1', 'd2'], beforeMs: T0 + 3000 })).map((x) => x.reason)).toEqual(['c', 'a']);
        expect((await store.listDeadLetters({ limit: 2 })).map((x) => x.reason)).toEqual(['d', 'c']);
        expect(await store.listDeadLetters({ limit: 10, senderIds: [] })).toEqual([]);
      });
    });

    it('keeps everything across close and reopen', async () => {
      const h = await open();
      if (h.reopen === undefined) return; // volatile adapter: nothing to check
      await h.store.append([r('u1', T0, { indoorTempC: 20 }), r('u1', T0 + MIN_MS, { indoorTempC: 22 }, 'E1')]);
      await h.store.addDeadLetters([{ receivedAtMs: T0, source: 'mqtt', senderId: 'd1', topic: 't', reason: 'bad', payload: '{}' }]);
      await h.store.close(); // rollups never refreshed before closing
      const again = await h.reopen();
      expect(await again.countReadings()).toBe(2);
      expect(await again.queryRaw({ unitId: 'u1', fromMs: T0, toMs: T0 + H_MS })).toHaveLength(2);
      expect(await again.latest(['u1'])).toEqual([r('u1', T0 + MIN_MS, { indoorTempC: 22 }, 'E1')]);
      expect((await again.queryRollup({ unitIds: ['u1'], resolution: '15m', fromMs: T0, toMs: T0 + H_MS }))[0]?.channels.indoorTempC).toEqual({ avg: 21, min: 20, max: 22, n: 2 });
      expect(await again.listDeadLetters({ limit: 5 })).toHaveLength(1);
      // exactly-once holds across restarts
      expect(await again.append([r('u1', T0, { indoorTempC: 20 })])).toEqual({ inserted: 0, duplicates: 1 });
    });
  });
}
