/**
 * Gives the dispatch and demand-response pages something to show in screenshots: as an operator, through the
 * public API, plan its first village for today, dispatch the plan, override one household, and offer and
 * commit a demand-response event whose window starts soon (so its delivery fills in while the shots run).
 */
const json = { 'content-type': 'application/json' };

export interface DispatchDemo {
  villageId: string;
  day: string;
  eventId: string | null;
}

export async function prepareDispatchDemo(base: string, username: string, password: string): Promise<DispatchDemo> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw new Error(`login ${username}: HTTP ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/v1${path}`, { method, headers: { ...json, cookie, 'x-csrf-token': csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };

  const overview = await call<{ clockMs: number; villages: { id: string }[] }>('GET', '/fleet/overview');
  const villageId = overview.villages[0]?.id;
  if (!villageId) throw new Error(`${username} sees no village`);
  const beijing = new Date(overview.clockMs + 8 * 3_600_000);
  const day = beijing.toISOString().slice(0, 10);

  const { items: plans } = await call<{ items: { id: string }[] }>('POST', '/dispatch/plans', { villageId, day });
  for (const p of plans) await call('POST', `/dispatch/plans/${encodeURIComponent(p.id)}/dispatch`, {});
  const sites = await call<{ items: { id: string }[] }>('GET', `/sites?villageId=${encodeURIComponent(villageId)}&pageSize=5`);
  const siteId = sites.items[1]?.id ?? sites.items[0]?.id;
  if (siteId) await call('POST', '/dispatch/overrides', { siteId, kind: 'setpoint', setpointC: 22, toMs: overview.clockMs + 3 * 3_600_000, note: 'screenshot: cold bedroom reported' });

  // A one-hour 削峰 event starting on the second quarter hour from now, if it is still today.
  const minutes = beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
  const start = (Math.floor(minutes / 15) + 2) * 15;
  const end = start + 60;
  if (end > 24 * 60) return { villageId, day, eventId: null };
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const offered = await call<{ id: string; firmOfferKw: number }>('POST', '/dr/events', { villageId, direction: 'reduce', day, from: hhmm(start), to: hhmm(end), requestedKw: 10 });
  if (offered.firmOfferKw > 0) await call('POST', `/dr/events/${encodeURIComponent(offered.id)}/commit`, {});
  return { villageId, day, eventId: offered.id };
}
