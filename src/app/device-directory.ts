/**
 * Authenticates devices (MQTT username = device id, password = device secret; or an HTTP device token)
 * and tells which units a device may report for. Verified secrets are cached briefly so that a device
 * reconnecting often does not cost a scrypt each time; revocation clears the cache.
 */
import type { IngestSender } from './ingest-telemetry.js';
import type { AccessStore } from './ports/access-store.js';
import type { Clock } from './ports/clock.js';
import { sha256Hex, verifySecret } from './secrets.js';

export interface DeviceLookup {
  /** Units of an active registered device, or null if unknown or revoked. */
  unitsOfDevice(deviceId: string): ReadonlySet<string> | null;
}

export interface DeviceDirectory {
  authenticate(deviceId: string, secret: string): Promise<IngestSender | null>;
  /** Sender for an already-authenticated connection (e.g. to re-check revocation per message). */
  senderOf(deviceId: string): IngestSender | null;
  forget(deviceId: string): void;
}

const CACHE_MS = 10 * 60_000;

export function createDeviceDirectory(deps: { access: AccessStore; devices: DeviceLookup; clock: Clock }): DeviceDirectory {
  const verified = new Map<string, { secretSha: string; untilMs: number }>();
  const senderOf = (deviceId: string): IngestSender | null => {
    const unitIds = deps.devices.unitsOfDevice(deviceId);
    return unitIds === null ? null : { id: deviceId, unitIds };
  };
  return {
    async authenticate(deviceId, secret) {
      const sender = senderOf(deviceId);
      if (sender === null || secret.length === 0 || secret.length > 256) return null;
      const cached = verified.get(deviceId);
      const sha = sha256Hex(secret);
      if (cached && cached.secretSha === sha && cached.untilMs > deps.clock.nowMs()) return sender;
      const cred = await deps.access.getDeviceCredential(deviceId);
      if (cred === null || cred.revokedAtMs !== null) return null;
      if (!(await verifySecret(secret, cred.secretHash))) return null;
      verified.set(deviceId, { secretSha: sha, untilMs: deps.clock.nowMs() + CACHE_MS });
      return sender;
    },
    senderOf,
    forget: (deviceId) => void verified.delete(deviceId),
  };
}
