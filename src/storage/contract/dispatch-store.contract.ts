/** Contract of the DispatchStore port (plans, commands, dispatch alarms), run by every adapter against a real engine. */
import { describe, expect, it } from 'vitest';
import type { CommandRecord, DispatchStore, PlanRecord } from '../../app/dispatch/dispatch-store.js';
import type { DispatchAlarm } from '../../contract/commands-api.js';
import { useStoreHandle, type StoreHandle } from './store-handle.js';

export type DispatchStoreHandle = StoreHandle<DispatchStore>;

const T0 = Date.UTC(2019, 0, 15, 4);
const command = (id: string, siteId: string, issuedAtMs: number, planId: string | null = null): CommandRecord => ({
  id, deviceId: `${siteId}-gw`, unitId: `${siteId}-hp1`, siteId, kind: 'setpoint', origin: planId ? 'plan' : 'override', planId, actor: 'u-op',
  state: 'queued', attempts: 0, issuedAtMs, expiresAtMs: issuedAtMs + 3_600_000, lastSentAtMs: null, answeredAtMs: null, reason: null,
  command: { id, unitId: `${siteId}-hp1`, kind: 'setpoint', issuedAtMs, expiresAtMs: issuedAtMs + 3_600_000, setpointC: 21, validFromMs: issuedAtMs, validToMs: issuedAtMs + 7_200_000 },
});
const plan = (id: string, transformerId: string, day: string, createdAtMs: number): PlanRecord => ({
  id, transformerId, villageId: 'v1', day, dayStartMs: T0, slotS: 900, revision: 1, fromSlot: 0, createdAtMs, createdBy: 'u-op', reason: 'day-ahead',
  status: 'planned', tariffId: 'beijing-rural-coal-to-electricity', costYuan: 12.5, comfortDeficitKh: 0, peakLoadW: 9000, capacityW: 10_000, issues: [],
  priceYuanPerKWh: [0.1, 0.49], capacityPerSlotW: [10_000, 10_000],
  households: [{ siteId: 's1', unitId: 's1-hp1', deviceId: 's1-gw', powerW: [1000, 0], tempC: [19, 18.8], minTempC: [17.5, 17.5], costYuan: 0.03, comfortDeficitKh: 0, excluded: false, note: null }],
});
const alarm = (atMs: number, siteId: string | null, transformerId: string | null): DispatchAlarm => ({
  atMs, kind: 'not-acknowledging', siteId, deviceId: siteId ? `${siteId}-gw` : null, transformerId, commandId: null, message: `alarm ${siteId ?? transformerId}`,
});

