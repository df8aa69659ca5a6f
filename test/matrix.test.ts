import { describe, expect, it } from 'vitest';
import { buildApp, type ApiRoute } from '#server/app';
import { publicAccess } from '#server/http/access';
import { hasPermission, permissionsOf, roles, type Role } from '#shared/permissions';
import { testConfig, useTestApp } from './support/app.js';
import type { Agent } from './support/agent.js';
import { buildAdministration, buildUnit, signIn, type RoleGrant } from './support/factories.js';

/**
 * The role x route matrix, built from the routes the app actually registers: a route added
 * tomorrow is in it without anyone remembering to list it. For every route that is not public:
 * no login -> 401; a role without the route's permission -> 403; a role with it -> neither.
 * The access check runs in onRequest, before validation, so a random id and an empty body suffice.
 */
const t = useTestApp();

/**
 * Routes that answer without a login. Anything else public belongs under /api/public/ (DESIGN.md);
 * a new public route elsewhere must be added here on purpose.
 */
const publicRoutes = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/setup/demo',
  'GET /api/auth/csrf',
  'POST /api/auth/login',
  'GET /api/public/training-certificates/:code',
  'GET /api/public/calendar/:token',
  // Answers to citizens' messages that staff published, in an edited wording (never a name or email).
  'GET /api/public/messages/examples',
  // The public site's content as JSON (no personal data but the contact persons the administrator chose to show).
  'GET /api/public/site',
  'GET /api/public/plans',
  'GET /api/public/plans/:id',
]);

const key = (route: Pick<ApiRoute, 'method' | 'url'>) => `${route.method} ${route.url}`;
const isWrite = (method: string) => method !== 'GET';

/** Every /api route but HEAD (Fastify's automatic twin of each GET). Routes that end the session go last. */
function apiRoutes(): ApiRoute[] {
  return t.app.apiRoutes
    .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
    .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')) || key(a).localeCompare(key(b)));
}

const guarded = () => apiRoutes().filter((r) => r.access.kind !== 'public');

function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+/g, () => crypto.randomUUID()).replace(/\*$/, 'x');
}

function request(agent: Agent | null, route: ApiRoute) {
  const url = concreteUrl(route.url);
  const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  if (!agent) {
    return t.app.inject({ method, url, ...(isWrite(method) && method !== 'DELETE' ? { payload: {} } : {}) });
  }
  return agent.request(method, url, isWrite(method) && method !== 'DELETE' ? {} : undefined);
}

/** Whether a person with these roles passes the route's declared access. */
function allowed(route: ApiRoute, granted: Role[]): boolean {
  const access = route.access;
  if (access.kind !== 'permission') return true;
  return hasPermission(permissionsOf(granted), access.action, access.entity);
}

async function grantsFor(role: Role): Promise<RoleGrant[]> {
  if (role === 'process_leader') return [{ role, administrationId: (await buildAdministration(t.database.db)).id }];
  if (role === 'unit_manager') return [{ role, unitId: (await buildUnit(t.database.db)).id }];
  return [{ role }];
}

describe('the role x route matrix', () => {
  it('covers the routes of every feature, each with a declared access policy', () => {
    const all = apiRoutes();
    expect(all.length).toBeGreaterThan(20);
    for (const route of all) {
      expect(route.access, key(route)).toBeDefined();
      expect(['public', 'signed-in', 'permission'], key(route)).toContain(route.access.kind);
    }
    const urls = new Set(all.map((r) => r.url));
    for (const url of [
      '/api/users/:id',
      '/api/tokens/:id',
      '/api/outbox/:id/retry',
      '/api/audit-log',
      '/api/auth/me',
      '/api/messages/:id',
      '/api/public/messages',
    ]) {
      expect(urls, url).toContain(url);
    }
  });

  it('knows every public route: they are listed here or live under /api/public/', () => {
    const unexpected = apiRoutes()
      .filter((r) => r.access.kind === 'public')
      .map(key)
      .filter((k) => !publicRoutes.has(k) && !k.split(' ')[1].startsWith('/api/public/'));
    expect(unexpected).toEqual([]);
  });

  it('refuses to build an app with an /api route that declares no access', async () => {
    const app = await buildApp({ database: t.database, config: testConfig(), clock: t.clock });
    try {
      expect(() => app.get('/api/unguarded', { schema: { hide: true } }, async () => ({ secret: true }))).toThrow(/declares no access policy/);
      expect(() => app.post('/api/unguarded', { config: {} }, async () => ({}))).toThrow(/declares no access policy/);
      // With a policy the same route is accepted, and shows up in the registry the matrix is built from.
      app.get('/api/guarded-example', { config: { access: publicAccess } }, async () => ({}));
      expect(app.apiRoutes.map(key)).toContain('GET /api/guarded-example');
      expect(app.apiRoutes.map(key)).not.toContain('GET /api/unguarded');
    } finally {
      await app.close();
    }
  });

  it('answers 401 to every non-public route without a login', async () => {
    const wrong: string[] = [];
    for (const route of guarded()) {
      const response = await request(null, route);
      if (response.statusCode !== 401) wrong.push(`${key(route)} -> ${response.statusCode}`);
      else expect(response.json().error.code, key(route)).toBe('unauthenticated');
    }
    expect(wrong).toEqual([]);
  });

  const cases: { name: string; roles: Role[] }[] = [...roles.map((role) => ({ name: role, roles: [role] })), { name: 'a user without roles', roles: [] }];

  for (const subject of cases) {
    it(`answers ${subject.name}: 403 without the route's permission, and never 401/403 with it`, async () => {
      const grants = subject.roles.length > 0 ? await grantsFor(subject.roles[0]) : [];
      const { agent } = await signIn(t.app, t.database.db, grants);
      const wrong: string[] = [];
      for (const route of guarded()) {
        const response = await request(agent, route);
        const expectAllowed = allowed(route, subject.roles);
        const status = response.statusCode;
        if (expectAllowed ? status === 401 || status === 403 : status !== 403) {
          wrong.push(`${key(route)} -> ${status} (expected ${expectAllowed ? 'not 401/403' : '403'}) ${expectAllowed ? response.body.slice(0, 120) : ''}`);
        }
        if (status >= 500) wrong.push(`${key(route)} -> ${status} ${response.body.slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('lets administrators pass every route’s permission', () => {
    for (const route of guarded()) {
      if (route.access.kind !== 'permission') continue;
      expect(allowed(route, ['administrator']), key(route)).toBe(true);
    }
  });
});

describe('the API description', () => {
  it('documents every route with a tag and a summary, and builds the OpenAPI document', async () => {
    const undocumented = apiRoutes()
      .filter((r) => r.url !== '/api/openapi.json')
      .filter((r) => {
        const schema = r.schema as { tags?: string[]; summary?: string } | undefined;
        return !schema?.tags?.length || !schema.summary;
      })
      .map(key);
    expect(undocumented).toEqual([]);

    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    for (const path of ['/api/users', '/api/users/{id}', '/api/users/{id}/deactivate', '/api/tokens', '/api/tokens/{id}', '/api/outbox', '/api/outbox/{id}/retry']) {
      expect(Object.keys(document.paths), path).toContain(path);
    }
    expect(document.paths['/api/users'].post.requestBody).toBeDefined();
  });
});
