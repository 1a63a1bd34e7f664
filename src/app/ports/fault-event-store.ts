import type { FaultEvent } from '../../analytics/fleet-eval/after-sales.js';

/** Units and a period [fromMs, toMs); `maxGapS` as in `faultEventsFromReadings` (after-sales.ts). */
export interface FaultEventQuery {
  readonly unitIds: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly maxGapS: number;
}

/**
 * Port: fault events from the fault codes stored with readings, found by the store itself (only rows carrying
 * a code are read, plus a check for a clearing reading between two close ones). Same events as
 * `faultEventsFromReadings` over the period's readings; ordered by unit id, start, code.
 */
export interface FaultEventStore {
  queryFaultEvents(query: FaultEventQuery): Promise<FaultEvent[]>;
}
