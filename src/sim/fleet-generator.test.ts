import { describe, expect, it } from 'vitest';
import { generateFleet, generateHousehold } from './fleet-generator.js';

describe('fleet generator', () => {
  const f = generateFleet('beijing-103', 42);
  const hh = f.households;
  it('beijing-103 has the field sample composition (Xu et al. 2021)', () => {
    expect(hh).toHaveLength(103);
    expect(hh.filter((h) => h.unit.capacityKw <= 10).length).toBe(41);
    expect(hh.filter((h) => h.unit.capacityKw > 10 && h.unit.capacityKw <= 14).length).toBe(62);
    expect(hh.filter((h) => h.unit.capacityControl === 'inverter').length).toBe(54);
    expect(hh.filter((h) => h.emitter === 'floor').length).toBe(42);
    expect(hh.filter((h) => h.emitter === 'radiator').length).toBe(61);
    expect(Math.min(...hh.map((h) => h.areaM2))).toBe(67);
    expect(Math.max(...hh.map((h) => h.areaM2))).toBe(216);
    expect(hh.every((h) => h.unit.type === 'air-to-water' && h.unit.installedOn.startsWith('2017'))).toBe(true);
  });
  it('is reproducible from the seed, and each household from its own seed', () => {
    expect(generateFleet('beijing-103', 42)).toEqual(f);
    expect(generateFleet('beijing-103', 43)).not.toEqual(f);
    const h = hh[10];
    if (!h) throw new Error('missing');
    const again = generateHousehold({ id: h.id, areaM2: h.areaM2, envelope: h.envelope, emitter: h.emitter, type: h.unit.type, inverter: h.unit.capacityControl === 'inverter', capacityKw: h.unit.capacityKw, installedOn: h.unit.installedOn, weatherCompensated: h.hydronics.curve === 'weather-compensated' }, h.seed);
    expect(again).toEqual(h);
  });
  it('errors name the problem: unknown preset, invalid spec field', () => {
    expect(() => generateFleet('beijing-104' as 'beijing-103')).toThrow(/unknown fleet preset "beijing-104"/);
    const spec = { name: 'x', count: 3, areaM2: [-5, 80, 100] as [number, number, number], envelope: { uninsulated: 1 }, emitter: { floor: 1 }, unitType: { 'air-to-water': 1 }, inverterShare: 0.5, capacityKw: [8, 10, 12] as [number, number, number] };
    expect(() => generateFleet(spec)).toThrow(/areaM2: area must be positive/);
    expect(() => generateFleet({ ...spec, areaM2: [60, 80, 100], capacityKw: [-1, 10, 12] })).toThrow(/capacityKw/);
    expect(generateFleet({ ...spec, areaM2: [60, 80, 100] }).households).toHaveLength(3);
  });
});
