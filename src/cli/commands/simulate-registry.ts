/**
 * How a simulated fleet appears in the platform's registry, so `heatfleet simulate --publish` is accepted:
 * each household is a site with its building, its heat-pump unit (unit id = household id, the `unit` of
 * every reading) and one gateway device (device id = household id + "-gw": the MQTT username and the
 * topic `heatfleet/v1/devices/{deviceId}/telemetry`). A self-contained snapshot for `heatfleet registry
 * import` (docs/registry-import.md), with its own region, county, village and operator organisation.
 */
import type { RegistrySnapshot } from '../../domain/registry.js';
import { registryBuildingOf, registryUnitOf, type FleetDefinition } from '../../sim/index.js';

export const SIM_REGION_ID = 'sim';
export const SIM_COUNTY_ID = 'sim-county';
export const SIM_OPERATOR_ID = 'sim-operator';

export const simulatedUnitId = (householdId: string): string => householdId;
export const simulatedDeviceId = (householdId: string): string => `${householdId}-gw`;

/** A registry id for the fleet's village: the fleet name reduced to the id alphabet. */
export function simulatedVillageId(fleetName: string): string {
  const slug = fleetName.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `sim-${slug || 'fleet'}`;
}

export function fleetRegistrySnapshot(fleet: FleetDefinition): RegistrySnapshot {
  const villageId = simulatedVillageId(fleet.name);
  const hs = fleet.households;
  return {
    areas: [
      { id: SIM_REGION_ID, kind: 'region', parentId: null, name: 'Simulated fleets' },
      { id: SIM_COUNTY_ID, kind: 'county', parentId: SIM_REGION_ID, name: 'Simulated county' },
      { id: villageId, kind: 'village', parentId: SIM_COUNTY_ID, name: `Simulated: ${fleet.name}` },
    ],
    organisations: [{ id: SIM_OPERATOR_ID, kind: 'heating-operator', name: 'Simulated fleet operator' }],
    programmes: [],
    transformers: [],
    sites: hs.map((h) => ({ id: h.id, kind: 'household' as const, name: `Simulated household ${h.id}`, villageId, operatorOrgId: SIM_OPERATOR_ID })),
    buildings: hs.map((h) => registryBuildingOf(h, { buildingId: `${h.id}-b1`, siteId: h.id })),
    units: hs.map((h) => registryUnitOf(h, { unitId: simulatedUnitId(h.id), siteId: h.id })),
    meters: [],
    devices: hs.map((h) => ({ id: simulatedDeviceId(h.id), siteId: h.id, unitIds: [simulatedUnitId(h.id)], status: 'active' as const })),
  };
}
