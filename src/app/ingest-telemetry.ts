/**
 * Use case: accept a telemetry payload from an authenticated sender, store every valid reading exactly
 * once, and give every invalid one a reason (returned to the sender and kept in the dead-letter store).
 * Shared by the MQTT and HTTP adapters, so both protocols apply the same rules.
 */
import type { Reading } from '../domain/telemetry-channels.js';
import {
  MAX_PAYLOAD_BYTES,
  WireBatchSchema,
  WireReadingSchema,
  type IngestRejection,
  type IngestReport,
} from '../contract/telemetry-payload.js';
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-depth.js';
import type { Clock } from './ports/clock.js';
import type { DeadLetter, TelemetryStore } from './ports/telemetry-store.js';

export interface IngestSender {
  /** Device id for MQTT/device tokens, principal id for HTTP users and tokens. */
  readonly id: string;
  /** Units this sender may write; `unit` may be omitted from a reading when there is exactly one. */
  readonly unitIds: ReadonlySet<string>;
}

export interface IngestLimits {
  /** Readings older than this (relative to the clock) are refused. */
  readonly maxAgeMs: number;
  /** Readings further ahead than this are refused (clock skew allowance). */
  readonly maxFutureMs: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = { maxAgeMs: 400 * 86_400_000, maxFutureMs: 5 * 60_000 };
const DEAD_LETTER_PAYLOAD_CHARS = 4096;

const describeZodIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');

export interface TelemetryIngestor {
  /** `payload` is the raw body (bytes or text) or an already-parsed JSON value. */
  ingest(sender: IngestSender, payload: Buffer | string | unknown, meta: { source: 'mqtt' | 'http'; topic: string | null }): Promise<IngestReport>;
}

export function createTelemetryIngestor(deps: { store: TelemetryStore; clock: Clock; limits?: IngestLimits }): TelemetryIngestor {
  const limits = deps.limits ?? DEFAULT_INGEST_LIMITS;

  const parse = (payload: unknown): { value: unknown } | { error: string } => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return { value: payload };
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    if (size > MAX_PAYLOAD_BYTES) return { error: `payload of ${size} bytes exceeds the limit of ${MAX_PAYLOAD_BYTES}` };
    const text = payload.toString();
    if (jsonTooDeep(text)) return { error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      return { error: `malformed JSON: ${(e as Error).message}` };
    }
  };

  const toReading = (sender: IngestSender, raw: unknown, nowMs: number): Reading | string => {
    const parsed = WireReadingSchema.safeParse(raw);
    if (!parsed.success) return describeZodIssues(parsed.error.issues);
    const r = parsed.data;
    let unitId = r.unit;
    if (unitId === undefined) {
      if (sender.unitIds.size !== 1) return 'unit: required, this sender reports for several units';
      unitId = sender.unitIds.values().next().value as string;
    } else if (!sender.unitIds.has(unitId)) {
      return `unit: "${unitId}" is not a unit this sender may report for`;
    }
    if (r.ts > nowMs + limits.maxFutureMs) return `ts: ${new Date(r.ts).toISOString()} is in the future (more than ${limits.maxFutureMs / 1000} s ahead of the platform clock)`;
    if (r.ts < nowMs - limits.maxAgeMs) return `ts: ${new Date(r.ts).toISOString()} is older than the accepted ${Math.round(limits.maxAgeMs / 86_400_000)} days`;
    return r.fault === undefined ? { unitId, tsMs: r.ts, values: r.values } : { unitId, tsMs: r.ts, values: r.values, faultCode: r.fault };
  };

  return {
    async ingest(sender, payload, meta) {
      const nowMs = deps.clock.nowMs();
      const payloadText = () => {
        const s = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8', 0, DEAD_LETTER_PAYLOAD_CHARS) : JSON.stringify(payload) ?? '';
        return s.slice(0, DEAD_LETTER_PAYLOAD_CHARS);
      };
      const letter = (reason: string, body: string): DeadLetter => ({ receivedAtMs: nowMs, source: meta.source, senderId: sender.id, topic: meta.topic, reason, payload: body });

      const parsed = parse(payload);
      if ('error' in parsed) {
        await deps.store.addDeadLetters([letter(parsed.error, payloadText())]);
        return { accepted: 0, duplicates: 0, rejected: [{ index: null, reason: parsed.error }] };
      }
      const value = parsed.value;
      let items: unknown[];
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'readings' in value) {
        const batch = WireBatchSchema.safeParse(value);
        if (!batch.success) {
          const reason = describeZodIssues(batch.error.issues);
          await deps.store.addDeadLetters([letter(reason, payloadText())]);
          return { accepted: 0, duplicates: 0, rejected: [{ index: null, reason }] };
        }
        items = batch.data.readings;
      } else {
        items = [value];
      }

      const readings: Reading[] = [];
      const rejected: IngestRejection[] = [];
      const letters: DeadLetter[] = [];
      items.forEach((item, index) => {
        const r = toReading(sender, item, nowMs);
        if (typeof r === 'string') {
          rejected.push({ index, reason: r });
          letters.push(letter(items.length > 1 ? `reading ${index}: ${r}` : r, (JSON.stringify(item) ?? String(item)).slice(0, DEAD_LETTER_PAYLOAD_CHARS)));
        } else readings.push(r);
      });
      // Dead letters first: if storing the valid rows fails, the sender retries and nothing is lost either way.
      if (letters.length > 0) await deps.store.addDeadLetters(letters);
      const result = readings.length > 0 ? await deps.store.append(readings) : { inserted: 0, duplicates: 0 };
      return { accepted: result.inserted, duplicates: result.duplicates, rejected };
    },
  };
}
