import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTelemetryStoreContract } from '../contract/telemetry-store.contract.js';
import { openDuckDbStores, type DuckDbStores } from './open-stores.js';

runTelemetryStoreContract('DuckDB in memory', async () => {
  const stores = await openDuckDbStores({ dataDir: null });
  return { store: stores.telemetry, cleanup: () => stores.close() };
});

runTelemetryStoreContract('DuckDB file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'heatfleet-duckdb-'));
  let stores: DuckDbStores = await openDuckDbStores({ dataDir: dir });
  return {
    store: stores.telemetry,
    reopen: async () => {
      await stores.close();
      stores = await openDuckDbStores({ dataDir: dir });
      return stores.telemetry;
    },
    cleanup: async () => {
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
