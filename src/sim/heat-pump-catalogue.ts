/**
 * The performance maps the twin ships with, as data (no branching on brand in the physics).
 * Values are copied from data/heat-pumps/ (hplib-subset.csv, keymark-points.csv, see its PROVENANCE.md);
 * heat-pump-catalogue.test.ts re-derives every number from those files.
 */
import { buildPerformanceMap, hplibCop, type CapacityShape, type CopPoints, type PerformanceMap, type PerformanceMapSpec } from './heat-pump-map.js';

/** EN 14825 average climate, variable outlet: flow temperatures at Tj = −7, +2, +7, +12 °C for the 35 °C and 55 °C applications. */
const AIR_SOURCE_C = [-7, 2, 7, 12] as const;
const AIR_FLOW_LOW_C = [34, 30, 27, 24] as const;
const AIR_FLOW_HIGH_C = [52, 42, 36, 30] as const;

const air = (copLow: CopPoints['copLow'], copHigh: CopPoints['copHigh']): CopPoints => ({ sourceC: AIR_SOURCE_C, flowLowC: AIR_FLOW_LOW_C, flowHighC: AIR_FLOW_HIGH_C, copLow, copHigh });

type P4 = readonly [number, number, number, number];
/** Points from an hplib linear fit (T_amb held at −7 °C for brine/water units, as hplib does). */
function fromHplib(p: P4, sourceC: P4, flowLowC: P4, flowHighC: P4, ambient: 'source' | number): CopPoints {
  const at = (s: number, f: number) => Math.round(hplibCop(p, s, f, ambient === 'source' ? s : ambient) * 1000) / 1000;
  const map4 = (flows: P4) => [0, 1, 2, 3].map((k) => at(sourceC[k] as number, flows[k] as number)) as unknown as P4;
  return { sourceC, flowLowC, flowHighC, copLow: map4(flowLowC), copHigh: map4(flowHighC) };
}

/** hplib Generic_average coefficients (p1..p4 of COP), hplib_database 2023-04-17. */
export const HPLIB_GENERIC_COP = {
  airOnOff: [57.52791724078965, -0.05969729365130029, 5.668231043775187, -57.43305879625375],
  brineRegulated: [0.09449894727187094, -0.09449894682495731, 7.929222827701514, 0.0027881527315448103],
  waterOnOff: [0.11604339691502011, -0.11604341122311088, 8.32963790813304, -0.007237031235040159],
} as const satisfies Record<string, P4>;

/**
 * Capacity shapes. `low-ambient-evi`: nominal capacity rated per GB/T 25127.2 (−12 °C outdoor, 41 °C water);
 * 80–100 % of the +7 °C capacity kept at −12 °C and 60–80 % at −20 °C (DOMAIN.md, low-ambient units) → midpoints.
 */
export const CAPACITY_SHAPES = {
  'low-ambient-evi': { ratingSourceC: -12, ratingFlowC: 41, slopePerK: (1 / 0.9 - 1) / 19, kneeC: -12, slopeBelowKneePerK: 0.2 / 0.9 / 8, flowSlopePerK: -0.005 },
  'standard-air': { ratingSourceC: 7, ratingFlowC: 35, slopePerK: 0.025, kneeC: -7, slopeBelowKneePerK: 0.025, flowSlopePerK: -0.005 },
  brine: { ratingSourceC: 0, ratingFlowC: 35, slopePerK: 0.02, kneeC: -100, slopeBelowKneePerK: 0.02, flowSlopePerK: -0.004 },
  water: { ratingSourceC: 10, ratingFlowC: 35, slopePerK: 0.02, kneeC: -100, slopeBelowKneePerK: 0.02, flowSlopePerK: -0.004 },
} as const satisfies Record<string, CapacityShape>;
export type CapacityShapeId = keyof typeof CAPACITY_SHAPES;

