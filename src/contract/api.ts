/**
 * Wire contract of the HTTP API (`/api/v1`), shared by the server and the dashboard. Request bodies
 * are parsed by these schemas at the edge; response types are inferred from them.
 * Cookie-authenticated writes must send the session's CSRF token in the `x-csrf-token` header.
 */
import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { CHANNEL_KEYS, type ChannelKey } from '../domain/telemetry-channels.js';
import { TextRefSchema } from './texts/text-ref.js';
import {
  AreaSchema,
  BuildingSchema,
  DeviceSchema,
  HeatPumpUnitSchema,
  MeterSchema,
  OrganisationSchema,
  ProgrammeSchema,
  SiteSchema,
  TransformerSchema,
} from '../domain/registry.js';

export const API_PREFIX = '/api/v1';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'hf_session';

/** Closed set of error codes; every error body is `{ error: { code, message, issues? } }`. */
export const ERROR_CODES = ['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'too_large', 'rate_limited', 'locked', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    text: TextRefSchema.optional().describe('`message` as a code of API_ERROR_TEXTS (src/contract/texts/error-texts.ts), for clients that word it in the reader\'s language'),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---- auth ----
export const LoginRequestSchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const UserViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: z.string(),
  orgName: z.string(),
  scopeAreaId: z.string().nullable(),
  scopeName: z.string(),
  siteId: z.string().nullable(),
  actions: z.array(z.string()),
});
export type UserView = z.infer<typeof UserViewSchema>;
export const SessionViewSchema = z.object({ user: UserViewSchema, csrfToken: z.string(), expiresAtMs: z.number() });
export type SessionView = z.infer<typeof SessionViewSchema>;

// ---- fleet ----
const num = z.number().nullable();
export const LatestViewSchema = z.object({
  tsMs: z.number(),
  indoorTempC: num,
  outdoorTempC: num,
  supplyTempC: num,
  returnTempC: num,
  /** Electric power of unit + backup + pump (boundary H4), W. */
  elecPowerW: num,
  heatPowerW: num,
  compressorOn: num,
  defrost: num,
  setpointC: num,
  faultCode: z.string().nullable(),
});
export type LatestView = z.infer<typeof LatestViewSchema>;

export const SiteSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: SiteSchema.shape.kind,
  villageId: z.string(),
  villageName: z.string(),
  operatorOrgId: z.string(),
  unitIds: z.array(z.string()),
  capacityKw: z.number(),
  emitter: z.string().nullable(),
  heatedAreaM2: z.number().nullable(),
  /** A site is online when its newest reading is younger than the configured offline threshold. */
  online: z.boolean(),
  latest: LatestViewSchema.nullable(),
});
export type SiteSummary = z.infer<typeof SiteSummarySchema>;

export const VillageSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  countyName: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  sites: z.number(),
  online: z.number(),
  offline: z.number(),
  /** Mean of the latest indoor temperatures of online sites, °C. */
  meanIndoorTempC: num,
  /** Sites whose latest indoor temperature is below 18 °C. */
  sitesBelow18C: z.number(),
  elecPowerW: z.number(),
  heatPowerW: z.number(),
  transformerKva: z.number().nullable(),
});
export type VillageSummary = z.infer<typeof VillageSummarySchema>;

export const FleetOverviewSchema = z.object({
  clockMs: z.number(),
  offlineAfterMs: z.number(),
  villages: z.array(VillageSummarySchema),
  totals: z.object({ sites: z.number(), online: z.number(), offline: z.number(), meanIndoorTempC: num, elecPowerW: z.number(), heatPowerW: z.number(), sitesBelow18C: z.number() }),
});
export type FleetOverview = z.infer<typeof FleetOverviewSchema>;

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const SiteListQuerySchema = PageQuerySchema.extend({
  villageId: z.string().max(64).optional(),
  q: z.string().max(100).optional(),
  status: z.enum(['online', 'offline']).optional(),
});
export const SiteListSchema = z.object({ items: z.array(SiteSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });
export type SiteList = z.infer<typeof SiteListSchema>;

export const SiteDetailSchema = z.object({
  site: SiteSchema,
  village: AreaSchema.nullable(),
  operator: OrganisationSchema.nullable(),
  programme: ProgrammeSchema.nullable(),
  transformer: TransformerSchema.nullable(),
  buildings: z.array(BuildingSchema),
  units: z.array(HeatPumpUnitSchema),
  meters: z.array(MeterSchema),
  devices: z.array(DeviceSchema),
  summary: SiteSummarySchema,
});
export type SiteDetail = z.infer<typeof SiteDetailSchema>;

// ---- telemetry series ----
export const SERIES_RESOLUTIONS = ['raw', '15m', '1h', '1d'] as const;
export const SeriesQuerySchema = z
  .object({
    from: z.coerce.number().int().min(0),
    to: z.coerce.number().int().min(0),
    resolution: z.enum(SERIES_RESOLUTIONS).default('15m'),
    channels: z
      .string()
      .max(1000)
      .optional()
      .transform((s) => (s ? s.split(',').map((c) => c.trim()) : undefined))
      .pipe(z.array(z.enum(CHANNEL_KEYS as [ChannelKey, ...ChannelKey[]])).optional()),
  })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
  .refine((q) => q.to - q.from <= 400 * 86_400_000, { message: 'at most 400 days per request', path: ['to'] });
export const SeriesPointSchema = z.object({
  tsMs: z.number(),
  /** Raw: the reading; rollups: the bucket mean of each channel. */
  values: z.record(z.string(), z.number()),
  min: z.record(z.string(), z.number()).optional(),
  max: z.record(z.string(), z.number()).optional(),
});
export const SeriesSchema = z.object({
  unitId: z.string(),
  resolution: z.enum(SERIES_RESOLUTIONS),
  from: z.number(),
  to: z.number(),
  points: z.array(SeriesPointSchema),
  truncated: z.boolean(),
});
export type Series = z.infer<typeof SeriesSchema>;

// ---- live updates (Server-Sent Events) ----
/** `GET /api/v1/live/fleet` and `GET /api/v1/live/sites/:id` stream `event: sites` with this payload. */
export const LiveSitesEventSchema = z.object({ clockMs: z.number(), sites: z.array(SiteSummarySchema) });
export type LiveSitesEvent = z.infer<typeof LiveSitesEventSchema>;

// ---- registry writes, tokens, devices ----
export const ApiTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  actions: z.array(z.string().max(40)).min(1).max(20),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const ApiTokenViewSchema = z.object({ id: z.string(), name: z.string(), actions: z.array(z.string()), createdAtMs: z.number(), expiresAtMs: z.number().nullable(), revokedAtMs: z.number().nullable() });
export const ApiTokenCreatedSchema = ApiTokenViewSchema.extend({ secret: z.string() });

export const DeviceCredentialIssuedSchema = z.object({ deviceId: z.string(), secret: z.string(), mqttUsername: z.string(), telemetryTopic: z.string() });

export const DeadLetterViewSchema = z.object({ receivedAtMs: z.number(), source: z.enum(['mqtt', 'http']), senderId: z.string().nullable(), topic: z.string().nullable(), reason: z.string(), payload: z.string() });
export const AuditEntryViewSchema = z.object({ atMs: z.number(), actor: z.string(), action: z.string(), target: z.string(), outcome: z.enum(['ok', 'denied', 'failed']), detail: z.string() });
