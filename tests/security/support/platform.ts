/**
 * The attack suite's platform: the real composition root (`startPlatform`: DuckDB in memory, embedded
 * MQTT broker, Fastify on a free port), seeded through the product's own API by the administrator, and
 * HTTP clients for each kind of caller (session cookie + CSRF, bearer token, device Basic, nobody).
 *
 * The demo is off on purpose: the suite must not depend on the simulator, and every fixture entity is
 * created through the same routes an attacker would use.
 */
import { startPlatform, type RunningPlatform, type StartOptions } from '../../../src/main/platform.js';

export const ADMIN_PASSWORD = 'security-suite-admin-0123';

/** A caller as the HTTP layer sees it. */
export type Caller =
  | { readonly kind: 'anonymous'; readonly name: string }
  | { readonly kind: 'session'; readonly name: string; cookie: string; readonly csrf: string; readonly userId: string }
  | { readonly kind: 'bearer'; readonly name: string; readonly token: string }
  | { readonly kind: 'device'; readonly name: string; readonly deviceId: string; readonly secret: string };

export interface HttpResult {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
  readonly headers: Headers;
  readonly ms: number;
}

export interface RequestInit2 {
  readonly json?: unknown;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** Leave the CSRF header off a cookie write (or set a wrong one with headers). */
  readonly noCsrf?: boolean;
}

export const authHeaders = (c: Caller | null, method: string, noCsrf = false): Record<string, string> => {
  if (c === null) return {};
  switch (c.kind) {
    case 'anonymous':
      return {};
    case 'session':
      return { cookie: c.cookie, ...(method === 'GET' || noCsrf ? {} : { 'x-csrf-token': c.csrf }) };
    case 'bearer':
      return { authorization: `Bearer ${c.token}` };
    case 'device':
      return { authorization: `Basic ${Buffer.from(`${c.deviceId}:${c.secret}`).toString('base64')}` };
  }
};

export function client(baseUrl: string) {
  async function request(caller: Caller | null, method: string, path: string, init: RequestInit2 = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...authHeaders(caller, method, init.noCsrf), ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers };
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body !== undefined ? { body: init.body } : {}) });
    const text = await res.text();
    const ms = performance.now() - t0;
    // A rotated session id comes back as a new cookie: keep using the newest, as a browser would.
    const set = res.headers.get('set-cookie');
    if (caller?.kind === 'session' && set?.startsWith('hf_session=') && !set.startsWith('hf_session=;')) caller.cookie = set.split(';')[0] ?? caller.cookie;
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, text, json, headers: res.headers, ms };
  }

  async function login(username: string, password: string): Promise<Extract<Caller, { kind: 'session' }>> {
    const res = await request(null, 'POST', '/api/v1/auth/login', { json: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    const body = res.json as { csrfToken: string; user: { id: string } };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { kind: 'session', name: username, cookie, csrf: body.csrfToken, userId: body.user.id };
  }

  /** Reads `event: sites` frames of an SSE stream for `forMs`, then disconnects. */
  async function sse(caller: Caller | null, path: string, forMs: number): Promise<{ status: number; events: unknown[] }> {
    const ac = new AbortController();
    const res = await fetch(`${baseUrl}${path}`, { headers: authHeaders(caller, 'GET'), signal: ac.signal });
    if (res.status !== 200 || !res.body) {
      await res.text();
      return { status: res.status, events: [] };
    }
    const events: unknown[] = [];
    let buf = '';
    const reader = res.body.getReader();
    const timer = setTimeout(() => ac.abort(), forMs);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += Buffer.from(value).toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
    } finally {
      clearTimeout(timer);
    }
    return { status: res.status, events };
  }

  return { request, login, sse };
}
export type Client = ReturnType<typeof client>;

export async function startSecurityPlatform(options: StartOptions = {}): Promise<RunningPlatform> {
  return startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, logLevel: 'silent', demo: false, adminPassword: ADMIN_PASSWORD, ...options });
}

/** Every string value inside a JSON value (keys included), for "does this response mention X" checks. */
export function stringsIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      stringsIn(v, out);
    }
  return out;
}