export function runDispatchStoreContract(name: string, newStore: () => Promise<DispatchStoreHandle>): void {
  describe(`DispatchStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('stores commands whole, refuses a reused id, lists newest first with filters', async () => {
      const { store } = await open();
      await store.insertCommand(command('c1', 's1', T0));
      await store.insertCommand(command('c2', 's2', T0 + 1000, 'p1'));
      await store.insertCommand(command('c3', 's1', T0 + 2000, 'p1'));
      await expect(store.insertCommand(command('c1', 's9', T0))).rejects.toThrow(/c1 exists/);
      expect(await store.getCommand('c1')).toEqual(command('c1', 's1', T0));
      expect(await store.getCommand('nope')).toBeNull();
      expect((await store.listCommands({ limit: 10 })).map((c) => c.id)).toEqual(['c3', 'c2', 'c1']);
      expect((await store.listCommands({ siteIds: ['s1'], limit: 10 })).map((c) => c.id)).toEqual(['c3', 'c1']);
      expect((await store.listCommands({ siteIds: [], limit: 10 })).map((c) => c.id)).toEqual([]);
      expect((await store.listCommands({ planId: 'p1', limit: 1 })).map((c) => c.id)).toEqual(['c3']);
    });

    it('moves a command only from an expected state, so a late or repeated answer changes nothing', async () => {
      const { store } = await open();
      await store.insertCommand(command('c1', 's1', T0));
      const sent = await store.transitionCommand('c1', ['queued'], { state: 'sent', attempts: 1, lastSentAtMs: T0 + 5 });
      expect(sent).toMatchObject({ state: 'sent', attempts: 1, lastSentAtMs: T0 + 5, answeredAtMs: null });
      const acked = await store.transitionCommand('c1', ['sent'], { state: 'accepted', answeredAtMs: T0 + 9, reason: null });
      expect(acked).toMatchObject({ state: 'accepted', answeredAtMs: T0 + 9, attempts: 1 });
      expect(await store.transitionCommand('c1', ['sent'], { state: 'rejected', answeredAtMs: T0 + 20, reason: 'late' })).toBeNull();
      expect(await store.transitionCommand('missing', ['sent'], { state: 'accepted' })).toBeNull();
      expect(await store.getCommand('c1')).toMatchObject({ state: 'accepted', answeredAtMs: T0 + 9, reason: null });
      expect((await store.listCommands({ states: ['accepted'], limit: 10 })).map((c) => c.id)).toEqual(['c1']);
      expect(await store.listCommands({ states: ['sent'], limit: 10 })).toEqual([]);
    });

    it('stores plan revisions, replaces one by id, lists by transformer and day', async () => {
      const { store } = await open();
      await store.putPlan(plan('p1', 'tx1', '2019-01-15', T0));
      await store.putPlan(plan('p2', 'tx2', '2019-01-15', T0 + 1));
      await store.putPlan(plan('p3', 'tx1', '2019-01-16', T0 + 2));
      await store.putPlan({ ...plan('p1', 'tx1', '2019-01-15', T0), status: 'dispatched' });
      expect(await store.getPlan('p1')).toEqual({ ...plan('p1', 'tx1', '2019-01-15', T0), status: 'dispatched' });
      expect((await store.listPlans({ limit: 10 })).map((p) => p.id)).toEqual(['p3', 'p2', 'p1']);
      expect((await store.listPlans({ transformerIds: ['tx1'], limit: 10 })).map((p) => p.id)).toEqual(['p3', 'p1']);
      expect((await store.listPlans({ transformerIds: ['tx1'], day: '2019-01-15', limit: 10 })).map((p) => p.id)).toEqual(['p1']);
      expect(await store.listPlans({ transformerIds: [], limit: 10 })).toEqual([]);
    });

    it('appends alarms and lists those of the given sites (and site-less ones of the given transformers)', async () => {
      const { store } = await open();
      await store.appendAlarm(alarm(T0, 's1', 'tx1'));
      await store.appendAlarm(alarm(T0 + 1, 's2', 'tx1'));
      await store.appendAlarm(alarm(T0 + 2, null, 'tx1'));
      await store.appendAlarm(alarm(T0 + 3, null, 'tx2'));
      expect((await store.listAlarms({ limit: 10 })).map((a) => a.message)).toEqual(['alarm tx2', 'alarm tx1', 'alarm s2', 'alarm s1']);
      expect((await store.listAlarms({ siteIds: ['s1'], limit: 10 })).map((a) => a.message)).toEqual(['alarm s1']);
      expect((await store.listAlarms({ siteIds: ['s2'], transformerIds: ['tx1'], limit: 10 })).map((a) => a.message)).toEqual(['alarm tx1', 'alarm s2']);
      expect((await store.listAlarms({ fromMs: T0 + 1, toMs: T0 + 3, limit: 10 })).map((a) => a.message)).toEqual(['alarm tx1', 'alarm s2']);
    });

    it('acknowledges an open alarm once (who, when, note) and filters open and acknowledged ones', async () => {
      const { store } = await open();
      await store.appendAlarm(alarm(T0, 's1', 'tx1'));
      await store.appendAlarm(alarm(T0 + 1, 's2', 'tx1'));
      const [second, first] = await store.listAlarms({ limit: 10 });
      expect(first).toMatchObject({ message: 'alarm s1', acknowledgement: null });
      expect(second?.id).not.toBe(first?.id);
      const ack = { byUserId: 'u-op', byUsername: 'operator', atMs: T0 + 60_000, note: 'gateway unplugged; technician booked' };
      expect(await store.acknowledgeAlarm(first?.id ?? '', ack)).toEqual({ ...first, acknowledgement: ack });
      expect(await store.acknowledgeAlarm(first?.id ?? '', { ...ack, note: 'again' })).toBeNull();
      expect(await store.acknowledgeAlarm('999999', ack)).toBeNull();
      expect(await store.getAlarm(first?.id ?? '')).toEqual({ ...first, acknowledgement: ack });
      expect(await store.getAlarm('not-an-id')).toBeNull();
      expect((await store.listAlarms({ acknowledged: true, limit: 10 })).map((a) => a.message)).toEqual(['alarm s1']);
      expect((await store.listAlarms({ acknowledged: false, limit: 10 })).map((a) => a.message)).toEqual(['alarm s2']);
    });

    it('lists commands issued within a time range', async () => {
      const { store } = await open();
      for (const [i, id] of ['c1', 'c2', 'c3'].entries()) await store.insertCommand(command(id, 's1', T0 + i * 1000));
      expect((await store.listCommands({ issuedFromMs: T0 + 1000, issuedToMs: T0 + 2000, limit: 10 })).map((c) => c.id)).toEqual(['c2']);
      expect((await store.listCommands({ issuedFromMs: T0 + 1000, limit: 10 })).map((c) => c.id)).toEqual(['c3', 'c2']);
    });

    it('keeps everything across a reopen', async () => {
      const h = await open();
      if (!h.reopen) return;
      await h.store.insertCommand(command('c1', 's1', T0));
      await h.store.putPlan(plan('p1', 'tx1', '2019-01-15', T0));
      await h.store.appendAlarm(alarm(T0, 's1', 'tx1'));
      const [stored] = await h.store.listAlarms({ limit: 1 });
      const ack = { byUserId: 'u-op', byUsername: 'operator', atMs: T0 + 5, note: 'seen' };
      await h.store.acknowledgeAlarm(stored?.id ?? '', ack);
      const again = await h.reopen();
      expect(await again.getCommand('c1')).toEqual(command('c1', 's1', T0));
      expect(await again.getPlan('p1')).toEqual(plan('p1', 'tx1', '2019-01-15', T0));
      expect(await again.listAlarms({ limit: 5 })).toEqual([{ ...stored, acknowledgement: ack }]);
    });
  });
}
