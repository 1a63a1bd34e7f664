/**
 * Hygiene an outside attacker probes first: security headers on the dashboard, the API and error
 * answers; no secret (password, device secret, token, session id, CSRF token) ever reaches the log,
 * whatever the log level; configuration secrets only from files nobody else can read.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/main/config.js';
import type { RunningPlatform } from '../../src/main/platform.js';
import { ids, PASSWORD, seedFixture, type Fixture } from './support/fixture.js';
import { ADMIN_PASSWORD, client, startSecurityPlatform, type Client } from './support/platform.js';

describe('headers and logs of the running platform', () => {
  let platform: RunningPlatform;
  let http: Client;
  let fx: Fixture;
  const log: string[] = [];
  const secrets: string[] = [ADMIN_PASSWORD, PASSWORD, 'wrong-but-secret-password-77', 'wrong-device-secret-88'];

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _enc, cb) => void (log.push(chunk.toString('utf8')), cb()) });
    platform = await startSecurityPlatform({ logger: pino({ level: 'trace' }, sink) });
    http = client(platform.url);
    fx = await seedFixture(http, { users: ['operator'] });
    for (const s of fx.deviceSecrets.values()) secrets.push(s);
    secrets.push(fx.admin.cookie.split('=')[1] as string, fx.admin.csrf, fx.sessions.operator.cookie.split('=')[1] as string, fx.sessions.operator.csrf);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('sends CSP, frame, referrer and sniffing headers on the dashboard, the API, errors and the docs', async () => {
    const probes: [string, Parameters<Client['request']>[0], string, string?][] = [
      ['/', null, 'GET'],
      ['/some/client/route', null, 'GET'],
      ['/api/v1/sites', null, 'GET'],
      ['/api/v1/sites', fx.admin, 'GET'],
      ['/api/v1/nope', fx.admin, 'GET'],
      ['/api/v1/auth/login', null, 'POST', '{"username":'],
      ['/healthz', null, 'GET'],
      ['/docs', null, 'GET'],
    ];
    for (const [path, who, method, body] of probes) {
      const res = await http.request(who, method, path, body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } });
      const h = res.headers;
      expect(h.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(h.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(h.get('x-frame-options'), path).toBe('DENY');
      expect(h.get('referrer-policy'), path).toBe('no-referrer');
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      if (path.startsWith('/api/')) expect(h.get('cache-control'), path).toBe('no-store');
      // Only Swagger UI, on its own path, may run inline scripts.
      if (!path.startsWith('/docs')) expect(h.get('content-security-policy'), path).toMatch(/script-src 'self'(;|$)/);
    }
  });

  it('never writes a secret to the log, even at trace level', async () => {
    await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'operator', password: 'wrong-but-secret-password-77' } });
    await http.request(null, 'POST', '/api/v1/auth/login', { json: { username: 'nobody', password: 'wrong-but-secret-password-77' } });
    const d = ids('yq-zhangshanying-h001').device;
    await http.request({ kind: 'device', name: d, deviceId: d, secret: 'wrong-device-secret-88' }, 'POST', '/api/v1/telemetry', { json: {} });
    await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, { username: d, password: 'wrong-device-secret-88', reconnectPeriod: 0 }).then((c) => c.endAsync(), () => undefined);
    const tok = (await http.request(fx.sessions.operator, 'POST', '/api/v1/tokens', { json: { name: 'x', actions: ['fleet:read'] } })).json as { secret: string };
    secrets.push(tok.secret);
    await http.request({ kind: 'bearer', name: 't', token: tok.secret }, 'GET', '/api/v1/sites/does-not-exist');
    await http.request(null, 'GET', '/api/v1/sites', { headers: { authorization: `Bearer ${tok.secret}x` } });
    const reset = await http.request(fx.admin, 'POST', `/api/v1/users/${fx.userIds.get('operator')}/password`, { json: { password: 'reset-secret-password-99' } });
    expect(reset.status).toBe(200);
    secrets.push('reset-secret-password-99');
    await new Promise((r) => setTimeout(r, 200));
    const text = log.join('');
    expect(text.length).toBeGreaterThan(300); // the log did record this (HTTP logs warnings and errors only)
    expect(text).toMatch(/connection refused/);
    for (const s of secrets) expect(text.includes(s), `a secret (${s.slice(0, 4)}…) is in the log`).toBe(false);
  });
});

describe('configuration secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hf-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, body: object, mode: number) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(body));
    chmodSync(p, mode);
    return p;
  };

  it('refuses a config file holding secrets that group or others can read', () => {
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      const p = file(`secret-${mode.toString(8)}.json`, { adminPassword: 'config-admin-password-1' }, mode);
      expect(() => loadConfig({ HEATFLEET_CONFIG: p }), mode.toString(8)).toThrow(ConfigError);
    }
    const ext = file('mqtt.json', { mqttExternalPassword: 'broker-secret-1' }, 0o644);
    expect(() => loadConfig({ HEATFLEET_CONFIG: ext })).toThrow(/chmod 600/);
  });

  it('accepts secrets from a 0600 file or the environment, and a readable file without secrets', () => {
    expect(loadConfig({ HEATFLEET_CONFIG: file('ok.json', { adminPassword: 'config-admin-password-1' }, 0o600) }).adminPassword).toBe('config-admin-password-1');
    expect(loadConfig({ HEATFLEET_ADMIN_PASSWORD: 'env-admin-password-1' }).adminPassword).toBe('env-admin-password-1');
    expect(loadConfig({ HEATFLEET_CONFIG: file('public.json', { httpPort: 9000 }, 0o644) }).httpPort).toBe(9000);
  });
});
