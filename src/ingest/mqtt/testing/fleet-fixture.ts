/**
 * A few registered devices with real scrypt-hashed secrets and a real DeviceDirectory, for MQTT tests
 * and the ingest bench. `revokeCredential` marks a device's credential revoked as the access store would.
 */
import { createDeviceDirectory, type DeviceDirectory } from '../../../app/device-directory.js';
import type { AccessStore, DeviceCredentialRecord } from '../../../app/ports/access-store.js';
import type { Clock } from '../../../app/ports/clock.js';
import { hashSecret } from '../../../app/secrets.js';

export interface FleetFixture {
  readonly directory: DeviceDirectory;
  readonly secrets: ReadonlyMap<string, string>;
  revokeCredential(deviceId: string): void;
}

/** `units` maps a device id to the unit ids it reports for. */
export async function createFleetFixture(units: Record<string, readonly string[]>, clock: Clock): Promise<FleetFixture> {
  const creds = new Map<string, DeviceCredentialRecord>();
  const secrets = new Map<string, string>();
  await Promise.all(
    Object.keys(units).map(async (deviceId) => {
      const secret = `secret-of-${deviceId}-0123456789`;
      secrets.set(deviceId, secret);
      creds.set(deviceId, { deviceId, secretHash: await hashSecret(secret), createdAtMs: clock.nowMs(), revokedAtMs: null });
    }),
  );
  const unitSets = new Map(Object.entries(units).map(([d, u]) => [d, new Set(u)] as const));
  const access = { getDeviceCredential: async (deviceId: string) => creds.get(deviceId) ?? null } as unknown as AccessStore;
  const directory = createDeviceDirectory({ access, devices: { unitsOfDevice: (d) => unitSets.get(d) ?? null }, clock });
  return {
    directory,
    secrets,
    revokeCredential(deviceId) {
      const c = creds.get(deviceId);
      if (c) creds.set(deviceId, { ...c, revokedAtMs: clock.nowMs() });
    },
  };
}
