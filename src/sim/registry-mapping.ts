/**
 * The twin ↔ registry mapping (registry-mapping.md). A simulated household appears in the registry as a
 * building and a heat-pump unit; a registry unit with its building becomes a "typical" twin household:
 * the registered attributes (area, envelope, construction year, storeys, mass, emitter, unit type,
 * capacity, capacity control) and, for what the registry does not record, the central values of the
 * fleet generator's distributions (fleet-generator.ts) — no random draw, so the same registry entry
 * always gives the same household. Used for the expected performance of a unit (post-evaluation).
 */
import type { Building, HeatPumpUnit } from '../domain/registry.js';
import { ENVELOPE_TEMPLATES } from './building-model.js';
import { unitTemplate } from './fleet-generator.js';
import { HouseholdSchema, parseOrThrow, type HouseholdDefinition } from './household.js';

/** The registry building of a household (id and site chosen by the caller). */
export function registryBuildingOf(h: HouseholdDefinition, ids: { buildingId: string; siteId: string }): Building {
  return {
    id: ids.buildingId, siteId: ids.siteId, heatedAreaM2: h.areaM2, constructionYear: h.constructionYear, envelope: h.envelope,
    storeys: h.storeys, thermalMass: h.building.thermalMass,
  };
}

/** The registry heat-pump unit of a household (id and site chosen by the caller). */
export function registryUnitOf(h: HouseholdDefinition, ids: { unitId: string; siteId: string }): HeatPumpUnit {
  return {
    id: ids.unitId, siteId: ids.siteId, type: h.unit.type, manufacturer: h.unit.manufacturer, model: h.unit.model,
    nominalCapacityKw: h.unit.capacityKw, capacityControl: h.unit.capacityControl, refrigerant: h.unit.refrigerant,
    installedOn: h.unit.installedOn, emitter: h.emitter,
  };
}

/** Assumptions for what the registry does not record; defaults are the modes of the fleet generator's distributions. */
export interface TypicalHouseholdAssumptions {
  /** Design flow temperature by emitter (°C): floor 38, radiator 50, fan coil / air 45 (what-if defaults). */
  readonly designFlowTempC?: number;
  /** Heating curve: a properly commissioned unit is weather-compensated (default). */
  readonly curve?: 'weather-compensated' | 'fixed';
  readonly daySetpointC?: number;
  /** Night setback depth (K); default 1.5 (mode of the generator's 0–4 K). */
  readonly nightSetbackK?: number;
  readonly heatedFraction?: number;
  readonly backupKw?: number;
  readonly seed?: number;
}

const DESIGN_FLOW_C = { floor: 38, radiator: 50, 'fan-coil': 45, air: 45 } as const;
const PUMP_W = { floor: 80, radiator: 65, 'fan-coil': 65, air: 65 } as const;

/** A registry unit and its building as a twin household (id = unit id). Throws naming the field when the result is not a valid household. */
export function householdFromRegistry(unit: HeatPumpUnit, building: Building, a: TypicalHouseholdAssumptions = {}): HouseholdDefinition {
  if (building.siteId !== unit.siteId) throw new Error(`unit ${unit.id} is on site ${unit.siteId} but building ${building.id} is on site ${building.siteId}`);
  const t = unitTemplate(unit.type, unit.capacityControl === 'inverter');
  const env = ENVELOPE_TEMPLATES[building.envelope];
  const day = a.daySetpointC ?? 18.5;
  const h = {
    id: unit.id,
    seed: a.seed ?? 1,
    areaM2: building.heatedAreaM2,
    envelope: building.envelope,
    constructionYear: building.constructionYear,
    storeys: building.storeys,
    emitter: unit.emitter,
    unit: {
      type: unit.type, capacityKw: unit.nominalCapacityKw, capacityControl: unit.capacityControl, manufacturer: unit.manufacturer, model: unit.model,
      refrigerant: unit.refrigerant, installedOn: unit.installedOn, performanceMap: t.map, minModulation: 0.3, backupKw: a.backupKw ?? 3, backupBelowC: -7,
      fanWPerKw: 10, standbyW: 15, crankcaseW: t.crankcaseW,
    },
    building: {
      ceilingHeightM: 3.0, heatedFraction: a.heatedFraction ?? 0.8, ...env, windowWallRatio: 0.2, southWindowShare: 0.7,
      gWindow: env.windowU > 4 ? 0.8 : 0.7, thermalMass: building.thermalMass, internalGainsWm2: 2.5,
    },
    hydronics: {
      designFlowTempC: a.designFlowTempC ?? DESIGN_FLOW_C[unit.emitter], designDeltaTK: 5, pumpW: PUMP_W[unit.emitter], pumpControl: 'continuous',
      curve: a.curve ?? 'weather-compensated',
    },
    occupants: { daySetpointC: day, nightSetpointC: Math.max(10, day - (a.nightSetbackK ?? 1.5)), nightFromH: 22, nightToH: 6, hysteresisK: 0.5 },
    ...(unit.type.startsWith('ground-source') ? { boreholeM: Math.round((unit.nominalCapacityKw * 1000) / 45 / 5) * 5 } : {}),
  };
  return parseOrThrow(HouseholdSchema, h, `household for registry unit ${unit.id}`);
}
