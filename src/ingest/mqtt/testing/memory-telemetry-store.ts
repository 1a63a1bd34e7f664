/**
 * Test double of the TelemetryStore port for the MQTT adapter's in-process tests (tests under src/ingest
 * may not import src/storage; the real-store tests live in tests/mqtt-*.test.ts). Keeps one row per
 * (unit, timestamp) like the real store, and can be told to fail the next appends.
 */
import type { Reading } from '../../../domain/telemetry-channels.js';
import type { AppendResult, DeadLetter, TelemetryStore } from '../../../app/ports/telemetry-store.js';

export interface MemoryTelemetryStore extends TelemetryStore {
  readonly rows: Map<string, Reading>;
  readonly deadLetters: DeadLetter[];
  /** The next n calls of `append` reject (simulating a full disk or a lost database). */
  failNextAppends: number;
  /** Milliseconds each append waits before it resolves (so that "ack after durable" is observable). */
  appendDelayMs: number;
  appendCalls: number;
}

const key = (unitId: string, tsMs: number) => `${unitId}@${tsMs}`;

export function createMemoryTelemetryStore(): MemoryTelemetryStore {
  const store: MemoryTelemetryStore = {
    rows: new Map(),
    deadLetters: [],
    failNextAppends: 0,
    appendDelayMs: 0,
    appendCalls: 0,
    async append(readings): Promise<AppendResult> {
      store.appendCalls++;
      if (store.appendDelayMs > 0) await new Promise((r) => setTimeout(r, store.appendDelayMs));
      if (store.failNextAppends > 0) {
        store.failNextAppends--;
        throw new Error('simulated storage failure');
      }
      let inserted = 0;
      let duplicates = 0;
      for (const r of readings) {
        const k = key(r.unitId, r.tsMs);
        const old = store.rows.get(k);
        if (old === undefined) {
          store.rows.set(k, r);
          inserted++;
        } else {
          store.rows.set(k, { ...old, values: { ...r.values, ...old.values } });
          duplicates++;
        }
      }
      return { inserted, duplicates };
    },
    async queryRaw(q) {
      return [...store.rows.values()].filter((r) => r.unitId === q.unitId && r.tsMs >= q.fromMs && r.tsMs < q.toMs).sort((a, b) => a.tsMs - b.tsMs).slice(0, q.limit ?? Infinity);
    },
    async queryRollup() {
      return [];
    },
    async latest(unitIds) {
      const out = new Map<string, Reading>();
      for (const r of store.rows.values()) if (unitIds.includes(r.unitId) && (out.get(r.unitId)?.tsMs ?? -Infinity) < r.tsMs) out.set(r.unitId, r);
      return [...out.values()];
    },
    async refreshRollups() {
      return 0;
    },
    async countReadings() {
      return store.rows.size;
    },
    async addDeadLetters(letters) {
      store.deadLetters.push(...letters);
    },
    async listDeadLetters(q) {
      return store.deadLetters.filter((d) => q.senderIds === undefined || (d.senderId !== null && q.senderIds.includes(d.senderId))).slice(-q.limit).reverse();
    },
    async close() {},
  };
  return store;
}
