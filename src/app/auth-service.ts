/**
 * People and machine clients: password login with lockout, sessions with expiry and rotation, API tokens
 * (scoped to a subset of the user's actions, revocable, shown once, stored hashed). Every login, logout
 * and token change is written to the audit log.
 */
import { ACTIONS, ROLE_ACTIONS, type Action } from '../domain/roles.js';
import type { Principal } from './authorize.js';
import type { AccessStore, ApiTokenRecord, UserRecord } from './ports/access-store.js';
import type { Clock } from './ports/clock.js';
import { hashSecret, newSecret, sha256Hex, verifySecret } from './secrets.js';

export interface AuthPolicy {
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  /** A session older than this gets a new id on its next use (the old id stops working). */
  readonly sessionRotateMs: number;
  readonly maxFailedLogins: number;
  readonly lockoutBaseMs: number;
  readonly lockoutMaxMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionIdleMs: 60 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  sessionRotateMs: 15 * 60_000,
  maxFailedLogins: 5,
  lockoutBaseMs: 60_000,
  lockoutMaxMs: 60 * 60_000,
};

export type LoginResult =
  | { ok: true; sessionSecret: string; csrfToken: string; expiresAtMs: number; user: UserRecord }
  | { ok: false; code: 'invalid_credentials' | 'locked'; retryAfterMs?: number };

export interface ResumedSession {
  readonly principal: Principal;
  readonly user: UserRecord;
  readonly csrfToken: string;
  readonly expiresAtMs: number;
  /** Set when the session id was rotated: the caller must send the new cookie. */
  readonly newSessionSecret?: string;
}

const TOKEN_PREFIX = 'hft_';

export const principalOf = (user: UserRecord, via: string, narrowTo?: readonly string[]): Principal => {
  const roleActions = ROLE_ACTIONS[user.role];
  const actions = narrowTo ? roleActions.filter((a) => narrowTo.includes(a)) : roleActions;
  return { userId: user.id, username: user.username, role: user.role, orgId: user.orgId, scopeAreaId: user.scopeAreaId, siteId: user.siteId, actions: new Set(actions), via };
};

