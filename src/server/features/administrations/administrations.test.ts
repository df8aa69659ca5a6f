import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import {
  auditEntriesFor,
  buildAdministration,
  buildEmployee,
  buildUnit,
  buildUser,
  signIn,
} from '../../../../test/support/factories.js';
import { userRoles } from '../../db/schema/index.js';

const t = useTestApp();

const admin = () => signIn(t.app, t.database.db, 'administrator');

describe('administrations: create, read, update', () => {
  it('creates an administration with its process leader, in one audited transaction', async () => {
    const { agent, user: actor } = await admin();
    const leader = await buildUser(t.database.db, { name: 'Petra Processledare' });
    const created = await agent.post('/api/administrations', {
      name: '  Socialförvaltningen ',
      shortName: 'SOC',
      description: '',
      processLeaderUserId: leader.id,
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      name: 'Socialförvaltningen',
      shortName: 'SOC',
      description: null,
      active: true,
      closedAt: null,
      processLeader: { id: leader.id, name: 'Petra Processledare' },
      unitCount: 0,
      employeeCount: 0,
      createdAt: '2026-03-02T09:00:00.000Z',
    });

    const roles = await t.database.db.select().from(userRoles).where(eq(userRoles.userId, leader.id));
    expect(roles).toMatchObject([{ role: 'process_leader', administrationId: body.id }]);

    const [entry] = await auditEntriesFor(t.database.db, 'administration', body.id);
    expect(entry).toMatchObject({
      action: 'create',
      actorUserId: actor.id,
      after: { name: 'Socialförvaltningen', shortName: 'SOC', description: null, processLeaderUserId: leader.id },
    });

    expect((await agent.get(`/api/administrations/${body.id}`)).json()).toEqual(body);
  });

  it('changes only the fields sent, and audits just those', async () => {
    const { agent } = await admin();
    const leader = await buildUser(t.database.db);
    const created = (
      await agent.post('/api/administrations', {
        name: 'Kulturförvaltningen',
        description: 'Bibliotek och kultur',
        processLeaderUserId: leader.id,
      })
    ).json();
    t.clock.advance(60_000);

    const renamed = await agent.patch(`/api/administrations/${created.id}`, { name: 'Kultur- och turismförvaltningen' });
    expect(renamed.statusCode).toBe(200);
    // A rename must not touch the process leader or the description (zod defaults in a partial body would).
    expect(renamed.json()).toMatchObject({
      name: 'Kultur- och turismförvaltningen',
      description: 'Bibliotek och kultur',
      processLeader: { id: leader.id },
      updatedAt: '2026-03-02T09:01:00.000Z',
    });

    const entries = await auditEntriesFor(t.database.db, 'administration', created.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]).toMatchObject({
      before: { name: 'Kulturförvaltningen' },
      after: { name: 'Kultur- och turismförvaltningen' },
    });

    // Sending what is already there changes nothing and writes no entry.
    expect(
      (await agent.patch(`/api/administrations/${created.id}`, { name: 'Kultur- och turismförvaltningen' })).statusCode,
    ).toBe(200);
    expect(await auditEntriesFor(t.database.db, 'administration', created.id)).toHaveLength(2);
  });

  it('replaces and removes the process leader', async () => {
    const { agent } = await admin();
    const first = await buildUser(t.database.db);
    const second = await buildUser(t.database.db, { name: 'Ny Ledare' });
    const created = (
      await agent.post('/api/administrations', { name: 'Tekniska förvaltningen', processLeaderUserId: first.id })
    ).json();

    const replaced = await agent.patch(`/api/administrations/${created.id}`, { processLeaderUserId: second.id });
    expect(replaced.json().processLeader).toEqual({ id: second.id, name: 'Ny Ledare' });
    const leaders = await t.database.db
      .select({ userId: userRoles.userId })
      .from(userRoles)
      .where(and(eq(userRoles.role, 'process_leader'), eq(userRoles.administrationId, created.id)));
    expect(leaders).toEqual([{ userId: second.id }]);
    const entries = await auditEntriesFor(t.database.db, 'administration', created.id);
    expect(entries.at(-1)).toMatchObject({
      before: { processLeaderUserId: first.id },
      after: { processLeaderUserId: second.id },
    });

    const removed = await agent.patch(`/api/administrations/${created.id}`, { processLeaderUserId: null });
    expect(removed.json().processLeader).toBeNull();
  });

  it('refuses a name that is taken, whatever its case, with 409 name_taken', async () => {
    const { agent } = await admin();
    await buildAdministration(t.database.db, { name: 'Bildningsförvaltningen' });
    const other = await buildAdministration(t.database.db, { name: 'Vård- och omsorgsförvaltningen' });

    const created = await agent.post('/api/administrations', { name: 'BILDNINGSFÖRVALTNINGEN' });
    expect(created.statusCode).toBe(409);
    expect(created.json().error).toMatchObject({ code: 'name_taken', details: [{ path: 'body.name' }] });

    const renamed = await agent.patch(`/api/administrations/${other.id}`, { name: 'bildningsförvaltningen' });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.code).toBe('name_taken');
  });

  it('rolls the administration back when its process leader cannot be set', async () => {
    const { agent } = await admin();
    const inactive = await buildUser(t.database.db, { active: false });
    const response = await agent.post('/api/administrations', { name: 'Samhällsbyggnad', processLeaderUserId: inactive.id });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('unknown_user');
    expect((await agent.get('/api/administrations?q=Samhällsbyggnad')).json().total).toBe(0);
    expect(await auditEntriesFor(t.database.db, 'administration')).toHaveLength(0);
  });

  it('validates the body and the id', async () => {
    const { agent } = await admin();
    const blank = await agent.post('/api/administrations', { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.code).toBe('validation_failed');
    expect(blank.json().error.details[0].path).toBe('body.name');
    expect((await agent.post('/api/administrations', { name: 'X', processLeaderUserId: 'nope' })).statusCode).toBe(400);
    expect((await agent.get('/api/administrations/not-a-uuid')).statusCode).toBe(400);
    const missing = await agent.get('/api/administrations/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect((await agent.patch('/api/administrations/00000000-0000-4000-8000-000000000000', { name: 'Y' })).statusCode).toBe(404);
  });
});

