/** A small client for the platform's HTTP API, used by CLI commands given `--url`. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly raw: Uint8Array;
}

export async function apiRequest(baseUrl: string, token: string | undefined, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  if (!token) throw new Error('--token (or HEATFLEET_TOKEN) is required with --url: create an API token in the dashboard or with POST /api/v1/tokens');
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const raw = new Uint8Array(await res.arrayBuffer());
  let parsed: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(new TextDecoder().decode(raw));
  if (res.status === 401) throw new Error('the platform refused the token (unknown, expired or revoked)');
  if (res.status === 403) throw new Error(`not allowed: ${(parsed as { error?: { message?: string } })?.error?.message ?? 'forbidden'}`);
  return { status: res.status, body: parsed, raw };
}
