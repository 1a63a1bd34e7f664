/**
 * A simulated household: the attributes the registry knows (area, envelope, emitter, unit) plus the
 * physics parameters the twin needs. Parsed once by zod at the edge (fleet.json); errors name the field.
 */
import { z } from 'zod';
import { HEAT_PUMP_TYPE_KEYS, type HeatPumpTypeKey } from '../domain/heat-pump-types.js';
import { PERFORMANCE_MAP_IDS } from './heat-pump-catalogue.js';

export const ENVELOPE_CLASSES = ['uninsulated', 'partially-insulated', 'retrofitted', 'energy-efficient'] as const;
export type EnvelopeClass = (typeof ENVELOPE_CLASSES)[number];
export const SIM_EMITTERS = ['floor', 'radiator', 'fan-coil', 'air'] as const;
export type SimEmitter = (typeof SIM_EMITTERS)[number];
export const MASS_CLASSES = ['very-light', 'light', 'medium', 'heavy', 'very-heavy'] as const;
export type MassClass = (typeof MASS_CLASSES)[number];

const pos = z.number().positive();
const hour = z.number().min(0).max(24);

export const UnitSchema = z.object({
  type: z.enum(HEAT_PUMP_TYPE_KEYS),
  /** Nominal heating capacity on the nameplate (kW) at the map's capacity rating point. */
  capacityKw: pos.max(5000),
  capacityControl: z.enum(['inverter', 'fixed-speed']),
  manufacturer: z.string().min(1),
  model: z.string().min(1),
  refrigerant: z.string().min(1),
  installedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD'),
  performanceMap: z.string().refine((s) => PERFORMANCE_MAP_IDS.includes(s), { message: `unknown performance map (known: ${PERFORMANCE_MAP_IDS.join(', ')})` }),
  /** Lowest continuous capacity of an inverter, as a fraction of the maximum at the current conditions. */
  minModulation: z.number().min(0.05).max(1),
  backupKw: z.number().min(0).max(5000),
  /** The backup heater is enabled only below this outdoor temperature (installer setting; EN 14825 T_biv, Keymark median −7 °C). */
  backupBelowC: z.number().min(-40).max(30).default(-7),
  /** Outdoor fan and controls while the compressor runs (W per kW nominal), and standby (W). */
  fanWPerKw: z.number().min(0).max(100),
  standbyW: z.number().min(0).max(1000),
  /** Crankcase heater while off in the cold (EN 14825 P_CK). */
  crankcaseW: z.number().min(0).max(1000),
});

export const BuildingParamsSchema = z.object({
  ceilingHeightM: z.number().min(2).max(6),
  /** Share of the floor area that is heated (rural households often heat only some rooms). */
  heatedFraction: z.number().min(0.1).max(1),
  wallU: pos.max(5), windowU: pos.max(7), roofU: pos.max(5), floorU: pos.max(5),
  /** Air changes per hour (infiltration + ventilation). */
  ach: z.number().min(0).max(10),
  /** Window area as a share of the gross wall area, the south share of it, and the total solar energy transmittance g. */
  windowWallRatio: z.number().min(0).max(0.9),
  southWindowShare: z.number().min(0).max(1),
  gWindow: z.number().min(0).max(1),
  thermalMass: z.enum(MASS_CLASSES),
  internalGainsWm2: z.number().min(0).max(50),
});

export const HydronicsSchema = z.object({
  designFlowTempC: z.number().min(25).max(75),
  designDeltaTK: z.number().min(2).max(20),
  pumpW: z.number().min(0).max(5000),
  pumpControl: z.enum(['continuous', 'with-compressor']),
  curve: z.enum(['weather-compensated', 'fixed']),
});

export const OccupantsSchema = z.object({
  daySetpointC: z.number().min(5).max(30),
  nightSetpointC: z.number().min(5).max(30),
  nightFromH: hour,
  nightToH: hour,
  hysteresisK: z.number().min(0.1).max(5),
});

export const HouseholdSchema = z.object({
  id: z.string().min(1).max(64),
  seed: z.number().int().nonnegative(),
  areaM2: pos.max(100_000),
  envelope: z.enum(ENVELOPE_CLASSES),
  constructionYear: z.number().int().min(1800).max(2100),
  storeys: z.number().int().min(1).max(50),
  emitter: z.enum(SIM_EMITTERS),
  unit: UnitSchema,
  building: BuildingParamsSchema,
  hydronics: HydronicsSchema,
  occupants: OccupantsSchema,
  /** Ground-source units: borehole length (m). */
  boreholeM: z.number().positive().max(10_000).optional(),
});
export type HouseholdDefinition = z.infer<typeof HouseholdSchema>;
export type UnitDefinition = z.infer<typeof UnitSchema>;
export type BuildingParams = z.infer<typeof BuildingParamsSchema>;

export const FleetDefinitionSchema = z.object({ name: z.string().min(1), households: z.array(HouseholdSchema).min(1) });
export type FleetDefinition = z.infer<typeof FleetDefinitionSchema>;

/** Turns a zod failure into one Error naming each field path. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const msg = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`invalid ${what}: ${msg}`);
}

/** What fixes a household's identity before its own seed draws the physics. */
export interface HouseholdLabels {
  readonly id: string;
  readonly areaM2: number;
  readonly envelope: EnvelopeClass;
  readonly emitter: SimEmitter;
  readonly type: HeatPumpTypeKey;
  readonly inverter: boolean;
  readonly capacityKw: number;
  readonly installedOn: string;
  readonly weatherCompensated: boolean;
}
