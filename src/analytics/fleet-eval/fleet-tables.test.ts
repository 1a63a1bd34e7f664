import { describe, expect, it } from 'vitest';
import { capacityBand } from './evaluated-unit.js';
import { compareUnits, filterUnits, kpiDistribution } from './fleet-tables.js';
import { population } from './test-population.js';

const units = population([
  { id: 'f1', spf: 3.0, emitter: 'floor', control: 'inverter', capacityKw: 8, installedOn: '2017-10-01', villageId: 'v1' },
  { id: 'f2', spf: 3.4, emitter: 'floor', control: 'fixed-speed', capacityKw: 12, installedOn: '2018-10-01', villageId: 'v2' },
  { id: 'r1', spf: 2.2, emitter: 'radiator', control: 'inverter', capacityKw: 10, installedOn: '2017-10-01', villageId: 'v1', manufacturer: 'Bolt' },
  { id: 'r2', spf: 2.6, emitter: 'radiator', control: 'fixed-speed', capacityKw: 14, installedOn: '2019-10-01', villageId: 'v2' },
  { id: 'bad', spf: 3, heatMeterFault: true, coverage: 1 },
]);

describe('fleet filters', () => {
  it('combines criteria; alternatives inside one list', () => {
    const ids = (f: unknown) => filterUnits(units, f).units.map((u) => u.unit.id);
    expect(ids({ emitters: ['radiator'] })).toEqual(['r1', 'r2']);
    expect(ids({ villageIds: ['v1'], capacityControls: ['inverter'] })).toEqual(['f1', 'r1', 'bad']);
    expect(ids({ villageIds: ['v2'], capacityControls: ['fixed-speed'], emitters: ['floor', 'radiator'] })).toEqual(['f2', 'r2']);
    expect(ids({ capacityKw: { minKw: 10, maxKw: 14 } })).toEqual(['f2', 'r1', 'bad']);
    expect(ids({ installationYears: { from: 2018 } })).toEqual(['f2', 'r2']);
    expect(ids({ manufacturers: ['Bolt'] })).toEqual(['r1']);
    expect(filterUnits(units, {}).matched).toBe(5);
  });
  it('a bad filter names the field', () => {
    expect(() => filterUnits(units, { emitters: ['stove'] })).toThrow(/emitters\.0/);
    expect(() => filterUnits(units, { village: ['v1'] })).toThrow(/village/);
    expect(() => filterUnits(units, { capacityKw: { minKw: 12, maxKw: 8 } })).toThrow(/minKw must be below maxKw/);
  });
});

describe('distributions and comparisons', () => {
  it('quantiles and histogram bins of SPF H2, with not-computable units counted apart', () => {
    const ok = units.filter((u) => u.unit.id !== 'bad');
    const d = kpiDistribution(ok, { kpi: 'spfH2', bins: 4, range: [2, 4] });
    expect([d.n, d.nMissing, d.boundary, d.label]).toEqual([4, 0, 'h2', 'SPF H2']);
    expect(d.quantiles?.p50).toBeCloseTo(2.8, 9);
    // bins [2, 2.5), [2.5, 3), [3, 3.5), [3.5, 4]: 2.2 | 2.6 | 3.0, 3.4 | —
    expect(d.histogram.map((b) => [b.fromIncl, b.count])).toEqual([[2, 1], [2.5, 1], [3, 2], [3.5, 0]]);
    const t = kpiDistribution(ok, { kpi: 'spfH4' });
    expect([t.n, t.nMissing, t.quantiles]).toEqual([0, 4, null]);
    expect(() => kpiDistribution(ok, { kpi: 'spfH9' })).toThrow(/kpi/);
  });
  it('compares chosen units side by side with each figure labelled by its boundary', () => {
    const c = compareUnits(units, { unitIds: ['r1', 'f2'], kpis: ['spfH2', 'flowTempC'] });
    expect(c.units.map((u) => u.unitId)).toEqual(['r1', 'f2']);
    expect(c.rows[0]?.boundary).toBe('h2');
    expect(c.rows[0]?.values.map((v) => Number(v?.toFixed(3)))).toEqual([2.2, 3.4]);
    expect(c.rows[1]?.values).toEqual([40, 40]);
    expect(() => compareUnits(units, { unitIds: ['nope'] })).toThrow(/unknown unit nope/);
  });
});

describe('capacity bands', () => {
  it('labels bands by their edges, lower edge included', () => {
    expect([7.5, 8, 9.9, 10, 14, 20].map((kw) => capacityBand(kw, [8, 10, 14]))).toEqual(['<8 kW', '8–10 kW', '8–10 kW', '10–14 kW', '≥14 kW', '≥14 kW']);
    expect(capacityBand(9, [])).toBe('all');
  });
  it('units from different periods are not put in one table', () => {
    const other = population([{ id: 'x', spf: 3 }])[0];
    if (!other) throw new Error('no unit');
    const shifted = { ...other, kpis: { ...other.kpis, period: { ...other.kpis.period, toIso: '2019-02-01T00:00:00.000Z' } } };
    expect(() => kpiDistribution([...units, shifted], { kpi: 'spfH2' })).toThrow(/different periods/);
  });
});
