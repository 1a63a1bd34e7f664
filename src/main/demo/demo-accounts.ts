/**
 * Demo logins, one per role, and device secrets. Passwords are random on the first start and kept in
 * `<dataDir>/demo-credentials.json` (mode 600) so a restart prints the same ones; in memory-only mode
 * they live as long as the process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessStore, UserRecord } from '../../app/ports/access-store.js';
import type { Clock } from '../../app/ports/clock.js';
import { issueDeviceSecret } from '../../app/device-secrets.js';
import { hashSecret } from '../../app/secrets.js';
import type { Role } from '../../domain/roles.js';
import { DEMO_GOVERNMENT, DEMO_OPERATOR_A, DEMO_OPERATOR_B, DEMO_REGION } from './demo-programme.js';

export interface DemoCredential {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly description: string;
}

interface DemoUserSpec extends Omit<UserRecord, 'passwordHash' | 'failedLogins' | 'lockedUntilMs' | 'disabled' | 'createdAtMs'> {
  readonly description: string;
}

export function demoUserSpecs(householdSiteId: string, householdVillageId: string): DemoUserSpec[] {
  return [
    { id: 'u-regulator', username: 'regulator', displayName: '市能源办 审核员', role: 'regulator', orgId: DEMO_GOVERNMENT, scopeAreaId: DEMO_REGION, siteId: null, description: 'regulator: the whole region, read-only' },
    { id: 'u-operator', username: 'operator', displayName: '北暖供热 管理员', role: 'operator-admin', orgId: DEMO_OPERATOR_A, scopeAreaId: DEMO_REGION, siteId: null, description: 'operator admin of Beinuan Heating (2 Yanqing villages)' },
    { id: 'u-operator2', username: 'operator2', displayName: '燕山暖居 管理员', role: 'operator-admin', orgId: DEMO_OPERATOR_B, scopeAreaId: DEMO_REGION, siteId: null, description: 'operator admin of the competitor Yanshan Warm Home (Huairou village)' },
    { id: 'u-technician', username: 'technician', displayName: '延庆 维修技师', role: 'technician', orgId: DEMO_OPERATOR_A, scopeAreaId: 'bj-yanqing', siteId: null, description: 'technician of Beinuan Heating in Yanqing' },
    { id: 'u-household', username: 'household', displayName: '住户', role: 'household', orgId: 'platform', scopeAreaId: householdVillageId, siteId: householdSiteId, description: `household of site ${householdSiteId}` },
  ];
}

/**
 * `adminPassword`: the administrator's password when it was created just now (kept with the demo logins
 * so that every demo start can print it), else null.
 */
export async function ensureDemoAccounts(deps: { access: AccessStore; clock: Clock; dataDir: string | null; specs: DemoUserSpec[]; adminPassword: string | null }): Promise<DemoCredential[]> {
  const file = deps.dataDir === null ? null : join(deps.dataDir, 'demo-credentials.json');
  const saved: Record<string, string> = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  if (deps.adminPassword !== null) saved.admin = deps.adminPassword;
  const out: DemoCredential[] = [];
  if (saved.admin !== undefined) out.push({ username: 'admin', password: saved.admin, role: 'admin', description: 'platform administrator: everything, users, audit' });
  for (const spec of deps.specs) {
    const { description, ...user } = spec;
    const existing = await deps.access.getUserByUsername(user.username);
    let password = saved[user.username];
    if (!existing || password === undefined) {
      password = `demo-${randomBytes(6).toString('base64url')}`;
      await deps.access.putUser({ ...user, passwordHash: await hashSecret(password), failedLogins: 0, lockedUntilMs: 0, disabled: false, createdAtMs: deps.clock.nowMs() });
      saved[user.username] = password;
    }
    out.push({ username: user.username, password, role: user.role, description });
  }
  if (file) writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return out;
}

/** Device secrets of the demo's simulated gateways (same persistence as the passwords). */
export async function ensureDeviceSecrets(deps: { access: AccessStore; clock: Clock; dataDir: string | null; deviceIds: readonly string[] }): Promise<Map<string, string>> {
  const file = deps.dataDir === null ? null : join(deps.dataDir, 'demo-device-secrets.json');
  const saved: Record<string, string> = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const out = new Map<string, string>();
  await Promise.all(
    deps.deviceIds.map(async (id) => {
      let secret = saved[id];
      const cred = await deps.access.getDeviceCredential(id);
      if (secret === undefined || cred === null || cred.revokedAtMs !== null) {
        const issued = issueDeviceSecret();
        secret = issued.secret;
        await deps.access.putDeviceCredential({ deviceId: id, secretHash: issued.secretHash, createdAtMs: deps.clock.nowMs(), revokedAtMs: null });
        saved[id] = secret;
      }
      out.set(id, secret);
    }),
  );
  if (file) writeFileSync(file, JSON.stringify(saved), { mode: 0o600 });
  return out;
}
