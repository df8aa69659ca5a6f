import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import {
  buildAdministration,
  buildEmployee,
  buildUnit,
  buildUser,
  defaultPassword,
  signIn,
} from '../../../../test/support/factories.js';
import { auditLog, users } from '../../db/schema/index.js';

const t = useTestApp();

const newPassword = 'a long enough password';

async function admin() {
  return signIn(t.app, t.database.db, 'administrator', { name: 'Henrik Admin' });
}

async function auditEntries(entityId?: string) {
  const rows = await t.database.db.select().from(auditLog).orderBy(auditLog.id);
  return entityId ? rows.filter((r) => r.entityId === entityId) : rows;
}

describe('creating users', () => {
  it('creates a user with scoped roles, who can then log in; the hash never leaves the server', async () => {
    const { agent } = await admin();
    const administration = await buildAdministration(t.database.db, { name: 'Socialförvaltningen' });
    const first = await buildUnit(t.database.db, { administrationId: administration.id, name: 'Förskolan Ugglan' });
    const second = await buildUnit(t.database.db, { name: 'Fritidsgården' });
    const employee = await buildEmployee(t.database.db);

    const response = await agent.post('/api/users', {
      name: '  Maria Processledare ',
      email: 'Maria.P@Example.SE',
      password: newPassword,
      locale: 'en',
      employeeId: employee.id,
      roles: [
        { role: 'process_leader', administrationId: administration.id },
        { role: 'unit_manager', unitId: first.id },
        { role: 'unit_manager', unitId: second.id },
        { role: 'trainer' },
      ],
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      name: 'Maria Processledare',
      email: 'maria.p@example.se',
      locale: 'en',
      active: true,
      employeeId: employee.id,
    });
    expect(created.roles).toEqual([
      {
        role: 'process_leader',
        administrationId: administration.id,
        unitId: null,
        administrationName: 'Socialförvaltningen',
        unitName: null,
      },
      {
        role: 'unit_manager',
        administrationId: second.administrationId,
        unitId: second.id,
        administrationName: expect.any(String),
        unitName: 'Fritidsgården',
      },
      {
        role: 'unit_manager',
        administrationId: administration.id,
        unitId: first.id,
        administrationName: 'Socialförvaltningen',
        unitName: 'Förskolan Ugglan',
      },
      { role: 'trainer', administrationId: null, unitId: null, administrationName: null, unitName: null },
    ]);
    expect(response.body).not.toMatch(/argon2|passwordHash|password/);

    const me = await new Agent(t.app).login('MARIA.P@example.se', newPassword);
    expect(me.json().permissions).toContain('update:unit:unit');

    const [entry] = await auditEntries(created.id);
    expect(entry).toMatchObject({ action: 'create', entityType: 'user', actorName: 'Henrik Admin' });
    expect(entry.after).toMatchObject({ name: 'Maria Processledare', email: 'maria.p@example.se', active: true });
    expect((entry.after as { roles: unknown[] }).roles).toHaveLength(4);
    expect(JSON.stringify(entry)).not.toMatch(/argon2|password|long enough/i);
  });

  it('answers 422 with role_scope_* codes when a role and its scope do not fit', async () => {
    const { agent } = await admin();
    const administration = await buildAdministration(t.database.db);
    const other = await buildAdministration(t.database.db);
    const unit = await buildUnit(t.database.db, { administrationId: administration.id });
    const base = { name: 'X', password: newPassword };
    const cases: [unknown[], string, string][] = [
      [[{ role: 'process_leader' }], 'role_scope_missing_administration', 'body.roles.0.administrationId'],
      [
        [{ role: 'process_leader', administrationId: administration.id, unitId: unit.id }],
        'role_scope_not_allowed',
        'body.roles.0.unitId',
      ],
      [
        [
          { role: 'process_leader', administrationId: administration.id },
          { role: 'process_leader', administrationId: other.id },
        ],
        'role_scope_one_administration',
        'body.roles.1.administrationId',
      ],
      [[{ role: 'employee' }, { role: 'unit_manager' }], 'role_scope_missing_unit', 'body.roles.1.unitId'],
      [
        [{ role: 'unit_manager', unitId: unit.id, administrationId: other.id }],
        'role_scope_not_allowed',
        'body.roles.0.administrationId',
      ],
      [[{ role: 'trainer', unitId: unit.id }], 'role_scope_not_allowed', 'body.roles.0.unitId'],
      [
        [{ role: 'administrator', administrationId: administration.id }],
        'role_scope_not_allowed',
        'body.roles.0.administrationId',
      ],
      [
        [{ role: 'process_leader', administrationId: crypto.randomUUID() }],
        'unknown_administration',
        'body.roles.0.administrationId',
      ],
      [[{ role: 'unit_manager', unitId: crypto.randomUUID() }], 'unknown_unit', 'body.roles.0.unitId'],
    ];
    for (const [roles, code, path] of cases) {
      const response = await agent.post('/api/users', { ...base, email: `${code}@example.se`, roles });
      expect(response.statusCode, code).toBe(422);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.details[0].path).toBe(path);
    }
    expect((await t.database.db.select().from(users)).length).toBe(1);
  });

  it('accepts a unit manager row with its own unit’s administration, as the answers show it, and drops duplicates', async () => {
    const { agent } = await admin();
    const unit = await buildUnit(t.database.db);
    const response = await agent.post('/api/users', {
      name: 'Chef',
      email: 'chef@example.se',
      password: newPassword,
      roles: [
        { role: 'unit_manager', unitId: unit.id, administrationId: unit.administrationId },
        { role: 'unit_manager', unitId: unit.id },
        { role: 'employee' },
        { role: 'employee' },
      ],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().roles.map((r: { role: string }) => r.role)).toEqual(['unit_manager', 'employee']);
  });

  it('refuses an administration that already has a process leader, a unit that has a manager, and a taken email', async () => {
    const { agent } = await admin();
    const administration = await buildAdministration(t.database.db);
    const unit = await buildUnit(t.database.db);
    await buildUser(t.database.db, {
      email: 'taken@example.se',
      roles: [{ role: 'process_leader', administrationId: administration.id }],
    });
    await buildUser(t.database.db, { roles: [{ role: 'unit_manager', unitId: unit.id }] });
    const base = { name: 'Ny', email: 'ny@example.se', password: newPassword };

    const leader = await agent.post('/api/users', {
      ...base,
      roles: [{ role: 'process_leader', administrationId: administration.id }],
    });
    expect(leader.statusCode).toBe(409);
    expect(leader.json().error.code).toBe('process_leader_taken');

    const manager = await agent.post('/api/users', {
      ...base,
      roles: [{ role: 'employee' }, { role: 'unit_manager', unitId: unit.id }],
    });
    expect(manager.statusCode).toBe(409);
    expect(manager.json().error).toMatchObject({ code: 'unit_manager_taken', details: [{ path: 'body.roles.1.unitId' }] });

    const email = await agent.post('/api/users', { ...base, email: 'TAKEN@example.se' });
    expect(email.statusCode).toBe(409);
    expect(email.json().error.code).toBe('email_taken');
  });

  it('refuses an unknown employee, and one already linked to another account', async () => {
    const { agent } = await admin();
    const employee = await buildEmployee(t.database.db);
    await buildUser(t.database.db, { employeeId: employee.id });
    const base = { name: 'Ny', email: 'ny@example.se', password: newPassword };
    const unknown = await agent.post('/api/users', { ...base, employeeId: crypto.randomUUID() });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([422, 'unknown_employee']);
    const linked = await agent.post('/api/users', { ...base, employeeId: employee.id });
    expect([linked.statusCode, linked.json().error.code]).toEqual([409, 'employee_taken']);
  });

  it('validates the body with translated messages', async () => {
    const { agent } = await admin();
    const response = await agent.post(
      '/api/users',
      { name: '', email: 'not an email', password: 'short' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(
      response
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.email', 'body.name', 'body.password']);
  });
});

describe('listing users', () => {
  it('searches name and email, filters by role and active, sorts and pages', async () => {
    const { agent, user: me } = await admin();
    const unit = await buildUnit(t.database.db);
    await buildUser(t.database.db, { name: 'Anna Berg', email: 'anna.berg@kommun.se', roles: [{ role: 'trainer' }] });
    await buildUser(t.database.db, {
      name: 'Bertil Ek',
      email: 'b.ek@kommun.se',
      roles: [{ role: 'unit_manager', unitId: unit.id }],
    });
    await buildUser(t.database.db, {
      name: 'Cecilia Holm',
      email: 'cecilia@annat.se',
      active: false,
      roles: [{ role: 'trainer' }],
    });
    await buildUser(t.database.db, { name: 'David 100%_sann', email: 'david@kommun.se' });

    const all = (await agent.get('/api/users')).json();
    expect(all.total).toBe(5);
    expect(all.items.map((u: { name: string }) => u.name)).toEqual([
      'Anna Berg',
      'Bertil Ek',
      'Cecilia Holm',
      'David 100%_sann',
      'Henrik Admin',
    ]);
    expect(all.items[0]).not.toHaveProperty('passwordHash');

    const names = async (query: string) =>
      (await agent.get(`/api/users?${query}`)).json().items.map((u: { name: string }) => u.name);
    expect(await names('q=KOMMUN.se')).toEqual(['Anna Berg', 'Bertil Ek', 'David 100%_sann']);
    expect(await names('q=berg')).toEqual(['Anna Berg']);
    expect(await names('q=berg%20ANNA')).toEqual(['Anna Berg']);
    expect(await names(`q=${encodeURIComponent('%_')}`)).toEqual(['David 100%_sann']);
    expect(await names('q=%25')).toEqual(['David 100%_sann']);
    expect(await names('role=trainer')).toEqual(['Anna Berg', 'Cecilia Holm']);
    expect(await names('role=trainer&active=true')).toEqual(['Anna Berg']);
    expect(await names('active=false')).toEqual(['Cecilia Holm']);
    expect(await names('sort=-name&pageSize=2&page=2')).toEqual(['Cecilia Holm', 'Bertil Ek']);
    expect(await names('sort=email&pageSize=2')).toEqual(['Anna Berg', 'Bertil Ek']);

    const manager = (await agent.get('/api/users?role=unit_manager')).json().items[0];
    expect(manager.roles).toEqual([
      {
        role: 'unit_manager',
        administrationId: unit.administrationId,
        unitId: unit.id,
        administrationName: expect.any(String),
        unitName: unit.name,
      },
    ]);

    const bad = await agent.get('/api/users?sort=passwordHash');
    expect(bad.statusCode).toBe(400);
    // PostgreSQL cannot hold a NUL character; a search for one is bad input, not a crash.
    const nul = await agent.get('/api/users?q=a%00b');
    expect([nul.statusCode, nul.json().error.code]).toEqual([400, 'invalid_characters']);

    // Reading staff accounts is reading personal data: it is on record.
    const reads = (await auditEntries()).filter((e) => e.action === 'read' && e.actorUserId === me.id);
    expect(reads.length).toBeGreaterThan(0);
    expect((reads[0].after as { ids: string[] }).ids).toHaveLength(5);
  });

  it('shows one user, and 404 for an unknown one', async () => {
    const { agent } = await admin();
    const other = await buildUser(t.database.db, { name: 'Olle' });
    const response = await agent.get(`/api/users/${other.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: other.id, name: 'Olle', roles: [], lastLoginAt: null, lockedUntil: null });
    expect((await auditEntries(other.id)).map((e) => e.action)).toEqual(['read']);
    expect((await agent.get(`/api/users/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await agent.get('/api/users/not-a-uuid')).statusCode).toBe(400);
  });

  it('is for administrators only', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'training_coordinator');
    expect((await agent.get('/api/users')).statusCode).toBe(403);
    expect((await agent.post('/api/users', { name: 'X', email: 'x@example.se', password: newPassword })).statusCode).toBe(403);
  });
});

