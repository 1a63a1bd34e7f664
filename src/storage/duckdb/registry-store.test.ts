import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRegistryStoreContract } from '../contract/registry-store.contract.js';
import { openDuckDbStores, type DuckDbStores } from './open-stores.js';

runRegistryStoreContract('DuckDB in memory', async () => {
  const stores = await openDuckDbStores({ dataDir: null });
  return { store: stores.registry, cleanup: () => stores.close() };
});

runRegistryStoreContract('DuckDB file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-duckdb-'));
  let stores: DuckDbStores = await openDuckDbStores({ dataDir: dir });
  return {
    store: stores.registry,
    reopen: async () => {
      await stores.close();
      stores = await openDuckDbStores({ dataDir: dir });
      return stores.registry;
    },
    cleanup: async () => {
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
