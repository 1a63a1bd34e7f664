/**
 * The factors the influence analysis can use, read from the registry and the KPIs (influence-factors.md).
 * Categorical factors become treatment dummies against their most frequent level; numeric ones enter as is.
 */
import { buildingThermal, householdFromRegistry } from '../../sim/index.js';
import type { EvaluatedUnit } from './evaluated-unit.js';

export interface CategoricalFactor { readonly kind: 'categorical'; readonly label: string; readonly get: (u: EvaluatedUnit) => string | null }
export interface NumericFactor { readonly kind: 'numeric'; readonly label: string; readonly unit: string; readonly get: (u: EvaluatedUnit) => number | null }
export type FactorSpec = CategoricalFactor | NumericFactor;

/** Overall heat-loss coefficient per m² of heated floor of the registered building class (W/(m²K)), from the twin's typical household. */
function heatLossWPerM2K(u: EvaluatedUnit): number | null {
  if (!u.building) return null;
  const h = householdFromRegistry(u.unit, u.building);
  return buildingThermal(h.areaM2, h.storeys, h.building).totalHWK / h.areaM2;
}

export const FACTORS = {
  emitter: { kind: 'categorical', label: 'emitter type', get: (u) => u.unit.emitter },
  capacityControl: { kind: 'categorical', label: 'capacity control (inverter / fixed speed)', get: (u) => u.unit.capacityControl },
  unitType: { kind: 'categorical', label: 'unit type', get: (u) => u.unit.type },
  envelope: { kind: 'categorical', label: 'envelope class', get: (u) => u.building?.envelope ?? null },
  loadRatio: { kind: 'numeric', label: 'load ratio', unit: '-', get: (u) => u.kpis.loadRatio.value },
  flowTempC: { kind: 'numeric', label: 'heat-weighted flow temperature', unit: 'K', get: (u) => u.kpis.temperatures.heatWeightedFlowC },
  meanOutdoorC: { kind: 'numeric', label: 'mean outdoor temperature', unit: 'K', get: (u) => u.kpis.weather.meanOutdoorC },
  hddKd: { kind: 'numeric', label: 'heating degree days', unit: 'K·d', get: (u) => u.kpis.weather.hddKd },
  heatLossWPerM2K: { kind: 'numeric', label: 'building heat-loss coefficient per m² (envelope class)', unit: 'W/(m²K)', get: heatLossWPerM2K },
  constructionYear: { kind: 'numeric', label: 'construction year', unit: 'year', get: (u) => u.building?.constructionYear ?? null },
  nominalCapacityKw: { kind: 'numeric', label: 'nominal capacity', unit: 'kW', get: (u) => u.unit.nominalCapacityKw },
} as const satisfies Record<string, FactorSpec>;

export type FactorKey = keyof typeof FACTORS;
export const FACTOR_KEYS = Object.keys(FACTORS) as [FactorKey, ...FactorKey[]];