describe('changing users', () => {
  it('changes fields and replaces the roles with the full new set; the audit entry holds what changed', async () => {
    const { agent } = await admin();
    const [a, b, c] = [await buildUnit(t.database.db), await buildUnit(t.database.db), await buildUnit(t.database.db)];
    const target = await buildUser(t.database.db, {
      name: 'Eva',
      roles: [
        { role: 'unit_manager', unitId: a.id },
        { role: 'unit_manager', unitId: b.id },
      ],
    });

    const response = await agent.patch(`/api/users/${target.id}`, {
      name: 'Eva Lind',
      locale: 'en',
      roles: [{ role: 'unit_manager', unitId: b.id }, { role: 'unit_manager', unitId: c.id }, { role: 'employee' }],
    });
    expect(response.statusCode).toBe(200);
    const changed = response.json();
    expect(changed).toMatchObject({ name: 'Eva Lind', locale: 'en', email: target.email });
    expect(changed.roles.map((r: { role: string; unitId: string | null }) => [r.role, r.unitId]).sort()).toEqual(
      [
        ['employee', null],
        ['unit_manager', b.id],
        ['unit_manager', c.id],
      ].sort(),
    );

    const [entry] = await auditEntries(target.id);
    expect(entry.action).toBe('update');
    expect(Object.keys(entry.before as object).sort()).toEqual(['locale', 'name', 'roles']);
    expect(entry.before).toMatchObject({ name: 'Eva', locale: 'sv' });
    expect(entry.after).toMatchObject({ name: 'Eva Lind', locale: 'en' });

    // Sending the same again changes nothing and records nothing.
    const again = await agent.patch(`/api/users/${target.id}`, { name: 'Eva Lind', roles: changed.roles });
    expect(again.statusCode).toBe(200);
    expect(await auditEntries(target.id)).toHaveLength(1);
  });

  it('refuses an email taken by someone else, whatever its case, but accepts the user’s own', async () => {
    const { agent } = await admin();
    await buildUser(t.database.db, { email: 'upptagen@example.se' });
    const target = await buildUser(t.database.db, { email: 'egen@example.se' });
    const taken = await agent.patch(`/api/users/${target.id}`, { email: 'Upptagen@Example.se' });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'email_taken']);
    const own = await agent.patch(`/api/users/${target.id}`, { email: 'EGEN@example.se' });
    expect(own.statusCode).toBe(200);
    expect((await agent.patch(`/api/users/${crypto.randomUUID()}`, { name: 'X' })).statusCode).toBe(404);
  });

  it('refuses to give a user an administration that someone else leads', async () => {
    const { agent } = await admin();
    const administration = await buildAdministration(t.database.db);
    await buildUser(t.database.db, { roles: [{ role: 'process_leader', administrationId: administration.id }] });
    const target = await buildUser(t.database.db);
    const response = await agent.patch(`/api/users/${target.id}`, {
      roles: [{ role: 'process_leader', administrationId: administration.id }],
    });
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'process_leader_taken']);
  });

  it('sets a new password: the user’s sessions end, the old password stops working, a lockout is lifted', async () => {
    const { agent } = await admin();
    const target = await buildUser(t.database.db);
    const session = new Agent(t.app);
    await session.login(target.email, defaultPassword);
    await t.database.db
      .update(users)
      .set({ lockedUntil: new Date('2026-03-02T10:00:00Z'), failedLoginCount: 3 })
      .where(eq(users.id, target.id));

    const response = await agent.patch(`/api/users/${target.id}`, { password: newPassword });
    expect(response.statusCode).toBe(200);
    expect(response.json().lockedUntil).toBeNull();
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new Agent(t.app).post('/api/auth/login', { email: target.email, password: defaultPassword })).statusCode).toBe(
      401,
    );
    expect((await new Agent(t.app).post('/api/auth/login', { email: target.email, password: newPassword })).statusCode).toBe(200);

    const [entry] = (await auditEntries(target.id)).filter((e) => e.action === 'update');
    expect(entry.after).toEqual({ passwordChanged: true, sessionsEnded: true });
    expect(JSON.stringify(entry)).not.toMatch(/argon2|long enough/);
  });

  it('keeps the current session when administrators set their own password, and ends their others', async () => {
    const { agent, user } = await admin();
    const elsewhere = new Agent(t.app);
    await elsewhere.login(user.email, defaultPassword);
    expect((await agent.patch(`/api/users/${user.id}`, { password: newPassword })).statusCode).toBe(200);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('deactivating and reactivating', () => {
  it('ends every session at once and refuses logins, until reactivated', async () => {
    const { agent } = await admin();
    const target = await buildUser(t.database.db, { roles: [{ role: 'employee' }] });
    const phone = new Agent(t.app);
    await phone.login(target.email, defaultPassword);
    const laptop = new Agent(t.app);
    await laptop.login(target.email, defaultPassword);

    const response = await agent.post(`/api/users/${target.id}/deactivate`);
    expect(response.statusCode).toBe(200);
    expect(response.json().active).toBe(false);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
    const refused = await new Agent(t.app).post('/api/auth/login', { email: target.email, password: defaultPassword });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'account_inactive']);
    const sessions = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from sessions where user_id = ${target.id} and revoked_at is null`,
    );
    expect(sessions.rows[0].n).toBe(0);

    expect((await agent.post(`/api/users/${target.id}/deactivate`)).statusCode).toBe(200);
    const reactivated = await agent.post(`/api/users/${target.id}/reactivate`);
    expect(reactivated.json().active).toBe(true);
    expect((await new Agent(t.app).post('/api/auth/login', { email: target.email, password: defaultPassword })).statusCode).toBe(
      200,
    );

    expect((await auditEntries(target.id)).filter((e) => e.entityType === 'user').map((e) => [e.action, e.after])).toEqual([
      ['deactivate', { active: false }],
      ['reactivate', { active: true }],
    ]);
    expect((await agent.post(`/api/users/${crypto.randomUUID()}/deactivate`)).statusCode).toBe(404);
  });

  it('does not let an administrator deactivate themselves', async () => {
    const { agent, user } = await admin();
    await buildUser(t.database.db, { roles: [{ role: 'administrator' }] });
    const response = await agent.post(`/api/users/${user.id}/deactivate`);
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'cannot_deactivate_self']);
  });

  it('keeps at least one active administrator', async () => {
    const { agent, user } = await admin();
    await buildUser(t.database.db, { roles: [{ role: 'administrator' }], active: false });
    const demoted = await agent.patch(`/api/users/${user.id}`, { roles: [{ role: 'employee' }] });
    expect([demoted.statusCode, demoted.json().error.code]).toEqual([409, 'last_administrator']);
    expect((await agent.get('/api/auth/me')).json().roles).toEqual([expect.objectContaining({ role: 'administrator' })]);
    expect(await auditEntries(user.id)).toEqual([]);

    // With a second active administrator, one may step down.
    await buildUser(t.database.db, { roles: [{ role: 'administrator' }] });
    expect((await agent.patch(`/api/users/${user.id}`, { roles: [{ role: 'employee' }] })).statusCode).toBe(200);
    expect((await agent.get('/api/users')).statusCode).toBe(403);
  });

  it('keeps one administrator when two deactivate each other at the same moment', async () => {
    const first = await admin();
    const second = await admin();
    const results = await Promise.all([
      first.agent.post(`/api/users/${second.user.id}/deactivate`),
      second.agent.post(`/api/users/${first.user.id}/deactivate`),
    ]);
    expect(results.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1);
    const active = await t.database.db.select({ id: users.id }).from(users).where(eq(users.active, true));
    expect(active.length).toBeGreaterThanOrEqual(1);
  });
});
