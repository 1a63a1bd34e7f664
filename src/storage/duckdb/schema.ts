/**
 * Schema of the embedded store, created and migrated on open. `schema_version` records the applied
 * migrations; channel columns are derived from the domain's `CHANNELS`, so a channel added there is
 * added here (as a NULL column) the next time a data directory is opened.
 */
import type { Clock } from '../../app/ports/clock.js';
import { REGISTRY_KINDS, type RegistryKind } from '../../domain/registry.js';
import { CHANNEL_COLUMNS } from './channel-columns.js';
import { ALARM_ACK_DDL, DISPATCH_TABLES_DDL } from './command-store.js';
import { DR_EVENT_TABLES_DDL } from './dr-event-store.js';
import { KPI_DAY_COLUMNS_DDL } from './kpi-day-sql.js';
import type { SerialConnection, SqlRunner } from './serial-connection.js';
import { TWIN_RESULT_TABLES_DDL } from './twin-result-store.js';
import { intLiteral, stringLiteral, toNumber } from './sql-values.js';

export const ROLLUP_TABLES = { '15m': 'rollup_15m', '1h': 'rollup_1h', '1d': 'rollup_1d' } as const;
export const registryTable = (kind: RegistryKind): string => `registry_${kind}`;

const readingColumnsDdl = () => CHANNEL_COLUMNS.map((c) => `${c.column} DOUBLE`).join(', ');
const rollupColumnDdl = (column: string) => [`${column}_sum DOUBLE`, `${column}_min DOUBLE`, `${column}_max DOUBLE`, `${column}_n INTEGER`];
const rollupColumnsDdl = () => CHANNEL_COLUMNS.flatMap((c) => rollupColumnDdl(c.column)).join(', ');

/** Ordered migrations; each runs once, in its own transaction with the version bump. */
const MIGRATIONS: readonly { version: number; statements: () => string[] }[] = [
  {
    version: 1,
    statements: () => [
      // Wide raw table, one row per (unit, instant). No PRIMARY KEY on purpose: see docs/adr/0002-telemetry-storage.md.
      `CREATE TABLE readings (unit_id VARCHAR NOT NULL, ts_ms BIGINT NOT NULL, ${readingColumnsDdl()}, fault_code VARCHAR)`,
      // One row per unit; kept by the writer, which also holds it in memory (no index needed).
      `CREATE TABLE latest_reading (unit_id VARCHAR NOT NULL, ts_ms BIGINT NOT NULL, ${readingColumnsDdl()}, fault_code VARCHAR)`,
      // May hold repeats (after a restart); the refresh reads it with DISTINCT.
      'CREATE TABLE rollup_dirty (unit_id VARCHAR NOT NULL, bucket_ms BIGINT NOT NULL)',
      ...Object.values(ROLLUP_TABLES).map((t) => `CREATE TABLE ${t} (unit_id VARCHAR NOT NULL, bucket_ms BIGINT NOT NULL, ${rollupColumnsDdl()})`),
      'CREATE SEQUENCE dead_letter_seq',
      `CREATE TABLE dead_letters (seq BIGINT NOT NULL DEFAULT nextval('dead_letter_seq'), received_at_ms BIGINT NOT NULL, source VARCHAR NOT NULL,
        sender_id VARCHAR, topic VARCHAR, reason VARCHAR NOT NULL, payload VARCHAR NOT NULL)`,
      ...REGISTRY_KINDS.map((k) => `CREATE TABLE ${registryTable(k)} (id VARCHAR PRIMARY KEY, body VARCHAR NOT NULL)`),
      `CREATE TABLE users (id VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, display_name VARCHAR NOT NULL, role VARCHAR NOT NULL,
        org_id VARCHAR NOT NULL, scope_area_id VARCHAR, site_id VARCHAR, password_hash VARCHAR NOT NULL, failed_logins INTEGER NOT NULL,
        locked_until_ms BIGINT NOT NULL, disabled BOOLEAN NOT NULL, created_at_ms BIGINT NOT NULL)`,
      `CREATE TABLE sessions (id_hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, csrf_token VARCHAR NOT NULL, created_at_ms BIGINT NOT NULL,
        expires_at_ms BIGINT NOT NULL, last_seen_ms BIGINT NOT NULL)`,
      `CREATE TABLE api_tokens (id VARCHAR PRIMARY KEY, secret_hash VARCHAR NOT NULL, user_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
        actions VARCHAR NOT NULL, created_at_ms BIGINT NOT NULL, expires_at_ms BIGINT, revoked_at_ms BIGINT)`,
      `CREATE TABLE device_credentials (device_id VARCHAR PRIMARY KEY, secret_hash VARCHAR NOT NULL, created_at_ms BIGINT NOT NULL, revoked_at_ms BIGINT)`,
      // Append-only: the adapter has no UPDATE or DELETE statement for this table.
      'CREATE SEQUENCE audit_seq',
      `CREATE TABLE audit_log (seq BIGINT NOT NULL DEFAULT nextval('audit_seq'), at_ms BIGINT NOT NULL, actor VARCHAR NOT NULL, action VARCHAR NOT NULL,
        target VARCHAR NOT NULL, outcome VARCHAR NOT NULL, detail VARCHAR NOT NULL)`,
    ],
  },
  {
    // Early builds of version 1 had a PRIMARY KEY on these two; the writer now keeps them without an index.
    version: 2,
    statements: () => [
      `CREATE TABLE latest_reading_v2 (unit_id VARCHAR NOT NULL, ts_ms BIGINT NOT NULL, ${readingColumnsDdl()}, fault_code VARCHAR)`,
      `INSERT INTO latest_reading_v2 BY NAME SELECT * FROM latest_reading`,
      'DROP TABLE latest_reading',
      'ALTER TABLE latest_reading_v2 RENAME TO latest_reading',
      'CREATE TABLE rollup_dirty_v2 (unit_id VARCHAR NOT NULL, bucket_ms BIGINT NOT NULL)',
      'INSERT INTO rollup_dirty_v2 SELECT DISTINCT unit_id, bucket_ms FROM rollup_dirty',
      'DROP TABLE rollup_dirty',
      'ALTER TABLE rollup_dirty_v2 RENAME TO rollup_dirty',
    ],
  },
  {
    // Per-unit, per-local-day KPI aggregates (kpi-day.md); every stored unit-day is marked for the next refresh.
    version: 3,
    statements: () => [
      `CREATE TABLE IF NOT EXISTS kpi_day (${KPI_DAY_COLUMNS_DDL()})`,
      'CREATE TABLE IF NOT EXISTS kpi_dirty (unit_id VARCHAR NOT NULL, day INTEGER NOT NULL)',
      'INSERT INTO kpi_dirty SELECT DISTINCT unit_id, ((ts_ms + 28800000) // 86400000)::INTEGER FROM readings',
    ],
  },
  {
    // Dispatch: commands with their delivery state, plan revisions, dispatch alarms (docs/dispatch.md).
    version: 4,
    statements: DISPATCH_TABLES_DDL,
  },
  {
    // Demand-response events (dr-event-store.ts).
    version: 5,
    statements: DR_EVENT_TABLES_DDL,
  },
  {
    // Dispatch alarm acknowledgement (docs/dispatch.md): who, when, note.
    version: 6,
    statements: ALARM_ACK_DDL,
  },
  {
    // Finished twin runs of expected vs actual, kept across restarts (twin-result-store.ts).
    version: 7,
    statements: TWIN_RESULT_TABLES_DDL,
  },
];

