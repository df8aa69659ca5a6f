import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '#server/app';
import { apiTokens, outbox, sessions, units } from '#server/db/schema/index';
import { randomToken, sha256 } from '#server/features/auth/crypto';
import { useTestApp } from './support/app.js';
import { buildEmployee, buildUser } from './support/factories.js';

/**
 * Every write route, fed arbitrary JSON and bodies shaped like its own schema, as an administrator:
 * the answer is 2xx or 4xx with the error shape, never a 5xx. A crash on odd input is a bug even
 * when the input is nonsense.
 */
const t = useTestApp();

/** Cases over all write routes together, so the run time stays put as routes are added. */
const totalCases = 320;

type Json = unknown;
type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: Json[];
  const?: Json;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
};

/** Ids of records that exist, so that shaped bodies and paths reach past "not found" into the rules. */
type Pool = { ids: string[] };
/** Stands for the acting administrator's own id, which is only known once the case runs. */
const selfMarker = '5e1f5e1f-0000-4000-8000-000000000000';

/** Strings that have broken servers before: NUL (PostgreSQL refuses it in text), lone surrogates, LIKE and SQL metacharacters. */
const nasty = ['\u0000', 'Anna\u0000', '\ud800', '😀\udfff', '%', '_%\\', "'; drop table users; --", ' ', '\u202e', 'ÅÄÖ åäö'];

const text = (maxLength: number, minLength = 0) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 2, arbitrary: fc.constantFrom(...nasty.filter((s) => s.length >= minLength && s.length <= maxLength)) },
    // Any code point: what a careless client might send.
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'binary' }) },
  );

function isoDate() {
  return fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
}

function stringFor(schema: JsonSchema, pool: Pool): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 60, 300);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...pool.ids), fc.uuid());
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constantFrom('Admin@Example.se', 'x@y'));
    case 'date':
      return isoDate();
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    default:
      return text(maxLength, minLength);
  }
}

/** An arbitrary for values that (mostly) fit a JSON Schema, as zod writes them; depth-limited. */
function fromSchema(schema: JsonSchema | undefined, pool: Pool, depth = 0): fc.Arbitrary<Json> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fromSchema(s, pool, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0], pool, depth + 1);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<Json> => {
      switch (type) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer': {
          const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
          const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
          return fc.oneof(fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }), fc.constantFrom(min - 1, max + 1, 0));
        }
        case 'number':
          return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
        case 'string':
          return stringFor(schema, pool);
        case 'array':
          return fc.array(fromSchema(schema.items, pool, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
        case 'object': {
          const properties = schema.properties ?? {};
          const shape = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, fromSchema(s, pool, depth + 1)]));
          const required = (schema.required ?? []).filter((name) => name in properties);
          return fc.record(shape, { requiredKeys: required });
        }
        default:
          return fc.jsonValue({ maxDepth: 2 });
      }
    }),
  );
}

function bodySchemaOf(route: ApiRoute): JsonSchema | undefined {
  const body = (route.schema as { body?: unknown } | undefined)?.body;
  if (!(body instanceof z.ZodType)) return undefined;
  return z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** A request body: either JSON (a value, serialised) or raw text that may not be JSON at all. */
type Payload = { kind: 'json'; value: Json } | { kind: 'raw'; text: string; contentType: string };

function arbitraryPayload(): fc.Arbitrary<Payload> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value): Payload => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: text(80).map((s): Payload => ({ kind: 'raw', text: s, contentType: 'application/json' })) },
    { weight: 1, arbitrary: text(40).map((s): Payload => ({ kind: 'raw', text: s, contentType: 'text/plain' })) },
  );
}

function shapedPayload(schema: JsonSchema | undefined, pool: Pool): fc.Arbitrary<Payload> {
  return fromSchema(schema, pool).map((value): Payload => ({ kind: 'json', value }));
}

function pathArbitrary(url: string, pool: Pool): fc.Arbitrary<string> {
  const params = url.match(/:[A-Za-z0-9_]+/g) ?? [];
  const id = fc.oneof(fc.constantFrom(...pool.ids), fc.uuid(), fc.constantFrom('x', '0', 'null', '%20', '..'));
  return fc.tuple(...params.map(() => id)).map((values) => {
    let i = 0;
    return url.replace(/:[A-Za-z0-9_]+/g, () => encodeURIComponent(values[i++]));
  });
}

