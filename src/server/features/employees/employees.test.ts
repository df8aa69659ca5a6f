import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';
import { employeeUnitHistory, employees } from '../../db/schema/index.js';

const t = useTestApp();

const coordinator = () => signIn(t.app, t.database.db, 'training_coordinator');

/** Two administrations: Alfa with units a1 and a2, Beta with unit b1. */
async function organisation() {
  const db = t.database.db;
  const alfa = await buildAdministration(db, { name: 'Alfa' });
  const beta = await buildAdministration(db, { name: 'Beta' });
  const a1 = await buildUnit(db, { administrationId: alfa.id, name: 'A-ett' });
  const a2 = await buildUnit(db, { administrationId: alfa.id, name: 'A-två' });
  const b1 = await buildUnit(db, { administrationId: beta.id, name: 'B-ett' });
  return { alfa, beta, a1, a2, b1 };
}

async function historyRows(employeeId: string) {
  return t.database.db
    .select({ unitId: employeeUnitHistory.unitId, fromDate: employeeUnitHistory.fromDate, toDate: employeeUnitHistory.toDate })
    .from(employeeUnitHistory)
    .where(eq(employeeUnitHistory.employeeId, employeeId))
    .orderBy(asc(employeeUnitHistory.fromDate));
}

const newEmployee = (unitId: string, extra: Record<string, unknown> = {}) => ({
  employeeNumber: 'K-1001',
  firstName: 'Saga',
  lastName: 'Lind',
  email: 'Saga.Lind@Katrineholm.se',
  unitId,
  title: 'Förskollärare',
  gender: 'woman',
  startDate: '2024-08-15',
  ...extra,
});

