/** Contract of the DrEventStore port: events kept whole, ids unique, newest first, scoped by village, durable. */
import { describe, expect, it } from 'vitest';
import type { DrEventStore } from '../../app/ports/dr-event-store.js';
import type { DrEventDetail } from '../../contract/dr-events.js';
import { useStoreHandle, type StoreHandle } from './store-handle.js';

export type DrEventStoreHandle = StoreHandle<DrEventStore>;

const event = (id: string, villageId: string, createdAtMs: number): DrEventDetail => ({
  id, villageId, direction: 'reduce', day: '2019-01-15', from: '17:00', to: '19:00',
  windowStartMs: Date.parse('2019-01-15T17:00:00+08:00'), windowEndMs: Date.parse('2019-01-15T19:00:00+08:00'),
  requestedKw: 40, firmOfferKw: 31.5, committedKw: null, deliveredKw: null, status: 'offered', source: 'openadr:VEN-1',
  createdAtMs, createdBy: 'operator', slotS: 900, tariffId: 'beijing-rural-coal-to-electricity',
  offer: { perSlotKw: [31.5, 33, 35, 36, 36, 37, 38, 38], windowKWh: 66.1, extraCostYuan: 3.2, participating: 20, excluded: [{ siteId: 's9', reason: 'no load to shed in the window' }] },
  commitment: null, delivery: null, cancellation: null,
});

/** `durable`: the adapter keeps data across a reopen (a file), so the restart case applies. */
export function runDrEventStoreContract(name: string, newStore: () => Promise<DrEventStoreHandle>, durable: boolean): void {
  describe(`DrEventStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('keeps an event whole and refuses a second event with the same id', async () => {
      const { store } = await open();
      const e = event('ev-1', 'v1', 1000);
      await store.insertEvent(e);
      expect(await store.getEvent('ev-1')).toEqual(e);
      await expect(store.insertEvent({ ...e, requestedKw: 99 })).rejects.toThrow(/ev-1 exists already/);
      expect((await store.getEvent('ev-1'))?.requestedKw).toBe(40);
      expect(await store.getEvent('nope')).toBeNull();
    });

    it('updates an existing event only', async () => {
      const { store } = await open();
      await store.insertEvent(event('ev-1', 'v1', 1000));
      const committed = { ...event('ev-1', 'v1', 1000), status: 'committed' as const, committedKw: 30 };
      await store.updateEvent(committed);
      expect(await store.getEvent('ev-1')).toEqual(committed);
      await expect(store.updateEvent(event('ev-2', 'v1', 1))).rejects.toThrow(/no demand-response event ev-2/);
    });

    it('lists newest first, restricted to the villages asked for', async () => {
      const { store } = await open();
      for (const [id, v, t] of [['a', 'v1', 1], ['b', 'v2', 2], ['c', 'v1', 3]] as const) await store.insertEvent(event(id, v, t));
      expect((await store.listEvents({ limit: 10 })).map((e) => e.id)).toEqual(['c', 'b', 'a']);
      expect((await store.listEvents({ villageIds: ['v1'], limit: 10 })).map((e) => e.id)).toEqual(['c', 'a']);
      expect(await store.listEvents({ villageIds: [], limit: 10 })).toEqual([]);
      expect((await store.listEvents({ limit: 1 })).map((e) => e.id)).toEqual(['c']);
    });

    if (durable) {
      it('events survive a restart', async () => {
        const h = await open();
        if (!h.reopen) throw new Error(`${name} is declared durable but its handle cannot reopen`);
        await h.store.insertEvent(event('ev-1', 'v1', 1000));
        const again = await h.reopen();
        expect((await again.getEvent('ev-1'))?.source).toBe('openadr:VEN-1');
      });
    }
  });
}
