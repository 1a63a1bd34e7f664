/**
 * Port: finished twin runs of expected vs actual (app/season-report/expected-runs.ts), kept across restarts so that
 * a restarted platform answers at once instead of running the twin again for every unit.
 */
export interface StoredTwinResult {
  /** Everything that determined the result (expected-runs.ts `storedKeyOf`); a lookup by key serves only a current result. */
  readonly key: string;
  /** Results of one slot (unit, boundary, period) supersede each other: storing one drops the slot's others. */
  readonly slot: string;
  readonly unitId: string;
  readonly storedAtMs: number;
  /** The result as JSON; the use case checks it when it reads it back. */
  readonly resultJson: string;
}

export interface TwinResultStore {
  /** The stored results of these keys as JSON, by key (keys without one are left out). */
  get(keys: readonly string[]): Promise<Map<string, string>>;
  /** Stores results (a key stored again is replaced) and drops every other result of their slots. */
  put(results: readonly StoredTwinResult[]): Promise<void>;
  /** Drops these keys (e.g. a stored result that no longer fits the current format). */
  drop(keys: readonly string[]): Promise<void>;
  /** Keeps the `maxEntries` most recently stored results and drops the rest; returns how many it dropped. */
  prune(maxEntries: number): Promise<number>;
  count(): Promise<number>;
}
