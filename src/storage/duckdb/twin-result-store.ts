/**
 * DuckDB adapter of the TwinResultStore port (schema version 7): one row per finished twin run, the result as JSON
 * next to the columns it is looked up and superseded by.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { TwinResultStore } from '../../app/ports/twin-result-store.js';
import type { SerialConnection } from './serial-connection.js';
import { toNumber } from './sql-values.js';

export const TWIN_RESULT_TABLES_DDL = (): string[] => [
  `CREATE TABLE IF NOT EXISTS twin_results (key VARCHAR PRIMARY KEY, slot VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, stored_at_ms BIGINT NOT NULL, result VARCHAR NOT NULL)`,
];

/** Keys per statement: a fleet ranking asks for thousands at once. */
const KEYS_PER_STATEMENT = 500;
const ROWS_PER_INSERT = 100;
const chunks = <T>(xs: readonly T[], size = KEYS_PER_STATEMENT): T[][] => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
const placeholders = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

export function createDuckDbTwinResultStore(conn: SerialConnection): TwinResultStore {
  return {
    async get(keys) {
      const out = new Map<string, string>();
      for (const part of chunks([...new Set(keys)])) {
        const rows = await conn.exclusive((db) => db.all(`SELECT key, result FROM twin_results WHERE key IN (${placeholders(part.length)})`, part));
        for (const r of rows) out.set(String(r.key), String(r.result));
      }
      return out;
    },
    put(results) {
      // Within one call a later result of a slot supersedes an earlier one, as across calls.
      const bySlot = new Map(results.map((r) => [r.slot, r] as const));
      const rows = [...bySlot.values()];
      if (rows.length === 0) return Promise.resolve();
      return conn.transaction(async (db) => {
        for (const part of chunks(rows, ROWS_PER_INSERT)) {
          // The slot's other results were computed from inputs that have changed since: they can never be served again.
          const slots = part.map((r) => r.slot);
          await db.run(`DELETE FROM twin_results WHERE slot IN (${placeholders(slots.length)})`, slots);
          const params: DuckDBValue[] = part.flatMap((r) => [r.key, r.slot, r.unitId, BigInt(Math.trunc(r.storedAtMs)), r.resultJson]);
          await db.run(
            `INSERT OR REPLACE INTO twin_results (key, slot, unit_id, stored_at_ms, result) VALUES ${part.map((_, i) => `(${placeholders(5, i * 5 + 1)})`).join(', ')}`,
            params,
          );
        }
      });
    },
    async drop(keys) {
      for (const part of chunks([...new Set(keys)])) await conn.exclusive((db) => db.run(`DELETE FROM twin_results WHERE key IN (${placeholders(part.length)})`, part));
    },
    async prune(maxEntries) {
      const keep: DuckDBValue = BigInt(Math.max(0, Math.trunc(maxEntries)));
      const rows = await conn.exclusive((db) =>
        db.all(
          `DELETE FROM twin_results WHERE key IN (SELECT key FROM twin_results ORDER BY stored_at_ms DESC, key DESC OFFSET $1) RETURNING key`,
          [keep],
        ),
      );
      return rows.length;
    },
    async count() {
      const [row] = await conn.exclusive((db) => db.all('SELECT count(*) AS n FROM twin_results'));
      return toNumber(row?.n ?? 0);
    },
  };
}
