import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { buildAdministration, buildEmployee, buildUnit, buildUser, signIn } from '../../../../test/support/factories.js';
import { outbox } from '../../db/schema/index.js';
import { overviewScope } from './policy.js';
import { eq } from 'drizzle-orm';
import { trainingSettings } from '../../db/schema/index.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import { permissionsOf } from '#shared/permissions';

const t = useTestApp();

/**
 * Alfa: a1 (children, 2 current + 1 ended), a2 (1 current), a3 closed.
 * Beta: b1 (children, 1 current). Gamma: closed, no units.
 */
async function municipality() {
  const db = t.database.db;
  const alfa = await buildAdministration(db, { name: 'Alfa' });
  const beta = await buildAdministration(db, { name: 'Beta' });
  await buildAdministration(db, { name: 'Gamma', active: false });
  const a1 = await buildUnit(db, { administrationId: alfa.id, worksWithChildren: true });
  const a2 = await buildUnit(db, { administrationId: alfa.id });
  await buildUnit(db, { administrationId: alfa.id, worksWithChildren: true, active: false });
  const b1 = await buildUnit(db, { administrationId: beta.id, worksWithChildren: true });
  await buildEmployee(db, { unitId: a1.id });
  await buildEmployee(db, { unitId: a1.id, endDate: '2026-12-31' });
  await buildEmployee(db, { unitId: a1.id, endDate: '2026-03-01' });
  await buildEmployee(db, { unitId: a2.id });
  await buildEmployee(db, { unitId: b1.id });
  await db.insert(outbox).values([
    { toAddress: 'a@example.se', subject: 'Hej', body: '...' },
    { toAddress: 'b@example.se', subject: 'Hej', body: '...', status: 'sent' },
  ]);
  return { alfa, beta, a1, a2, b1 };
}

describe('the overview', () => {
  it('counts the whole municipality for an administrator, with users and pending mail', async () => {
    await municipality();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    await buildUser(t.database.db);
    const response = await agent.get('/api/overview');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      counts: { administrations: 2, units: 3, unitsWorkingWithChildren: 2, employees: 4, users: 2, pendingMail: 1 },
      training: { coursesWithoutSession: [], newUntrained: { count: 0, months: 3 } },
      // The active units that work with children and youth, none of them certified yet.
      certification: { childrenUnits: 2, missing: 2, belowThreshold: 0 },
    });
  });

  it('counts everything for a training coordinator, without users and mail', async () => {
    await municipality();
    const { agent } = await signIn(t.app, t.database.db, 'training_coordinator');
    expect((await agent.get('/api/overview')).json()).toEqual({
      counts: { administrations: 2, units: 3, unitsWorkingWithChildren: 2, employees: 4, users: null, pendingMail: null },
      training: { coursesWithoutSession: [], newUntrained: { count: 0, months: 3 } },
      // The active units that work with children and youth, none of them certified yet.
      certification: { childrenUnits: 2, missing: 2, belowThreshold: 0 },
    });
  });

  it('counts a process leader’s administration', async () => {
    const { alfa } = await municipality();
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: alfa.id }]);
    expect((await agent.get('/api/overview')).json()).toEqual({
      counts: { administrations: 1, units: 2, unitsWorkingWithChildren: 1, employees: 3, users: null, pendingMail: null },
      training: null,
      certification: { childrenUnits: 1, missing: 1, belowThreshold: 0 },
    });
  });

  it('counts a unit manager’s units', async () => {
    const { a1, b1 } = await municipality();
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: a1.id }]);
    expect((await agent.get('/api/overview')).json().counts).toEqual({
      administrations: 1,
      units: 1,
      unitsWorkingWithChildren: 1,
      employees: 2,
      users: null,
      pendingMail: null,
    });

    const { agent: both } = await signIn(t.app, t.database.db, [
      { role: 'unit_manager', unitId: b1.id },
      { role: 'process_leader', administrationId: a1.administrationId },
    ]);
    expect((await both.get('/api/overview')).json().counts).toMatchObject({ administrations: 2, units: 3, employees: 4 });
  });

  it('counts nothing for someone responsible for no part of the organisation', async () => {
    const { a1 } = await municipality();
    const self = await buildEmployee(t.database.db, { unitId: a1.id });
    const { agent } = await signIn(t.app, t.database.db, 'employee', { employeeId: self.id });
    expect((await agent.get('/api/overview')).json()).toEqual({
      counts: {
        administrations: null,
        units: null,
        unitsWorkingWithChildren: null,
        employees: null,
        users: null,
        pendingMail: null,
      },
      training: null,
      certification: null,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/overview' })).statusCode).toBe(401);
  });

  it('follows the clock: an employee whose last day has passed no longer counts', async () => {
    const { a2 } = await municipality();
    await buildEmployee(t.database.db, { unitId: a2.id, endDate: '2026-03-05' });
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    expect((await agent.get('/api/overview')).json().counts.employees).toBe(5);
    t.clock.set('2026-03-05T22:59:00Z'); // 23:59 on the last day in Stockholm
    expect((await agent.get('/api/overview')).json().counts.employees).toBe(5);
    t.clock.set('2026-03-05T23:00:00Z'); // midnight: the next day
    expect((await agent.get('/api/overview')).json().counts.employees).toBe(4);
  });
});

