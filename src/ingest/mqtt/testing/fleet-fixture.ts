/**
 * A few registered devices with secrets issued as the platform issues them (device-secrets.ts) and a real
 * DeviceDirectory, for MQTT tests and the ingest bench. `revokeCredential` marks a device's credential revoked
 * as the access store would.
 */
import { createDeviceDirectory, type DeviceAccess, type DeviceDirectory } from '../../../app/device-directory.js';
import type { DeviceCredentialRecord } from '../../../app/ports/access-store.js';
import type { Clock } from '../../../app/ports/clock.js';
import { issueDeviceSecret } from '../../../app/device-secrets.js';

export interface FleetFixture {
  readonly directory: DeviceDirectory;
  readonly secrets: ReadonlyMap<string, string>;
  revokeCredential(deviceId: string): void;
}

/** `units` maps a device id to the unit ids it reports for. */
export async function createFleetFixture(units: Record<string, readonly string[]>, clock: Clock): Promise<FleetFixture> {
  const creds = new Map<string, DeviceCredentialRecord>();
  const secrets = new Map<string, string>();
  for (const deviceId of Object.keys(units)) {
    const { secret, secretHash } = issueDeviceSecret();
    secrets.set(deviceId, secret);
    creds.set(deviceId, { deviceId, secretHash, createdAtMs: clock.nowMs(), revokedAtMs: null });
  }
  const unitSets = new Map(Object.entries(units).map(([d, u]) => [d, new Set(u)] as const));
  const access: DeviceAccess = {
    getDeviceCredential: async (deviceId) => creds.get(deviceId) ?? null,
    upgradeDeviceSecretHash: async () => false, // every secret here is already in the fast form
  };
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
