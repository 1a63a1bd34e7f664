/**
 * Wire contract of the dispatch API (`/api/v1/dispatch/…`, docs/dispatch.md): plans per transformer and
 * day, their dispatch as schedule uploads, commands with their states, household overrides, alarms and
 * plan vs actual per village. Shared by the server and the dashboard.
 */
import { z } from 'zod';
import { IdSchema } from '../domain/registry.js';
import { COMMAND_KINDS, COMMAND_STATES, DeviceCommandSchema, SgReadyStateSchema } from './commands.js';
import { TextRefSchema } from './texts/text-ref.js';

// Texts for people come as a code of a catalogue in src/contract/texts beside the English field (docs/i18n.md);
// optional only because records stored before they existed have none.
const ref = (catalogue: string) => TextRefSchema.describe(`the English text beside it as a code of ${catalogue} (src/contract/texts/dispatch-texts.ts)`);

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD').refine((d) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
}, 'not a calendar date');

export const COMMAND_ORIGINS = ['plan', 'replan', 'override'] as const;
export type CommandOrigin = (typeof COMMAND_ORIGINS)[number];

export const CommandViewSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  unitId: z.string(),
  siteId: z.string(),
  kind: z.enum(COMMAND_KINDS),
  origin: z.enum(COMMAND_ORIGINS),
  planId: z.string().nullable(),
  /** User id for operator-issued commands, `system` for plans dispatched by the replanner. */
  actor: z.string(),
  state: z.enum(COMMAND_STATES),
  attempts: z.number(),
  issuedAtMs: z.number(),
  expiresAtMs: z.number(),
  lastSentAtMs: z.number().nullable(),
  answeredAtMs: z.number().nullable(),
  /** The device's rejection reason, or why the platform gave up. */
  reason: z.string().nullable(),
  reasonRef: ref('COMMAND_REASON_TEXTS').nullable().optional(),
  command: DeviceCommandSchema,
});
export type CommandView = z.infer<typeof CommandViewSchema>;

