/** Contract of the TwinResultStore port: results by key, one current result per slot, newest kept, durable. */
import { describe, expect, it } from 'vitest';
import type { StoredTwinResult, TwinResultStore } from '../../app/ports/twin-result-store.js';
import { useStoreHandle, type StoreHandle } from './store-handle.js';

export type TwinResultStoreHandle = StoreHandle<TwinResultStore>;

const T0 = Date.UTC(2025, 0, 10);
const result = (unitId: string, fingerprint: string, storedAtMs = T0, period = '2018-11-15..2019-03-15'): StoredTwinResult => ({
  key: `v1|${unitId}|h2|${period}|${fingerprint}`,
  slot: `${unitId}|h2|${period}`,
  unitId,
  storedAtMs,
  resultJson: JSON.stringify({ unitId, fingerprint, note: '期望与实际 expected vs actual' }),
});

/** `durable`: the adapter keeps data across a reopen (a file), so the restart case applies. */
export function runTwinResultStoreContract(name: string, newStore: () => Promise<TwinResultStoreHandle>, durable: boolean): void {
  describe(`TwinResultStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('returns stored results by key, leaves out unknown keys and replaces a key stored again', async () => {
      const { store } = await open();
      const a = result('u-1', 'f1');
      const b = result('u-2', 'f1');
      await store.put([a, b]);
      const got = await store.get([a.key, 'v1|u-3|h2|x|y', b.key, a.key]);
      expect([...got.entries()].sort()).toEqual([[a.key, a.resultJson], [b.key, b.resultJson]].sort());
      await store.put([{ ...a, resultJson: '{"again":true}', storedAtMs: T0 + 1 }]);
      expect((await store.get([a.key])).get(a.key)).toBe('{"again":true}');
      expect(await store.get([])).toEqual(new Map());
      expect(await store.count()).toBe(2);
    });

    it('keeps one result per slot: a result for changed inputs drops the stale one, other periods stay', async () => {
      const { store } = await open();
      const stale = result('u-1', 'before-registry-edit');
      const otherPeriod = result('u-1', 'before-registry-edit', T0, '2019-11-15..2020-03-15');
      await store.put([stale, otherPeriod]);
      const current = result('u-1', 'after-registry-edit', T0 + 10);
      await store.put([current]);
      const got = await store.get([stale.key, current.key, otherPeriod.key]);
      expect([...got.keys()].sort()).toEqual([current.key, otherPeriod.key].sort());
    });

    it('drops keys on request and prunes to the most recently stored', async () => {
      const { store } = await open();
      const rs = Array.from({ length: 5 }, (_, i) => result(`u-${i}`, 'f', T0 + i));
      await store.put(rs);
      await store.drop([rs[0]?.key ?? '', 'never-stored']);
      expect(await store.count()).toBe(4);
      expect(await store.prune(2)).toBe(2);
      expect([...(await store.get(rs.map((r) => r.key))).keys()].sort()).toEqual([rs[3]?.key, rs[4]?.key].sort());
      expect(await store.prune(10)).toBe(0);
    });

    it('answers a lookup of more keys than one statement takes', async () => {
      const { store } = await open();
      const rs = Array.from({ length: 1203 }, (_, i) => result(`u-${i}`, 'f', T0 + i));
      await store.put(rs);
      const got = await store.get([...rs.map((r) => r.key), 'missing']);
      expect(got.size).toBe(1203);
      expect(got.get(rs[1202]?.key ?? '')).toBe(rs[1202]?.resultJson);
    });

    // Only a durable adapter has this behaviour; the in-memory one does not declare it (rather than report a skip).
    if (durable) it('keeps results across close and reopen', async () => {
      const h = await open();
      if (h.reopen === undefined) throw new Error('a durable adapter must be reopenable');
      const a = result('u-1', 'f1');
      await h.store.put([a]);
      const again = await h.reopen();
      expect((await again.get([a.key])).get(a.key)).toBe(a.resultJson);
    });
  });
}
