/** Contract of the AccessStore port, run by every adapter against a real engine. */
import { describe, expect, it } from 'vitest';
import { useStoreHandle, type StoreHandle } from './store-handle.js';
import type { AccessStore, ApiTokenRecord, AuditEntry, SessionRecord, UserRecord } from '../../app/ports/access-store.js';

export type AccessStoreHandle = StoreHandle<AccessStore>;

const T0 = Date.UTC(2024, 0, 15);
const alice: UserRecord = {
  id: 'user-1', username: 'alice', displayName: 'Alice 王', role: 'operator-admin', orgId: 'op-1', scopeAreaId: 'bj-yanqing',
  siteId: null, passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', failedLogins: 0, lockedUntilMs: 0, disabled: false, createdAtMs: T0,
};
const bob: UserRecord = { ...alice, id: 'user-2', username: 'bob', displayName: 'Bob', role: 'household', scopeAreaId: null, siteId: 's-001' };
const session: SessionRecord = { idHash: 'sess-hash-1', userId: 'user-1', csrfToken: 'csrf-1', createdAtMs: T0, expiresAtMs: T0 + 3_600_000, lastSeenMs: T0 };
const token: ApiTokenRecord = {
  id: 'tok-1', secretHash: 'secret-hash-1', userId: 'user-1', name: 'export script', actions: ['fleet:read', 'registry:export'],
  createdAtMs: T0, expiresAtMs: null, revokedAtMs: null,
};
const audit = (atMs: number, actor: string, action: string, outcome: AuditEntry['outcome'] = 'ok'): AuditEntry => ({ atMs, actor, action, target: 'registry', outcome, detail: '' });

