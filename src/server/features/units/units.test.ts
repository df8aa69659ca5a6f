import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
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

describe('units: create, read, update', () => {
  it('creates a unit with its manager, in one audited transaction', async () => {
    const { agent, user: actor } = await admin();
    const administration = await buildAdministration(t.database.db, { name: 'Bildningsförvaltningen' });
    const manager = await buildUser(t.database.db, { name: 'Maja Chef' });
    const created = await agent.post('/api/units', {
      administrationId: administration.id,
      name: 'Förskolan Lyckliga Gatorna',
      code: 'F-LG',
      worksWithChildren: true,
      managerUserId: manager.id,
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      administrationId: administration.id,
      administrationName: 'Bildningsförvaltningen',
      name: 'Förskolan Lyckliga Gatorna',
      code: 'F-LG',
      worksWithChildren: true,
      active: true,
      closedAt: null,
      manager: { id: manager.id, name: 'Maja Chef' },
      employeeCount: 0,
    });
    const roles = await t.database.db.select().from(userRoles).where(eq(userRoles.userId, manager.id));
    expect(roles).toMatchObject([{ role: 'unit_manager', unitId: body.id }]);
    expect(await auditEntriesFor(t.database.db, 'unit', body.id)).toMatchObject([
      {
        action: 'create',
        actorUserId: actor.id,
        after: {
          administrationId: administration.id,
          name: 'Förskolan Lyckliga Gatorna',
          code: 'F-LG',
          worksWithChildren: true,
          managerUserId: manager.id,
        },
      },
    ]);
    expect((await agent.get(`/api/units/${body.id}`)).json()).toEqual(body);
  });

  it('changes only the fields sent: a rename keeps the manager and worksWithChildren', async () => {
    const { agent } = await admin();
    const unit = await buildUnit(t.database.db, { name: 'Fritids', worksWithChildren: true, code: 'FR1' });
    const manager = await buildUser(t.database.db);
    await t.database.db.insert(userRoles).values({ userId: manager.id, role: 'unit_manager', unitId: unit.id });

    const renamed = await agent.patch(`/api/units/${unit.id}`, { name: 'Fritidshemmet' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'Fritidshemmet',
      worksWithChildren: true,
      code: 'FR1',
      manager: { id: manager.id },
    });
    expect((await auditEntriesFor(t.database.db, 'unit', unit.id)).at(-1)).toMatchObject({
      action: 'update',
      before: { name: 'Fritids' },
      after: { name: 'Fritidshemmet' },
    });

    const cleared = await agent.patch(`/api/units/${unit.id}`, { code: '', managerUserId: null });
    expect(cleared.json()).toMatchObject({ code: null, manager: null });
    const left = await t.database.db
      .select()
      .from(userRoles)
      .where(and(eq(userRoles.role, 'unit_manager'), eq(userRoles.unitId, unit.id)));
    expect(left).toEqual([]);
  });

  it('moves a unit to another administration, and not into a closed one', async () => {
    const { agent } = await admin();
    const unit = await buildUnit(t.database.db);
    const target = await buildAdministration(t.database.db, { name: 'Mål' });
    const closed = await buildAdministration(t.database.db, { active: false });
    const moved = await agent.patch(`/api/units/${unit.id}`, { administrationId: target.id });
    expect(moved.json()).toMatchObject({ administrationId: target.id, administrationName: 'Mål' });
    const refused = await agent.patch(`/api/units/${unit.id}`, { administrationId: closed.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('administration_closed');
    const unknown = await agent.patch(`/api/units/${unit.id}`, { administrationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('unknown_administration');
  });

  it('answers 409 name_taken within an administration and code_taken anywhere', async () => {
    const { agent } = await admin();
    const a = await buildAdministration(t.database.db);
    const b = await buildAdministration(t.database.db);
    await buildUnit(t.database.db, { administrationId: a.id, name: 'Centrumskolan', code: 'C1' });

    const sameName = await agent.post('/api/units', { administrationId: a.id, name: 'CENTRUMSKOLAN' });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().error).toMatchObject({ code: 'name_taken', details: [{ path: 'body.name' }] });

    const elsewhere = await agent.post('/api/units', { administrationId: b.id, name: 'Centrumskolan' });
    expect(elsewhere.statusCode).toBe(201);

    const sameCode = await agent.patch(`/api/units/${elsewhere.json().id}`, { code: 'C1' });
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().error).toMatchObject({ code: 'code_taken', details: [{ path: 'body.code' }] });
  });

  it('validates input', async () => {
    const { agent } = await admin();
    const administration = await buildAdministration(t.database.db);
    expect((await agent.post('/api/units', { name: 'Utan förvaltning' })).statusCode).toBe(400);
    expect((await agent.post('/api/units', { administrationId: administration.id, name: '' })).statusCode).toBe(400);
    expect(
      (await agent.post('/api/units', { administrationId: administration.id, name: 'X', worksWithChildren: 'yes' })).statusCode,
    ).toBe(400);
    const unknown = await agent.post('/api/units', { administrationId: '00000000-0000-4000-8000-000000000000', name: 'X' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('unknown_administration');
    const inClosed = await agent.post('/api/units', {
      administrationId: (await buildAdministration(t.database.db, { active: false })).id,
      name: 'X',
    });
    expect(inClosed.statusCode).toBe(422);
    expect(inClosed.json().error.code).toBe('administration_closed');
    expect((await agent.get('/api/units/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('closing and reopening units', () => {
  it('refuses to close a unit with current employees; ended ones do not count', async () => {
    const { agent } = await admin();
    const unit = await buildUnit(t.database.db);
    const employee = await buildEmployee(t.database.db, { unitId: unit.id, endDate: '2026-03-02' });
    await buildEmployee(t.database.db, { unitId: unit.id, endDate: '2025-12-31' });

    const refused = await agent.patch(`/api/units/${unit.id}`, { active: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('unit_has_employees');
    expect((await agent.get(`/api/units/${unit.id}`)).json()).toMatchObject({ active: true, employeeCount: 1 });

    // The end date is the last day of employment: tomorrow the employee has left.
    t.clock.set('2026-03-02T23:30:00Z'); // 00:30 on 3 March in Stockholm
    const closed = await agent.patch(`/api/units/${unit.id}`, { active: false });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ active: false, closedAt: '2026-03-02T23:30:00.000Z', employeeCount: 0 });
    expect((await auditEntriesFor(t.database.db, 'unit', unit.id)).at(-1)).toMatchObject({
      before: { active: true },
      after: { active: false },
    });
    expect(employee.id).toBeDefined();

    const reopened = await agent.patch(`/api/units/${unit.id}`, { active: true });
    expect(reopened.json()).toMatchObject({ active: true, closedAt: null });
  });

  it('does not reopen a unit in a closed administration', async () => {
    const { agent } = await admin();
    const administration = await buildAdministration(t.database.db, { active: false });
    const unit = await buildUnit(t.database.db, { administrationId: administration.id, active: false });
    const refused = await agent.patch(`/api/units/${unit.id}`, { active: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('administration_closed');
  });
});

describe('the unit list', () => {
  it('filters by administration, active and worksWithChildren, searches name and code, sorts and pages', async () => {
    const { agent } = await admin();
    const a = await buildAdministration(t.database.db, { name: 'Alfa' });
    const b = await buildAdministration(t.database.db, { name: 'Beta' });
    const preschool = await buildUnit(t.database.db, {
      administrationId: a.id,
      name: 'Förskolan Solen',
      code: 'P-03',
      worksWithChildren: true,
    });
    await buildUnit(t.database.db, {
      administrationId: a.id,
      name: 'Förskolan Månen',
      code: 'P-01',
      worksWithChildren: true,
      active: false,
    });
    await buildUnit(t.database.db, { administrationId: a.id, name: 'Bibliotek', code: 'K-07' });
    await buildUnit(t.database.db, { administrationId: b.id, name: 'Äldreboendet Eken', code: 'V-02' });
    const manager = await buildUser(t.database.db, { name: 'Sol Chef' });
    await t.database.db.insert(userRoles).values({ userId: manager.id, role: 'unit_manager', unitId: preschool.id });
    await buildEmployee(t.database.db, { unitId: preschool.id });
    await buildEmployee(t.database.db, { unitId: preschool.id });

    const names = async (query: string) =>
      (await agent.get(`/api/units${query}`)).json().items.map((u: { name: string }) => u.name);

    expect(await names('')).toEqual(['Bibliotek', 'Förskolan Månen', 'Förskolan Solen', 'Äldreboendet Eken']);
    expect(await names(`?administrationId=${b.id}`)).toEqual(['Äldreboendet Eken']);
    expect(await names('?active=true&worksWithChildren=true')).toEqual(['Förskolan Solen']);
    expect(await names('?worksWithChildren=false')).toEqual(['Bibliotek', 'Äldreboendet Eken']);
    expect(await names(`?q=${encodeURIComponent('förskolan')}`)).toEqual(['Förskolan Månen', 'Förskolan Solen']);
    expect(await names('?q=v-02')).toEqual(['Äldreboendet Eken']);
    expect(await names('?sort=code')).toEqual(['Bibliotek', 'Förskolan Månen', 'Förskolan Solen', 'Äldreboendet Eken']);
    expect(await names('?sort=-code')).toEqual(['Äldreboendet Eken', 'Förskolan Solen', 'Förskolan Månen', 'Bibliotek']);
    // Descending reverses the whole order, so one index can serve both directions.
    expect(await names('?sort=-administrationName')).toEqual([
      'Äldreboendet Eken',
      'Förskolan Solen',
      'Förskolan Månen',
      'Bibliotek',
    ]);

    const paged = (await agent.get('/api/units?pageSize=3&page=2')).json();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.items.map((u: { name: string }) => u.name)).toEqual(['Äldreboendet Eken']);

    const solen = (await agent.get('/api/units?q=solen')).json().items[0];
    expect(solen).toMatchObject({ administrationName: 'Alfa', employeeCount: 2, manager: { id: manager.id, name: 'Sol Chef' } });

    expect((await agent.get('/api/units?sort=manager')).statusCode).toBe(400);
    expect((await agent.get('/api/units?administrationId=x')).statusCode).toBe(400);
  });
});

describe('who may do what with units', () => {
  it('lets a unit manager change the details of their own unit only', async () => {
    const administration = await buildAdministration(t.database.db);
    const own = await buildUnit(t.database.db, { administrationId: administration.id, name: 'Egen' });
    const other = await buildUnit(t.database.db, { administrationId: administration.id, name: 'Annan' });
    const { agent, user } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: own.id }]);

    const renamed = await agent.patch(`/api/units/${own.id}`, { name: 'Egen enhet', worksWithChildren: true });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Egen enhet', worksWithChildren: true });

    // A form that sends every field back unchanged is fine...
    const resent = await agent.patch(`/api/units/${own.id}`, {
      administrationId: administration.id,
      name: 'Egen enhet 2',
      managerUserId: user.id,
      active: true,
    });
    expect(resent.statusCode).toBe(200);

    // ...but the unit's place, its manager and whether it is open are decided above the unit manager.
    expect((await agent.patch(`/api/units/${own.id}`, { active: false })).statusCode).toBe(403);
    expect((await agent.patch(`/api/units/${own.id}`, { managerUserId: null })).statusCode).toBe(403);
    const elsewhere = await buildAdministration(t.database.db);
    expect((await agent.patch(`/api/units/${own.id}`, { administrationId: elsewhere.id })).statusCode).toBe(403);

    const foreign = await agent.patch(`/api/units/${other.id}`, { name: 'Kapad' });
    expect(foreign.statusCode).toBe(403);
    expect((await agent.post('/api/units', { administrationId: administration.id, name: 'Ny' })).statusCode).toBe(403);
    expect((await agent.get(`/api/units/${other.id}`)).json().name).toBe('Annan');
    expect((await auditEntriesFor(t.database.db, 'unit', other.id)).length).toBe(0);
  });

  it('lets a process leader create and change units in their own administration only', async () => {
    const own = await buildAdministration(t.database.db);
    const other = await buildAdministration(t.database.db);
    const otherUnit = await buildUnit(t.database.db, { administrationId: other.id });
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: own.id }]);
    const manager = await buildUser(t.database.db);

    const created = await agent.post('/api/units', { administrationId: own.id, name: 'Ny enhet', managerUserId: manager.id });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await agent.patch(`/api/units/${id}`, { name: 'Omdöpt', managerUserId: null })).statusCode).toBe(200);
    expect((await agent.patch(`/api/units/${id}`, { active: false })).statusCode).toBe(200);
    expect((await agent.patch(`/api/units/${id}`, { active: true })).statusCode).toBe(200);

    expect((await agent.post('/api/units', { administrationId: other.id, name: 'Ny enhet' })).statusCode).toBe(403);
    expect((await agent.patch(`/api/units/${otherUnit.id}`, { name: 'Kapad' })).statusCode).toBe(403);
    // Moving a unit out of one's administration needs a say over the other one too.
    expect((await agent.patch(`/api/units/${id}`, { administrationId: other.id })).statusCode).toBe(403);
  });

  it('lets training coordinators read units but not change them, and employees not even read', async () => {
    const unit = await buildUnit(t.database.db);
    const { agent: coordinator } = await signIn(t.app, t.database.db, 'training_coordinator');
    expect((await coordinator.get('/api/units')).statusCode).toBe(200);
    expect((await coordinator.patch(`/api/units/${unit.id}`, { name: 'X' })).statusCode).toBe(403);
    const { agent: employee } = await signIn(t.app, t.database.db, 'employee');
    expect((await employee.get('/api/units')).statusCode).toBe(403);
    expect((await employee.get(`/api/units/${unit.id}`)).statusCode).toBe(403);
  });
});
