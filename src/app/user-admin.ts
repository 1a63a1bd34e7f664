/**
 * People management: create users within the creator's own reach and reset passwords (an administrator,
 * or an operator's admin for its own organisation's technicians). Passwords are never returned or logged.
 */
import { z } from 'zod';
import { ROLES, ROLE_ORG_KINDS, type Role } from '../domain/roles.js';
import { IdSchema } from '../domain/registry.js';
import { may, type Principal } from './authorize.js';
import type { AuthService } from './auth-service.js';
import type { AccessStore, UserRecord } from './ports/access-store.js';
import type { Clock } from './ports/clock.js';
import type { RegistryService } from './registry-service.js';
import { hashSecret } from './secrets.js';

export const PasswordSchema = z.string().min(10, 'a password has at least 10 characters').max(200);
export const NewUserSchema = z.strictObject({
  username: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _.@- only'),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  orgId: IdSchema,
  scopeAreaId: IdSchema.nullable().default(null),
  siteId: IdSchema.nullable().default(null),
  password: PasswordSchema,
});
export type NewUser = z.infer<typeof NewUserSchema>;

export type UserAdminResult<T> = { ok: true; value: T } | { ok: false; code: 'forbidden' | 'bad_request' | 'conflict' | 'not_found'; message: string };

const MANAGEABLE_BY_OPERATOR: readonly Role[] = ['technician', 'household'];

export function createUserAdmin(deps: { access: AccessStore; auth: AuthService; registry: RegistryService; clock: Clock }) {
  const canManage = (p: Principal, target: { role: Role; orgId: string; scopeAreaId: string | null }): boolean => {
    if (!may(p, 'users:manage')) return false;
    if (p.role === 'admin') return true;
    const index = deps.registry.index();
    const inArea = p.scopeAreaId === null || (target.scopeAreaId !== null && index.isWithin(target.scopeAreaId, p.scopeAreaId));
    return p.role === 'operator-admin' && MANAGEABLE_BY_OPERATOR.includes(target.role) && target.orgId === p.orgId && inArea;
  };

  return {
    async create(p: Principal, input: NewUser): Promise<UserAdminResult<UserRecord>> {
      const index = deps.registry.index();
      const org = index.snapshot.organisations.find((o) => o.id === input.orgId);
      if (!org) return { ok: false, code: 'bad_request', message: `orgId: no organisation ${input.orgId}` };
      if (!ROLE_ORG_KINDS[input.role].includes(org.kind)) return { ok: false, code: 'bad_request', message: `role ${input.role} cannot belong to a ${org.kind} organisation` };
      if (input.role === 'household') {
        const site = input.siteId ? index.site(input.siteId) : undefined;
        if (!site) return { ok: false, code: 'bad_request', message: 'siteId: a household user needs an existing site' };
        input = { ...input, scopeAreaId: site.villageId };
      } else if (input.scopeAreaId !== null && !index.area(input.scopeAreaId)) {
        return { ok: false, code: 'bad_request', message: `scopeAreaId: no area ${input.scopeAreaId}` };
      } else if (input.scopeAreaId === null && input.role !== 'admin') {
        return { ok: false, code: 'bad_request', message: 'scopeAreaId: required for every role but admin' };
      }
      if (!canManage(p, input)) {
        await deps.auth.audit(p.userId, 'user.create', `user:${input.username}`, 'denied', `role ${input.role}, org ${input.orgId}`);
        return { ok: false, code: 'forbidden', message: 'you may not create this user' };
      }
      if (await deps.access.getUserByUsername(input.username)) return { ok: false, code: 'conflict', message: `username ${input.username} is taken` };
      const user: UserRecord = {
        id: `u-${input.username}`,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        orgId: input.orgId,
        scopeAreaId: input.scopeAreaId,
        siteId: input.role === 'household' ? input.siteId : null,
        passwordHash: await hashSecret(input.password),
        failedLogins: 0,
        lockedUntilMs: 0,
        disabled: false,
        createdAtMs: deps.clock.nowMs(),
      };
      await deps.access.putUser(user);
      await deps.auth.audit(p.userId, 'user.create', `user:${user.username}`, 'ok', `role ${user.role}, org ${user.orgId}`);
      return { ok: true, value: user };
    },
    async resetPassword(p: Principal, userId: string, password: string): Promise<UserAdminResult<null>> {
      const user = await deps.access.getUserById(userId);
      if (!user || !canManage(p, user)) {
        await deps.auth.audit(p.userId, 'user.password-reset', `user:${userId}`, 'denied', '');
        return { ok: false, code: 'not_found', message: `no user ${userId} you may manage` };
      }
      await deps.auth.setPassword(p.userId, user, password);
      return { ok: true, value: null };
    },
    async list(p: Principal): Promise<UserRecord[]> {
      return (await deps.access.listUsers()).filter((u) => canManage(p, u) || u.id === p.userId);
    },
  };
}
export type UserAdmin = ReturnType<typeof createUserAdmin>;
