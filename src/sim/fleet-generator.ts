/**
 * Fleet generator: households drawn from distributions with a seeded RNG. Fleet-level composition
 * (exact counts of a preset, or weights of a FleetSpec) comes from the fleet seed; each household's own
 * physics is drawn from its own seed, so a household is reproducible from (labels, seed). See fleet-generator.md.
 */
import { z } from 'zod';
import { HEAT_PUMP_TYPE_KEYS, type HeatPumpTypeKey } from '../domain/heat-pump-types.js';
import { ENVELOPE_TEMPLATES } from './building-model.js';
import { ENVELOPE_CLASSES, parseOrThrow, SIM_EMITTERS, type FleetDefinition, type HouseholdDefinition, type HouseholdLabels } from './household.js';
import { childSeed, mulberry32, pickWeighted, shuffle, triangular, type Rng } from './rng.js';
import { BEIJING_103 } from './preset-beijing-103.js';


const tri = (rng: Rng, [min, mode, max]: readonly [number, number, number]) => triangular(rng, min, mode, max);
const round = (v: number, step: number) => Math.round(v / step) * step;

/** Unit templates per (type, control) as data: which performance map and auxiliaries a unit of that kind has. */
export function unitTemplate(type: HeatPumpTypeKey, inverter: boolean): { map: string; model: string; crankcaseW: number } {
  if (type === 'ground-source-household' || type === 'ground-source-commercial') return { map: 'hplib-generic-brine', model: 'Generic brine/water (hplib)', crankcaseW: 0 };
  if (type === 'water-source' || type === 'absorption') return { map: 'hplib-generic-water', model: 'Generic water/water (hplib)', crankcaseW: 0 };
  return inverter
    ? { map: 'keymark-r410a-median', model: 'Generic inverter air/water (Keymark R410A median)', crankcaseW: 0 }
    : { map: 'hplib-generic-onoff-air', model: 'Generic fixed-speed air/water (hplib On-Off)', crankcaseW: 30 };
}

/** Draws the household's physics from its own seed. */
export function generateHousehold(labels: HouseholdLabels, seed: number): HouseholdDefinition {
  const rng = mulberry32(seed);
  const env = ENVELOPE_TEMPLATES[labels.envelope];
  const vary = () => tri(rng, [0.85, 1, 1.15]);
  const windowU = env.windowU * vary();
  const floorLike = labels.emitter === 'floor';
  const t = unitTemplate(labels.type, labels.inverter);
  const day = round(tri(rng, [16, 18.5, 21]), 0.5);
  return {
    id: labels.id,
    seed,
    areaM2: labels.areaM2,
    envelope: labels.envelope,
    constructionYear: Math.floor(tri(rng, [1975, 1995, 2010])),
    storeys: rng.next() < 0.9 ? 1 : 2,
    emitter: labels.emitter,
    unit: {
      type: labels.type, capacityKw: labels.capacityKw, capacityControl: labels.inverter ? 'inverter' : 'fixed-speed',
      manufacturer: 'Generic', model: t.model, refrigerant: 'R410A', installedOn: labels.installedOn, performanceMap: t.map,
      minModulation: 0.3, backupKw: 3, backupBelowC: -7, fanWPerKw: 10, standbyW: 15, crankcaseW: t.crankcaseW,
    },
    building: {
      ceilingHeightM: tri(rng, [2.8, 3.0, 3.3]),
      heatedFraction: tri(rng, [0.5, 0.8, 1]),
      wallU: env.wallU * vary(), windowU, roofU: env.roofU * vary(), floorU: env.floorU * vary(), ach: env.ach * vary(),
      windowWallRatio: tri(rng, [0.15, 0.2, 0.3]),
      southWindowShare: tri(rng, [0.6, 0.7, 0.85]),
      gWindow: windowU > 4 ? 0.8 : 0.7,
      thermalMass: labels.envelope === 'energy-efficient' ? 'medium' : 'heavy',
      internalGainsWm2: tri(rng, [1.5, 2.5, 4]),
    },
    hydronics: {
      designFlowTempC: round(floorLike ? tri(rng, [35, 38, 42]) : labels.emitter === 'radiator' ? tri(rng, [45, 50, 55]) : tri(rng, [40, 45, 50]), 1),
      designDeltaTK: 5,
      pumpW: round(floorLike ? tri(rng, [60, 80, 100]) : tri(rng, [45, 65, 90]), 5),
      pumpControl: rng.next() < 0.8 ? 'continuous' : 'with-compressor',
      curve: labels.weatherCompensated ? 'weather-compensated' : 'fixed',
    },
    occupants: { daySetpointC: day, nightSetpointC: Math.max(10, round(day - tri(rng, [0, 1.5, 4]), 0.5)), nightFromH: 22, nightToH: 6, hysteresisK: 0.5 },
    ...(labels.type.startsWith('ground-source') ? { boreholeM: round((labels.capacityKw * 1000) / 45, 5) } : {}),
  };
}

