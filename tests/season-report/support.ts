/** A demo platform with a few days of history and raw HTTP access for the season-report tests. */
import { startPlatform, type RunningPlatform } from '../../src/main/platform.js';

export const DEMO = { households: 10, backfillDays: 4 } as const;

export async function startSeasonPlatform(): Promise<RunningPlatform> {
  const p = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: DEMO.households, demoBackfillDays: DEMO.backfillDays, demoSpeed: 60, logLevel: 'silent', adminPassword: 'season-report-admin', rateLimitPerMinute: 100_000, env: {} });
  await p.demo?.ready;
  return p;
}

/** Logs in and returns a fetch that keeps the session cookie and CSRF header (for binary exports too). */
export async function rawSession(baseUrl: string, username: string, password: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (path, init = {}) => fetch(`${baseUrl}${path}`, { ...init, headers: { cookie, 'x-csrf-token': csrfToken, ...(init.headers as Record<string, string> | undefined) } });
}
