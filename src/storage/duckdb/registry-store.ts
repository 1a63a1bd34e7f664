/**
 * DuckDB adapter of the RegistryStore port: one table per registry kind, each entity stored as its
 * JSON under its id. Every entity of a batch is parsed by its domain schema before the transaction
 * starts, so an invalid entity leaves the store unchanged.
 */
import { listValue } from '@duckdb/node-api';
import type { RegistryStore } from '../../app/ports/registry-store.js';
import { REGISTRY_KINDS, REGISTRY_SCHEMAS, emptySnapshot, type RegistryKind, type RegistrySnapshot } from '../../domain/registry.js';
import { registryTable } from './schema.js';
import type { SerialConnection } from './serial-connection.js';

export async function createDuckDbRegistryStore(deps: { conn: SerialConnection; release: () => Promise<void> }): Promise<RegistryStore> {
  const { conn } = deps;
  let released: Promise<void> | null = null;

  return {
    snapshot: () =>
      conn.exclusive(async (db) => {
        const snap = emptySnapshot();
        for (const kind of REGISTRY_KINDS) {
          const rows = await db.all(`SELECT body FROM ${registryTable(kind)} ORDER BY id`);
          const schema = REGISTRY_SCHEMAS[kind];
          (snap[kind] as unknown[]) = rows.map((r) => schema.parse(JSON.parse(String(r.body))));
        }
        return snap;
      }),

    upsert: async (batch: Partial<RegistrySnapshot>) => {
      // Parse everything first: a thrown ZodError here means nothing was written.
      const parsed: { kind: RegistryKind; ids: string[]; bodies: string[] }[] = [];
      for (const kind of REGISTRY_KINDS) {
        const items = batch[kind];
        if (items === undefined || items.length === 0) continue;
        const byId = new Map<string, string>();
        for (const item of items) {
          const entity = REGISTRY_SCHEMAS[kind].parse(item);
          byId.set(entity.id, JSON.stringify(entity)); // last one of the batch wins
        }
        parsed.push({ kind, ids: [...byId.keys()], bodies: [...byId.values()] });
      }
      if (parsed.length === 0) return;
      await conn.transaction(async (db) => {
        for (const { kind, ids, bodies } of parsed) {
          await db.run(
            `INSERT INTO ${registryTable(kind)} (id, body) SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[])
             ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
            [listValue(ids), listValue(bodies)],
          );
        }
      });
    },

    remove: async (kind: RegistryKind, ids: readonly string[]) => {
      if (ids.length === 0) return;
      if (!REGISTRY_KINDS.includes(kind)) throw new Error(`unknown registry kind: ${String(kind)}`);
      await conn.transaction((db) => db.run(`DELETE FROM ${registryTable(kind)} WHERE list_contains($1::VARCHAR[], id)`, [listValue([...ids])]));
    },

    close: () => {
      released ??= deps.release();
      return released;
    },
  };
}
