/**
 * First start: create the platform organisation and the `admin` user. The password comes from
 * HEATFLEET_ADMIN_PASSWORD, or is generated and returned so that it can be printed once.
 */
import { randomBytes } from 'node:crypto';
import type { AccessStore } from '../app/ports/access-store.js';
import type { Clock } from '../app/ports/clock.js';
import type { RegistryService } from '../app/registry-service.js';
import { hashSecret } from '../app/secrets.js';

export const PLATFORM_ORG_ID = 'platform';

export async function ensureAdmin(deps: { access: AccessStore; registry: RegistryService; clock: Clock; password: string | null }): Promise<string | null> {
  if (!deps.registry.index().snapshot.organisations.some((o) => o.id === PLATFORM_ORG_ID)) {
    await deps.registry.write({ organisations: [{ id: PLATFORM_ORG_ID, kind: 'platform', name: 'heatfleet platform', nameZh: '平台运营方' }] });
  }
  if (await deps.access.getUserByUsername('admin')) return null;
  const password = deps.password ?? randomBytes(12).toString('base64url');
  await deps.access.putUser({
    id: 'u-admin',
    username: 'admin',
    displayName: 'Administrator',
    role: 'admin',
    orgId: PLATFORM_ORG_ID,
    scopeAreaId: null,
    siteId: null,
    passwordHash: await hashSecret(password),
    failedLogins: 0,
    lockedUntilMs: 0,
    disabled: false,
    createdAtMs: deps.clock.nowMs(),
  });
  await deps.access.appendAudit({ atMs: deps.clock.nowMs(), actor: 'system', action: 'user.create', target: 'user:admin', outcome: 'ok', detail: 'first start' });
  return password;
}
