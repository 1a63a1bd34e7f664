import { describe, expect, it } from 'vitest';
import type { Reading } from '../../domain/telemetry-channels.js';
import { afterSalesMetrics, faultEventsFromReadings } from './after-sales.js';
import { buildUnit } from './test-population.js';

const r = (unitId: string, minute: number, faultCode?: string): Reading => ({ unitId, tsMs: minute * 60_000, values: {}, ...(faultCode ? { faultCode } : {}) });

describe('fault events from reported fault codes', () => {
  it('a run of the same code is one event; clearing and returning, or a long gap, starts another; several codes are separate', () => {
    const ev = faultEventsFromReadings([
      r('u', 3, 'E3'), r('u', 0, 'E3'), r('u', 1, 'E3,E7'), r('u', 2, 'E3'), r('u', 4), r('u', 5, 'E3'), r('u', 40, 'E3'),
      r('v', 0, 'E1'), r('v', 0),
    ]);
    expect(ev.map((e) => [e.unitId, e.code, e.startMs / 60_000, e.endMs / 60_000, e.readings])).toEqual([
      ['u', 'E3', 0, 3, 4], ['u', 'E7', 1, 1, 1], ['u', 'E3', 5, 5, 1], ['u', 'E3', 40, 40, 1], ['v', 'E1', 0, 0, 1],
    ]);
  });
});

describe('after-sales metrics', () => {
  const built = [
    buildUnit({ id: 'a1', model: 'A', spf: 3, fault: { code: 'E3', from: 0, to: 5 } }),
    buildUnit({ id: 'a2', model: 'A', spf: 3 }),
    buildUnit({ id: 'b1', model: 'B', spf: 3, fault: { code: 'P1', from: 30, to: 40 } }),
  ];
  const events = faultEventsFromReadings([...built.flatMap((b) => b.readings), r('ghost', 1, 'E9')]);
  const rep = afterSalesMetrics(built.map((b) => b.evaluated), events, { seasonDays: 1 });
  it('events per unit-season, share of units with faults and mean time between faults, per model', () => {
    const a = rep.groups.find((g) => g.key === 'Acme / A');
    // 2 units × 2 h = 4 h = 1/6 of a 1-day season; 1 event → 6 events per unit-season, MTBF 4 h.
    expect(a?.eventsPerUnitSeason).toBeCloseTo(6, 9);
    expect([a?.unitsWithFaults, a?.unitsWithFaultsPct, a?.meanTimeBetweenFaultsH, a?.byCode]).toEqual([1, 50, 4, { E3: 1 }]);
    expect(rep.fleet.faultEvents).toBe(2);
    expect(rep.eventsOfOtherUnits).toBe(1);
  });
  it('says that there are no service records instead of a figure', () => {
    expect(rep.serviceRecords.available).toBe(false);
    expect(rep.serviceRecords.note).toMatch(/no service records/);
  });
});
