import { describe, expect, it } from 'vitest';
import { influenceFactors } from './influence-factors.js';
import { population, type UnitSpec } from './test-population.js';

// A balanced 2 × 2 design, 5 units per cell: SPF = 3.5 − 0.8·[radiator] − 0.2·[fixed speed] + e, with e summing to 0
// in every cell, so the least-squares fit recovers exactly −0.8 and −0.2.
const E = [-0.1, -0.05, 0, 0.05, 0.1];
const cells: [UnitSpec['emitter'], UnitSpec['control'], number][] = [['floor', 'inverter', 3.5], ['radiator', 'inverter', 2.7], ['floor', 'fixed-speed', 3.3], ['radiator', 'fixed-speed', 2.5]];
const specs: UnitSpec[] = cells.flatMap(([emitter, control, mean], c) => E.map((e, i) => ({
  id: `u${c}-${i}`, emitter, control, spf: mean + e * (c % 2 === 0 ? 1 : -1), capacityKw: emitter === 'floor' ? 8 : 12,
})));
const units = population(specs);

describe('key influence factors', () => {
  it('recovers the constructed effects with HC3 intervals, n and R²', () => {
    const r = influenceFactors(units, { factors: ['emitter', 'capacityControl'], minUnits: 10, minUnitsPerCoefficient: 5, bootstrap: { seed: 2 } });
    if (r.model.status !== 'fitted') throw new Error(r.model.reason);
    expect(r.model.n).toBe(20);
    const rad = r.model.terms.find((t) => t.term === 'emitter=radiator vs floor');
    // Equal counts: the reference level is the first by name (fixed-speed), so the term reads inverter − fixed speed.
    const fix = r.model.terms.find((t) => t.term === 'capacityControl=inverter vs fixed-speed');
    expect(rad?.estimate).toBeCloseTo(-0.8, 6);
    expect(fix?.estimate).toBeCloseTo(0.2, 6);
    expect(rad?.ci[1]).toBeLessThan(0);
    expect(r.model.intercept).toBeCloseTo(3.3, 6); // floor, fixed speed
    expect(r.model.rSquared).toBeGreaterThan(0.95);
    expect(rad?.vif).toBeCloseTo(1, 9); // balanced: no confounding
    expect(rad?.confoundedWith).toBeNull();
    const c = r.contrasts.find((x) => x.factor === 'emitter');
    expect(c?.medianDifference).toBeCloseTo(-0.8, 6);
    expect(c?.ci?.high).toBeLessThan(0);
    expect(r.factors.map((f) => [f.factor, f.status])).toEqual([['emitter', 'estimated'], ['capacityControl', 'estimated']]);
  });
  it('says when a factor does not vary, is a copy of another, or when there are too few units', () => {
    const r = influenceFactors(units, { factors: ['emitter', 'flowTempC', 'nominalCapacityKw'], minUnits: 10, minUnitsPerCoefficient: 2 });
    const status = Object.fromEntries(r.factors.map((f) => [f.factor, f.status]));
    expect(status).toEqual({ emitter: 'estimated', flowTempC: 'no-variation', nominalCapacityKw: 'collinear' });
    expect(r.factors.find((f) => f.factor === 'nominalCapacityKw')?.note).toMatch(/\|r\| = 1\.00 with emitter=radiator/);
    const few = influenceFactors(units, { factors: ['emitter', 'capacityControl'] });
    expect(few.model.status).toBe('insufficient-data');
    if (few.model.status === 'insufficient-data') expect(few.model.reason).toBe('20 units for 3 coefficients: 30 needed (≥ 20 and 10 per coefficient)');
    expect(few.contrasts.length).toBe(2); // contrasts still shown
  });
  it('flags a confounded term by its VIF and names the partner', () => {
    // capacity follows the emitter except in one unit: estimable, but confounded (r = 0.9, VIF = 1/(1 − 0.81) ≈ 5.3).
    const mixed = population(specs.map((s, i) => (i === 0 ? { ...s, capacityKw: 12 } : s)));
    const r = influenceFactors(mixed, { factors: ['emitter', 'nominalCapacityKw'], minUnits: 10, minUnitsPerCoefficient: 2 });
    if (r.model.status !== 'fitted') throw new Error('not fitted');
    const cap = r.model.terms.find((t) => t.factor === 'nominalCapacityKw');
    expect(cap?.vif).toBeGreaterThan(5);
    expect(cap?.confoundedWith).toMatch(/emitter=radiator vs floor/);
    expect(r.factors.find((f) => f.factor === 'nominalCapacityKw')?.note).toMatch(/confounded with/);
  });
  it('bad options name the field', () => {
    expect(() => influenceFactors(units, { factors: ['colour' as 'emitter'] })).toThrow(/factors\.0/);
  });
});
