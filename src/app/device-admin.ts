/**
 * Device provisioning: issue a device secret (256 bits, shown once, stored as SHA-256: docs/adr/0008) and revoke it.
 * Revocation marks the device revoked in the registry, clears cached authentications and tells the
 * protocol adapters to drop the device's connections.
 */
import { canActOnSite, canSeeSite, type Principal } from './authorize.js';
import type { DeviceDirectory } from './device-directory.js';
import type { AccessStore } from './ports/access-store.js';
import type { Clock } from './ports/clock.js';
import type { RegistryService } from './registry-service.js';
import { issueDeviceSecret } from './device-secrets.js';

export type DeviceAdminError = 'not_found' | 'forbidden';

export function createDeviceAdmin(deps: { access: AccessStore; registry: RegistryService; directory: DeviceDirectory; clock: Clock }) {
  const revokeListeners: ((deviceId: string) => void)[] = [];
  const authorise = (p: Principal, deviceId: string): DeviceAdminError | null => {
    const index = deps.registry.index();
    const device = index.device(deviceId);
    const site = device ? index.site(device.siteId) : undefined;
    if (!device || !site) return 'not_found';
    if (!canSeeSite(p, site, index)) return 'not_found';
    if (!canActOnSite(p, 'device:provision', site, index)) return 'forbidden';
    return null;
  };
  return {
    onRevoke: (l: (deviceId: string) => void) => void revokeListeners.push(l),
    /** Issue a new secret (replacing any old one); the secret is returned once and never stored in clear. */
    async provision(p: Principal, deviceId: string): Promise<{ secret: string } | { error: DeviceAdminError }> {
      const err = authorise(p, deviceId);
      if (err) {
        await deps.access.appendAudit({ atMs: deps.clock.nowMs(), actor: p.userId, action: 'device.provision', target: `device:${deviceId}`, outcome: 'denied', detail: err });
        return { error: err };
      }
      const { secret, secretHash } = issueDeviceSecret();
      await deps.access.putDeviceCredential({ deviceId, secretHash, createdAtMs: deps.clock.nowMs(), revokedAtMs: null });
      const device = deps.registry.index().device(deviceId);
      if (device && device.status !== 'active') await deps.registry.write({ devices: [{ ...device, status: 'active' }] });
      deps.directory.forget(deviceId);
      await deps.access.appendAudit({ atMs: deps.clock.nowMs(), actor: p.userId, action: 'device.provision', target: `device:${deviceId}`, outcome: 'ok', detail: `via ${p.via}` });
      return { secret };
    },
    async revoke(p: Principal, deviceId: string): Promise<{ ok: true } | { error: DeviceAdminError }> {
      const err = authorise(p, deviceId);
      if (err) {
        await deps.access.appendAudit({ atMs: deps.clock.nowMs(), actor: p.userId, action: 'device.revoke', target: `device:${deviceId}`, outcome: 'denied', detail: err });
        return { error: err };
      }
      const cred = await deps.access.getDeviceCredential(deviceId);
      if (cred) await deps.access.putDeviceCredential({ ...cred, revokedAtMs: deps.clock.nowMs() });
      const device = deps.registry.index().device(deviceId);
      if (device) await deps.registry.write({ devices: [{ ...device, status: 'revoked' }] });
      deps.directory.forget(deviceId);
      for (const l of revokeListeners) l(deviceId);
      await deps.access.appendAudit({ atMs: deps.clock.nowMs(), actor: p.userId, action: 'device.revoke', target: `device:${deviceId}`, outcome: 'ok', detail: `via ${p.via}` });
      return { ok: true };
    },
  };
}
export type DeviceAdmin = ReturnType<typeof createDeviceAdmin>;
