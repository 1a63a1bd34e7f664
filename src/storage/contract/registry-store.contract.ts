/** Contract of the RegistryStore port, run by every adapter against a real engine. */
import { describe, expect, it } from 'vitest';
import { useStoreHandle, type StoreHandle } from './store-handle.js';
import type { RegistryStore } from '../../app/ports/registry-store.js';
import { emptySnapshot, type Area, type HeatPumpUnit, type Organisation, type Site, type Transformer } from '../../domain/registry.js';

export type RegistryStoreHandle = StoreHandle<RegistryStore>;

const region: Area = { id: 'bj', kind: 'region', parentId: null, name: 'Beijing', nameZh: '北京' };
const county: Area = { id: 'bj-yanqing', kind: 'county', parentId: 'bj', name: 'Yanqing' };
const village: Area = { id: 'v-01', kind: 'village', parentId: 'bj-yanqing', name: 'Village 1', lat: 40.45, lon: 115.97 };
const operator: Organisation = { id: 'op-1', kind: 'heating-operator', name: 'Operator One' };
const site: Site = { id: 's-001', kind: 'household', name: 'House 1', villageId: 'v-01', operatorOrgId: 'op-1' };
const unit: HeatPumpUnit = {
  id: 'hp-001', siteId: 's-001', type: 'air-to-water', manufacturer: 'Acme', model: 'AW-10', nominalCapacityKw: 10,
  capacityControl: 'inverter', refrigerant: 'R32', installedOn: '2017-10-20', emitter: 'radiator',
};

export function runRegistryStoreContract(name: string, newStore: () => Promise<RegistryStoreHandle>): void {
  describe(`RegistryStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('starts empty and returns what was upserted, parsed by the domain schemas', async () => {
      const { store } = await open();
      expect(await store.snapshot()).toEqual(emptySnapshot());
      const transformer = { id: 'tx-1', villageId: 'v-01', name: 'T1', ratingKva: 400 } as Transformer; // powerFactor defaulted by the schema
      await store.upsert({ areas: [region, county, village], organisations: [operator], sites: [site], units: [unit], transformers: [transformer] });
      const snap = await store.snapshot();
      expect([...snap.areas].sort((a, b) => a.id.localeCompare(b.id))).toEqual([region, county, village].sort((a, b) => a.id.localeCompare(b.id)));
      expect(snap.units).toEqual([unit]);
      expect(snap.sites).toEqual([site]);
      expect(snap.transformers).toEqual([{ ...transformer, powerFactor: 0.9 }]);
      expect(snap.devices).toEqual([]);
    });

    it('replaces an entity with the same id', async () => {
      const { store } = await open();
      await store.upsert({ units: [unit] });
      await store.upsert({ units: [{ ...unit, model: 'AW-12', nominalCapacityKw: 12 }] });
      expect((await store.snapshot()).units).toEqual([{ ...unit, model: 'AW-12', nominalCapacityKw: 12 }]);
    });

    it('stores a batch whole or not at all: one invalid entity leaves everything unchanged', async () => {
      const { store } = await open();
      await store.upsert({ areas: [region], units: [unit] });
      const before = await store.snapshot();
      const invalidSite = { ...site, id: 's-002', villageId: '' } as Site;
      await expect(store.upsert({ areas: [county], units: [{ ...unit, model: 'changed' }], sites: [site, invalidSite] })).rejects.toThrow();
      expect(await store.snapshot()).toEqual(before);
    });

    it('removes by id, ignoring unknown ids and other kinds', async () => {
      const { store } = await open();
      await store.upsert({ areas: [region, county, village], sites: [site] });
      await store.remove('areas', ['bj-yanqing', 'no-such-id']);
      await store.remove('sites', []);
      const snap = await store.snapshot();
      expect(snap.areas.map((a) => a.id).sort()).toEqual(['bj', 'v-01']);
      expect(snap.sites).toEqual([site]);
    });

    it('keeps the registry across close and reopen', async () => {
      const h = await open();
      if (h.reopen === undefined) return;
      await h.store.upsert({ organisations: [operator], devices: [{ id: 'gw-1', siteId: 's-001', unitIds: ['hp-001'], status: 'active' }] });
      await h.store.close();
      const again = await h.reopen();
      const snap = await again.snapshot();
      expect(snap.organisations).toEqual([operator]);
      expect(snap.devices).toEqual([{ id: 'gw-1', siteId: 's-001', unitIds: ['hp-001'], status: 'active' }]);
    });
  });
}