export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

async function existingColumns(db: SqlRunner, table: string): Promise<Set<string>> {
  const rows = await db.all(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ${stringLiteral(table)}`);
  return new Set(rows.map((r) => String(r.column_name)));
}

/** Adds the columns of channels that are new in the domain since the data directory was created. */
async function addMissingChannelColumns(db: SqlRunner): Promise<void> {
  for (const table of ['readings', 'latest_reading']) {
    const have = await existingColumns(db, table);
    for (const c of CHANNEL_COLUMNS) if (!have.has(c.column)) await db.run(`ALTER TABLE ${table} ADD COLUMN ${c.column} DOUBLE`);
  }
  for (const table of Object.values(ROLLUP_TABLES)) {
    const have = await existingColumns(db, table);
    for (const c of CHANNEL_COLUMNS) {
      if (have.has(`${c.column}_n`)) continue;
      for (const ddl of rollupColumnDdl(c.column)) await db.run(`ALTER TABLE ${table} ADD COLUMN ${ddl}`);
    }
  }
}

export async function migrate(conn: SerialConnection, clock: Clock): Promise<number> {
  return conn.exclusive(async (db) => {
    await db.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL)');
    const [row] = await db.all('SELECT coalesce(max(version), 0) AS v FROM schema_version');
    let current = toNumber(row?.v ?? 0);
    if (current > LATEST_SCHEMA_VERSION) throw new Error(`the data directory has schema version ${current}, newer than this build (${LATEST_SCHEMA_VERSION})`);
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await db.run('BEGIN TRANSACTION');
      try {
        for (const sql of m.statements()) await db.run(sql);
        await db.run(`INSERT INTO schema_version VALUES (${intLiteral(m.version)}, ${intLiteral(clock.nowMs())})`);
        await db.run('COMMIT');
      } catch (e) {
        await db.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
      current = m.version;
    }
    await addMissingChannelColumns(db);
    return current;
  });
}
