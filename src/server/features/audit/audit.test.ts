import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { buildUser, signIn } from '../../../../test/support/factories.js';
import { apiTokens, auditLog, users } from '../../db/schema/index.js';
import { sha256 } from '../auth/crypto.js';
import { recordAudit } from './service.js';

const t = useTestApp();

async function seedEntries() {
  const anna = { userId: crypto.randomUUID(), name: 'Anna' };
  const bo = { userId: crypto.randomUUID(), name: 'Bo' };
  const unitId = crypto.randomUUID();
  const at = (iso: string) => new Date(iso);
  await recordAudit(t.database.db, anna, { action: 'create', entityType: 'unit', entityId: unitId, after: { name: 'Ugglan' } }, at('2026-01-10T08:00:00Z'));
  await recordAudit(t.database.db, bo, { action: 'update', entityType: 'unit', entityId: unitId, before: { name: 'Ugglan' }, after: { name: 'Uven' } }, at('2026-01-11T22:59:59Z'));
  await recordAudit(t.database.db, anna, { action: 'update', entityType: 'user', entityId: anna.userId }, at('2026-01-11T23:00:00Z'));
  await recordAudit(t.database.db, null, { action: 'login_failed', entityType: 'user', entityId: bo.userId }, at('2026-01-15T12:00:00Z'));
  return { anna, bo, unitId };
}

