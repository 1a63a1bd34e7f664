import { describe, expect, it } from 'vitest';
import { buildingThermal, designLoadW, ENVELOPE_TEMPLATES, timeConstantsH } from './building-model.js';
import type { BuildingParams } from './household.js';

const base: BuildingParams = {
  ceilingHeightM: 3, heatedFraction: 1, ...ENVELOPE_TEMPLATES.uninsulated, windowWallRatio: 0.2, southWindowShare: 0.7, gWindow: 0.7,
  thermalMass: 'heavy', internalGainsWm2: 2.5,
};

describe('building model (hand-checked)', () => {
  it('steady-state heat loss of a 120 m² uninsulated bungalow equals Σ U·A + ventilation', () => {
    const t = buildingThermal(120, 1, base);
    // Plan 15.49 × 7.746 m, perimeter 46.48 m, gross wall 139.4 m², windows 27.9 m².
    const gross = 2 * (Math.sqrt(240) + 120 / Math.sqrt(240)) * 3;
    const hand = 1.6 * gross * 0.8 + 3.5 * gross * 0.2 + 1.2 * 120 + 0.35 * 120 + (1206 / 3600) * 0.8 * 360;
    expect(t.totalHWK).toBeCloseTo(hand, 6);
    expect(hand).toBeCloseTo(558.6, 0);
    // ≈ 14.3 kW at −7.6 °C: 119 W/m², at the top of DOMAIN.md's 60–120 W/m² for uninsulated rural houses.
    expect(designLoadW(t) / 120).toBeGreaterThan(100);
    expect(designLoadW(t) / 120).toBeLessThan(125);
  });
  it('a retrofit to the GB/T 50824 targets roughly halves the loss', () => {
    const a = buildingThermal(120, 1, base).totalHWK;
    const b = buildingThermal(120, 1, { ...base, ...ENVELOPE_TEMPLATES.retrofitted }).totalHWK;
    expect(b / a).toBeGreaterThan(0.4);
    expect(b / a).toBeLessThan(0.65);
  });
  it('slow time constant of a heavy brick house is 10–30 h (DOMAIN.md) and equals (Ci + Ce)/H within 15 %', () => {
    const t = buildingThermal(120, 1, base);
    const [slow, fast] = timeConstantsH(t);
    expect(slow).toBeGreaterThan(10);
    expect(slow).toBeLessThan(30);
    expect(fast).toBeLessThan(1);
    expect(Math.abs(slow - (t.ciJK + t.ceJK) / t.totalHWK / 3600) / slow).toBeLessThan(0.15);
  });
  it('rejects a negative area naming the field', () => {
    expect(() => buildingThermal(-5, 1, base)).toThrow(/areaM2/);
  });
});
