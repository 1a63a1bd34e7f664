import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNEL_BY_KEY } from '../domain/telemetry-channels.js';
import { parseEpw, type WeatherSeries } from './epw.js';
import { generateFleet } from './fleet-generator.js';
import { createFleetSimulation } from './fleet-simulation.js';
import type { HouseholdDefinition } from './household.js';
import { summarise } from './season-summary.js';

const beijing = parseEpw(readFileSync(new URL('../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
/** A weather file with constant conditions (and no sun), for hand-checkable cases. */
function constantWeather(tempC: number, rhPct: number): WeatherSeries {
  const n = beijing.length;
  return { ...beijing, tempC: new Float64Array(n).fill(tempC), rhPct: new Float64Array(n).fill(rhPct), ghiWm2: new Float64Array(n), dniWm2: new Float64Array(n), dhiWm2: new Float64Array(n) };
}
const START = Date.parse('2019-01-10T00:00:00+08:00');
const base = generateFleet('beijing-103', 7).households;
const pick = (f: (h: HouseholdDefinition) => boolean) => base.find(f) as HouseholdDefinition;
const run = (h: HouseholdDefinition, w: WeatherSeries, hours: number, stepS = 60) => {
  const sim = createFleetSimulation({ name: 't', households: [h] }, w, { startMs: START, stepS });
  for (let k = 0; k < (hours * 3600) / stepS; k++) sim.step();
  return sim;
};

describe('fleet simulation', () => {
  it('energy balance closes: heat in + gains − losses = change of stored heat (all three nodes)', () => {
    const h = pick((x) => x.emitter === 'radiator' && x.unit.capacityControl === 'inverter');
    const sim = createFleetSimulation({ name: 't', households: [h] }, beijing, { startMs: START, stepS: 300 });
    const { s, a, p } = sim.state;
    const stored = () => (p.ci[0] as number) * (s.ti[0] as number) + (p.ce[0] as number) * (s.te[0] as number) + (p.cw[0] as number) * (s.tw[0] as number);
    const u0 = stored();
    for (let k = 0; k < 12 * 24 * 5; k++) sim.step();
    const inJ = (a.heatHpJ[0] as number) + (a.heatBackupJ[0] as number) + (a.gainsJ[0] as number) - (a.lossJ[0] as number);
    expect(Math.abs(inJ - (stored() - u0)) / (a.heatHpJ[0] as number)).toBeLessThan(1e-9);
  });
  it('steady state at the design temperature: heat delivered ≈ H·ΔT − gains (hand check)', () => {
    const h = { ...pick((x) => x.unit.capacityControl === 'inverter' && x.emitter === 'floor'), occupants: { daySetpointC: 18, nightSetpointC: 18, nightFromH: 22, nightToH: 6, hysteresisK: 0.5 } };
    const sim = run(h, constantWeather(-7.6, 40), 24 * 6, 300);
    const { a, p } = sim.state;
    const before = { q: (a.heatHpJ[0] as number) + (a.heatBackupJ[0] as number), t: a.simS[0] as number };
    let tiSum = 0;
    for (let k = 0; k < 12 * 24; k++) { sim.step(); tiSum += sim.state.s.ti[0] as number; }
    const qW = ((a.heatHpJ[0] as number) + (a.heatBackupJ[0] as number) - before.q) / ((a.simS[0] as number) - before.t);
    const ti = tiSum / (12 * 24);
    const hTot = (p.hd[0] as number) + 1 / (1 / (p.hi[0] as number) + 1 / (p.he[0] as number));
    expect(Math.abs(ti - 18)).toBeLessThan(0.6);
    expect(Math.abs(qW - (hTot * (ti + 7.6) - (p.qint[0] as number))) / qW).toBeLessThan(0.03);
  });
  it('an oversized fixed-speed unit short-cycles in mild weather, limited by the anti-short-cycle timers', () => {
    const h = { ...pick((x) => x.unit.capacityControl === 'fixed-speed' && x.emitter === 'radiator'), areaM2: 70 };
    h.unit = { ...h.unit, capacityKw: 14 };
    const sim = run(h, constantWeather(8, 40), 24);
    const starts = sim.state.a.starts[0] as number;
    expect(starts).toBeGreaterThan(24); // more than one start per hour
    expect(starts).toBeLessThanOrEqual(24 * 60 / 8); // minimum on 3 min + off 5 min
    const inv = run({ ...h, unit: { ...h.unit, capacityControl: 'inverter', performanceMap: 'keymark-r410a-median' } }, constantWeather(8, 40), 24);
    expect(inv.state.a.starts[0] as number).toBeLessThan(starts);
  });
  it('defrosts only in its zone: humid 1 °C yes, dry −10 °C and humid 10 °C no', () => {
    const h = pick((x) => x.unit.capacityControl === 'inverter');
    expect(run(h, constantWeather(1, 90), 12).state.a.defrosts[0]).toBeGreaterThan(3);
    expect(run(h, constantWeather(-10, 30), 12).state.a.defrosts[0]).toBe(0);
    expect(run(h, constantWeather(10, 95), 12).state.a.defrosts[0]).toBe(0);
  });
  it('channels are canonical, within plausibility ranges, and follow setpoint and lock commands', () => {
    const sim = createFleetSimulation({ name: 't', households: base.slice(0, 5) }, beijing, { startMs: START, stepS: 60 });
    for (let k = 0; k < 120; k++) sim.step();
    for (let i = 0; i < 5; i++) {
      for (const [key, v] of Object.entries(sim.channels(i))) {
        const spec = CHANNEL_BY_KEY.get(key);
        expect(spec, key).toBeDefined();
        expect(v, key).toBeGreaterThanOrEqual(spec?.min as number);
        expect(v, key).toBeLessThanOrEqual(spec?.max as number);
      }
    }
    sim.setSetpoint(0, 21);
    sim.setRunPermission(1, 'lock', 10 * 3600);
    for (let k = 0; k < 60; k++) sim.step();
    expect(sim.channels(0).setpointC).toBe(21);
    expect(sim.channels(1).compressorOn).toBe(0);
    for (let k = 0; k < 120; k++) sim.step(); // a lock is bounded to 2 h
    expect(sim.state.s.sg[1]).toBe(0);
    expect(() => sim.setSetpoint(9, 20)).toThrow(/index 9/);
  });
  it('summary: SPF boundaries are ordered H1 ≥ H2 ≥ H3 ≥ H4 and registers match the summary', () => {
    const fleet = { name: 't', households: base.slice(0, 6) };
    const sim = createFleetSimulation(fleet, beijing, { startMs: START, stepS: 300 });
    for (let k = 0; k < 12 * 24 * 3; k++) sim.step();
    const s = summarise(fleet, sim.state, { from: 'a', to: 'b' });
    const f = s.fleet.spf;
    expect(f.h1 as number).toBeGreaterThanOrEqual(f.h2 as number);
    expect(f.h2 as number).toBeGreaterThanOrEqual(f.h3 as number);
    expect(f.h3 as number).toBeGreaterThanOrEqual(f.h4 as number);
    // The heat register counts forward heat: net heat delivered plus the heat drawn back while defrosting.
    expect(sim.channels(0).heatEnergyKWh).toBeCloseTo((s.units[0]?.heatKWh as number) + (s.units[0]?.defrostKWh as number), 1);
  });
  it('advance(n) gives exactly the results of n calls of step(), for air and ground sources and across commands', () => {
    const ground = { ...base[2] as HouseholdDefinition, id: 'gshp', unit: { ...(base[2] as HouseholdDefinition).unit, type: 'ground-source-household' as const, performanceMap: 'hplib-generic-brine' } };
    // More than one block of households (128), so blocks and the per-household step runs are both exercised.
    const fleet = { name: 't', households: [...base, ...base.map((h) => ({ ...h, id: `${h.id}b` })), ground] };
    const g = fleet.households.length - 1;
    const a = createFleetSimulation(fleet, beijing, { startMs: START, stepS: 300 });
    const b = createFleetSimulation(fleet, beijing, { startMs: START, stepS: 300 });
    for (let k = 0; k < 12 * 30; k++) a.step();
    b.advance(12 * 30);
    a.setRunPermission(3, 'lock'); b.setRunPermission(3, 'lock');
    a.setSetpoint(4, 22, 3600); b.setSetpoint(4, 22, 3600);
    for (let k = 0; k < 12 * 6; k++) a.step();
    b.advance(12 * 6);
    expect(b.tsMs).toBe(a.tsMs);
    for (const key of ['ti', 'tw', 'tg', 'frost', 'setpointC'] as const) expect(Array.from(b.state.s[key]), key).toEqual(Array.from(a.state.s[key]));
    for (const key of ['heatHpJ', 'eCompJ', 'starts', 'defrostJ', 'below18S'] as const) expect(Array.from(b.state.a[key]), key).toEqual(Array.from(a.state.a[key]));
    expect(b.channels(g)).toEqual(a.channels(g));
    expect(a.channels(g).sourceInTempC).toBeGreaterThan(0);
  });
});