describe('browsing the audit log', () => {
  it('filters by entity type, entity id, action, actor and a date range, newest first', async () => {
    const { agent, user: admin } = await signIn(t.app, t.database.db, 'administrator');
    const { anna, bo, unitId } = await seedEntries();
    const list = async (query: string) => {
      const response = await agent.get(`/api/audit-log?${query}`);
      expect(response.statusCode, query).toBe(200);
      const body = response.json();
      // The administrator's own login is in the log too; these filters are about the seeded entries.
      return { total: body.total, entries: body.items.filter((e: { actorUserId: string | null }) => e.actorUserId !== admin.id) };
    };
    const actions = async (query: string) => (await list(query)).entries.map((e: { action: string; entityType: string }) => `${e.entityType}:${e.action}`);

    expect(await actions('entityType=unit')).toEqual(['unit:update', 'unit:create']);
    expect(await actions(`entityId=${unitId}`)).toEqual(['unit:update', 'unit:create']);
    expect(await actions('action=update')).toEqual(['user:update', 'unit:update']);
    expect(await actions(`actorUserId=${anna.userId}`)).toEqual(['user:update', 'unit:create']);
    expect(await actions(`actorUserId=${bo.userId}&entityType=unit`)).toEqual(['unit:update']);
    // Days are Stockholm's: 'to' takes in the whole of its day, 'from' starts at its midnight, and
    // 23:00 UTC on 11 January is already 12 January.
    expect(await actions('from=2026-01-11&to=2026-01-11')).toEqual(['unit:update']);
    expect(await actions('from=2026-01-11&to=2026-01-12')).toEqual(['user:update', 'unit:update']);
    expect(await actions('to=2026-01-10')).toEqual(['unit:create']);
    expect(await actions('from=2026-01-13&to=2026-01-31')).toEqual(['user:login_failed']);
    expect(await actions('entityType=nothing')).toEqual([]);

    const page = (await agent.get('/api/audit-log?to=2026-01-31&pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);

    const [entry] = (await list(`entityId=${unitId}&action=update`)).entries;
    expect(entry).toMatchObject({ actorName: 'Bo', before: { name: 'Ugglan' }, after: { name: 'Uven' }, at: '2026-01-11T22:59:59.000Z' });
    expect(typeof entry.id).toBe('string');
  });

  it('refuses malformed filters and non-administrators', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    expect((await agent.get('/api/audit-log?actorUserId=anna')).statusCode).toBe(400);
    expect((await agent.get('/api/audit-log?from=2026-13-01')).statusCode).toBe(400);
    expect((await agent.get('/api/audit-log?pageSize=1000')).statusCode).toBe(400);
    const coordinator = await signIn(t.app, t.database.db, 'training_coordinator');
    expect((await coordinator.agent.get('/api/audit-log')).statusCode).toBe(403);
  });
});

describe('the audit entries of accounts and tokens', () => {
  it('are written in the same transaction as the change: when the entry cannot be written, the change is undone', async () => {
    const { agent, user: admin } = await signIn(t.app, t.database.db, 'administrator');
    const target = await buildUser(t.database.db, { name: 'Före' });
    const token = await agent.post('/api/tokens', { name: 'Behålls' });
    expect(token.statusCode).toBe(201);

    // A trigger that refuses every new change entry (reads and logins still pass) stands in for a failing audit write.
    await t.database.db.execute(sql`
      create or replace function test_refuse_audit() returns trigger language plpgsql as $$
      begin
        if new.action <> 'read' and new.entity_type in ('user', 'api_token') then raise exception 'audit refused'; end if;
        return new;
      end $$`);
    await t.database.db.execute(sql`create trigger test_refuse_audit before insert on audit_log for each row execute function test_refuse_audit()`);
    try {
      const attempts = [
        await agent.post('/api/users', { name: 'Ny', email: 'ny@example.se', password: 'a long enough password' }),
        await agent.patch(`/api/users/${target.id}`, { name: 'Efter', password: 'another long password' }),
        await agent.post(`/api/users/${target.id}/deactivate`),
        await agent.post('/api/tokens', { name: 'Ny nyckel' }),
        await agent.delete(`/api/tokens/${token.json().id}`),
      ];
      expect(attempts.map((r) => r.statusCode)).toEqual([500, 500, 500, 500, 500]);
      expect(attempts[0].json()).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    } finally {
      await t.database.db.execute(sql`drop trigger test_refuse_audit on audit_log`);
      await t.database.db.execute(sql`drop function test_refuse_audit()`);
    }

    expect(await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'ny@example.se'))).toEqual([]);
    const [unchanged] = await t.database.db.select().from(users).where(eq(users.id, target.id));
    expect(unchanged).toMatchObject({ name: 'Före', active: true, passwordHash: target.passwordHash });
    const tokens = await t.database.db.select().from(apiTokens).where(eq(apiTokens.userId, admin.id));
    expect(tokens.map((r) => [r.name, r.revokedAt])).toEqual([['Behålls', null]]);
  });

  it('hold before and after, and never a password, a hash or a token', async () => {
    const { agent, user: admin } = await signIn(t.app, t.database.db, 'administrator');
    const firstPassword = 'first secret password';
    const secondPassword = 'second secret password';
    const created = (await agent.post('/api/users', { name: 'Gun', email: 'gun@example.se', password: firstPassword, roles: [{ role: 'trainer' }] })).json();
    await agent.patch(`/api/users/${created.id}`, { email: 'gun.ny@example.se', password: secondPassword, roles: [{ role: 'employee' }] });
    await agent.post(`/api/users/${created.id}/deactivate`);
    const token = (await agent.post('/api/tokens', { name: 'Skript' })).json();
    await agent.delete(`/api/tokens/${token.id}`);

    const log = (await agent.get(`/api/audit-log?actorUserId=${admin.id}&pageSize=200`)).json();
    const changes = log.items
      .filter((e: { action: string }) => e.action !== 'read' && e.action !== 'login')
      .reverse()
      .map((e: { action: string; entityType: string; before: unknown; after: unknown }) => [e.entityType, e.action, e.before, e.after]);
    expect(changes).toEqual([
      ['user', 'create', null, { name: 'Gun', email: 'gun@example.se', locale: 'sv', employeeId: null, active: true, roles: [{ role: 'trainer', administrationId: null, unitId: null }] }],
      [
        'user',
        'update',
        { email: 'gun@example.se', roles: [{ role: 'trainer', administrationId: null, unitId: null }] },
        { email: 'gun.ny@example.se', roles: [{ role: 'employee', administrationId: null, unitId: null }], passwordChanged: true, sessionsEnded: true },
      ],
      ['user', 'deactivate', { active: true }, { active: false }],
      ['api_token', 'create', null, { name: 'Skript', prefix: token.prefix, expiresAt: token.expiresAt }],
      ['api_token', 'delete', { name: 'Skript', prefix: token.prefix }, { revokedAt: '2026-03-02T09:00:00.000Z' }],
    ]);

    const [stored] = await t.database.db.select().from(users).where(eq(users.id, created.id));
    const everything = JSON.stringify(await t.database.db.select().from(auditLog));
    for (const secret of [firstPassword, secondPassword, stored.passwordHash, '$argon2', token.token, sha256(token.token)]) {
      expect(everything).not.toContain(secret);
    }
  });
});
