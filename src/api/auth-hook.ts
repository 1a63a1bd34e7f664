/**
 * Who is calling: a session cookie (people), a bearer API token (machine clients) or HTTP Basic device
 * credentials (devices posting telemetry). Cookie-authenticated writes must carry the session's CSRF
 * token in a header that a cross-site form cannot set.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../app/authorize.js';
import { may } from '../app/authorize.js';
import { BusyError } from '../app/bounded-work.js';
import type { IngestSender } from '../app/ingest-telemetry.js';
import type { UserRecord } from '../app/ports/access-store.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../contract/api.js';
import type { Action } from '../domain/roles.js';
import type { ApiDeps } from './deps.js';
import { ApiError, errorText } from './errors.js';

export interface Caller {
  principal: Principal;
  user: UserRecord;
  csrfToken: string | null;
  sessionSecret: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
    device: IngestSender | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** API routes that answer without a session, token or device credential. */
const PUBLIC_API_ROUTES = new Set(['/api/v1/auth/login']);

export const cookieOptions = (secure: boolean, expiresAtMs?: number) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure,
  path: '/',
  ...(expiresAtMs === undefined ? {} : { expires: new Date(expiresAtMs) }),
});

export function registerAuthHook(app: FastifyInstance, deps: ApiDeps): void {
  app.decorateRequest('caller', null);
  app.decorateRequest('device', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/metrics')) return;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const resolved = await deps.auth.resolveToken(authz.slice(7).trim());
      if (!resolved) throw new ApiError('unauthenticated', 'invalid, expired or revoked API token', undefined, { text: errorText('bad-token') });
      req.caller = { principal: resolved.principal, user: resolved.user, csrfToken: null, sessionSecret: null };
      return;
    }
    if (authz?.startsWith('Basic ')) {
      const decoded = Buffer.from(authz.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const sender = colon > 0 ? await deps.devices.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1)).catch((e: unknown) => {
        // Too many old-form (scrypt) device secrets being checked at once: the device retries later (docs/adr/0008).
        if (e instanceof BusyError) throw new ApiError('rate_limited', 'device credential checks are busy; retry later', undefined, { cause: e });
        throw e;
      }) : null;
      if (!sender) throw new ApiError('unauthenticated', 'invalid device credentials');
      req.device = sender;
      return;
    }
    const secret = req.cookies[SESSION_COOKIE];
    const session = secret ? await deps.auth.resume(secret) : null;
    if (!session) {
      if (secret) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // Refuse before the body is read or validated: nobody unauthenticated gets to make us parse 40 MB.
      if (req.url.startsWith('/api/') && !PUBLIC_API_ROUTES.has(req.routeOptions.url ?? '')) throw new ApiError('unauthenticated', 'log in or send an API token', undefined, { text: errorText('login-required') });
      return;
    }
    if (session.newSessionSecret) void reply.setCookie(SESSION_COOKIE, session.newSessionSecret, cookieOptions(deps.options.secureCookies, session.expiresAtMs));
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
      await deps.auth.audit(session.user.id, 'http.csrf', `${req.method} ${req.routeOptions.url ?? req.url}`, 'denied', 'missing or wrong CSRF token');
      throw new ApiError('forbidden', `cookie-authenticated writes need the ${CSRF_HEADER} header of the session`, undefined, { text: errorText('csrf-missing', { header: CSRF_HEADER }) });
    }
    req.caller = { principal: session.principal, user: session.user, csrfToken: session.csrfToken, sessionSecret: session.newSessionSecret ?? secret ?? null };
  });
}

export function requireCaller(req: FastifyRequest): Caller {
  if (!req.caller) throw new ApiError('unauthenticated', 'log in or send an API token', undefined, { text: errorText('login-required') });
  return req.caller;
}

export function requireAction(req: FastifyRequest, action: Action): Caller {
  const c = requireCaller(req);
  if (!may(c.principal, action)) throw new ApiError('forbidden', `your role may not ${action}`, undefined, { text: errorText('role-may-not', { action }) });
  return c;
}
