/**
 * Control protocol between the platform and a device (docs/dispatch.md): commands on
 * `heatfleet/v1/devices/{deviceId}/commands`, answers on `heatfleet/v1/devices/{deviceId}/acks`.
 * Every command carries an id, its issue time and an expiry; the id makes delivery idempotent (a device
 * that sees an id again answers as it did the first time and does not apply it twice).
 */
import { z } from 'zod';

export const CommandIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/, 'a command id is 1–80 letters, digits, "-", "_", ".", ":"');
const epochMs = z.number().int().min(0).max(8.64e15);
const roomSetpointC = z.number().min(5).max(30);

/**
 * SG-Ready-like run permission, numbered as the operating states of the SG Ready label (Bundesverband
 * Wärmepumpe, http://www.waermepumpe.de/sg-ready/): 1 = utility lock ("EVU-Sperre", at most 2 h of
 * hard lock), 2 = normal energy-efficient operation, 3 = switch-on recommendation (increased operation),
 * 4 = definitive start command (within the controller's settings).
 */
export const SG_READY_STATES = { 1: 'blocked', 2: 'normal', 3: 'recommended-on', 4: 'forced-on' } as const;
export const SgReadyStateSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type SgReadyState = z.infer<typeof SgReadyStateSchema>;
/** The label bounds a lock to 2 h; the platform never sends a longer one. */
export const MAX_SG_LOCK_MS = 2 * 3_600_000;

export const UNIT_MODES = ['heating', 'standby'] as const;

/** One slot of an uploaded schedule: a ceiling on electric power and/or a room setpoint. */
export const ScheduleSlotSchema = z
  .strictObject({
    powerLimitW: z.number().min(0).max(1_000_000).optional(),
    setpointC: roomSetpointC.optional(),
  })
  .refine((s) => s.powerLimitW !== undefined || s.setpointC !== undefined, 'a slot needs powerLimitW or setpointC');
export type ScheduleSlot = z.infer<typeof ScheduleSlotSchema>;

/**
 * The device's own daily schedule for when it loses the platform (or a schedule ends): a room setpoint
 * per local hour (24 values, hour 0 first) in the device's local time (UTC offset in minutes).
 */
export const FallbackScheduleSchema = z.strictObject({
  utcOffsetMin: z.number().int().min(-720).max(840),
  hourlySetpointC: z.array(roomSetpointC).length(24),
});
export type FallbackSchedule = z.infer<typeof FallbackScheduleSchema>;

const common = {
  id: CommandIdSchema,
  /** The unit of the device the command is for (a gateway may serve several units). */
  unitId: z.string().min(1).max(64),
  issuedAtMs: epochMs,
  /** The device drops a command it receives after this instant (and answers `rejected: expired`). */
  expiresAtMs: epochMs,
};
const window = { validFromMs: epochMs, validToMs: epochMs };

export const SetpointCommandSchema = z.strictObject({ ...common, kind: z.literal('setpoint'), setpointC: roomSetpointC, ...window });
export const ModeCommandSchema = z.strictObject({ ...common, kind: z.literal('mode'), mode: z.enum(UNIT_MODES), ...window });
export const RunPermissionCommandSchema = z.strictObject({ ...common, kind: z.literal('run-permission'), sgState: SgReadyStateSchema, ...window });
export const ScheduleCommandSchema = z.strictObject({
  ...common,
  kind: z.literal('schedule'),
  startMs: epochMs,
  slotS: z.number().int().min(60).max(86_400),
  slots: z.array(ScheduleSlotSchema).min(1).max(2 * 96 * 4),
  fallback: FallbackScheduleSchema,
});

export const COMMAND_KINDS = ['setpoint', 'mode', 'run-permission', 'schedule'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

export const DeviceCommandSchema = z
  .discriminatedUnion('kind', [SetpointCommandSchema, ModeCommandSchema, RunPermissionCommandSchema, ScheduleCommandSchema])
  .superRefine((c, ctx) => {
    if (c.expiresAtMs <= c.issuedAtMs) ctx.addIssue({ code: 'custom', path: ['expiresAtMs'], message: 'expiresAtMs must be after issuedAtMs' });
    if ('validFromMs' in c && c.validToMs <= c.validFromMs) ctx.addIssue({ code: 'custom', path: ['validToMs'], message: 'validToMs must be after validFromMs' });
    if (c.kind === 'run-permission' && c.sgState === 1 && c.validToMs - c.validFromMs > MAX_SG_LOCK_MS) {
      ctx.addIssue({ code: 'custom', path: ['validToMs'], message: 'a lock (SG state 1) lasts at most 2 h' });
    }
  });
export type DeviceCommand = z.infer<typeof DeviceCommandSchema>;

/** The device's answer on its acks topic. */
export const CommandAckSchema = z.strictObject({
  commandId: CommandIdSchema,
  status: z.enum(['accepted', 'rejected']),
  /** Why a command was rejected (required then), or a note on acceptance. */
  reason: z.string().max(500).optional(),
  /** Device time of the answer. */
  atMs: epochMs.optional(),
}).refine((a) => a.status === 'accepted' || (a.reason !== undefined && a.reason.length > 0), { message: 'a rejection needs a reason', path: ['reason'] });
export type CommandAck = z.infer<typeof CommandAckSchema>;

/**
 * Life of a command on the platform: queued → sent (awaiting the ack, retried with backoff) → accepted
 * | rejected | not-acknowledging (no ack after every retry: alarm, the device runs its fallback) |
 * expired (its expiry passed before an answer) | superseded (a newer command replaced it before an answer).
 */
export const COMMAND_STATES = ['queued', 'sent', 'accepted', 'rejected', 'not-acknowledging', 'expired', 'superseded'] as const;
export type CommandState = (typeof COMMAND_STATES)[number];
export const FINAL_COMMAND_STATES: ReadonlySet<CommandState> = new Set(['accepted', 'rejected', 'not-acknowledging', 'expired', 'superseded']);