export function createAuthService(deps: { access: AccessStore; clock: Clock; policy?: AuthPolicy }) {
  const policy = deps.policy ?? DEFAULT_AUTH_POLICY;
  const { access, clock } = deps;
  // A fixed hash to verify against when the user does not exist, so both paths cost one scrypt.
  const dummyHash = hashSecret(newSecret());
  const audit = (actor: string, action: string, target: string, outcome: 'ok' | 'denied' | 'failed', detail = '') =>
    access.appendAudit({ atMs: clock.nowMs(), actor, action, target, outcome, detail });

  const newSession = async (user: UserRecord) => {
    const secret = newSecret();
    const now = clock.nowMs();
    const expiresAtMs = now + policy.sessionAbsoluteMs;
    const csrfToken = newSecret();
    await access.putSession({ idHash: sha256Hex(secret), userId: user.id, csrfToken, createdAtMs: now, expiresAtMs, lastSeenMs: now });
    return { secret, csrfToken, expiresAtMs };
  };

  return {
    async login(username: string, password: string, from: string): Promise<LoginResult> {
      const user = await access.getUserByUsername(username);
      const now = clock.nowMs();
      if (user === null || user.disabled) {
        await verifySecret(password, await dummyHash);
        await audit(`anonymous@${from}`, 'auth.login', `user:${username}`, 'failed', 'unknown or disabled user');
        return { ok: false, code: 'invalid_credentials' };
      }
      if (user.lockedUntilMs > now) {
        await audit(user.id, 'auth.login', `user:${user.username}`, 'denied', `locked, from ${from}`);
        return { ok: false, code: 'locked', retryAfterMs: user.lockedUntilMs - now };
      }
      if (!(await verifySecret(password, user.passwordHash))) {
        const failed = user.failedLogins + 1;
        const over = failed - policy.maxFailedLogins;
        const lockedUntilMs = over >= 0 ? now + Math.min(policy.lockoutMaxMs, policy.lockoutBaseMs * 2 ** over) : 0;
        await access.putUser({ ...user, failedLogins: failed, lockedUntilMs });
        await audit(user.id, 'auth.login', `user:${user.username}`, 'failed', `wrong password (${failed} in a row), from ${from}`);
        return { ok: false, code: 'invalid_credentials' };
      }
      if (user.failedLogins > 0 || user.lockedUntilMs > 0) await access.putUser({ ...user, failedLogins: 0, lockedUntilMs: 0 });
      const s = await newSession(user);
      await audit(user.id, 'auth.login', `user:${user.username}`, 'ok', `from ${from}`);
      return { ok: true, sessionSecret: s.secret, csrfToken: s.csrfToken, expiresAtMs: s.expiresAtMs, user };
    },

    async resume(sessionSecret: string): Promise<ResumedSession | null> {
      if (sessionSecret.length < 20 || sessionSecret.length > 100) return null;
      const idHash = sha256Hex(sessionSecret);
      const s = await access.getSession(idHash);
      const now = clock.nowMs();
      if (s === null) return null;
      if (s.expiresAtMs <= now || s.lastSeenMs + policy.sessionIdleMs <= now) {
        await access.deleteSession(idHash);
        return null;
      }
      const user = await access.getUserById(s.userId);
      if (user === null || user.disabled) return null;
      if (now - s.createdAtMs >= policy.sessionRotateMs) {
        const secret = newSecret();
        await access.putSession({ ...s, idHash: sha256Hex(secret), createdAtMs: now, lastSeenMs: now });
        await access.deleteSession(idHash);
        return { principal: principalOf(user, 'session'), user, csrfToken: s.csrfToken, expiresAtMs: s.expiresAtMs, newSessionSecret: secret };
      }
      if (now - s.lastSeenMs > 60_000) await access.putSession({ ...s, lastSeenMs: now });
      return { principal: principalOf(user, 'session'), user, csrfToken: s.csrfToken, expiresAtMs: s.expiresAtMs };
    },

    async logout(sessionSecret: string, actor: string): Promise<void> {
      await access.deleteSession(sha256Hex(sessionSecret));
      await audit(actor, 'auth.logout', `user:${actor}`, 'ok');
    },

    async createToken(owner: UserRecord, name: string, actions: readonly string[], expiresInDays?: number): Promise<{ record: ApiTokenRecord; secret: string } | { error: string }> {
      const unknown = actions.filter((a) => !(ACTIONS as readonly string[]).includes(a));
      if (unknown.length > 0) return { error: `unknown actions: ${unknown.join(', ')}` };
      const notHeld = actions.filter((a) => !ROLE_ACTIONS[owner.role].includes(a as Action));
      if (notHeld.length > 0) return { error: `a token cannot hold actions its user lacks: ${notHeld.join(', ')}` };
      const id = newSecret().slice(0, 12);
      const secretPart = newSecret();
      const now = clock.nowMs();
      const record: ApiTokenRecord = {
        id,
        secretHash: sha256Hex(secretPart),
        userId: owner.id,
        name,
        actions: [...actions],
        createdAtMs: now,
        expiresAtMs: expiresInDays === undefined ? null : now + expiresInDays * 86_400_000,
        revokedAtMs: null,
      };
      await access.putApiToken(record);
      await audit(owner.id, 'token.create', `token:${id}`, 'ok', `${name}: ${actions.join(',')}`);
      return { record, secret: `${TOKEN_PREFIX}${secretPart}` };
    },

    async resolveToken(bearer: string): Promise<{ principal: Principal; user: UserRecord } | null> {
      if (!bearer.startsWith(TOKEN_PREFIX) || bearer.length > 200) return null;
      const rec = await access.getApiTokenBySecretHash(sha256Hex(bearer.slice(TOKEN_PREFIX.length)));
      const now = clock.nowMs();
      if (rec === null || rec.revokedAtMs !== null || (rec.expiresAtMs !== null && rec.expiresAtMs <= now)) return null;
      const user = await access.getUserById(rec.userId);
      if (user === null || user.disabled) return null;
      return { principal: principalOf(user, `token:${rec.id}`, rec.actions), user };
    },

    async revokeToken(actor: UserRecord, tokenId: string): Promise<boolean> {
      const mine = await access.listApiTokens(actor.id);
      const target = mine.find((t) => t.id === tokenId);
      if (!target && actor.role !== 'admin') return false;
      await access.revokeApiToken(tokenId, clock.nowMs());
      await audit(actor.id, 'token.revoke', `token:${tokenId}`, 'ok');
      return true;
    },

    async setPassword(actor: string, user: UserRecord, newPassword: string): Promise<void> {
      await access.putUser({ ...user, passwordHash: await hashSecret(newPassword), failedLogins: 0, lockedUntilMs: 0 });
      // A reset follows a suspected compromise: end the user's sessions and revoke its API tokens too.
      await access.deleteSessionsOfUser(user.id);
      const now = clock.nowMs();
      const live = (await access.listApiTokens(user.id)).filter((t) => t.revokedAtMs === null);
      for (const t of live) await access.revokeApiToken(t.id, now);
      await audit(actor, 'user.password-reset', `user:${user.username}`, 'ok', `${live.length} API token(s) revoked`);
    },

    audit,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