export function runAccessStoreContract(name: string, newStore: () => Promise<AccessStoreHandle>): void {
  describe(`AccessStore contract: ${name}`, () => {
    const open = useStoreHandle(newStore);

    it('stores users and finds them by id and by username', async () => {
      const { store } = await open();
      await store.putUser(alice);
      await store.putUser(bob);
      expect(await store.getUserById('user-1')).toEqual(alice);
      expect(await store.getUserByUsername('bob')).toEqual(bob);
      expect(await store.getUserByUsername('carol')).toBeNull();
      await store.putUser({ ...alice, failedLogins: 3, lockedUntilMs: T0 + 60_000, disabled: true });
      expect(await store.getUserById('user-1')).toMatchObject({ failedLogins: 3, lockedUntilMs: T0 + 60_000, disabled: true });
      expect((await store.listUsers()).map((u) => u.id).sort()).toEqual(['user-1', 'user-2']);
    });

    it('refuses a username taken by another user', async () => {
      const { store } = await open();
      await store.putUser(alice);
      await expect(store.putUser({ ...bob, username: 'alice' })).rejects.toThrow();
      expect(await store.getUserById('user-2')).toBeNull();
    });

    it('stores, finds and deletes sessions', async () => {
      const { store } = await open();
      await store.putSession(session);
      await store.putSession({ ...session, idHash: 'sess-hash-2' });
      await store.putSession({ ...session, idHash: 'sess-hash-3', userId: 'user-2' });
      expect(await store.getSession('sess-hash-1')).toEqual(session);
      await store.putSession({ ...session, lastSeenMs: T0 + 1000 });
      expect((await store.getSession('sess-hash-1'))?.lastSeenMs).toBe(T0 + 1000);
      await store.deleteSession('sess-hash-2');
      expect(await store.getSession('sess-hash-2')).toBeNull();
      await store.deleteSessionsOfUser('user-1');
      expect(await store.getSession('sess-hash-1')).toBeNull();
      expect(await store.getSession('sess-hash-3')).not.toBeNull();
    });

    it('stores API tokens, finds them by secret hash and keeps the first revocation time', async () => {
      const { store } = await open();
      await store.putApiToken(token);
      await store.putApiToken({ ...token, id: 'tok-2', secretHash: 'secret-hash-2', createdAtMs: T0 + 1, expiresAtMs: T0 + 86_400_000 });
      expect(await store.getApiTokenBySecretHash('secret-hash-1')).toEqual(token);
      expect(await store.getApiTokenBySecretHash('nope')).toBeNull();
      expect((await store.listApiTokens('user-1')).map((t) => t.id)).toEqual(['tok-1', 'tok-2']);
      expect(await store.listApiTokens('user-2')).toEqual([]);
      await store.revokeApiToken('tok-1', T0 + 500);
      await store.revokeApiToken('tok-1', T0 + 900);
      expect((await store.getApiTokenBySecretHash('secret-hash-1'))?.revokedAtMs).toBe(T0 + 500);
    });

    it('stores device credentials', async () => {
      const { store } = await open();
      await store.putDeviceCredential({ deviceId: 'gw-1', secretHash: 'h1', createdAtMs: T0, revokedAtMs: null });
      expect(await store.getDeviceCredential('gw-1')).toEqual({ deviceId: 'gw-1', secretHash: 'h1', createdAtMs: T0, revokedAtMs: null });
      await store.putDeviceCredential({ deviceId: 'gw-1', secretHash: 'h2', createdAtMs: T0 + 1, revokedAtMs: null });
      expect((await store.getDeviceCredential('gw-1'))?.secretHash).toBe('h2');
      expect(await store.getDeviceCredential('gw-2')).toBeNull();
    });

    it('upgrades a device secret hash only while it is the stored, unrevoked one', async () => {
      const { store } = await open();
      await store.putDeviceCredential({ deviceId: 'gw-1', secretHash: 'scrypt$old', createdAtMs: T0, revokedAtMs: null });
      expect(await store.upgradeDeviceSecretHash('gw-1', 'scrypt$other', 'sha256$new')).toBe(false);
      expect(await store.getDeviceCredential('gw-1')).toEqual({ deviceId: 'gw-1', secretHash: 'scrypt$old', createdAtMs: T0, revokedAtMs: null });
      expect(await store.upgradeDeviceSecretHash('gw-1', 'scrypt$old', 'sha256$new')).toBe(true);
      expect(await store.getDeviceCredential('gw-1')).toEqual({ deviceId: 'gw-1', secretHash: 'sha256$new', createdAtMs: T0, revokedAtMs: null });
      // Revoked meanwhile: the revocation stays and the hash is not touched.
      await store.putDeviceCredential({ deviceId: 'gw-2', secretHash: 'scrypt$old', createdAtMs: T0, revokedAtMs: T0 + 5 });
      expect(await store.upgradeDeviceSecretHash('gw-2', 'scrypt$old', 'sha256$new')).toBe(false);
      expect(await store.getDeviceCredential('gw-2')).toMatchObject({ secretHash: 'scrypt$old', revokedAtMs: T0 + 5 });
      expect(await store.upgradeDeviceSecretHash('gw-3', 'scrypt$old', 'sha256$new')).toBe(false);
      expect(await store.getDeviceCredential('gw-3')).toBeNull();
    });

    it('lists the audit log newest first, filtered by actor, paged by time', async () => {
      const { store } = await open();
      await store.appendAudit(audit(T0, 'user-1', 'login'));
      await store.appendAudit(audit(T0 + 2000, 'token:tok-1', 'registry:export'));
      await store.appendAudit(audit(T0 + 1000, 'user-1', 'registry:write', 'denied'));
      await store.appendAudit(audit(T0 + 2000, 'user-1', 'logout')); // same instant as an earlier entry: later appended comes first
      expect((await store.listAudit({ limit: 10 })).map((e) => e.action)).toEqual(['logout', 'registry:export', 'registry:write', 'login']);
      expect(await store.listAudit({ limit: 10, actor: 'user-1', beforeMs: T0 + 2000 })).toEqual([audit(T0 + 1000, 'user-1', 'registry:write', 'denied'), audit(T0, 'user-1', 'login')]);
      expect(await store.listAudit({ limit: 1 })).toEqual([audit(T0 + 2000, 'user-1', 'logout')]);
    });

    it('offers no way to change or delete an audit entry', async () => {
      const { store } = await open();
      const auditMethods = Object.keys(store).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(store) as object)).filter((k) => /audit/i.test(k));
      expect(auditMethods.sort()).toEqual(['appendAudit', 'listAudit']);
    });

    it('keeps users and the audit log across close and reopen', async () => {
      const h = await open();
      if (h.reopen === undefined) return;
      await h.store.putUser(alice);
      await h.store.appendAudit(audit(T0, 'user-1', 'login'));
      await h.store.close();
      const again = await h.reopen();
      expect(await again.getUserByUsername('alice')).toEqual(alice);
      expect(await again.listAudit({ limit: 5 })).toEqual([audit(T0, 'user-1', 'login')]);
    });
  });
}
