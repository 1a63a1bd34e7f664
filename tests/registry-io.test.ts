/**
 * Registry import and export against the real embedded store (DuckDB in memory): what users rely on is
 * that an import with one bad row writes nothing, and that an export imports back unchanged.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRegistry, importRegistry, readRegistryFiles } from '../src/app/registry-io/index.js';
import { emptySnapshot, REGISTRY_KINDS, type RegistrySnapshot } from '../src/domain/registry.js';
import { openDuckDbStores, type DuckDbStores } from '../src/storage/duckdb/index.js';

const example = (p: string): string => fileURLToPath(new URL(`../examples/registry/${p}`, import.meta.url));
const enc = new TextEncoder();

/** The store returns entities ordered by id; files keep the user's order. */
const byId = (s: RegistrySnapshot): RegistrySnapshot => {
  const out = emptySnapshot();
  for (const k of REGISTRY_KINDS) (out[k] as { id: string }[]) = [...s[k]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
};

describe('registry import and export on DuckDB', () => {
  let stores: DuckDbStores;
  beforeEach(async () => { stores = await openDuckDbStores({ dataDir: null }); });
  afterEach(async () => { await stores.close(); });

  it('imports the example CSV folder and stores exactly what registry.json describes', async () => {
    const report = await importRegistry(stores.registry, await readRegistryFiles([example('csv')]));
    expect(report).toMatchObject({ ok: true, written: true, counts: { sites: { created: 5 }, units: { created: 6 }, devices: { created: 5 } } });
    const [json] = await readRegistryFiles([example('registry.json')]);
    const expected = { ...emptySnapshot(), ...(JSON.parse(new TextDecoder().decode(json?.bytes)) as Partial<RegistrySnapshot>) };
    expect(await stores.registry.snapshot()).toEqual(byId(expected));
  });

  it('leaves the store unchanged when one row in 500 is wrong', async () => {
    await importRegistry(stores.registry, await readRegistryFiles([example('registry.json')]));
    const before = await stores.registry.snapshot();
    const rows = Array.from({ length: 500 }, (_, i) => `B-NEW-${i},S-DZ-00${(i % 3) + 1},${i === 377 ? '-5' : 80 + (i % 100)},2001,retrofitted,1,`);
    const report = await importRegistry(stores.registry, [
      { name: 'buildings.csv', bytes: enc.encode(`id,siteId,heatedAreaM2,constructionYear,envelope,storeys,thermalMass\n${rows.join('\n')}\n`) },
      { name: 'organisations.csv', bytes: enc.encode('id,kind,name,nameZh\nORG-NEW,installer,New Installer,新安装公司\n') },
    ]);
    expect(report).toEqual({ ok: false, dryRun: false, written: false, errorCount: 1, errors: [{ file: 'buildings.csv', row: 379, column: 'heatedAreaM2', reason: 'heatedAreaM2: must be a positive number, got "-5"' }] });
    expect(await stores.registry.snapshot()).toEqual(before);
  });

  it('a dry run reports the counts and writes nothing', async () => {
    const report = await importRegistry(stores.registry, await readRegistryFiles([example('registry.xlsx')]), { dryRun: true });
    expect(report).toMatchObject({ ok: true, written: false, counts: { areas: { created: 4 } } });
    expect(await stores.registry.snapshot()).toEqual(emptySnapshot());
  });

  it.each(['json', 'xlsx', 'csv'] as const)('%s export of the store imports into another store unchanged, then counts as unchanged', async (format) => {
    await importRegistry(stores.registry, await readRegistryFiles([example('registry.json')]));
    const snapshot = await stores.registry.snapshot();
    const files = await exportRegistry(snapshot, format);
    const other = await openDuckDbStores({ dataDir: null });
    try {
      expect(await importRegistry(other.registry, files)).toMatchObject({ ok: true });
      expect(await other.registry.snapshot()).toEqual(snapshot);
      expect(await importRegistry(other.registry, files)).toMatchObject({ ok: true, counts: { meters: { created: 0, updated: 0, unchanged: snapshot.meters.length } } });
    } finally {
      await other.close();
    }
  });
});
