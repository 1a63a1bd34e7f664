/**
 * Who you are: forged, tampered, expired, rotated and ended sessions and tokens; CSRF on cookie writes;
 * lockout; immediate token revocation; a password reset ends the user's sessions. HTTP cases run
 * against the real platform; expiry and rotation need time to pass, so they run against the real
 * auth service and DuckDB access store on a manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, DEFAULT_AUTH_POLICY } from '../../src/app/auth-service.js';
import { hashSecret } from '../../src/app/secrets.js';
import type { RunningPlatform } from '../../src/main/platform.js';
import { openDuckDbStores } from '../../src/storage/duckdb/index.js';
import { PASSWORD, seedFixture, type Fixture } from './support/fixture.js';
import { client, startSecurityPlatform, type Caller, type Client } from './support/platform.js';

const flip = (s: string): string => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');

describe('sessions, tokens and CSRF over HTTP', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  beforeAll(async () => {
    platform = await startSecurityPlatform();
    http = client(platform.url);
    fx = await seedFixture(http, { users: ['operator', 'technician', 'household'] });
  });
  afterAll(async () => {
    await platform?.close();
  });
  const me = (c: Caller | null, headers: Record<string, string> = {}) => http.request(c, 'GET', '/api/v1/auth/me', { headers });

  it('refuses forged and tampered session cookies and tokens with 401', async () => {
    const op = fx.sessions.operator;
    expect((await me(op)).status).toBe(200);
    const value = op.cookie.split('=')[1] as string;
    const forged: Record<string, string>[] = [
      { cookie: 'hf_session=' + 'A'.repeat(43) },
      { cookie: `hf_session=${flip(value)}` },
      { cookie: `hf_session=${value}x` },
      { cookie: 'hf_session=' },
      { cookie: `hf_session=${'x'.repeat(5000)}` },
      { authorization: 'Bearer hft_' + 'A'.repeat(43) },
      { authorization: 'Bearer ' + value }, // a session id is not a token
      { authorization: 'Bearer ' },
      { authorization: `Basic ${Buffer.from('yq-zhangshanying-h001-gw:wrong-secret').toString('base64')}` },
      { authorization: `Basic ${Buffer.from(':').toString('base64')}` },
      { authorization: 'Basic %%%not-base64' },
    ];
    for (const headers of forged) {
      const res = await http.request(null, 'GET', '/api/v1/sites', { headers });
      expect(res.status, JSON.stringify(headers).slice(0, 120)).toBe(401);
    }
    // A real cookie does not rescue a forged token: the token is checked and refused.
    expect((await http.request(null, 'GET', '/api/v1/sites', { headers: { cookie: op.cookie, authorization: 'Bearer hft_forged' } })).status).toBe(401);
    const tok = (await http.request(op, 'POST', '/api/v1/tokens', { json: { name: 'ci', actions: ['fleet:read'] } })).json as { secret: string };
    expect((await http.request(null, 'GET', '/api/v1/sites', { headers: { authorization: `Bearer ${tok.secret}` } })).status).toBe(200);
    expect((await http.request(null, 'GET', '/api/v1/sites', { headers: { authorization: `Bearer ${flip(tok.secret)}` } })).status).toBe(401);
  });

  it('refuses cookie writes without the session\'s x-csrf-token (403) and changes nothing', async () => {
    const op = fx.sessions.operator;
    const before = ((await http.request(op, 'GET', '/api/v1/tokens')).json as { items: unknown[] }).items.length;
    const body = { json: { name: 'csrf', actions: ['fleet:read'] } };
    expect((await http.request(op, 'POST', '/api/v1/tokens', { ...body, noCsrf: true })).status).toBe(403);
    expect((await http.request(op, 'POST', '/api/v1/tokens', { ...body, noCsrf: true, headers: { 'x-csrf-token': 'guess' } })).status).toBe(403);
    expect((await http.request(op, 'POST', '/api/v1/tokens', { ...body, noCsrf: true, headers: { 'x-csrf-token': fx.sessions.technician.csrf } })).status).toBe(403);
    expect((await http.request(op, 'DELETE', '/api/v1/devices/yq-zhangshanying-h001-gw/credentials', { noCsrf: true })).status).toBe(403);
    expect((await http.request(op, 'PUT', '/api/v1/registry/sites', { json: { items: [] }, noCsrf: true })).status).toBe(403);
    expect(((await http.request(op, 'GET', '/api/v1/tokens')).json as { items: unknown[] }).items.length).toBe(before);
    expect((await http.request(op, 'POST', '/api/v1/tokens', body)).status).toBe(201);
    const audit = (await http.request(fx.admin, 'GET', '/api/v1/audit?actor=u-operator')).json as { items: { action: string; outcome: string }[] };
    expect(audit.items.filter((e) => e.action === 'http.csrf' && e.outcome === 'denied').length).toBeGreaterThanOrEqual(5);
  });

  it('logout invalidates the old cookie', async () => {
    const s = await http.login('household', PASSWORD);
    const cookie = s.cookie;
    expect((await me(s)).status).toBe(200);
    expect((await http.request(s, 'POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await me(null, { cookie })).status).toBe(401);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'technician', password: `wrong-${i}-password` } })).status).toBe(401);
    const res = await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'technician', password: PASSWORD } });
    expect(res.status).toBe(423);
    expect(res.text).toMatch(/try again in \d+ s/);
  });

  it('revokes a token immediately', async () => {
    const op = fx.sessions.operator;
    const t = (await http.request(op, 'POST', '/api/v1/tokens', { json: { name: 'revoke-me', actions: ['fleet:read'] } })).json as { id: string; secret: string };
    const bearer: Caller = { kind: 'bearer', name: 't', token: t.secret };
    expect((await http.request(bearer, 'GET', '/api/v1/sites')).status).toBe(200);
    expect((await http.request(op, 'DELETE', `/api/v1/tokens/${t.id}`)).status).toBe(200);
    expect((await http.request(bearer, 'GET', '/api/v1/sites')).status).toBe(401);
    // A token cannot mint tokens (a leaked token cannot outlive its revocation).
    const t2 = (await http.request(op, 'POST', '/api/v1/tokens', { json: { name: 'x', actions: ['fleet:read'] } })).json as { secret: string };
    expect((await http.request({ kind: 'bearer', name: 't2', token: t2.secret }, 'POST', '/api/v1/tokens', { json: { name: 'child', actions: ['fleet:read'] } })).status).toBe(403);
  });

  it('a password reset by an administrator ends the user\'s sessions and revokes its API tokens', async () => {
    const hh = fx.sessions.household;
    expect((await me(hh)).status).toBe(200);
    const token = (await http.request(hh, 'POST', '/api/v1/tokens', { json: { name: 'home script', actions: ['fleet:read'] } })).json as { secret: string };
    const bearer = { kind: 'bearer' as const, name: 'home', token: token.secret };
    expect((await http.request(bearer, 'GET', '/api/v1/sites')).status).toBe(200);
    const reset = await http.request(fx.admin, 'POST', `/api/v1/users/${fx.userIds.get('household')}/password`, { json: { password: 'brand-new-password-42' } });
    expect(reset.status).toBe(200);
    expect((await me(hh)).status).toBe(401);
    expect((await http.request(bearer, 'GET', '/api/v1/sites')).status).toBe(401);
    expect((await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'household', password: PASSWORD } })).status).toBe(401);
    expect((await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'household', password: 'brand-new-password-42' } })).status).toBe(200);
  });

  it('sets the session cookie httpOnly and SameSite=Strict', async () => {
    const res = await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'operator', password: PASSWORD } });
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(res.text).not.toContain(set.split(';')[0]?.split('=')[1] ?? 'never');
  });
});

describe('session expiry and rotation (real auth service and DuckDB store, manual clock)', () => {
  const setup = async () => {
    let now = Date.parse('2025-01-10T08:00:00Z');
    const clock = { nowMs: () => now };
    const stores = await openDuckDbStores({ dataDir: null, clock });
    const auth = createAuthService({ access: stores.access, clock });
    await stores.access.putUser({ id: 'u-x', username: 'x', displayName: 'x', role: 'operator-admin', orgId: 'op', scopeAreaId: 'bj', siteId: null, passwordHash: await hashSecret('password-0123'), failedLogins: 0, lockedUntilMs: 0, disabled: false, createdAtMs: now });
    const login = async () => {
      const r = await auth.login('x', 'password-0123', 'test');
      if (!r.ok) throw new Error('login');
      return r;
    };
    return { auth, stores, login, advance: (ms: number) => void (now += ms) };
  };
  const P = DEFAULT_AUTH_POLICY;

  it('rotates the session id after the rotation interval; the old id stops working', async () => {
    const { auth, stores, login, advance } = await setup();
    const s = await login();
    advance(P.sessionRotateMs + 1000);
    const resumed = await auth.resume(s.sessionSecret);
    expect(resumed?.newSessionSecret).toBeDefined();
    expect(await auth.resume(s.sessionSecret)).toBeNull();
    expect(await auth.resume(resumed?.newSessionSecret as string)).not.toBeNull();
    await stores.close();
  });

  it('expires an idle session, and any session at its absolute lifetime', async () => {
    const { auth, stores, login, advance } = await setup();
    const idle = await login();
    advance(P.sessionIdleMs + 1000);
    expect(await auth.resume(idle.sessionSecret)).toBeNull();
    let active = (await login()).sessionSecret;
    for (let t = 0; t < P.sessionAbsoluteMs - P.sessionRotateMs; t += P.sessionRotateMs) {
      advance(P.sessionRotateMs);
      const r = await auth.resume(active);
      expect(r).not.toBeNull();
      active = r?.newSessionSecret ?? active;
    }
    advance(2 * P.sessionRotateMs);
    expect(await auth.resume(active)).toBeNull();
    await stores.close();
  });

  it('refuses an expired API token', async () => {
    const { auth, stores, advance } = await setup();
    const owner = await stores.access.getUserByUsername('x');
    const t = await auth.createToken(owner!, 'short', ['fleet:read'], 1);
    if ('error' in t) throw new Error(t.error);
    expect(await auth.resolveToken(t.secret)).not.toBeNull();
    advance(86_400_000 + 1);
    expect(await auth.resolveToken(t.secret)).toBeNull();
    await stores.close();
  });
});
