/**
 * The fleet registry: areas (region → county → village), organisations, programmes, transformers,
 * sites, buildings, heat-pump units, meters and devices. Each entity is a zod schema (parsed once at
 * the edge) and its type is inferred from it.
 */
import { z } from 'zod';
import { CAPACITY_CONTROLS, EMITTER_TYPES, HEAT_PUMP_TYPE_KEYS } from './heat-pump-types.js';
import { ORG_KINDS } from './roles.js';
import { CHANNEL_KEYS, type ChannelKey } from './telemetry-channels.js';

export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an id is 1–64 letters, digits, "-", "_" or "." and starts with a letter or digit');
const name = z.string().trim().min(1).max(200);
const optText = z.string().trim().max(500).optional();
// Date.parse rolls 2017-02-30 over to 2017-03-02, so a calendar date must survive the round trip.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((d) => {
    // zod runs this even when the regex failed: an invalid Date must not reach toISOString (RangeError).
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'not a calendar date');
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);

export const AREA_KINDS = ['region', 'county', 'village'] as const;
export const AreaSchema = z.object({
  id: IdSchema,
  kind: z.enum(AREA_KINDS),
  parentId: IdSchema.nullable(),
  name,
  nameZh: optText,
  lat: lat.optional(),
  lon: lon.optional(),
});
export type Area = z.infer<typeof AreaSchema>;

export const OrganisationSchema = z.object({ id: IdSchema, kind: z.enum(ORG_KINDS), name, nameZh: optText });
export type Organisation = z.infer<typeof OrganisationSchema>;

export const ProgrammeSchema = z.object({
  id: IdSchema,
  name,
  year: z.number().int().min(2000).max(2100),
  areaId: IdSchema,
  description: optText,
});
export type Programme = z.infer<typeof ProgrammeSchema>;

export const TransformerSchema = z.object({
  id: IdSchema,
  villageId: IdSchema,
  name,
  ratingKva: z.number().positive().max(100_000),
  /** Used to turn a kVA rating into a kW limit; 0.9 is a common planning value for rural LV feeders. */
  powerFactor: z.number().gt(0).max(1).default(0.9),
});
export type Transformer = z.infer<typeof TransformerSchema>;

export const SITE_KINDS = ['household', 'station'] as const;
export const SiteSchema = z.object({
  id: IdSchema,
  kind: z.enum(SITE_KINDS),
  name,
  villageId: IdSchema,
  operatorOrgId: IdSchema,
  serviceOrgId: IdSchema.optional(),
  programmeId: IdSchema.optional(),
  transformerId: IdSchema.optional(),
  address: optText,
  lat: lat.optional(),
  lon: lon.optional(),
});
export type Site = z.infer<typeof SiteSchema>;

export const ENVELOPES = ['uninsulated', 'partially-insulated', 'retrofitted', 'energy-efficient'] as const;
export const THERMAL_MASS_CLASSES = ['very-light', 'light', 'medium', 'heavy', 'very-heavy'] as const;
export const BuildingSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  heatedAreaM2: z.number().positive().max(1_000_000),
  constructionYear: z.number().int().min(1800).max(2100),
  envelope: z.enum(ENVELOPES),
  storeys: z.number().int().min(1).max(100),
  thermalMass: z.enum(THERMAL_MASS_CLASSES).default('heavy'),
});
export type Building = z.infer<typeof BuildingSchema>;

export const HeatPumpUnitSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  type: z.enum(HEAT_PUMP_TYPE_KEYS),
  manufacturer: name,
  manufacturerOrgId: IdSchema.optional(),
  model: name,
  nominalCapacityKw: z.number().positive().max(20_000),
  capacityControl: z.enum(CAPACITY_CONTROLS),
  refrigerant: z.string().trim().min(1).max(40),
  installedOn: isoDate,
  emitter: z.enum(EMITTER_TYPES),
  serialNumber: optText,
});
export type HeatPumpUnit = z.infer<typeof HeatPumpUnitSchema>;

export const METER_KINDS = ['electricity', 'heat', 'temperature', 'flow', 'controller'] as const;
export const MeterSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  kind: z.enum(METER_KINDS),
  channels: z.array(z.enum(CHANNEL_KEYS as [ChannelKey, ...ChannelKey[]])).min(1),
  accuracyClass: optText,
  model: optText,
});
export type Meter = z.infer<typeof MeterSchema>;

/** A device is the gateway that publishes telemetry for one or more units of one site. Secrets live in the auth store. */
export const DeviceSchema = z.object({
  id: IdSchema,
  siteId: IdSchema,
  unitIds: z.array(IdSchema).min(1),
  status: z.enum(['active', 'revoked']).default('active'),
});
export type Device = z.infer<typeof DeviceSchema>;

export const REGISTRY_KINDS = ['areas', 'organisations', 'programmes', 'transformers', 'sites', 'buildings', 'units', 'meters', 'devices'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export const REGISTRY_SCHEMAS = {
  areas: AreaSchema,
  organisations: OrganisationSchema,
  programmes: ProgrammeSchema,
  transformers: TransformerSchema,
  sites: SiteSchema,
  buildings: BuildingSchema,
  units: HeatPumpUnitSchema,
  meters: MeterSchema,
  devices: DeviceSchema,
} as const;

export interface RegistrySnapshot {
  areas: Area[];
  organisations: Organisation[];
  programmes: Programme[];
  transformers: Transformer[];
  sites: Site[];
  buildings: Building[];
  units: HeatPumpUnit[];
  meters: Meter[];
  devices: Device[];
}

export const emptySnapshot = (): RegistrySnapshot => ({ areas: [], organisations: [], programmes: [], transformers: [], sites: [], buildings: [], units: [], meters: [], devices: [] });
