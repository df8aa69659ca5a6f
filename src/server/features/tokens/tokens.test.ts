import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { signIn } from '../../../../test/support/factories.js';
import { apiTokens, auditLog } from '../../db/schema/index.js';
import { sha256 } from '../auth/crypto.js';

const t = useTestApp();

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createToken(agent: Awaited<ReturnType<typeof signIn>>['agent'], body: object = { name: 'Rapportskript' }) {
  const response = await agent.post('/api/tokens', body);
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; token: string; prefix: string; name: string; expiresAt: string | null };
}

describe('personal API tokens', () => {
  it('shows the secret once, stores only its SHA-256, and lists the token without it', async () => {
    const { agent, user } = await signIn(t.app, t.database.db, 'employee');
    const response = await agent.post('/api/tokens', { name: '  Rapportskript ', expiresInDays: 30 });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = response.json();
    expect(created.token).toMatch(/^ink_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Rapportskript', prefix: created.token.slice(0, 10), lastUsedAt: null, expiresAt: '2026-04-01T09:00:00.000Z' });

    const [stored] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(stored.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const list = await agent.get('/api/tokens');
    expect(list.json()).toEqual([{ id: created.id, name: 'Rapportskript', prefix: created.prefix, createdAt: '2026-03-02T09:00:00.000Z', lastUsedAt: null, expiresAt: created.expiresAt }]);
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toContain(stored.tokenHash);
  });

  it('creates a token that never expires when asked to', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    expect((await createToken(agent, { name: 'Evig', expiresInDays: null })).expiresAt).toBeNull();
    expect((await agent.post('/api/tokens', { name: 'x', expiresInDays: 0 })).statusCode).toBe(400);
  });

  it('works with the owner’s rights and needs no CSRF token', async () => {
    const adminSession = await signIn(t.app, t.database.db, 'administrator');
    const employeeSession = await signIn(t.app, t.database.db, 'employee');
    const adminToken = (await createToken(adminSession.agent)).token;
    const employeeToken = (await createToken(employeeSession.agent)).token;

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(employeeToken) });
    expect(me.json()).toMatchObject({ id: employeeSession.user.id });
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(employeeToken) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(adminToken) })).statusCode).toBe(200);

    // A write without cookie or CSRF header: the bearer token is the proof.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(adminToken),
      payload: { name: 'Via skript', email: 'skript@example.se', password: 'a long enough password' },
    });
    expect(created.statusCode).toBe(201);
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, created.json().id));
    expect(entry.actorUserId).toBe(adminSession.user.id);

    const [stored] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, sha256(adminToken)));
    expect(stored.lastUsedAt?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('refuses a made-up token, and does not fall back to the session cookie when one is sent', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...bearer('ink_not-a-real-token'), cookie: agent.cookieHeader() },
    });
    expect(response.statusCode).toBe(401);
  });

  it('stops working when revoked', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    const { id, token } = await createToken(agent);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    expect((await agent.delete(`/api/tokens/${id}`)).json()).toEqual({ ok: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await agent.get('/api/tokens')).json()).toEqual([]);
    expect((await agent.delete(`/api/tokens/${id}`)).statusCode).toBe(404);
  });

  it('stops working when expired', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    const { token } = await createToken(agent, { name: 'Kort', expiresInDays: 1 });
    t.clock.advance(86_400_000 - 1000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    // An expired token is still listed, so its owner sees why the script stopped.
    expect((await agent.get('/api/tokens')).json()).toHaveLength(1);
  });

  it('stops working when its user is deactivated, and works again after reactivation', async () => {
    const admin = await signIn(t.app, t.database.db, 'administrator');
    const { agent, user } = await signIn(t.app, t.database.db, 'employee');
    const { token } = await createToken(agent);
    expect((await admin.agent.post(`/api/users/${user.id}/deactivate`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await admin.agent.post(`/api/users/${user.id}/reactivate`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('lets nobody list or revoke another person’s tokens', async () => {
    const owner = await signIn(t.app, t.database.db, 'employee');
    const admin = await signIn(t.app, t.database.db, 'administrator');
    const { id, token } = await createToken(owner.agent);
    expect((await admin.agent.get('/api/tokens')).json()).toEqual([]);
    expect((await admin.agent.delete(`/api/tokens/${id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('cannot mint a new token with a token, but can list and revoke with one', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    const { id, token } = await createToken(agent);
    const minted = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(token), payload: { name: 'Ny' } });
    expect([minted.statusCode, minted.json().error.code]).toEqual([403, 'session_required']);
    expect((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: bearer(token) })).json()).toHaveLength(1);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: bearer(token) })).statusCode).toBe(200);
  });

  it('records creation and revocation in the audit log, without the secret or its hash', async () => {
    const { agent, user } = await signIn(t.app, t.database.db, 'employee');
    const { id, token } = await createToken(agent, { name: 'Skript', expiresInDays: 10 });
    await agent.delete(`/api/tokens/${id}`);
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
    expect(entries.map((e) => [e.action, e.entityType, e.actorUserId])).toEqual([
      ['create', 'api_token', user.id],
      ['delete', 'api_token', user.id],
    ]);
    expect(entries[0].after).toEqual({ name: 'Skript', prefix: token.slice(0, 10), expiresAt: '2026-03-12T09:00:00.000Z' });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(token);
    expect(text).not.toContain(sha256(token));
  });
});