describe('creating and changing employees', () => {
  it('creates an employee with the first history row, audited', async () => {
    const { a1 } = await organisation();
    const { agent, user } = await coordinator();
    const created = await agent.post('/api/employees', newEmployee(a1.id));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      employeeNumber: 'K-1001',
      firstName: 'Saga',
      lastName: 'Lind',
      email: 'saga.lind@katrineholm.se',
      unitId: a1.id,
      unitName: 'A-ett',
      administrationName: 'Alfa',
      title: 'Förskollärare',
      gender: 'woman',
      startDate: '2024-08-15',
      endDate: null,
      active: true,
      unitHistory: [{ unitId: a1.id, unitName: 'A-ett', administrationName: 'Alfa', fromDate: '2024-08-15', toDate: null }],
    });
    const entries = await auditEntriesFor(t.database.db, 'employee', body.id);
    expect(entries).toMatchObject([
      {
        action: 'create',
        actorUserId: user.id,
        after: { employeeNumber: 'K-1001', unitId: a1.id, startDate: '2024-08-15', gender: 'woman' },
      },
    ]);
  });

  it('answers 409 employee_number_taken on create and on change', async () => {
    const { a1 } = await organisation();
    const { agent } = await coordinator();
    await buildEmployee(t.database.db, { unitId: a1.id, employeeNumber: 'K-1001' });
    const other = await buildEmployee(t.database.db, { unitId: a1.id, employeeNumber: 'K-2002' });

    const created = await agent.post('/api/employees', newEmployee(a1.id));
    expect(created.statusCode).toBe(409);
    expect(created.json().error).toMatchObject({ code: 'employee_number_taken', details: [{ path: 'body.employeeNumber' }] });

    const changed = await agent.patch(`/api/employees/${other.id}`, { employeeNumber: 'K-1001' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('employee_number_taken');
  });

  it('validates the body, the unit and the dates', async () => {
    const { a1 } = await organisation();
    const closed = await buildUnit(t.database.db, { administrationId: a1.administrationId, active: false });
    const { agent } = await coordinator();

    const unknown = await agent.post('/api/employees', newEmployee('00000000-0000-4000-8000-000000000000'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('unknown_unit');
    const inClosed = await agent.post('/api/employees', newEmployee(closed.id));
    expect(inClosed.statusCode).toBe(422);
    expect(inClosed.json().error.code).toBe('unit_closed');

    const backwards = await agent.post('/api/employees', newEmployee(a1.id, { endDate: '2024-08-14' }), {
      headers: { 'accept-language': 'en' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toEqual([
      { path: 'body.endDate', message: 'The end date cannot be before the start date.' },
    ]);

    for (const bad of [{ gender: 'other' }, { email: 'not an email' }, { startDate: '2024-02-30' }, { employeeNumber: ' ' }]) {
      expect((await agent.post('/api/employees', newEmployee(a1.id, bad))).statusCode).toBe(400);
    }
    expect((await agent.get('/api/employees')).json().total).toBe(0);
  });

  it('changes only the fields sent and audits just those', async () => {
    const { a1 } = await organisation();
    const { agent } = await coordinator();
    const employee = await buildEmployee(t.database.db, { unitId: a1.id, gender: 'man', title: 'Lärare' });
    t.clock.advance(60_000);

    const changed = await agent.patch(`/api/employees/${employee.id}`, { title: 'Rektor' });
    expect(changed.statusCode).toBe(200);
    // Gender stays: a default in the update body would have reset it to not_stated.
    expect(changed.json()).toMatchObject({ title: 'Rektor', gender: 'man', updatedAt: '2026-03-02T09:01:00.000Z' });
    const entries = await auditEntriesFor(t.database.db, 'employee', employee.id);
    expect(entries.filter((e) => e.action === 'update')).toMatchObject([
      { before: { title: 'Lärare' }, after: { title: 'Rektor' } },
    ]);
    expect(Object.keys(entries.at(-1)!.after as object)).toEqual(['title']);
  });

  it('ends an employment with an end date, and undoes it', async () => {
    const { a1 } = await organisation();
    const { agent } = await coordinator();
    const employee = await buildEmployee(t.database.db, { unitId: a1.id, startDate: '2020-01-01' });

    const ended = await agent.patch(`/api/employees/${employee.id}`, { endDate: '2026-02-28' });
    expect(ended.json()).toMatchObject({ endDate: '2026-02-28', active: false });
    expect((await agent.get('/api/employees')).json().total).toBe(0);
    expect((await agent.get('/api/employees?status=ended')).json().items.map((e: { id: string }) => e.id)).toEqual([employee.id]);
    // Ending does not touch the unit history.
    expect(await historyRows(employee.id)).toEqual([{ unitId: a1.id, fromDate: '2020-01-01', toDate: null }]);

    const tooEarly = await agent.patch(`/api/employees/${employee.id}`, { endDate: '2019-12-31' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.details).toEqual([
      { path: 'body.endDate', message: 'Slutdatum kan inte vara före startdatum.' },
    ]);

    const undone = await agent.patch(`/api/employees/${employee.id}`, { endDate: null });
    expect(undone.json()).toMatchObject({ endDate: null, active: true });
  });

  it('answers 404 for an employee that does not exist', async () => {
    const { agent } = await coordinator();
    expect((await agent.get('/api/employees/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await agent.patch('/api/employees/00000000-0000-4000-8000-000000000000', { title: 'X' })).statusCode).toBe(404);
    expect((await agent.get('/api/employees/123')).statusCode).toBe(400);
  });
});

describe('moving an employee to another unit', () => {
  it('closes the open history row the day before the move and opens a new one', async () => {
    const { a1, a2, b1 } = await organisation();
    const { agent } = await coordinator();
    const employee = await buildEmployee(t.database.db, { unitId: a1.id, startDate: '2020-01-01' });

    const moved = await agent.patch(`/api/employees/${employee.id}`, { unitId: a2.id, movedOn: '2026-02-01' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      unitId: a2.id,
      unitName: 'A-två',
      unitHistory: [
        { unitId: a1.id, fromDate: '2020-01-01', toDate: '2026-01-31' },
        { unitId: a2.id, fromDate: '2026-02-01', toDate: null },
      ],
    });
    const entries = await auditEntriesFor(t.database.db, 'employee', employee.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'update',
      before: { unitId: a1.id },
      after: { unitId: a2.id, movedOn: '2026-02-01' },
    });

    // Without movedOn the move is today in Stockholm: 23:30 UTC on 1 March is already 2 March there.
    t.clock.set('2026-03-01T23:30:00Z');
    const again = await agent.patch(`/api/employees/${employee.id}`, { unitId: b1.id });
    expect(again.json()).toMatchObject({ unitId: b1.id, administrationName: 'Beta' });
    expect(await historyRows(employee.id)).toEqual([
      { unitId: a1.id, fromDate: '2020-01-01', toDate: '2026-01-31' },
      { unitId: a2.id, fromDate: '2026-02-01', toDate: '2026-03-01' },
      { unitId: b1.id, fromDate: '2026-03-02', toDate: null },
    ]);
  });

  it('refuses moves that would rewrite the history, and changes nothing then', async () => {
    const { a1, a2 } = await organisation();
    const closed = await buildUnit(t.database.db, { administrationId: a1.administrationId, active: false });
    const { agent } = await coordinator();
    const employee = await buildEmployee(t.database.db, { unitId: a1.id, startDate: '2025-06-01' });
    const ending = await buildEmployee(t.database.db, { unitId: a1.id, startDate: '2020-01-01', endDate: '2025-12-31' });

    const attempts: [string, Record<string, unknown>, number, string][] = [
      [employee.id, { unitId: a2.id, movedOn: '2026-03-03' }, 422, 'moved_in_future'],
      [employee.id, { unitId: a2.id, movedOn: '2025-05-31' }, 422, 'moved_before_start'],
      [employee.id, { unitId: a2.id, movedOn: '2025-06-01' }, 422, 'moved_before_current_unit'],
      [employee.id, { unitId: closed.id, movedOn: '2026-01-01' }, 422, 'unit_closed'],
      [employee.id, { unitId: '00000000-0000-4000-8000-000000000000' }, 422, 'unknown_unit'],
      [ending.id, { unitId: a2.id }, 422, 'moved_after_end'],
      [employee.id, { unitId: a2.id, movedOn: '1 mars' }, 400, 'validation_failed'],
    ];
    for (const [id, body, status, code] of attempts) {
      const response = await agent.patch(`/api/employees/${id}`, body);
      expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    }
    expect(await historyRows(employee.id)).toEqual([{ unitId: a1.id, fromDate: '2025-06-01', toDate: null }]);
    expect(await historyRows(ending.id)).toEqual([{ unitId: a1.id, fromDate: '2020-01-01', toDate: null }]);
  });

  it('moves and changes other fields in one transaction: all or nothing', async () => {
    const { a1, a2 } = await organisation();
    const { agent } = await coordinator();
    await buildEmployee(t.database.db, { unitId: a1.id, employeeNumber: 'TAGEN' });
    const employee = await buildEmployee(t.database.db, { unitId: a1.id, startDate: '2020-01-01' });

    const failed = await agent.patch(`/api/employees/${employee.id}`, {
      unitId: a2.id,
      movedOn: '2026-01-01',
      employeeNumber: 'TAGEN',
    });
    expect(failed.statusCode).toBe(409);
    expect(await historyRows(employee.id)).toEqual([{ unitId: a1.id, fromDate: '2020-01-01', toDate: null }]);
    const [row] = await t.database.db.select().from(employees).where(eq(employees.id, employee.id));
    expect(row.unitId).toBe(a1.id);
    expect((await auditEntriesFor(t.database.db, 'employee', employee.id)).filter((e) => e.action === 'update')).toEqual([]);
  });
});

describe('the employee list', () => {
  async function staff() {
    const org = await organisation();
    const db = t.database.db;
    const saga = await buildEmployee(db, {
      unitId: org.a1.id,
      employeeNumber: 'K-0003',
      firstName: 'Saga',
      lastName: 'Lind',
      email: 'saga.lind@example.se',
      startDate: '2021-05-01',
    });
    const anna = await buildEmployee(db, {
      unitId: org.a2.id,
      employeeNumber: 'K-0001',
      firstName: 'Anna',
      lastName: 'Andersson',
      email: 'a.andersson@example.se',
      startDate: '2019-01-01',
    });
    const bo = await buildEmployee(db, {
      unitId: org.b1.id,
      employeeNumber: 'K-0002',
      firstName: 'Bo',
      lastName: 'Andersson',
      email: 'bo@example.se',
      startDate: '2023-09-01',
    });
    const gone = await buildEmployee(db, {
      unitId: org.a1.id,
      employeeNumber: 'K-0004',
      firstName: 'Göran',
      lastName: 'Ek',
      email: null,
      startDate: '2010-01-01',
      endDate: '2025-06-30',
    });
    return { ...org, saga, anna, bo, gone };
  }

  const names = (body: { items: { firstName: string }[] }) => body.items.map((e) => e.firstName);

  it('searches name, email and employee number, word by word', async () => {
    await staff();
    const { agent } = await coordinator();
    const search = async (q: string) => names((await agent.get(`/api/employees?q=${encodeURIComponent(q)}`)).json());
    expect(await search('andersson')).toEqual(['Anna', 'Bo']);
    expect(await search('ANNA ANDERS')).toEqual(['Anna']);
    expect(await search('saga.lind@')).toEqual(['Saga']);
    expect(await search('k-0002')).toEqual(['Bo']);
    expect(await search('nobody')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('sorts by each key, both ways, and pages', async () => {
    await staff();
    const { agent } = await coordinator();
    const sorted = async (sort: string) => names((await agent.get(`/api/employees?sort=${sort}`)).json());
    expect(await sorted('lastName')).toEqual(['Anna', 'Bo', 'Saga']);
    expect(await sorted('-lastName')).toEqual(['Saga', 'Bo', 'Anna']);
    expect(await sorted('firstName')).toEqual(['Anna', 'Bo', 'Saga']);
    expect(await sorted('employeeNumber')).toEqual(['Anna', 'Bo', 'Saga']);
    expect(await sorted('-employeeNumber')).toEqual(['Saga', 'Bo', 'Anna']);
    expect(await sorted('startDate')).toEqual(['Anna', 'Saga', 'Bo']);
    expect(await sorted('unitName')).toEqual(['Saga', 'Anna', 'Bo']);
    expect((await agent.get('/api/employees?sort=gender')).statusCode).toBe(400);

    const second = (await agent.get('/api/employees?pageSize=2&page=2')).json();
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(names(second)).toEqual(['Saga']);
    expect((await agent.get('/api/employees?pageSize=201')).statusCode).toBe(400);
  });

  it('filters by administration, unit and status', async () => {
    const { alfa, a1 } = await staff();
    const { agent } = await coordinator();
    expect(names((await agent.get(`/api/employees?administrationId=${alfa.id}`)).json())).toEqual(['Anna', 'Saga']);
    expect(names((await agent.get(`/api/employees?unitId=${a1.id}`)).json())).toEqual(['Saga']);
    expect(names((await agent.get(`/api/employees?unitId=${a1.id}&status=all`)).json())).toEqual(['Göran', 'Saga']);
    expect(names((await agent.get('/api/employees?status=ended')).json())).toEqual(['Göran']);
    expect(names((await agent.get('/api/employees?status=all&sort=startDate')).json())).toEqual(['Göran', 'Anna', 'Saga', 'Bo']);
    expect((await agent.get('/api/employees?status=gone')).statusCode).toBe(400);
  });

  it('follows an employee who changes unit, and a unit that moves to another administration', async () => {
    const { alfa, beta, a1, b1 } = await staff();
    const { agent } = await coordinator();
    const inAlfa = async () => names((await agent.get(`/api/employees?administrationId=${alfa.id}`)).json());
    const inBeta = async () => names((await agent.get(`/api/employees?administrationId=${beta.id}`)).json());
    const [saga] = (await agent.get(`/api/employees?unitId=${a1.id}`)).json().items;
    expect((await agent.patch(`/api/employees/${saga.id}`, { unitId: b1.id, movedOn: '2026-03-02' })).statusCode).toBe(200);
    expect(await inAlfa()).toEqual(['Anna']);
    expect(await inBeta()).toEqual(['Bo', 'Saga']);

    const admin = await signIn(t.app, t.database.db, 'administrator');
    expect((await admin.agent.patch(`/api/units/${b1.id}`, { administrationId: alfa.id })).statusCode).toBe(200);
    expect(await inAlfa()).toEqual(['Anna', 'Bo', 'Saga']);
    expect(await inBeta()).toEqual([]);
  });
});

describe('who sees which employees', () => {
  it('shows a unit manager only the employees of their units, and hides the others as not found', async () => {
    const { beta, a1, b1 } = await organisation();
    const mine = await buildEmployee(t.database.db, { unitId: a1.id, gender: 'woman' });
    const theirs = await buildEmployee(t.database.db, { unitId: b1.id });
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: a1.id }]);

    const list = (await agent.get('/api/employees')).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    expect(list.total).toBe(1);
    // Asking for another unit or administration gives nothing, not an error that confirms it.
    expect((await agent.get(`/api/employees?unitId=${b1.id}`)).json().total).toBe(0);
    expect((await agent.get(`/api/employees?administrationId=${beta.id}`)).json().total).toBe(0);

    const own = await agent.get(`/api/employees/${mine.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().gender).toBeNull();
    const hidden = await agent.get(`/api/employees/${theirs.id}`);
    const missing = await agent.get('/api/employees/00000000-0000-4000-8000-000000000000');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());

    expect((await agent.patch(`/api/employees/${mine.id}`, { title: 'X' })).statusCode).toBe(403);
    expect((await agent.patch(`/api/employees/${theirs.id}`, { title: 'X' })).statusCode).toBe(403);
    expect((await agent.post('/api/employees', newEmployee(a1.id))).statusCode).toBe(403);
  });

  it('shows a process leader their administration only', async () => {
    const { alfa, a1, a2, b1 } = await organisation();
    const one = await buildEmployee(t.database.db, { unitId: a1.id });
    const two = await buildEmployee(t.database.db, { unitId: a2.id });
    const other = await buildEmployee(t.database.db, { unitId: b1.id });
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: alfa.id }]);

    const list = (await agent.get('/api/employees?sort=employeeNumber')).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([one.id, two.id]);
    expect(list.items.every((e: { gender: unknown }) => e.gender === null)).toBe(true);
    expect((await agent.get(`/api/employees/${two.id}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/employees/${other.id}`)).statusCode).toBe(404);
  });

  it('combines the scopes of someone who leads one administration and manages a unit in another', async () => {
    const { alfa, a1, a2, b1 } = await organisation();
    const inAlfa = await buildEmployee(t.database.db, { unitId: a2.id });
    const inB1 = await buildEmployee(t.database.db, { unitId: b1.id });
    await buildEmployee(t.database.db, {
      unitId: (await buildUnit(t.database.db, { administrationId: b1.administrationId })).id,
    });
    const { agent } = await signIn(t.app, t.database.db, [
      { role: 'process_leader', administrationId: alfa.id },
      { role: 'unit_manager', unitId: b1.id },
    ]);
    const ids = (await agent.get('/api/employees?sort=employeeNumber')).json().items.map((e: { id: string }) => e.id);
    expect(ids).toEqual([inAlfa.id, inB1.id]);
    expect(a1.id).toBeDefined();
  });

  it('shows an employee only themselves, and a user without an employee record nobody', async () => {
    const { a1 } = await organisation();
    const self = await buildEmployee(t.database.db, { unitId: a1.id, gender: 'man' });
    const colleague = await buildEmployee(t.database.db, { unitId: a1.id });
    const { agent } = await signIn(t.app, t.database.db, 'employee', { employeeId: self.id });

    const list = (await agent.get(`/api/employees?unitId=${a1.id}`)).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([self.id]);
    const own = await agent.get(`/api/employees/${self.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: self.id, gender: null, unitHistory: [{ unitId: a1.id }] });
    expect((await agent.get(`/api/employees/${colleague.id}`)).statusCode).toBe(404);
    expect((await agent.patch(`/api/employees/${self.id}`, { title: 'Chef' })).statusCode).toBe(403);

    const { agent: unlinked } = await signIn(t.app, t.database.db, 'employee');
    expect((await unlinked.get('/api/employees')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('shows gender to administrators and training coordinators only', async () => {
    const { a1 } = await organisation();
    const employee = await buildEmployee(t.database.db, { unitId: a1.id, gender: 'woman' });
    for (const role of ['administrator', 'training_coordinator'] as const) {
      const { agent } = await signIn(t.app, t.database.db, role);
      expect((await agent.get(`/api/employees/${employee.id}`)).json().gender).toBe('woman');
      expect((await agent.get('/api/employees')).json().items[0].gender).toBe('woman');
    }
  });

  it('refuses trainers and activity hosts, and strangers', async () => {
    for (const role of ['trainer', 'activity_host'] as const) {
      const { agent } = await signIn(t.app, t.database.db, role);
      expect((await agent.get('/api/employees')).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/employees' })).statusCode).toBe(401);
  });
});

describe('reads of employees are audited', () => {
  it('records a list read with the filter used and who was shown, never the rows', async () => {
    const { a1 } = await organisation();
    const shown = await buildEmployee(t.database.db, {
      unitId: a1.id,
      firstName: 'Hemlig',
      lastName: 'Person',
      email: 'hemlig@example.se',
    });
    const { agent, user } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: a1.id }]);

    expect((await agent.get(`/api/employees?q=hem&unitId=${a1.id}&sort=-startDate&pageSize=10`)).json().total).toBe(1);
    const entries = await auditEntriesFor(t.database.db, 'employee', null);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'read', actorUserId: user.id, entityId: null, before: null });
    expect(entries[0].after).toEqual({
      q: 'hem',
      administrationId: null,
      unitId: a1.id,
      status: 'current',
      sort: '-startDate',
      page: 1,
      pageSize: 10,
      ids: [shown.id],
    });
    expect(JSON.stringify(entries[0])).not.toMatch(/Hemlig|hemlig@/);
  });

  it('records each read of one employee, and none for one outside the scope', async () => {
    const { a1, b1 } = await organisation();
    const mine = await buildEmployee(t.database.db, { unitId: a1.id });
    const theirs = await buildEmployee(t.database.db, { unitId: b1.id });
    const { agent, user } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: a1.id }]);

    await agent.get(`/api/employees/${mine.id}`);
    await agent.get(`/api/employees/${mine.id}`);
    await agent.get(`/api/employees/${theirs.id}`);
    const reads = (await auditEntriesFor(t.database.db, 'employee')).filter((e) => e.action === 'read');
    expect(reads).toMatchObject([
      { actorUserId: user.id, entityId: mine.id, at: new Date('2026-03-02T09:00:00Z') },
      { actorUserId: user.id, entityId: mine.id },
    ]);
  });
});
