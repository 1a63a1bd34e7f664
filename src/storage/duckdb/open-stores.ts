/**
 * Opens the embedded store: one DuckDB database (a file in the data directory, or in memory) shared
 * by the telemetry, registry and access adapters, each on its own connection. The schema is created
 * or migrated before any adapter is handed out.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { AccessStore } from '../../app/ports/access-store.js';
import type { FaultEventStore } from '../../app/ports/fault-event-store.js';
import type { KpiDayStore } from '../../app/ports/kpi-day-store.js';
import { systemClock, type Clock } from '../../app/ports/clock.js';
import type { RegistryStore } from '../../app/ports/registry-store.js';
import type { TelemetryStore } from '../../app/ports/telemetry-store.js';
import type { DispatchStore } from '../../app/dispatch/dispatch-store.js';
import type { DrEventStore } from '../../app/ports/dr-event-store.js';
import type { TwinResultStore } from '../../app/ports/twin-result-store.js';
import { createDuckDbAccessStore } from './access-store.js';
import { createDuckDbDispatchStore } from './command-store.js';
import { createDuckDbDrEventStore } from './dr-event-store.js';
import { createDuckDbFaultEventStore } from './fault-events.js';
import { createDuckDbRegistryStore } from './registry-store.js';
import { migrate } from './schema.js';
import { SerialConnection } from './serial-connection.js';
import { createDuckDbTelemetryStore } from './telemetry-store.js';
import { createDuckDbTwinResultStore } from './twin-result-store.js';

export const DATABASE_FILE_NAME = 'heatfleet.duckdb';

export interface DuckDbStoreOptions {
  /** Directory of the database file (created if missing); null keeps everything in memory. */
  readonly dataDir: string | null;
  readonly clock?: Clock;
  /** DuckDB's memory limit (e.g. '8GB'); unset: DuckDB's default, 80 % of the machine's RAM. */
  readonly memoryLimit?: string | null;
}

export interface DuckDbStores {
  readonly telemetry: TelemetryStore;
  readonly registry: RegistryStore;
  readonly access: AccessStore;
  /** Per-local-day KPI aggregates, kept by the telemetry adapter (same object, same writer connection). */
  readonly kpiDays: KpiDayStore;
  /** Plans, commands and dispatch alarms (docs/dispatch.md). */
  readonly dispatch: DispatchStore;
  /** Demand-response events (docs/demand-response.md), on the dispatch connection. */
  readonly drEvents: DrEventStore;
  /** Fault events from stored fault codes (fault-events.ts), on the telemetry reader connection. */
  readonly faultEvents: FaultEventStore;
  /** Finished twin runs of expected vs actual (twin-result-store.ts), on their own connection. */
  readonly twinResults: TwinResultStore;
  /** Closes the three adapters and the database. Idempotent. */
  close(): Promise<void>;
}

export async function openDuckDbStores(options: DuckDbStoreOptions): Promise<DuckDbStores> {
  const clock = options.clock ?? systemClock;
  let path = ':memory:';
  if (options.dataDir !== null) {
    await mkdir(options.dataDir, { recursive: true });
    path = join(options.dataDir, DATABASE_FILE_NAME);
  }
  const instance = await DuckDBInstance.create(path, options.memoryLimit ? { memory_limit: options.memoryLimit } : undefined);
  const connect = async () => new SerialConnection(await instance.connect());
  const connections = {
    telemetryWriter: await connect(),
    telemetryReader: await connect(),
    registry: await connect(),
    access: await connect(),
    dispatch: await connect(),
    twinResults: await connect(),
  };
  const all = Object.values(connections);

  let closing: Promise<void> | null = null;
  const closeDatabase = (): Promise<void> => {
    closing ??= (async () => {
      if (options.dataDir !== null) {
        // Fold the WAL into the file now rather than on the next open.
        await connections.telemetryWriter.exclusive((db) => db.run('CHECKPOINT')).catch(() => undefined);
      }
      for (const c of all) await c.close();
      instance.closeSync();
    })();
    return closing;
  };

  try {
    await migrate(connections.telemetryWriter, clock);
  } catch (e) {
    await closeDatabase();
    throw e;
  }

  // The database closes when the bundle closes or when all four adapters have been closed.
  let open = 4;
  const releaseOne = async () => {
    open -= 1;
    if (open === 0) await closeDatabase();
  };
  const telemetry = await createDuckDbTelemetryStore({ writer: connections.telemetryWriter, reader: connections.telemetryReader, release: releaseOne });
  const registry = await createDuckDbRegistryStore({ conn: connections.registry, release: releaseOne });
  const access = await createDuckDbAccessStore({ conn: connections.access, release: releaseOne });
  const dispatch = await createDuckDbDispatchStore({ conn: connections.dispatch, release: releaseOne });

  return {
    telemetry,
    registry,
    access,
    kpiDays: telemetry,
    dispatch,
    drEvents: createDuckDbDrEventStore(connections.dispatch),
    faultEvents: createDuckDbFaultEventStore(connections.telemetryReader),
    twinResults: createDuckDbTwinResultStore(connections.twinResults),
    close: async () => {
      await Promise.all([telemetry.close(), registry.close(), access.close(), dispatch.close()]);
      await closeDatabase();
    },
  };
}
