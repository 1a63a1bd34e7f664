import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAccessStoreContract } from '../contract/access-store.contract.js';
import { openDuckDbStores, type DuckDbStores } from './open-stores.js';

runAccessStoreContract('DuckDB in memory', async () => {
  const stores = await openDuckDbStores({ dataDir: null });
  return { store: stores.access, cleanup: () => stores.close() };
});

runAccessStoreContract('DuckDB file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-duckdb-'));
  let stores: DuckDbStores = await openDuckDbStores({ dataDir: dir });
  return {
    store: stores.access,
    reopen: async () => {
      await stores.close();
      stores = await openDuckDbStores({ dataDir: dir });
      return stores.access;
    },
    cleanup: async () => {
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
