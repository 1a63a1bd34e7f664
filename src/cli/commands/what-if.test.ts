import { describe, expect, it } from 'vitest';
import { DEFAULT_EPW } from './simulate.js';
import { formatWhatIf, runWhatIf, type WhatIfOptions } from './what-if.js';

// bj103-005 (seed 1): an uninsulated 138 m² house with radiators at a fixed 51 °C flow and a 12.5 kW inverter unit.
const base: WhatIfOptions = {
  fleet: 'beijing-103', seed: '1', household: 'bj103-005', change: [], weather: DEFAULT_EPW, from: '2019-01-07', to: '2019-01-14', step: '15m',
};

describe('heatfleet what-if', () => {
  it('answers the retrofit questions in the expected directions, one column per variant', () => {
    const r = runWhatIf({ ...base, change: ['envelope=retrofitted', 'emitter=floor', 'setpoint=21'], price: '0.4883' });
    const [baseline, retrofit, floor, warmer] = r.variants;
    expect(r.variants.map((v) => v.label)).toEqual(['baseline', 'envelope=retrofitted', 'emitter=floor', 'setpoint=21']);
    // Retrofitting the envelope lowers the heat the house needs (same weather, same period).
    expect(retrofit?.heatKWh).toBeLessThan((baseline?.heatKWh as number) * 0.8);
    // Floor heating runs at a lower flow temperature (38 °C default vs 51 °C): higher SPF at every boundary.
    for (const b of ['h1', 'h2', 'h3', 'h4'] as const) expect(floor?.spf[b]).toBeGreaterThan(baseline?.spf[b] as number);
    // A higher setpoint costs heat and electricity.
    expect(warmer?.heatKWh).toBeGreaterThan(baseline?.heatKWh as number);
    expect(warmer?.electricityKWh.total).toBeGreaterThan(baseline?.electricityKWh.total as number);
    expect(baseline?.costYuan).toBeCloseTo((baseline?.electricityKWh.total as number) * 0.4883, 1);
    const table = formatWhatIf(r);
    expect(table).toMatch(/SPF H1 .*\n.*SPF H2/);
    expect(table).toMatch(/peak electric kW/);
    expect(table.split('\n')[1]).toMatch(/baseline +envelope=retrofitted +emitter=floor +setpoint=21/);
  });
  it('combines keys inside one --change into one variant', () => {
    const r = runWhatIf({ ...base, to: '2019-01-09', change: ['envelope=retrofitted,emitter=floor,flow=35'] });
    expect(r.variants).toHaveLength(2);
    expect(r.variants[1]?.heatKWh).toBeLessThan(r.variants[0]?.heatKWh as number);
  });
  it('bad input is a clear error naming the field', () => {
    expect(() => runWhatIf({ ...base, household: 'bj103-999', change: ['setpoint=20'] })).toThrow(/--household: no household "bj103-999"/);
    expect(() => runWhatIf({ ...base, change: ['colour=red'] })).toThrow(/--change colour: unknown key/);
    expect(() => runWhatIf({ ...base, change: ['envelope=glass'] })).toThrow(/--change envelope: "glass" is not one of/);
    expect(() => runWhatIf({ ...base, change: ['setpoint=warm'] })).toThrow(/--change setpoint: "warm" is not a number/);
    expect(() => runWhatIf({ ...base, change: ['setpoint=45'] })).toThrow(/setpoint=45.*occupants\.daySetpointC/);
    expect(() => runWhatIf({ ...base, change: ['capacity=-3'] })).toThrow(/capacity=-3.*unit\.capacityKw/);
    expect(() => runWhatIf({ ...base, change: [] })).toThrow(/--change: give at least one variant/);
    expect(() => runWhatIf({ ...base, change: ['setpoint'] })).toThrow(/--change "setpoint": expected key=value/);
  });
});
