/**
 * Wire contract of demand-response events (`/api/v1/dr/events…`, docs/demand-response.md): the grid operator
 * (or an OpenADR 2.0-style client) asks a village to reduce or increase its power over a window of the day;
 * the platform answers with the offer it can make without breaking comfort, commits, dispatches, and
 * reports the delivered flexibility. Shared by the server and the dashboard.
 */
import { z } from 'zod';
import { IdSchema } from '../domain/registry.js';
import { TextRefSchema } from './texts/text-ref.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD').refine((d) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
}, 'not a calendar date');
/** Local (Asia/Shanghai) time of day on a 15-minute boundary; "24:00" ends the day. */
const quarterHour = z.string().regex(/^([01]\d|2[0-3]):(00|15|30|45)$|^24:00$/, 'a time is HH:MM on a quarter hour (00, 15, 30, 45), or 24:00');

export const DR_DIRECTIONS = ['reduce', 'increase'] as const;
export const DR_STATUSES = ['offered', 'committed', 'completed', 'cancelled'] as const;
export type DrStatus = (typeof DR_STATUSES)[number];

export const DrEventIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/, 'an event id is 1–80 letters, digits, "-", "_", ".", ":"');

export const CreateDrEventSchema = z
  .strictObject({
    /** The requester's event id (OpenADR eventID); generated when absent. Reusing an id is refused. */
    id: DrEventIdSchema.optional(),
    villageId: IdSchema,
    direction: z.enum(DR_DIRECTIONS),
    /** Local day of the window. */
    day: isoDay,
    from: quarterHour,
    to: quarterHour,
    /** Requested change of the village's power (kW). */
    requestedKw: z.number().positive().max(1_000_000),
    /** Who asked: free text such as "grid-operator" or "openadr:VEN-01". */
    source: z.string().min(1).max(80).default('grid-operator'),
  })
  .refine((e) => e.to > e.from, { message: 'the window must end after it starts (to > from)', path: ['to'] });
export type CreateDrEvent = z.input<typeof CreateDrEventSchema>;

export const CommitDrEventSchema = z.strictObject({
  /** Power to commit (kW); default the requested power, capped at the firm offer. */
  requestedKw: z.number().positive().max(1_000_000).optional(),
});

export const CancelDrEventSchema = z.strictObject({
  /** Why the event is cancelled, e.g. "grid operator withdrew the request". */
  note: z.string().trim().max(300).optional(),
});

export const DrEventSummarySchema = z.object({
  id: z.string(),
  villageId: z.string(),
  direction: z.enum(DR_DIRECTIONS),
  day: z.string(),
  from: z.string(),
  to: z.string(),
  windowStartMs: z.number(),
  windowEndMs: z.number(),
  requestedKw: z.number(),
  /** What the village can promise for the whole window without breaking comfort (kW). */
  firmOfferKw: z.number(),
  committedKw: z.number().nullable(),
  /** Mean delivered power over the window so far (kW), null before the window starts. */
  deliveredKw: z.number().nullable(),
  status: z.enum(DR_STATUSES),
  source: z.string(),
  createdAtMs: z.number(),
  createdBy: z.string(),
});
export type DrEventSummary = z.infer<typeof DrEventSummarySchema>;

export const DrEventDetailSchema = DrEventSummarySchema.extend({
  slotS: z.number(),
  /** Tariff the flexibility and costs are priced with. */
  tariffId: z.string(),
  offer: z.object({
    /** Village flexibility per window slot (kW). */
    perSlotKw: z.array(z.number()),
    windowKWh: z.number(),
    /** Extra cost to households if all offered flexibility is used (yuan, over the day). */
    extraCostYuan: z.number(),
    participating: z.number(),
    /** Households not offered, with why; `reasonRef` words `reason` by a code of HOUSEHOLD_NOTE_TEXTS (src/contract/texts, docs/i18n.md). */
    excluded: z.array(z.object({ siteId: z.string(), reason: z.string(), reasonRef: TextRefSchema.optional() })),
  }),
  commitment: z.object({
    committedKw: z.number(),
    shortfallKw: z.number(),
    expectedPerSlotKw: z.array(z.number()),
    extraCostYuan: z.number(),
    households: z.array(z.object({ siteId: z.string(), share: z.number() })),
    peakBeforeKw: z.number(),
    peakAfterKw: z.number(),
    /** Schedule commands sent to the participating households' devices. */
    commandIds: z.array(z.string()),
  }).nullable(),
  delivery: z.object({
    /** Village baseline per window slot (the committed pre-event plan, kW). */
    baselineKw: z.array(z.number()),
    /** Measured village power per window slot (kW), null where no measurement yet. */
    measuredKw: z.array(z.number().nullable()),
    deliveredKw: z.array(z.number()),
    deliveredKWh: z.number(),
    pctOfCommitted: z.number().nullable(),
    slotsShort: z.number(),
    slotsUnmeasured: z.number(),
  }).nullable(),
  /** Set when the event was cancelled: who, when (wall clock), why, and the reverting plan revisions sent to the devices. */
  cancellation: z.object({
    atMs: z.number(),
    by: z.string(),
    note: z.string(),
    /** Plan revisions that put the participants back on their pre-event plan for the rest of the day. */
    revertedPlanIds: z.array(z.string()),
    commandIds: z.array(z.string()),
  }).nullable().default(null),
});
export type DrEventDetail = z.infer<typeof DrEventDetailSchema>;

export const DrEventListQuerySchema = z.object({ villageId: IdSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const DrEventListSchema = z.object({ items: z.array(DrEventSummarySchema) });