const SPECS: readonly PerformanceMapSpec[] = [
  {
    id: 'keymark-r410a-median', source: 'outdoor-air', capacity: CAPACITY_SHAPES['low-ambient-evi'],
    description: 'Median certified COPs of the 723 R410A outdoor air/water models in the Keymark sample',
    provenance: 'data/heat-pumps/PROVENANCE.md (median of keymark_en14825_dev.csv, refrigerant R410A)',
    points: air([2.7, 4.1, 5.56, 7.43], [1.98, 3.18, 4.45, 6.02]),
  },
  {
    id: 'keymark-median', source: 'outdoor-air', capacity: CAPACITY_SHAPES['low-ambient-evi'],
    description: 'Median certified COPs of the 2,597 outdoor air/water models in the Keymark sample',
    provenance: 'data/heat-pumps/PROVENANCE.md (median of keymark_en14825_dev.csv)',
    points: air([2.95, 4.47, 6.06, 7.85], [2.12, 3.3, 4.61, 6.29]),
  },
  {
    id: 'hplib-generic-onoff-air', source: 'outdoor-air', capacity: CAPACITY_SHAPES['low-ambient-evi'],
    description: 'hplib Generic_average On-Off outdoor air/water fit (fixed-speed units)',
    provenance: 'data/heat-pumps/hplib-subset.csv, Generic_average, Group 4',
    points: fromHplib(HPLIB_GENERIC_COP.airOnOff, AIR_SOURCE_C, AIR_FLOW_LOW_C, AIR_FLOW_HIGH_C, 'source'),
  },
  {
    id: 'phnix-pasrw040-bp-ps-b', source: 'outdoor-air', capacity: CAPACITY_SHAPES['standard-air'],
    description: 'PHNIX PASRW040-BP-PS-B (R32, 8.7 kW) certified points', provenance: 'data/heat-pumps/keymark-points.csv',
    points: air([3.39, 4.38, 5.72, 7.54], [2.3, 3.23, 3.99, 5.69]),
  },
  {
    id: 'phnix-pasrw060-bp-ps-b', source: 'outdoor-air', capacity: CAPACITY_SHAPES['standard-air'],
    description: 'PHNIX PASRW060-BP-PS-B (R32, 12.5 kW) certified points', provenance: 'data/heat-pumps/keymark-points.csv',
    points: air([3.27, 4.46, 5.57, 6.73], [2.1, 3.33, 4.1, 5.71]),
  },
  {
    id: 'midea-m4oc-36hfn8', source: 'outdoor-air', capacity: CAPACITY_SHAPES['standard-air'],
    description: 'Midea M4OC-36HFN8-Q/MZAU-28HWFN8-QD2W (R32, 8.7 kW) certified points', provenance: 'data/heat-pumps/keymark-points.csv',
    points: air([2.65, 4.34, 6.79, 7.46], [1.84, 3.02, 4.37, 6.18]),
  },
  {
    id: 'hplib-generic-brine', source: 'ground', capacity: CAPACITY_SHAPES.brine,
    description: 'hplib Generic_average Regulated brine/water fit', provenance: 'data/heat-pumps/hplib-subset.csv, Generic_average, Group 2',
    points: fromHplib(HPLIB_GENERIC_COP.brineRegulated, [-5, 0, 5, 10], [35, 35, 35, 35], [55, 55, 55, 55], -7),
  },
  {
    id: 'hplib-generic-water', source: 'water', capacity: CAPACITY_SHAPES.water,
    description: 'hplib Generic_average On-Off water/water fit', provenance: 'data/heat-pumps/hplib-subset.csv, Generic_average, Group 6',
    points: fromHplib(HPLIB_GENERIC_COP.waterOnOff, [5, 10, 15, 20], [35, 35, 35, 35], [55, 55, 55, 55], -7),
  },
];

export const PERFORMANCE_MAPS: ReadonlyMap<string, PerformanceMap> = new Map(SPECS.map((s) => [s.id, buildPerformanceMap(s)]));
export const PERFORMANCE_MAP_IDS = SPECS.map((s) => s.id);

export function performanceMap(id: string): PerformanceMap {
  const m = PERFORMANCE_MAPS.get(id);
  if (!m) throw new Error(`unit.performanceMap: unknown map "${id}" (known: ${PERFORMANCE_MAP_IDS.join(', ')})`);
  return m;
}
