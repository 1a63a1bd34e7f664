import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../app/ports/clock.js';
import { DATABASE_FILE_NAME, openDuckDbStores } from './open-stores.js';
import { LATEST_SCHEMA_VERSION } from './schema.js';

const T0 = Date.UTC(2024, 0, 15);

async function sql(dir: string, statements: string[]): Promise<unknown[][][]> {
  const db = await DuckDBInstance.create(join(dir, DATABASE_FILE_NAME));
  const c = await db.connect();
  const out: unknown[][][] = [];
  for (const s of statements) out.push((await c.runAndReadAll(s)).getRowsJS() as unknown[][]);
  c.closeSync();
  db.closeSync();
  return out;
}

describe('openDuckDbStores', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the data directory and records the schema version', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heatfleet-open-'));
    const dataDir = join(dir, 'nested', 'data');
    const stores = await openDuckDbStores({ dataDir, clock: fixedClock(T0) });
    await stores.close();
    await stores.close(); // idempotent
    expect((await stat(join(dataDir, DATABASE_FILE_NAME))).isFile()).toBe(true);
    const [rows] = await sql(dataDir, ['SELECT version, applied_at_ms FROM schema_version ORDER BY version']);
    expect(rows?.map((r) => Number(r[0]))).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1));
    expect(rows?.every((r) => Number(r[1]) === T0)).toBe(true);
  });

  it('migrates an early version-1 file whose latest and dirty tables had primary keys', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heatfleet-open-'));
    const first = await openDuckDbStores({ dataDir: dir });
    await first.telemetry.append([{ unitId: 'u1', tsMs: T0, values: { indoorTempC: 20 } }]);
    await first.close();
    await sql(dir, [
      'CREATE TABLE old_latest AS SELECT * FROM latest_reading',
      'DROP TABLE latest_reading',
      'CREATE TABLE rollup_dirty_old AS SELECT * FROM rollup_dirty',
      'DROP TABLE rollup_dirty',
      'CREATE TABLE rollup_dirty (unit_id VARCHAR NOT NULL, bucket_ms BIGINT NOT NULL, PRIMARY KEY (unit_id, bucket_ms))',
      'INSERT INTO rollup_dirty SELECT * FROM rollup_dirty_old',
      'DROP TABLE rollup_dirty_old',
      'DELETE FROM schema_version WHERE version > 1',
    ]);
    // rebuild latest_reading with a primary key, as version 1 first shipped
    const [cols] = await sql(dir, ["SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) FROM duckdb_columns() WHERE table_name = 'old_latest'"]);
    await sql(dir, [`CREATE TABLE latest_reading (${String(cols?.[0]?.[0])}, PRIMARY KEY (unit_id))`, 'INSERT INTO latest_reading SELECT * FROM old_latest', 'DROP TABLE old_latest']);

    const again = await openDuckDbStores({ dataDir: dir });
    // a bucket already marked dirty before the restart is marked again: no key violation
    expect(await again.telemetry.append([{ unitId: 'u1', tsMs: T0 + 60_000, values: { indoorTempC: 22 } }])).toEqual({ inserted: 1, duplicates: 0 });
    expect((await again.telemetry.latest(['u1']))[0]?.tsMs).toBe(T0 + 60_000);
    expect((await again.telemetry.queryRollup({ unitIds: ['u1'], resolution: '15m', fromMs: T0, toMs: T0 + 900_000 }))[0]?.channels.indoorTempC?.n).toBe(2);
    await again.close();
  });

  it('refuses a data directory written by a newer build', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heatfleet-open-'));
    await (await openDuckDbStores({ dataDir: dir })).close();
    await sql(dir, [`INSERT INTO schema_version VALUES (${LATEST_SCHEMA_VERSION + 1}, 0)`]);
    await expect(openDuckDbStores({ dataDir: dir })).rejects.toThrow(/newer than this build/);
  });
});
