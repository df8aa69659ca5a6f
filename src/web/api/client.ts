import type { ErrorBody } from '#shared/contracts/common';
import { ndjsonValues } from '#shared/ndjson';
import { currentLanguage } from '../i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

async function fetchCsrfToken(): Promise<string> {
  const response = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  const body = (await response.json()) as { token: string };
  csrfToken = body.token;
  return csrfToken;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends the request (with the CSRF token on a write) and answers the response when it is 2xx; throws an ApiError otherwise. */
async function send(method: Method, url: string, body: unknown, accept: string, retried = false): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': currentLanguage(), accept };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    headers['x-csrf-token'] = csrfToken ?? (await fetchCsrfToken());
    if (body instanceof FormData) {
      init.body = body;
    } else {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
  }
  const response = await fetch(url, init);
  if (response.ok) return response;
  let error: ErrorBody['error'] = { code: 'internal', message: response.statusText };
  try {
    error = ((await response.json()) as ErrorBody).error;
  } catch {
    // not JSON: keep the status text
  }
  // The CSRF secret lives in a cookie that may have been renewed (for example after logging in): fetch a new token once.
  if (response.status === 403 && error.code === 'csrf_invalid' && !retried) {
    csrfToken = null;
    return send(method, url, body, accept, true);
  }
  throw new ApiError(response.status, error.code, error.message, error.details);
}

async function request<T>(method: Method, url: string, body?: unknown): Promise<T> {
  const response = await send(method, url, body, 'application/json');
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await response.json() : await response.text()) as T;
}

/**
 * A POST whose answer follows long work as it goes (application/x-ndjson: one JSON per line): each
 * line is handed to onLine as it arrives; the last one is answered.
 */
async function postFollowing<T>(url: string, onLine: (value: T) => void): Promise<T> {
  const response = await send('POST', url, {}, 'application/x-ndjson');
  let last: T | undefined;
  for await (const value of ndjsonValues<T>(response)) {
    last = value;
    onLine(value);
  }
  if (last === undefined) throw new ApiError(response.status, 'internal', response.statusText);
  return last;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  postFollowing,
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/**
 * A list query as the browser sends it. The contracts' list queries coerce page and pageSize from the
 * query string (z.coerce.number(), whose input type is unknown); the browser sends them as numbers.
 */
export type ListParams<Query> = Omit<Query, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

/** A query string from an object, leaving out empty values. */
export function toQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