describe('training to plan on the start page', () => {
  it('shows coordinators the courses offered yearly without a session this year, and the new employees without training', async () => {
    const db = t.database.db;
    const { a1 } = await municipality();
    await db.update(trainingSettings).set({ newEmployeeMonths: 2 }).where(eq(trainingSettings.id, 1));
    const yearly = await buildCourse(db, { name: 'Årlig föreläsning', offeredYearly: true });
    await buildSession(db, { courseId: yearly.id, parts: [{ date: '2025-11-01' }] });
    const planned = await buildCourse(db, { name: 'Planerad', offeredYearly: true });
    await buildSession(db, { courseId: planned.id, parts: [{ date: '2026-09-01' }] });
    // Today is 2026-03-02: new means started 2025-03-03 .. 2026-01-02.
    await buildEmployee(db, { unitId: a1.id, startDate: '2025-06-01' }); // new, untrained
    await buildEmployee(db, { unitId: a1.id, startDate: '2026-01-02' }); // new, untrained (exactly two months)
    await buildEmployee(db, { unitId: a1.id, startDate: '2026-01-03' }); // too new to count yet
    await buildEmployee(db, { unitId: a1.id, startDate: '2025-03-02' }); // more than 12 months
    await buildEmployee(db, { unitId: a1.id, startDate: '2025-06-01', endDate: '2026-02-01' }); // has left
    const trained = await buildEmployee(db, { unitId: a1.id, startDate: '2025-06-01' });
    const lecture = await buildSession(db, { parts: [{ date: '2025-09-01' }] });
    await buildEnrolment(db, lecture, { employeeId: trained.id, completedOn: '2025-09-01' });
    const attended = await buildEmployee(db, { unitId: a1.id, startDate: '2025-06-01' }); // enrolled, not completed
    await buildEnrolment(db, lecture, { employeeId: attended.id });

    const { agent } = await signIn(t.app, db, 'training_coordinator');
    expect((await agent.get('/api/overview')).json().training).toEqual({
      coursesWithoutSession: [{ id: yearly.id, name: 'Årlig föreläsning' }],
      newUntrained: { count: 3, months: 2 },
    });
    const { agent: leader } = await signIn(t.app, db, [{ role: 'process_leader', administrationId: a1.administrationId }]);
    expect((await leader.get('/api/overview')).json().training).toBeNull();
  });
});

describe('overview scope', () => {
  it('is everything for access any, the administration or units otherwise', () => {
    const base = { administrationIds: ['a'], unitIds: ['u'] };
    expect(overviewScope({ ...base, permissions: permissionsOf(['training_coordinator']) })).toBeNull();
    expect(overviewScope({ ...base, permissions: permissionsOf(['process_leader']) })).toEqual({
      administrationIds: ['a'],
      unitIds: [],
    });
    expect(overviewScope({ ...base, permissions: permissionsOf(['unit_manager']) })).toEqual({
      administrationIds: [],
      unitIds: ['u'],
    });
    expect(overviewScope({ ...base, permissions: permissionsOf(['employee']) })).toBe('none');
  });
});