const range3 = z.tuple([z.number(), z.number(), z.number()]).refine(([a, b, c]) => a <= b && b <= c, 'expects [min, mode, max] with min ≤ mode ≤ max');
const weights = <T extends readonly [string, ...string[]]>(keys: T) => z.partialRecord(z.enum(keys), z.number().nonnegative());

export const FleetSpecSchema = z.object({
  name: z.string().min(1),
  count: z.number().int().min(1).max(1_000_000),
  areaM2: range3.refine(([a]) => a > 0, 'area must be positive'),
  envelope: weights(ENVELOPE_CLASSES),
  emitter: weights(SIM_EMITTERS),
  unitType: weights(HEAT_PUMP_TYPE_KEYS),
  inverterShare: z.number().min(0).max(1),
  capacityKw: range3.refine(([a]) => a > 0, 'capacity must be positive'),
  weatherCompensatedShare: z.number().min(0).max(1).default(0.5),
  installedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2017-10-15'),
});
export type FleetSpec = z.input<typeof FleetSpecSchema>;

export const PRESETS = ['beijing-103'] as const;
export type PresetName = (typeof PRESETS)[number];

function labelsFromSpec(spec: z.infer<typeof FleetSpecSchema>, rng: Rng): HouseholdLabels[] {
  const nonEmpty = <K extends string>(w: Partial<Record<K, number>>, field: string) => {
    if (!Object.values(w).some((v) => (v as number) > 0)) throw new Error(`invalid fleet spec: ${field}: needs at least one positive weight`);
    return w;
  };
  const env = nonEmpty(spec.envelope, 'envelope');
  const em = nonEmpty(spec.emitter, 'emitter');
  const ty = nonEmpty(spec.unitType, 'unitType');
  return Array.from({ length: spec.count }, (_, i) => ({
    id: `${spec.name}-${String(i + 1).padStart(Math.max(3, String(spec.count).length), '0')}`,
    areaM2: round(tri(rng, spec.areaM2), 1),
    envelope: pickWeighted(rng, env),
    emitter: pickWeighted(rng, em),
    type: pickWeighted(rng, ty),
    inverter: rng.next() < spec.inverterShare,
    capacityKw: round(tri(rng, spec.capacityKw), 0.5),
    installedOn: spec.installedOn,
    weatherCompensated: rng.next() < spec.weatherCompensatedShare,
  }));
}

/** Generates a fleet from a preset name or a FleetSpec. Unknown preset or invalid spec → an Error naming it. */
export function generateFleet(spec: PresetName | FleetSpec, seed = 1): FleetDefinition {
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed: ${seed} must be a non-negative integer`);
  const rng = mulberry32(seed);
  let name: string;
  let labels: HouseholdLabels[];
  if (typeof spec === 'string') {
    if (spec !== 'beijing-103') throw new Error(`unknown fleet preset "${spec}" (known: ${PRESETS.join(', ')})`);
    name = spec;
    labels = BEIJING_103.labels(rng, { shuffle, tri, round });
  } else {
    const parsed = parseOrThrow(FleetSpecSchema, spec, 'fleet spec');
    name = parsed.name;
    labels = labelsFromSpec(parsed, rng);
  }
  return { name, households: labels.map((l, i) => generateHousehold(l, childSeed(seed, i))) };
}
