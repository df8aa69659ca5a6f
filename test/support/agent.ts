import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppInstance } from '#server/app';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client for app.inject: keeps cookies, and sends the CSRF token on writes.
 */
export class Agent {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(
    private readonly app: AppInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      // A cleared cookie comes back empty with an expiry in 1970; the test clock is not the real one, so judge by that.
      if (cookie.value === '' || (cookie.expires && cookie.expires.getUTCFullYear() < 2000)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const response = await this.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: this.cookieHeader() } });
      this.remember(response);
      this.csrf = response.json().token;
    }
    return this.csrf!;
  }

  async request(method: Method, url: string, body?: unknown, extra: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.headers, ...(extra.headers as Record<string, string> | undefined) };
    if (method !== 'GET') headers['x-csrf-token'] = await this.csrfToken();
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    const response = await this.app.inject({
      method,
      url,
      headers,
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'headers')),
    });
    this.remember(response);
    return response;
  }

  get(url: string, extra?: Partial<InjectOptions>) {
    return this.request('GET', url, undefined, extra);
  }
  post(url: string, body?: unknown, extra?: Partial<InjectOptions>) {
    return this.request('POST', url, body ?? {}, extra);
  }
  put(url: string, body?: unknown, extra?: Partial<InjectOptions>) {
    return this.request('PUT', url, body ?? {}, extra);
  }
  patch(url: string, body?: unknown, extra?: Partial<InjectOptions>) {
    return this.request('PATCH', url, body ?? {}, extra);
  }
  delete(url: string, extra?: Partial<InjectOptions>) {
    return this.request('DELETE', url, undefined, extra);
  }

  async login(email: string, password: string) {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    return response;
  }
}

/** A multipart/form-data body for app.inject, with one file and some text fields. */
export function multipart(file: { name: string; content: Uint8Array | string; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----inkludera${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
    ),
  );
  parts.push(typeof file.content === 'string' ? Buffer.from(file.content) : Buffer.from(file.content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
