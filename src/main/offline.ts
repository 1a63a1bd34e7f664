/**
 * The store opened directly by a CLI command (no server running). The caller is the operator of the
 * machine, so it acts as the platform administrator; every change is audited with actor `cli:<os user>`.
 * DuckDB allows one process per database file: while `heatfleet serve` runs, use the HTTP API instead.
 */
import { userInfo } from 'node:os';
import { principalOf } from '../app/auth-service.js';
import type { Principal } from '../app/authorize.js';
import { createRegistryAdmin } from '../app/registry-admin.js';
import { createRegistryService, type RegistryService } from '../app/registry-service.js';
import { createAuthService } from '../app/auth-service.js';
import { createUserAdmin } from '../app/user-admin.js';
import { createDeviceAdmin } from '../app/device-admin.js';
import { createDeviceDirectory } from '../app/device-directory.js';
import { systemClock } from '../app/ports/clock.js';
import { openDuckDbStores, type DuckDbStores } from '../storage/duckdb/index.js';
import type { PlatformConfig } from './config.js';
import { ensureAdmin, PLATFORM_ORG_ID } from './ensure-admin.js';

export async function openOffline(config: PlatformConfig) {
  let stores: DuckDbStores;
  try {
    stores = await openDuckDbStores({ dataDir: config.dataDir, clock: systemClock, memoryLimit: config.dbMemoryLimit });
  } catch (e) {
    const msg = (e as Error).message;
    if (/lock/i.test(msg)) throw new Error(`the data directory ${config.dataDir} is in use by a running platform: stop it, or use the HTTP API (--url and --token)`, { cause: e });
    throw e;
  }
  const clock = systemClock;
  const registry: RegistryService = await createRegistryService(stores.registry);
  const auth = createAuthService({ access: stores.access, clock });
  const adminPassword = await ensureAdmin({ access: stores.access, registry, clock, password: config.adminPassword });
  const actor = `cli:${userInfo().username}`;
  const principal: Principal = {
    ...principalOf({ id: actor, username: actor, displayName: actor, role: 'admin', orgId: PLATFORM_ORG_ID, scopeAreaId: null, siteId: null, passwordHash: '', failedLogins: 0, lockedUntilMs: 0, disabled: false, createdAtMs: 0 }, 'cli'),
  };
  const directory = createDeviceDirectory({ access: stores.access, devices: { unitsOfDevice: (id) => registry.index().unitsOfDevice(id) }, clock });
  return {
    stores,
    registry,
    principal,
    adminPassword,
    registryAdmin: createRegistryAdmin({ registry, access: stores.access, clock }),
    userAdmin: createUserAdmin({ access: stores.access, auth, registry, clock }),
    deviceAdmin: createDeviceAdmin({ access: stores.access, registry, directory, clock }),
    close: () => stores.close(),
  };
}
export type Offline = Awaited<ReturnType<typeof openOffline>>;