/** A fresh administrator per case, signed in both ways: a later case must not depend on what an earlier one did to its account. */
async function freshAdministrator() {
  const user = await buildUser(t.database.db, { roles: [{ role: 'administrator' }] });
  const now = t.clock.now();
  const sessionToken = randomToken();
  await t.database.db
    .insert(sessions)
    .values({ userId: user.id, tokenHash: sha256(sessionToken), createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
  const apiToken = `ink_${randomToken()}`;
  await t.database.db.insert(apiTokens).values({ userId: user.id, name: 'property', tokenHash: sha256(apiToken), prefix: apiToken.slice(0, 10) });
  const csrf = await t.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: `inkludera_session=${sessionToken}` } });
  const csrfCookie = csrf.cookies.find((c) => c.name === 'inkludera_csrf')!;
  return {
    user,
    session: { cookie: `inkludera_session=${sessionToken}; inkludera_csrf=${csrfCookie.value}`, 'x-csrf-token': csrf.json().token as string },
    bearer: { authorization: `Bearer ${apiToken}` },
  };
}

async function seedPool(): Promise<Pool> {
  const employee = await buildEmployee(t.database.db);
  const other = await buildUser(t.database.db, { roles: [{ role: 'trainer' }] });
  await t.app.mailer.enqueue(t.database.db, { to: 'anna@example.se', subject: 'Hej', body: 'Hej' });
  const [message] = await t.database.db.select({ id: outbox.id }).from(outbox);
  const [token] = await t.database.db.select({ id: apiTokens.id }).from(apiTokens);
  const [unit] = await t.database.db.select({ id: units.id, administrationId: units.administrationId }).from(units);
  return { ids: [selfMarker, employee.id, other.id, message.id, unit.id, unit.administrationId, ...(token ? [token.id] : [])] };
}

function checkAnswer(route: ApiRoute, status: number, body: string) {
  const where = `${route.method} ${route.url} -> ${status} ${body.slice(0, 300)}`;
  expect(status, where).toBeGreaterThanOrEqual(200);
  expect(status, where).toBeLessThan(500);
  if (status >= 400) {
    const parsed = JSON.parse(body);
    expect(parsed, where).toEqual({
      error: expect.objectContaining({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) }),
    });
    expect(Object.keys(parsed.error).every((k) => ['code', 'message', 'details'].includes(k)), where).toBe(true);
    expect(body, where).not.toMatch(/\bat .+\.(ts|js):\d+/);
  }
}

describe('every write route, given odd input', () => {
  it('answers 2xx or 4xx with the error shape, never 5xx', async () => {
    const writeRoutes = t.app.apiRoutes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    expect(writeRoutes.length).toBeGreaterThan(10);
    const pool = await seedPool();
    const perRoute = Math.max(6, Math.ceil(totalCases / writeRoutes.length));

    for (const route of writeRoutes) {
      const schema = bodySchemaOf(route);
      const payload = schema
        ? fc.oneof({ weight: 1, arbitrary: arbitraryPayload() }, { weight: 1, arbitrary: shapedPayload(schema, pool) })
        : arbitraryPayload();
      await fc.assert(
        fc.asyncProperty(pathArbitrary(route.url, pool), payload, fc.boolean(), async (url, body, viaToken) => {
          const admin = await freshAdministrator();
          const own = (value: string) => value.replaceAll(selfMarker, admin.user.id);
          const headers: Record<string, string> = { ...(viaToken ? admin.bearer : admin.session) };
          let payloadText: string;
          if (body.kind === 'json') {
            headers['content-type'] = 'application/json';
            payloadText = own(JSON.stringify(body.value) ?? 'null');
          } else {
            headers['content-type'] = body.contentType;
            payloadText = body.text;
          }
          const response = await t.app.inject({ method: route.method as 'POST', url: own(url), headers, payload: payloadText });
          checkAnswer(route, response.statusCode, response.body);
        }),
        { numRuns: perRoute, seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined, endOnFailure: true },
      );
    }
  }, 240_000);

  it('and every list and read route, given odd query strings, the same', async () => {
    const readRoutes = t.app.apiRoutes.filter((r) => r.method === 'GET' && r.url !== '/api/openapi.json');
    const pool = await seedPool();
    const perRoute = Math.max(3, Math.ceil(totalCases / 4 / readRoutes.length));
    for (const route of readRoutes) {
      const querystring = (route.schema as { querystring?: unknown } | undefined)?.querystring;
      const schema = querystring instanceof z.ZodType ? (z.toJSONSchema(querystring, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;
      const query = fc.oneof(
        fc.dictionary(fc.constantFrom('q', 'page', 'pageSize', 'sort', 'status', 'role', 'active', 'from', 'to', 'x'), text(20), { maxKeys: 3 }),
        fromSchema(schema ?? { type: 'object' }, pool).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)),
      );
      await fc.assert(
        fc.asyncProperty(pathArbitrary(route.url, pool), query, async (url, params) => {
          const admin = await freshAdministrator();
          const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']));
          const own = (value: string) => value.replaceAll(selfMarker, admin.user.id);
          const response = await t.app.inject({ method: 'GET', url: own(`${url}?${search}`), headers: admin.bearer });
          checkAnswer(route, response.statusCode, response.body);
        }),
        { numRuns: perRoute, seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined, endOnFailure: true },
      );
    }
  }, 240_000);
});