describe('closing and reopening', () => {
  it('refuses to close an administration with active units, then closes and reopens it', async () => {
    const { agent } = await admin();
    const administration = await buildAdministration(t.database.db);
    const unit = await buildUnit(t.database.db, { administrationId: administration.id });

    const refused = await agent.patch(`/api/administrations/${administration.id}`, { active: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('administration_has_active_units');

    expect((await agent.patch(`/api/units/${unit.id}`, { active: false })).statusCode).toBe(200);
    t.clock.advance(3_600_000);
    const closed = await agent.patch(`/api/administrations/${administration.id}`, { active: false });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ active: false, closedAt: '2026-03-02T10:00:00.000Z' });
    const entries = await auditEntriesFor(t.database.db, 'administration', administration.id);
    expect(entries.at(-1)).toMatchObject({ action: 'update', before: { active: true }, after: { active: false } });

    const reopened = await agent.patch(`/api/administrations/${administration.id}`, { active: true });
    expect(reopened.json()).toMatchObject({ active: true, closedAt: null });
  });
});

describe('the administration list', () => {
  it('searches, filters, sorts and pages', async () => {
    const { agent } = await admin();
    for (const name of [
      'Kommunledningsförvaltningen',
      'Bildningsförvaltningen',
      'Service- och tekniska förvaltningen',
      'Vård- och omsorgsförvaltningen',
    ]) {
      await buildAdministration(t.database.db, { name });
    }
    await buildAdministration(t.database.db, { name: 'Gamla förvaltningen', active: false });

    const all = (await agent.get('/api/administrations')).json();
    expect(all.total).toBe(5);
    expect(all.items.map((a: { name: string }) => a.name)).toEqual([
      'Bildningsförvaltningen',
      'Gamla förvaltningen',
      'Kommunledningsförvaltningen',
      'Service- och tekniska förvaltningen',
      'Vård- och omsorgsförvaltningen',
    ]);

    const descending = (await agent.get('/api/administrations?sort=-name&pageSize=2&page=2')).json();
    expect(descending).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(descending.items.map((a: { name: string }) => a.name)).toEqual(['Kommunledningsförvaltningen', 'Gamla förvaltningen']);

    const search = (await agent.get(`/api/administrations?q=${encodeURIComponent('OCH förv')}`)).json();
    expect(search.items.map((a: { name: string }) => a.name)).toEqual([
      'Service- och tekniska förvaltningen',
      'Vård- och omsorgsförvaltningen',
    ]);
    // The search's pattern characters are taken literally.
    expect((await agent.get('/api/administrations?q=%25')).json().total).toBe(0);

    const closed = (await agent.get('/api/administrations?active=false')).json();
    expect(closed.items.map((a: { name: string }) => a.name)).toEqual(['Gamla förvaltningen']);
    expect((await agent.get('/api/administrations?active=true')).json().total).toBe(4);

    expect((await agent.get('/api/administrations?sort=size')).statusCode).toBe(400);
    expect((await agent.get('/api/administrations?active=yes')).statusCode).toBe(400);
  });

  it('counts active units and current employees per administration', async () => {
    const { agent } = await admin();
    const leader = await buildUser(t.database.db, { name: 'Lea Ledare' });
    const a = await buildAdministration(t.database.db, { name: 'A' });
    const b = await buildAdministration(t.database.db, { name: 'B' });
    await t.database.db.insert(userRoles).values({ userId: leader.id, role: 'process_leader', administrationId: a.id });
    const a1 = await buildUnit(t.database.db, { administrationId: a.id });
    const a2 = await buildUnit(t.database.db, { administrationId: a.id });
    await buildUnit(t.database.db, { administrationId: a.id, active: false });
    await buildEmployee(t.database.db, { unitId: a1.id });
    await buildEmployee(t.database.db, { unitId: a2.id, endDate: '2026-03-02' }); // last day today: still employed
    await buildEmployee(t.database.db, { unitId: a2.id, endDate: '2026-03-01' }); // ended yesterday

    const list = (await agent.get('/api/administrations')).json();
    expect(list.items).toMatchObject([
      { id: a.id, unitCount: 2, employeeCount: 2, processLeader: { id: leader.id, name: 'Lea Ledare' } },
      { id: b.id, unitCount: 0, employeeCount: 0, processLeader: null },
    ]);
  });
});

