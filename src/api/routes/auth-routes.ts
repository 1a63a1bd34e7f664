import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_ACTIONS } from '../../domain/roles.js';
import type { UserRecord } from '../../app/ports/access-store.js';
import { ApiTokenCreateSchema, ApiTokenCreatedSchema, ApiTokenViewSchema, LoginRequestSchema, SESSION_COOKIE, SessionViewSchema, type UserView } from '../../contract/api.js';
import { cookieOptions, requireCaller } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError, errorText } from '../errors.js';

export const userView = (deps: ApiDeps, user: UserRecord, actions: readonly string[]): UserView => {
  const index = deps.registry.index();
  const org = index.snapshot.organisations.find((o) => o.id === user.orgId);
  const area = user.scopeAreaId ? index.area(user.scopeAreaId) : undefined;
  const site = user.siteId ? index.site(user.siteId) : undefined;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgId: user.orgId,
    orgName: org?.nameZh ?? org?.name ?? user.orgId,
    scopeAreaId: user.scopeAreaId,
    scopeName: site?.name ?? area?.nameZh ?? area?.name ?? (user.scopeAreaId === null ? '*' : user.scopeAreaId),
    siteId: user.siteId,
    actions: [...actions],
  };
};

export function authRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Log in with username and password (sets an httpOnly session cookie)', body: LoginRequestSchema, response: { 200: SessionViewSchema } },
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const res = await deps.auth.login(req.body.username, req.body.password, req.ip);
      if (!res.ok) {
        if (res.code === 'locked') {
          const seconds = Math.ceil((res.retryAfterMs ?? 0) / 1000);
          throw new ApiError('locked', `too many failed logins: try again in ${seconds} s`, undefined, { text: errorText('login-locked', { seconds }) });
        }
        throw new ApiError('unauthenticated', 'wrong username or password', undefined, { text: errorText('bad-credentials') });
      }
      void reply.setCookie(SESSION_COOKIE, res.sessionSecret, cookieOptions(deps.options.secureCookies, res.expiresAtMs));
      return { user: userView(deps, res.user, ROLE_ACTIONS[res.user.role]), csrfToken: res.csrfToken, expiresAtMs: res.expiresAtMs };
    },
  );
  r.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'End the session' } }, async (req, reply) => {
    const c = requireCaller(req);
    if (c.sessionSecret) await deps.auth.logout(c.sessionSecret, c.user.id);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  r.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The current session', response: { 200: SessionViewSchema } } }, async (req) => {
    const c = requireCaller(req);
    return { user: userView(deps, c.user, [...c.principal.actions]), csrfToken: c.csrfToken ?? '', expiresAtMs: 0 };
  });

  r.get('/api/v1/tokens', { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(ApiTokenViewSchema) }) } } }, async (req) => {
    const c = requireCaller(req);
    const items = await deps.access.listApiTokens(c.user.id);
    return { items: items.map(({ id, name, actions, createdAtMs, expiresAtMs, revokedAtMs }) => ({ id, name, actions: [...actions], createdAtMs, expiresAtMs, revokedAtMs })) };
  });
  r.post('/api/v1/tokens', { schema: { tags: ['auth'], summary: 'Create an API token; the secret is shown once', body: ApiTokenCreateSchema, response: { 201: ApiTokenCreatedSchema } } }, async (req, reply) => {
    const c = requireCaller(req);
    if (c.principal.via !== 'session') throw new ApiError('forbidden', 'API tokens are created from a logged-in session, not by another token');
    const res = await deps.auth.createToken(c.user, req.body.name, req.body.actions, req.body.expiresInDays);
    if ('error' in res) throw new ApiError('bad_request', res.error);
    const { id, name, actions, createdAtMs, expiresAtMs, revokedAtMs } = res.record;
    void reply.code(201);
    return { id, name, actions: [...actions], createdAtMs, expiresAtMs, revokedAtMs, secret: res.secret };
  });
  r.delete('/api/v1/tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke an API token', params: z.object({ id: z.string().max(64) }) } }, async (req) => {
    const c = requireCaller(req);
    if (!(await deps.auth.revokeToken(c.user, req.params.id))) throw new ApiError('not_found', 'no such token of yours');
    return { ok: true };
  });
}
