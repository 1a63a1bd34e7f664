import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptySnapshot, REGISTRY_KINDS, type RegistryKind, type RegistrySnapshot } from '../../domain/registry.js';
import type { RegistryStore } from '../ports/registry-store.js';
import { importRegistry } from './import-registry.js';
import type { RegistryFile } from './parse-registry-files.js';

/** An in-memory RegistryStore for unit tests; it counts upserts so tests can see that none happened. */
function memoryStore(initial: RegistrySnapshot = emptySnapshot()): RegistryStore & { upserts: number } {
  let data = structuredClone(initial);
  return {
    upserts: 0,
    async snapshot() { return structuredClone(data); },
    async upsert(batch) {
      this.upserts += 1;
      const next = structuredClone(data);
      for (const kind of REGISTRY_KINDS) {
        const rows = batch[kind];
        if (rows === undefined) continue;
        const byId = new Map<string, unknown>(next[kind].map((e) => [e.id, e]));
        for (const e of rows) byId.set(e.id, structuredClone(e));
        (next as Record<RegistryKind, unknown[]>)[kind] = [...byId.values()];
      }
      data = next;
    },
    async remove(kind, ids) { (data as Record<RegistryKind, { id: string }[]>)[kind] = data[kind].filter((e) => !ids.includes(e.id)); },
    async close() {},
  };
}

const enc = new TextEncoder();
const file = (name: string, text: string): RegistryFile => ({ name, bytes: enc.encode(text) });
const demoFile = (): RegistryFile => ({ name: 'registry.json', bytes: new Uint8Array(readFileSync(new URL('../../../examples/registry/registry.json', import.meta.url))) });

describe('importRegistry', () => {
  it('writes the whole batch in one upsert and counts what was created', async () => {
    const store = memoryStore();
    const report = await importRegistry(store, [demoFile()]);
    expect(report).toMatchObject({ ok: true, dryRun: false, written: true, counts: { areas: { created: 4, updated: 0, unchanged: 0 }, units: { created: 6, updated: 0, unchanged: 0 } } });
    expect(store.upserts).toBe(1);
    expect((await store.snapshot()).sites.map((s) => s.name)).toContain('张伟家');
  });

  it('tells updated from unchanged entities on a re-import', async () => {
    const store = memoryStore();
    await importRegistry(store, [demoFile()]);
    const report = await importRegistry(store, [
      file('organisations.csv', 'id,kind,name,nameZh\nORG-JRHS,heating-operator,Jingre Heating Service Co.,京热供暖服务有限公司\nORG-DXSC,service-centre,Daxing Service Centre,大兴售后服务中心（新）\nORG-NEW,installer,New Installer,\n'),
    ]);
    expect(report).toMatchObject({ ok: true, counts: { organisations: { created: 1, updated: 1, unchanged: 1 }, sites: { created: 0, updated: 0, unchanged: 0 } } });
  });

  it('writes nothing when a single row of many is wrong', async () => {
    const store = memoryStore();
    await importRegistry(store, [demoFile()]);
    const before = await store.snapshot();
    const rows = Array.from({ length: 500 }, (_, i) => `B-X${i},S-DZ-001,${i === 250 ? '-5' : '100'},2000,retrofitted,1,heavy`);
    const report = await importRegistry(store, [file('buildings.csv', `id,siteId,heatedAreaM2,constructionYear,envelope,storeys,thermalMass\n${rows.join('\n')}\n`)]);
    expect(report).toEqual({ ok: false, dryRun: false, written: false, errorCount: 1, errors: [{ file: 'buildings.csv', row: 252, column: 'heatedAreaM2', reason: 'heatedAreaM2: must be a positive number, got "-5"' }] });
    expect(store.upserts).toBe(1);
    expect(await store.snapshot()).toEqual(before);
  });

  it('validates references against the registry already in the store', async () => {
    const store = memoryStore();
    const site = 'id,kind,name,villageId,operatorOrgId\nS-NEW,household,新户,BJ-DX-DZ,ORG-JRHS\n';
    expect(await importRegistry(store, [file('sites.csv', site)])).toMatchObject({ ok: false, errorCount: 2 });
    await importRegistry(store, [demoFile()]);
    expect(await importRegistry(store, [file('sites.csv', site)])).toMatchObject({ ok: true, counts: { sites: { created: 1 } } });
  });

  it('on a dry run validates and counts but writes nothing', async () => {
    const store = memoryStore();
    const report = await importRegistry(store, [demoFile()], { dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true, written: false, counts: { sites: { created: 5 } } });
    expect(store.upserts).toBe(0);
    expect(await store.snapshot()).toEqual(emptySnapshot());
  });

  it('lets a store failure reject: it is not a validation error', async () => {
    const store = memoryStore();
    store.upsert = async () => { throw new Error('disk full'); };
    await expect(importRegistry(store, [demoFile()])).rejects.toThrow('disk full');
  });
});
