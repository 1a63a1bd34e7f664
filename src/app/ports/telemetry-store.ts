import type { ChannelKey, Reading } from '../../domain/telemetry-channels.js';

export interface AppendResult {
  /** Readings that created a new (unit, timestamp) row. */
  readonly inserted: number;
  /** Readings whose (unit, timestamp) was already stored; their new channels were merged, stored values never change. */
  readonly duplicates: number;
}

export const ROLLUP_RESOLUTIONS = ['15m', '1h', '1d'] as const;
export type RollupResolution = (typeof ROLLUP_RESOLUTIONS)[number];
export const RESOLUTION_MS: Readonly<Record<RollupResolution, number>> = { '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 };

export interface ChannelAggregate {
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  /** Number of raw readings with a value for this channel in the bucket. */
  readonly n: number;
}

export interface RollupRow {
  readonly unitId: string;
  readonly bucketStartMs: number;
  readonly channels: Partial<Record<ChannelKey, ChannelAggregate>>;
}

export interface DeadLetter {
  readonly receivedAtMs: number;
  readonly source: 'mqtt' | 'http';
  /** Authenticated device (MQTT) or principal (HTTP) that sent it, when known. */
  readonly senderId: string | null;
  readonly topic: string | null;
  readonly reason: string;
  /** The payload as received, truncated to a bounded size. */
  readonly payload: string;
}

export interface RawQuery {
  readonly unitId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit?: number;
}

export interface RollupQuery {
  readonly unitIds: readonly string[];
  readonly resolution: RollupResolution;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Port: durable time-series store of unit readings. Exactly-once storage: a (unit, timestamp) is one
 * row whatever the number of deliveries; `append` resolves only once the rows are durable.
 */
export interface TelemetryStore {
  append(readings: readonly Reading[]): Promise<AppendResult>;
  /** Raw readings of one unit in [fromMs, toMs), ordered by time. */
  queryRaw(query: RawQuery): Promise<Reading[]>;
  /**
   * Pre-aggregated buckets whose start lies in [fromMs, toMs); brought up to date before answering.
   * Buckets are aligned to UTC epoch multiples of RESOLUTION_MS; rows are ordered by unit id, then time.
   */
  queryRollup(query: RollupQuery): Promise<RollupRow[]>;
  /** Latest stored reading per unit (the unit's newest timestamp), for the given units. */
  latest(unitIds: readonly string[]): Promise<Reading[]>;
  /** Recompute buckets touched by appends since the last refresh; returns the number of buckets rebuilt. */
  refreshRollups(): Promise<number>;
  countReadings(): Promise<number>;
  addDeadLetters(letters: readonly DeadLetter[]): Promise<void>;
  listDeadLetters(query: { senderIds?: readonly string[]; limit: number; beforeMs?: number }): Promise<DeadLetter[]>;
  close(): Promise<void>;
}