describe('who may do what with administrations', () => {
  it('lets every organisation role read, but only administrators change', async () => {
    const administration = await buildAdministration(t.database.db);
    const unit = await buildUnit(t.database.db, { administrationId: administration.id });
    const { agent: leader } = await signIn(t.app, t.database.db, [
      { role: 'process_leader', administrationId: administration.id },
    ]);
    const { agent: manager } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: unit.id }]);
    const { agent: coordinator } = await signIn(t.app, t.database.db, 'training_coordinator');
    const { agent: employee } = await signIn(t.app, t.database.db, 'employee');

    for (const agent of [leader, manager, coordinator]) {
      expect((await agent.get('/api/administrations')).statusCode).toBe(200);
      expect((await agent.get(`/api/administrations/${administration.id}`)).statusCode).toBe(200);
      expect((await agent.post('/api/administrations', { name: 'Ny' })).statusCode).toBe(403);
      expect((await agent.patch(`/api/administrations/${administration.id}`, { name: 'Ny' })).statusCode).toBe(403);
    }
    expect((await employee.get('/api/administrations')).statusCode).toBe(403);
    expect((await new Agent(t.app).get('/api/administrations')).statusCode).toBe(401);
    expect(await auditEntriesFor(t.database.db, 'administration')).toHaveLength(0);
  });
});
