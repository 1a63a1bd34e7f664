/**
 * Wire format of telemetry, shared by MQTT (`heatfleet/v1/devices/{deviceId}/telemetry`) and
 * HTTP (`POST /api/v1/telemetry`). See docs/telemetry.md.
 *
 *   single:  {"ts": 1731650000000 | "2024-11-15T06:00:00Z", "unit": "u-1", "values": {"indoorTempC": 19.5}, "fault": "E3"}
 *   batch:   {"readings": [<single>, ...]}    (a device replaying its buffer after an outage)
 *
 * `unit` may be left out when the device reports for exactly one unit.
 */
import { z } from 'zod';
import { CHANNELS, type ChannelKey } from '../domain/telemetry-channels.js';
import { IdSchema } from '../domain/registry.js';

export const MAX_READINGS_PER_BATCH = 10_000;
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

const finite = z.number().refine(Number.isFinite, 'must be a finite number (NaN and Infinity are refused)');

/** Each channel: a finite number inside its physical plausibility range; unknown channels are refused. */
const valuesShape = Object.fromEntries(
  CHANNELS.map((c) => [c.key, finite.pipe(z.number().min(c.min, `${c.key} below ${c.min} ${c.unit}`).max(c.max, `${c.key} above ${c.max} ${c.unit}`)).optional()]),
) as Record<ChannelKey, z.ZodOptional<z.ZodType<number>>>;

export const ChannelValuesSchema = z
  .strictObject(valuesShape)
  // A key present with the value undefined (possible from an in-process caller, never in JSON) is no channel.
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'values must hold at least one channel');

const timestamp = z.union([
  z.number().int('ts in epoch milliseconds must be an integer').min(0),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

export const WireReadingSchema = z.strictObject({
  ts: timestamp,
  unit: IdSchema.optional(),
  values: ChannelValuesSchema,
  fault: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_.:-]+$/, 'fault codes are letters, digits and _.:-').optional(),
});
export type WireReading = z.infer<typeof WireReadingSchema>;

export const WireBatchSchema = z.strictObject({
  readings: z.array(z.unknown()).min(1).max(MAX_READINGS_PER_BATCH, `at most ${MAX_READINGS_PER_BATCH} readings per batch`),
});

export interface IngestRejection {
  /** Index of the reading in the batch (0 for a single reading), or null when the whole payload was refused. */
  readonly index: number | null;
  readonly reason: string;
}

export interface IngestReport {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: readonly IngestRejection[];
}
