import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateFleet, parseEpw, type FleetDefinition } from '../../sim/index.js';
import { expectedVsActual, rankByShortfall, type ExpectedVsActual } from './expected-vs-actual.js';
import { hourlyOutdoorFromReadings, periodWeather } from './measured-weather.js';
import { setpointsFromReadings } from './measured-setpoints.js';
import { hasNonFinite } from '../unit-kpis/test-support.js';
import { runTwinFleet } from './twin-fleet.js';

const weather = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const FROM_MS = Date.parse('2019-01-08T00:00:00+08:00');
const period = { fromMs: FROM_MS, toMs: FROM_MS + 5 * 86_400_000 };
const STEP_S = 300;

// Eight radiator households, all commissioned with a weather-compensated curve — except ev-003, whose installer left a fixed 62 °C
// flow (what the registry does not know), and ev-006, whose heat meter reads 0 for six hours while the unit runs.
const base = generateFleet({ name: 'ev', count: 8, areaM2: [90, 120, 160], envelope: { 'partially-insulated': 1 }, emitter: { radiator: 1 }, unitType: { 'air-to-water': 1 }, inverterShare: 1, capacityKw: [8, 10, 12], weatherCompensatedShare: 1 }, 5);
// Radiators sized for the typical 50 °C design flow the registry view assumes.
const fleet: FleetDefinition = { ...base, households: base.households.map((h) => ({ ...h, hydronics: { ...h.hydronics, ...(h.id === 'ev-003' ? { curve: 'fixed' as const, designFlowTempC: 62 } : { designFlowTempC: 50 }) } })) };
const broken = (FROM_MS + 2 * 86_400_000);
const run = runTwinFleet(fleet, weather, period, STEP_S, {
  corrupt: (id, rs) => (id !== 'ev-006' ? rs : rs.map((r) => (r.tsMs >= broken && r.tsMs < broken + 6 * 3_600_000 ? { ...r, values: { ...r.values, heatPowerW: 0 } } : r))),
  registryOf: (h) => (h.id === 'ev-003' ? { ...h, hydronics: { ...h.hydronics, curve: 'weather-compensated', designFlowTempC: 50 } } : h),
});
const results: ExpectedVsActual[] = run.units.map((u) => expectedVsActual({
  unit: u.unit, building: u.building, kpis: u.kpis, typicalWeather: weather,
  hourlyOutdoorC: hourlyOutdoorFromReadings(run.readings.get(u.unit.id) ?? [], period),
  assumptions: setpointsFromReadings(run.readings.get(u.unit.id) ?? [], period) ?? {},
}));
const ranking = rankByShortfall(results);

