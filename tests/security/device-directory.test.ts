/**
 * The device directory on the real DuckDB access store: issued and old-form (scrypt) secrets, the upgrade to the
 * fast form, refusals, a revocation that overtakes a slow check, and the bounded queue of old-form checks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDbStores, type DuckDbStores } from '../../src/storage/duckdb/open-stores.js';
import { BusyError } from '../../src/app/bounded-work.js';
import { createDeviceDirectory, type DeviceDirectoryOptions } from '../../src/app/device-directory.js';
import { issueDeviceSecret } from '../../src/app/device-secrets.js';
import { hashSecret } from '../../src/app/secrets.js';

const clock = { nowMs: () => Date.parse('2025-01-10T08:00:00Z') };
const UNITS: Record<string, string[]> = { 'gw-new': ['u-1'], 'gw-old': ['u-2'], 'gw-old2': ['u-3'], 'gw-revoked': ['u-4'] };

describe('device directory (real DuckDB access store)', () => {
  let stores: DuckDbStores | null = null;
  afterEach(async () => { await stores?.close(); stores = null; });

  const setup = async (options?: Partial<DeviceDirectoryOptions>) => {
    stores = await openDuckDbStores({ dataDir: null, clock });
    const access = stores.access;
    const active = new Map(Object.entries(UNITS).map(([d, u]) => [d, new Set(u)]));
    const fresh = issueDeviceSecret();
    const oldSecret = issueDeviceSecret().secret;
    const old2Secret = issueDeviceSecret().secret;
    await access.putDeviceCredential({ deviceId: 'gw-new', secretHash: fresh.secretHash, createdAtMs: clock.nowMs(), revokedAtMs: null });
    await access.putDeviceCredential({ deviceId: 'gw-old', secretHash: await hashSecret(oldSecret), createdAtMs: clock.nowMs(), revokedAtMs: null });
    await access.putDeviceCredential({ deviceId: 'gw-old2', secretHash: await hashSecret(old2Secret), createdAtMs: clock.nowMs(), revokedAtMs: null });
    await access.putDeviceCredential({ deviceId: 'gw-revoked', secretHash: fresh.secretHash, createdAtMs: clock.nowMs(), revokedAtMs: clock.nowMs() });
    const directory = createDeviceDirectory({ access, devices: { unitsOfDevice: (d) => active.get(d) ?? null }, clock, ...(options ? { options } : {}) });
    return { access, directory, active, fresh, oldSecret, old2Secret };
  };

  it('accepts an issued secret and names the units the device may report for', async () => {
    const { directory, fresh } = await setup();
    expect(await directory.authenticate('gw-new', fresh.secret)).toEqual({ id: 'gw-new', unitIds: new Set(['u-1']) });
  });

  it('accepts a secret stored in the old scrypt form and re-stores it in the fast form', async () => {
    const { access, directory, oldSecret } = await setup();
    expect(await directory.authenticate('gw-old', oldSecret)).not.toBeNull();
    expect((await access.getDeviceCredential('gw-old'))?.secretHash).toMatch(/^sha256\$/);
    directory.forget('gw-old'); // no cache: the next check reads the new form from the store
    expect(await directory.authenticate('gw-old', oldSecret)).not.toBeNull();
  });

  it('refuses a wrong secret (old or new form) without touching the stored hash', async () => {
    const { access, directory, fresh, oldSecret } = await setup();
    const before = (await access.getDeviceCredential('gw-old'))?.secretHash;
    expect(await directory.authenticate('gw-old', fresh.secret)).toBeNull();
    expect((await access.getDeviceCredential('gw-old'))?.secretHash).toBe(before);
    expect(await directory.authenticate('gw-new', oldSecret)).toBeNull();
    expect(await directory.authenticate('gw-new', '')).toBeNull();
  });

  it('refuses an unknown device, a revoked credential and a device the registry marks revoked', async () => {
    const { directory, active, fresh } = await setup();
    expect(await directory.authenticate('gw-nobody', fresh.secret)).toBeNull();
    expect(await directory.authenticate('gw-revoked', fresh.secret)).toBeNull();
    expect(await directory.authenticate('gw-new', fresh.secret)).not.toBeNull(); // now cached
    active.delete('gw-new');
    expect(await directory.authenticate('gw-new', fresh.secret)).toBeNull();
  });

  it('does not accept a check that was overtaken by a revocation or a new secret', async () => {
    const { access, directory, oldSecret } = await setup();
    const pending = directory.authenticate('gw-old', oldSecret); // scrypt runs on the thread pool…
    directory.forget('gw-old'); // …while the device is revoked
    expect(await pending).toBeNull();
    expect(await directory.authenticate('gw-old', oldSecret)).not.toBeNull(); // a later attempt is judged afresh
    await access.putDeviceCredential({ ...(await access.getDeviceCredential('gw-old'))!, revokedAtMs: clock.nowMs() });
    directory.forget('gw-old');
    expect(await directory.authenticate('gw-old', oldSecret)).toBeNull();
  });

  it('lets a device\'s repeated attempts share one old-form check instead of queueing more', async () => {
    const { access, directory, oldSecret } = await setup({ legacyConcurrency: 1, legacyMaxQueued: 0 });
    const attempts = [directory.authenticate('gw-old', oldSecret), directory.authenticate('gw-old', oldSecret), directory.authenticate('gw-old', oldSecret)];
    expect((await Promise.all(attempts)).every((s) => s?.id === 'gw-old')).toBe(true);
    expect((await access.getDeviceCredential('gw-old'))?.secretHash).toMatch(/^sha256\$/);
  });

  it('tells callers to come back later when too many old-form checks wait', async () => {
    const { directory, oldSecret, old2Secret, fresh } = await setup({ legacyConcurrency: 1, legacyMaxQueued: 0 });
    const first = directory.authenticate('gw-old', oldSecret);
    await expect(directory.authenticate('gw-old2', old2Secret)).rejects.toBeInstanceOf(BusyError);
    expect(await directory.authenticate('gw-new', fresh.secret)).not.toBeNull(); // fast-form logins are not queued
    expect(await first).not.toBeNull();
  });
});
