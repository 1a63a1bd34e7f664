/**
 * Authenticates devices (MQTT username = device id, password = device secret; or HTTP Basic) and tells which
 * units a device may report for. Device secrets are random 256-bit values stored as SHA-256 (device-secrets.ts,
 * docs/adr/0008): a check costs microseconds, so a whole fleet reconnecting at once is answered at once.
 *
 * A credential still in the old scrypt form is checked on libuv's thread pool through a small bounded queue: a
 * storm of old-form logins cannot take every pool thread or wait without bound (beyond the queue the caller gets
 * `BusyError` and answers "server unavailable"), and a device's repeated attempts share one check. When right, it
 * is re-stored in the fast form — only if it is still the stored, unrevoked credential (a compare-and-set in the
 * store), so a revocation meanwhile wins.
 *
 * Verified secrets are remembered for a while to spare the store lookup on frequent reconnects; a revocation
 * forgets them, and the registry's device status is checked on every call, so a revoked device is refused at once.
 */
import { createBoundedWork, type BoundedWork } from './bounded-work.js';
import { deviceHashForm, fastDeviceSecretHash, verifyFastDeviceSecret } from './device-secrets.js';
import type { IngestSender } from './ingest-telemetry.js';
import type { AccessStore } from './ports/access-store.js';
import type { Clock } from './ports/clock.js';
import { sha256Hex, verifySecret } from './secrets.js';

export interface DeviceLookup {
  /** Units of an active registered device, or null if unknown or revoked. */
  unitsOfDevice(deviceId: string): ReadonlySet<string> | null;
}

export interface DeviceDirectory {
  /** The sender, or null for an unknown or revoked device or a wrong secret. Throws `BusyError` when the legacy queue is full. */
  authenticate(deviceId: string, secret: string): Promise<IngestSender | null>;
  /** Sender for an already-authenticated connection (e.g. to re-check revocation per message). */
  senderOf(deviceId: string): IngestSender | null;
  forget(deviceId: string): void;
}

export interface DeviceDirectoryOptions {
  /** Old-form (scrypt) checks at once; the libuv pool has 4 threads by default. */
  readonly legacyConcurrency: number;
  /** Old-form checks waiting beyond that before callers are told to come back later. */
  readonly legacyMaxQueued: number;
  /** How long a verified secret spares the store lookup (ms). */
  readonly cacheMs: number;
}

export const DEFAULT_DEVICE_DIRECTORY_OPTIONS: DeviceDirectoryOptions = { legacyConcurrency: 2, legacyMaxQueued: 1000, cacheMs: 10 * 60_000 };

export type DeviceAccess = Pick<AccessStore, 'getDeviceCredential' | 'upgradeDeviceSecretHash'>;

export function createDeviceDirectory(deps: {
  access: DeviceAccess; devices: DeviceLookup; clock: Clock; options?: Partial<DeviceDirectoryOptions>;
  /** A failed re-hash to the fast form (the login itself succeeded). */
  onUpgradeError?: (deviceId: string, e: unknown) => void;
}): DeviceDirectory {
  const options = { ...DEFAULT_DEVICE_DIRECTORY_OPTIONS, ...deps.options };
  const legacy: BoundedWork = createBoundedWork({ what: 'legacy device secret checks', concurrency: options.legacyConcurrency, maxQueued: options.legacyMaxQueued });
  const verified = new Map<string, { secretSha: string; untilMs: number }>();
  // Bumped by forget() (revocation, a new secret): a check that started before it does not count.
  const epochs = new Map<string, number>();
  const epochOf = (deviceId: string) => epochs.get(deviceId) ?? 0;
  const senderOf = (deviceId: string): IngestSender | null => {
    const unitIds = deps.devices.unitsOfDevice(deviceId);
    return unitIds === null ? null : { id: deviceId, unitIds };
  };

  const checkLegacy = async (deviceId: string, secret: string, stored: string): Promise<boolean> => {
    if (!(await legacy.run(() => verifySecret(secret, stored)))) return false;
    const upgraded = fastDeviceSecretHash(secret);
    if (upgraded !== null) {
      await deps.access.upgradeDeviceSecretHash(deviceId, stored, upgraded).catch((e: unknown) => deps.onUpgradeError?.(deviceId, e));
    }
    return true;
  };
  // One old-form check per device, secret and stored hash at a time: a device whose CONNACK timed out reconnects
  // and joins the check already queued instead of queueing another one (the storm would otherwise feed itself).
  const inFlight = new Map<string, Promise<boolean>>();
  const checkLegacyOnce = (deviceId: string, secret: string, secretSha: string, stored: string): Promise<boolean> => {
    const key = `${deviceId}\n${secretSha}\n${stored}`;
    const running = inFlight.get(key);
    if (running) return running;
    const check = checkLegacy(deviceId, secret, stored).finally(() => inFlight.delete(key));
    inFlight.set(key, check);
    return check;
  };

  return {
    async authenticate(deviceId, secret) {
      const sender = senderOf(deviceId);
      if (sender === null || secret.length === 0 || secret.length > 256) return null;
      const cached = verified.get(deviceId);
      const sha = sha256Hex(secret);
      if (cached && cached.secretSha === sha && cached.untilMs > deps.clock.nowMs()) return sender;
      const epoch = epochOf(deviceId);
      const cred = await deps.access.getDeviceCredential(deviceId);
      if (cred === null || cred.revokedAtMs !== null) return null;
      const form = deviceHashForm(cred.secretHash);
      const ok = form === 'fast' ? verifyFastDeviceSecret(secret, cred.secretHash) : form === 'scrypt' ? await checkLegacyOnce(deviceId, secret, sha, cred.secretHash) : false;
      if (!ok) return null;
      // Revoked or given a new secret while the check ran.
      if (epochOf(deviceId) !== epoch || senderOf(deviceId) === null) return null;
      verified.set(deviceId, { secretSha: sha, untilMs: deps.clock.nowMs() + options.cacheMs });
      return sender;
    },
    senderOf,
    forget(deviceId) {
      verified.delete(deviceId);
      epochs.set(deviceId, epochOf(deviceId) + 1);
    },
  };
}
