import { describe, expect, it } from 'vitest';
import { generateFleet } from './fleet-generator.js';
import { householdFromRegistry, registryBuildingOf, registryUnitOf } from './registry-mapping.js';

const h = generateFleet('beijing-103').households[4];

describe('registry ↔ twin mapping', () => {
  it('a household survives the trip through the registry in every registered attribute', () => {
    if (!h) throw new Error('fleet too small');
    const unit = registryUnitOf(h, { unitId: 'u-5', siteId: 's-5' });
    const building = registryBuildingOf(h, { buildingId: 'b-5', siteId: 's-5' });
    const back = householdFromRegistry(unit, building);
    expect(back.id).toBe('u-5');
    expect([back.areaM2, back.envelope, back.constructionYear, back.storeys, back.emitter]).toEqual([h.areaM2, h.envelope, h.constructionYear, h.storeys, h.emitter]);
    expect([back.unit.type, back.unit.capacityKw, back.unit.capacityControl, back.unit.performanceMap]).toEqual([h.unit.type, h.unit.capacityKw, h.unit.capacityControl, h.unit.performanceMap]);
    expect(back.building.thermalMass).toBe(h.building.thermalMass);
  });
  it('what the registry does not know comes from stated assumptions, with emitter-specific design flow', () => {
    if (!h) throw new Error('fleet too small');
    const unit = { ...registryUnitOf(h, { unitId: 'u', siteId: 's' }), emitter: 'radiator' as const };
    const building = registryBuildingOf(h, { buildingId: 'b', siteId: 's' });
    expect(householdFromRegistry(unit, building).hydronics.designFlowTempC).toBe(50);
    expect(householdFromRegistry({ ...unit, emitter: 'floor' }, building).hydronics.designFlowTempC).toBe(38);
    const fixed = householdFromRegistry(unit, building, { curve: 'fixed', designFlowTempC: 60, daySetpointC: 20 });
    expect([fixed.hydronics.curve, fixed.hydronics.designFlowTempC, fixed.occupants.daySetpointC, fixed.occupants.nightSetpointC]).toEqual(['fixed', 60, 20, 18.5]);
  });
  it('refuses a building of another site and an impossible assumption, naming it', () => {
    if (!h) throw new Error('fleet too small');
    const unit = registryUnitOf(h, { unitId: 'u', siteId: 's' });
    expect(() => householdFromRegistry(unit, registryBuildingOf(h, { buildingId: 'b', siteId: 'other' }))).toThrow(/site s but building b is on site other/);
    expect(() => householdFromRegistry(unit, registryBuildingOf(h, { buildingId: 'b', siteId: 's' }), { daySetpointC: 45 })).toThrow(/occupants.daySetpointC/);
  });
});
