/**
 * Contract of the FaultEventStore port: the store finds the same fault events as `faultEventsFromReadings`
 * (after-sales.ts) over the period's readings — runs of one code, ended by a reading without it or by a gap.
 */
import { describe, expect, it } from 'vitest';
import { faultEventsFromReadings } from '../../analytics/fleet-eval/after-sales.js';
import type { FaultEventStore } from '../../app/ports/fault-event-store.js';
import type { TelemetryStore } from '../../app/ports/telemetry-store.js';
import type { Reading } from '../../domain/telemetry-channels.js';
import { useStoreHandle, type StoreHandle } from './store-handle.js';

export type FaultEventStoreHandle = StoreHandle<{ telemetry: TelemetryStore; faults: FaultEventStore }>;

const MIN_MS = 60_000;
const T0 = Date.UTC(2018, 11, 1);
const r = (unitId: string, minute: number, faultCode?: string): Reading =>
  faultCode === undefined ? { unitId, tsMs: T0 + minute * MIN_MS, values: { unitPowerW: 500 } } : { unitId, tsMs: T0 + minute * MIN_MS, values: { unitPowerW: 500 }, faultCode };

export function runFaultEventStoreContract(name: string, newStore: () => Promise<FaultEventStoreHandle>): void {
  describe(`FaultEventStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('finds runs of a code, split by a clearing reading and by a gap, as faultEventsFromReadings does', async () => {
      const { store } = await open();
      const readings = [
        // u1: E3 for minutes 0–2, cleared at 3, back at 4–5 (two events); E7 alongside E3 at 1–2
        r('u1', 0, 'E3'), r('u1', 1, 'E3,E7'), r('u1', 2, 'E7; E3'), r('u1', 3), r('u1', 4, 'E3'), r('u1', 5, 'E3'),
        // u1: E9 at 30 and 60 with no reading between: 30 min apart > 15 min limit → two events
        r('u1', 30, 'E9'), r('u1', 60, 'E9'),
        // u2: E1 at 0 and 10 with no reading between (within the limit) → one event of two readings
        r('u2', 0, 'E1'), r('u2', 10, 'E1'), r('u2', 11),
        // u3: not asked for
        r('u3', 0, 'E1'),
      ];
      await store.telemetry.append(readings);
      const asked = readings.filter((x) => x.unitId !== 'u3');
      const expected = faultEventsFromReadings(asked, 900);
      const got = await store.faults.queryFaultEvents({ unitIds: ['u1', 'u2'], fromMs: T0, toMs: T0 + 86_400_000, maxGapS: 900 });
      expect(got).toEqual(expected);
      expect(got.filter((e) => e.unitId === 'u1' && e.code === 'E3').map((e) => e.readings)).toEqual([3, 2]);
      expect(got.filter((e) => e.code === 'E9')).toHaveLength(2);
      expect(got.find((e) => e.unitId === 'u2')).toMatchObject({ code: 'E1', startMs: T0, endMs: T0 + 10 * MIN_MS, readings: 2 });
    });

    it('keeps to the period [from, to) and answers nothing for no units or an empty period', async () => {
      const { store } = await open();
      const readings = [r('u1', 0, 'E3'), r('u1', 1, 'E3'), r('u1', 2, 'E3'), r('u1', 3, 'E3')];
      await store.telemetry.append(readings);
      const period = { fromMs: T0 + MIN_MS, toMs: T0 + 3 * MIN_MS };
      const got = await store.faults.queryFaultEvents({ unitIds: ['u1'], ...period, maxGapS: 900 });
      expect(got).toEqual(faultEventsFromReadings(readings.filter((x) => x.tsMs >= period.fromMs && x.tsMs < period.toMs)));
      expect(got).toEqual([{ unitId: 'u1', code: 'E3', startMs: T0 + MIN_MS, endMs: T0 + 2 * MIN_MS, readings: 2 }]);
      expect(await store.faults.queryFaultEvents({ unitIds: [], fromMs: T0, toMs: T0 + 86_400_000, maxGapS: 900 })).toEqual([]);
      expect(await store.faults.queryFaultEvents({ unitIds: ['u1'], fromMs: T0, toMs: T0, maxGapS: 900 })).toEqual([]);
      await expect(store.faults.queryFaultEvents({ unitIds: ['u1'], fromMs: T0, toMs: T0 + 1, maxGapS: 0 })).rejects.toThrow(/maxGapS/);
    });

    it('agrees with faultEventsFromReadings on an irregular record with many faults', async () => {
      const { store } = await open();
      const codes = ['E1', 'E2', 'E1,E2', undefined, undefined, 'E5'];
      const readings: Reading[] = [];
      let minute = 0;
      for (let i = 0; i < 400; i++) {
        minute += 1 + ((i * 7) % 23); // gaps 1–23 min, some above the 15-min limit
        for (const u of ['a', 'b']) readings.push(r(u, minute, codes[(i * (u === 'a' ? 5 : 3)) % codes.length]));
      }
      await store.telemetry.append(readings);
      const got = await store.faults.queryFaultEvents({ unitIds: ['a', 'b'], fromMs: T0, toMs: T0 + 30 * 86_400_000, maxGapS: 900 });
      expect(got.length).toBeGreaterThan(20);
      expect(got).toEqual(faultEventsFromReadings(readings, 900));
    });
  });
}