export const CommandListQuerySchema = z.object({
  siteId: IdSchema.optional(),
  /** Only the sites of this village. */
  villageId: IdSchema.optional(),
  planId: z.string().max(120).optional(),
  state: z.enum(COMMAND_STATES).optional(),
  /** Only commands issued on this local (Beijing) day. */
  day: isoDay.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type CommandListQuery = z.infer<typeof CommandListQuerySchema>;

/**
 * Which building model planned a household (src/optimize/planner-model/model-choice.md): the model identified from its
 * own telemetry, or the registered building; `code` is stable (texts are localised by it), `reason` is the English text.
 */
export const PlannerModelChoiceSchema = z.object({
  source: z.enum(['identified', 'registered']),
  code: z.enum(['identified', 'no-heat-meter', 'too-few-days', 'not-identifiable', 'untrusted', 'fit-error-too-large', 'no-better-than-registered', 'no-model-source', 'fit-failed']),
  reason: z.string(),
  /** Days of usable telemetry in the 14-day window before the planned day. */
  fitDays: z.number(),
  /** Free-run RMS error over a day (K) of the fitted model, and of the registered model on the same data; null without a fit. */
  fitRmseK: z.number().nullable(),
  registeredRmseK: z.number().nullable(),
  /** The largest fit error (K) at which the fitted model plans. */
  maxFitRmseK: z.number(),
  /** Parameters the plan used: heat-loss coefficient (W/K) and time constant (h). */
  heatLossWK: z.number(),
  timeConstantH: z.number(),
});
export type PlannerModelChoiceView = z.infer<typeof PlannerModelChoiceSchema>;

export const PlanHouseholdSchema = z.object({
  siteId: z.string(),
  unitId: z.string(),
  deviceId: z.string(),
  /** Planned electric power per slot (W). */
  powerW: z.array(z.number()),
  /** Planned room temperature at the end of each slot (°C). */
  tempC: z.array(z.number()),
  /** Comfort floor per slot (°C). */
  minTempC: z.array(z.number()),
  costYuan: z.number(),
  comfortDeficitKh: z.number(),
  /** True when the household could not be planned (no building/device) and keeps its own control. */
  excluded: z.boolean(),
  note: z.string().nullable(),
  noteRef: ref('HOUSEHOLD_NOTE_TEXTS').nullable().optional(),
  /** The building model the household was planned on (absent on excluded households and on plans made before it existed). */
  model: PlannerModelChoiceSchema.optional(),
});
export type PlanHousehold = z.infer<typeof PlanHouseholdSchema>;

export const PlanSummarySchema = z.object({
  id: z.string(),
  transformerId: z.string(),
  villageId: z.string(),
  day: z.string(),
  dayStartMs: z.number(),
  slotS: z.number(),
  /** 1 for the day-ahead plan; each replan of the rest of the day adds one. */
  revision: z.number(),
  /** First slot this revision re-optimised (0 for the day-ahead plan). */
  fromSlot: z.number(),
  createdAtMs: z.number(),
  createdBy: z.string(),
  /** Why this revision exists: `day-ahead`, or the drift that caused the replan. */
  reason: z.string(),
  reasonRef: ref('PLAN_REASON_TEXTS').optional(),
  /** The drift behind a replan (codes of DRIFT_TEXTS), same order as in `reason`. */
  reasonDetails: z.array(ref('DRIFT_TEXTS')).optional(),
  status: z.enum(['planned', 'dispatched', 'replaced']),
  tariffId: z.string(),
  costYuan: z.number(),
  comfortDeficitKh: z.number(),
  peakLoadW: z.number(),
  capacityW: z.number(),
  issues: z.array(z.string()),
  issueRefs: z.array(ref('PLAN_ISSUE_TEXTS')).optional(),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const PlanDetailSchema = PlanSummarySchema.extend({
  priceYuanPerKWh: z.array(z.number()),
  capacityPerSlotW: z.array(z.number()),
  households: z.array(PlanHouseholdSchema),
});
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

export const CreatePlanSchema = z
  .strictObject({
    villageId: IdSchema.optional(),
    transformerId: IdSchema.optional(),
    day: isoDay,
    /** Tariff preset (docs/optimize.md); default the Beijing rural coal-to-electricity tariff. */
    tariffId: z.string().max(80).optional(),
  })
  .refine((b) => (b.villageId === undefined) !== (b.transformerId === undefined), { message: 'give exactly one of villageId or transformerId', path: ['villageId'] });
export type CreatePlan = z.infer<typeof CreatePlanSchema>;

export const PlanListQuerySchema = z.object({ villageId: IdSchema.optional(), day: isoDay.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export const OverrideSchema = z
  .strictObject({
    siteId: IdSchema,
    kind: z.enum(['setpoint', 'run-permission']),
    setpointC: z.number().min(5).max(30).optional(),
    sgState: SgReadyStateSchema.optional(),
    /** Start of the override (platform time, epoch ms); default now. */
    fromMs: z.number().int().min(0).optional(),
    toMs: z.number().int().min(0),
    note: z.string().max(300).optional(),
  })
  .refine((o) => (o.kind === 'setpoint' ? o.setpointC !== undefined && o.sgState === undefined : o.sgState !== undefined && o.setpointC === undefined), {
    message: 'a setpoint override needs setpointC, a run-permission override needs sgState (1–4), not both',
    path: ['kind'],
  });
export type Override = z.infer<typeof OverrideSchema>;

export const ALARM_KINDS = ['not-acknowledging', 'rejected', 'replanned', 'plan-issue'] as const;
export const DispatchAlarmSchema = z.object({
  atMs: z.number(),
  kind: z.enum(ALARM_KINDS),
  siteId: z.string().nullable(),
  deviceId: z.string().nullable(),
  transformerId: z.string().nullable(),
  commandId: z.string().nullable(),
  message: z.string(),
  text: ref('ALARM_TEXTS').optional(),
  /** What the alarm is about in detail: the drift of a replan (DRIFT_TEXTS) or the plan issue (PLAN_ISSUE_TEXTS). */
  details: z.array(TextRefSchema).optional(),
});
export type DispatchAlarm = z.infer<typeof DispatchAlarmSchema>;

/** Who marked an alarm as seen/handled, when (wall clock, epoch ms) and what they noted. */
export const AlarmAcknowledgementSchema = z.object({ byUserId: z.string(), byUsername: z.string(), atMs: z.number(), note: z.string() });
export type AlarmAcknowledgement = z.infer<typeof AlarmAcknowledgementSchema>;
export const ALARM_STATES = ['open', 'acknowledged'] as const;
/** A stored alarm as listed: its id and its acknowledgement (null while open). */
export const DispatchAlarmViewSchema = DispatchAlarmSchema.extend({ id: z.string(), acknowledgement: AlarmAcknowledgementSchema.nullable() });
export type DispatchAlarmView = z.infer<typeof DispatchAlarmViewSchema>;

export const AlarmListQuerySchema = z.object({
  villageId: IdSchema.optional(),
  /** Only alarms raised on this local (Beijing) day. */
  day: isoDay.optional(),
  state: z.enum(ALARM_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AlarmListQuery = z.infer<typeof AlarmListQuerySchema>;
export const AlarmIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'an alarm id is a positive whole number');
export const AcknowledgeAlarmSchema = z.strictObject({
  /** What was seen or done, e.g. "gateway power cut; technician booked for Tuesday". */
  note: z.string().trim().min(1, 'a note is required: say what was seen or done').max(500),
});

/** A tariff preset the planner can price a day with (docs/optimize.md), with its sources and verification status. */
export const TariffPresetViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** False when no verified source exists: listed with the reason, not selectable. */
  available: z.boolean(),
  reason: z.string().nullable(),
  /** "unverified": at least one number is not traced to a source (see note). */
  status: z.enum(['verified', 'unverified']).nullable(),
  note: z.string(),
  /** `name`, `note`, `reason` as codes of the tariffName / tariffNote / tariffReason catalogues (null: no wording, show the field). */
  nameRef: TextRefSchema.nullable(), noteRef: TextRefSchema.nullable(), reasonRef: TextRefSchema.nullable(),
  sources: z.array(z.string()),
  windows: z.array(z.object({ name: z.string(), fromLocal: z.string(), toLocal: z.string(), priceYuanPerKWh: z.number(), subsidyYuanPerKWh: z.number() })),
  subsidyCapKWhPerSeason: z.number().nullable(),
  season: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** The preset used when a plan names none. */
  isDefault: z.boolean(),
});
export type TariffPresetView = z.infer<typeof TariffPresetViewSchema>;

export const PlanVsActualQuerySchema = z.object({ day: isoDay });
export const TransformerPlanVsActualSchema = z.object({
  transformerId: z.string(),
  planId: z.string(),
  revision: z.number(),
  slotS: z.number(),
  dayStartMs: z.number(),
  capacityW: z.array(z.number()),
  plannedLoadW: z.array(z.number()),
  /** Sum of the measured 15-minute mean unit power of the planned households; null where no household reported. */
  measuredLoadW: z.array(z.number().nullable()),
  /** Slots whose measured load exceeded the transformer's heating capacity. */
  overloadSlots: z.array(z.number()),
  plannedCostYuan: z.number(),
  /** Measured energy × the plan's slot prices, over slots with data. */
  actualCostYuan: z.number(),
  plannedComfortDeficitKh: z.number(),
  /** Kelvin-hours of measured indoor temperature below the plan's comfort floor. */
  actualComfortDeficitKh: z.number(),
  households: z.array(
    z.object({
      siteId: z.string(),
      plannedEnergyKWh: z.number(),
      actualEnergyKWh: z.number(),
      actualComfortDeficitKh: z.number(),
      /** An operator override is active now: it wins over the plan until it expires. */
      overridden: z.boolean(),
      lastCommandState: z.enum(COMMAND_STATES).nullable(),
    }),
  ),
});
export const PlanVsActualSchema = z.object({ villageId: z.string(), day: z.string(), transformers: z.array(TransformerPlanVsActualSchema) });
export type PlanVsActual = z.infer<typeof PlanVsActualSchema>;
