/**
 * For the contract tests: a DuckDB store handle in memory, and one in a temporary directory that can be
 * closed and reopened on the same data. `pick` chooses which of the three adapters is under test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreHandle } from '../contract/store-handle.js';
import { openDuckDbStores, type DuckDbStores } from './open-stores.js';

export function duckDbHandles<S>(pick: (stores: DuckDbStores) => S): { memory: () => Promise<StoreHandle<S>>; file: () => Promise<StoreHandle<S>> } {
  return {
    memory: async () => {
      const stores = await openDuckDbStores({ dataDir: null });
      return { store: pick(stores), cleanup: () => stores.close() };
    },
    file: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'heatfleet-duckdb-'));
      let stores = await openDuckDbStores({ dataDir: dir });
      return {
        store: pick(stores),
        reopen: async () => {
          await stores.close();
          stores = await openDuckDbStores({ dataDir: dir });
          return pick(stores);
        },
        cleanup: async () => {
          await stores.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  };
}
