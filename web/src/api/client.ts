/**
 * The dashboard's only door to the platform: same-origin fetch under `/api/v1`, JSON in and out,
 * the session's CSRF token on every write, and one place that notices a lost session (401).
 * Contract values are imported as types only so zod stays out of the browser bundle; the literal
 * types keep the copies below in step with src/contract/api.ts.
 */
import type { API_PREFIX as ApiPrefix, CSRF_HEADER as CsrfHeader, ErrorBody, ErrorCode } from '../../../src/contract/api.js';
import type { TextRef } from '../../../src/contract/texts/render-text.js';

export const API: typeof ApiPrefix = '/api/v1';
const CSRF: typeof CsrfHeader = 'x-csrf-token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    /** `message` as a code of API_ERROR_TEXTS: word it with useServerText()('apiError', text, message). */
    readonly text: TextRef | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called whenever an API call answers 401 (the session expired or was revoked). */
export const onUnauthenticated = (listener: Listener): (() => void) => {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
};

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === 'object' && body !== null && 'error' in body && typeof (body as ErrorBody).error?.message === 'string';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Login and "who am I" answer 401 as part of their normal flow; do not broadcast it. */
  quiet401?: boolean;
  /** Error statuses whose body is a normal answer for this call (e.g. 422 with row-level import errors). */
  acceptStatus?: number[];
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok && !(options.acceptStatus?.includes(res.status) && !isErrorBody(body))) {
    if (res.status === 401 && !options.quiet401) unauthenticatedListeners.forEach((l) => l());
    if (isErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message, body.error.issues, body.error.text ?? null);
    throw new ApiError(res.status, res.status === 404 ? 'not_found' : 'internal', `HTTP ${res.status}${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`);
  }
  return body as T;
}

export const apiGet = <T>(path: string, signal?: AbortSignal): Promise<T> => apiRequest<T>(path, { signal });
export const apiPost = <T>(path: string, body?: unknown): Promise<T> => apiRequest<T>(path, { method: 'POST', body: body ?? {} });

/** `?a=1&b=x` from the defined entries. */
export const query = (params: Record<string, string | number | undefined | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