describe('expected vs actual on a twin fleet with known faults', () => {
  it('prints the comparison when FLEET_EVAL_REPORT is set', () => {
    if (!process.env.FLEET_EVAL_REPORT) return;
    console.table(results.map((r) => ({
      unit: r.unitId, status: r.status, actual: r.actual.spf.h2?.toFixed(3), expected: r.expected?.spf.h2?.toFixed(3), gapPct: r.gap?.spfPct.toFixed(1),
      flow: `${r.actual.heatWeightedFlowC?.toFixed(1)}/${r.expected?.heatWeightedFlowC?.toFixed(1)}`, carnot: `${r.actual.carnotPct?.toFixed(1)}/${r.expected?.carnotPct?.toFixed(1)}`,
      starts: `${r.actual.startsPerRunningHour?.toFixed(2)}/${r.expected?.startsPerRunningHour?.toFixed(2)}`, causes: r.causes.map((c) => c.code).join(','),
      weather: `${r.weather.source} ${r.weather.measuredHoursPct.toFixed(0)}%`, why: r.notEvaluable.map((x) => x.detail).join('; '),
    })));
  });
  it('the unit with the wrong heating curve has the largest shortfall, explained by its flow temperature', () => {
    expect(ranking.ranked[0]?.unitId).toBe('ev-003');
    const r = results.find((x) => x.unitId === 'ev-003');
    expect(r?.gap?.spfPct).toBeLessThan(-10);
    expect(r?.causes[0]?.code).toBe('high-flow-temperature');
    expect(r?.causes[0]?.estimatedSpfLoss).toBeGreaterThan(0.2);
    const flow = r?.causes[0]?.evidence[0];
    expect((flow?.actual ?? 0) - (flow?.expected ?? 0)).toBeGreaterThan(5);
  });
  it('the broken heat meter gives "not evaluable", never a rank', () => {
    const r = results.find((x) => x.unitId === 'ev-006');
    expect(r?.status).toBe('not-evaluable');
    expect(r?.notEvaluable.map((x) => x.code)).toContain('heat-meter-fault');
    expect(ranking.ranked.some((x) => x.unitId === 'ev-006')).toBe(false);
    expect(ranking.notEvaluable.map((x) => x.unitId)).toEqual(['ev-006']);
  });
  it('correctly commissioned units are close to their expectation and show no flow-temperature cause', () => {
    const healthy = results.filter((x) => x.unitId !== 'ev-003' && x.unitId !== 'ev-006');
    for (const r of healthy) {
      expect(r.status).toBe('evaluated');
      expect(Math.abs(r.gap?.spfPct ?? 100), r.unitId).toBeLessThan(5);
      expect(r.causes.map((c) => c.code)).not.toContain('high-flow-temperature');
    }
    expect(results[0]?.weather.source).toBe('measured');
    expect(hasNonFinite(results)).toBe(false);
    expect(JSON.parse(JSON.stringify({ results, ranking }))).toEqual({ results, ranking });
    expect(results[0]?.boundaryLabel).toBe('SPF H2, 2019-01-08..2019-01-12'); // five local days, the last inclusive
  });
});

describe('the period weather', () => {
  it('replaces the typical year by measured hourly means; missing hours fall back with a warning', () => {
    const cold = Array.from({ length: 24 }, (_, h) => ({ hourStartMs: FROM_MS + h * 3_600_000, tempC: -15 }));
    const w = periodWeather(weather, cold, { fromMs: FROM_MS, toMs: FROM_MS + 48 * 3_600_000 });
    expect(w.source).toBe('mixed');
    expect(w.measuredHoursPct).toBeCloseTo((100 * 25) / 49, 6);
    expect(w.warnings[0]).toMatch(/measured for 51 % of hours/);
    expect(weather.tempC.some((t, i) => t !== w.weather.tempC[i])).toBe(true);
    const none = periodWeather(weather, [], { fromMs: FROM_MS, toMs: FROM_MS + 3_600_000 });
    expect(none.source).toBe('typical-year');
    expect(none.warnings[0]).toMatch(/typical year/);
    expect(() => periodWeather(weather, [{ hourStartMs: FROM_MS, tempC: 150 }], period)).toThrow(/150 °C/);
  });
  it('a colder measured period makes the twin expect more heat', () => {
    const u = run.units[0];
    if (!u) throw new Error('no unit');
    const cold = Array.from({ length: 5 * 24 }, (_, h) => ({ hourStartMs: FROM_MS + h * 3_600_000, tempC: -12 }));
    const typical = expectedVsActual({ unit: u.unit, building: u.building, kpis: u.kpis, typicalWeather: weather, hourlyOutdoorC: [] });
    const colder = expectedVsActual({ unit: u.unit, building: u.building, kpis: u.kpis, typicalWeather: weather, hourlyOutdoorC: cold });
    expect(typical.weather.source).toBe('typical-year');
    expect(typical.warnings[0]).toMatch(/typical year/);
    expect(colder.expected?.heatKWh).toBeGreaterThan((typical.expected?.heatKWh ?? 0) * 1.2);
    expect(() => expectedVsActual({ unit: u.unit, building: u.building, kpis: u.kpis, typicalWeather: weather, hourlyOutdoorC: [] }, { stepS: 5 })).toThrow(/stepS/);
    const nob = expectedVsActual({ unit: u.unit, building: undefined, kpis: u.kpis, typicalWeather: weather, hourlyOutdoorC: [] });
    expect(nob.notEvaluable[0]?.code).toBe('no-building');
  });
});
