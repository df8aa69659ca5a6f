import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessionEligibility } from '#server/db/schema/index';
import type { CertificationProcess, Scheme } from '#shared/contracts/certification';
import { useTestApp } from '../../../../test/support/app.js';
import { buildAdministration, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';

/**
 * A process's page (GET /api/certification/processes/:id) is cached per process and day, validated by
 * the data versions of every family it reads (docs/decisions/0012). These tests write behind the
 * application's back (raw SQL, as psql or another process would) to each family the checklist and the
 * group depend on, and expect the very next answer to show it; and they expect the policy to be asked
 * on every request, whoever filled the cache.
 */

const t = useTestApp();
const db = () => t.database.db;

/**
 * On 2 March 2026: a unit of four staff, two of whom completed the course; a session held for the
 * unit; a scheme with a criterion of every kind; the unit's open process with a group of two.
 */
async function processOfEveryKind() {
  const { agent } = await signIn(t.app, db(), 'administrator');
  const administration = await buildAdministration(db(), { name: 'Kultur- och fritidsförvaltningen' });
  const unit = await buildUnit(db(), { administrationId: administration.id, name: 'Fritidsgården Ekbacken' });
  const other = await buildUnit(db(), { administrationId: administration.id, name: 'Biblioteket' });
  const course = await buildCourse(db(), { name: 'HBTQ-certifiering', level: 'certification_course' });
  const session = await buildSession(db(), { courseId: course.id, parts: [{ date: '2026-02-01' }], eligibility: 'restricted' });
  await db().insert(sessionEligibility).values({ sessionId: session.id, unitId: unit.id });
  const staff = [];
  for (let i = 0; i < 4; i++) staff.push(await buildEmployee(db(), { unitId: unit.id, firstName: 'Åsa', lastName: `Ek ${i}` }));
  const enrolled = [];
  for (const [i, person] of staff.entries())
    enrolled.push(
      await buildEnrolment(db(), session, {
        employeeId: person.id,
        completedOn: i < 2 ? '2026-02-01' : null,
        attendedMinutes: i < 2 ? 240 : 0,
      }),
    );
  const created = await agent.post('/api/certification-schemes', {
    name: 'HBTQ-certifiering',
    issuer: 'RFSL',
    validityYears: 3,
    criteria: [
      { kind: 'course_share', label: 'Utbildad personal', courseId: course.id, threshold: 75 },
      { kind: 'sessions_held', label: 'Utbildningstillfällen', threshold: 1 },
      { kind: 'working_group', label: 'HBTQ-grupp', threshold: 2 },
      { kind: 'confirmed', label: 'Rutin för nyanställda' },
      { kind: 'action_plan', label: 'HBTQ-handlingsplan', planArea: 'hbtq' },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  const scheme = created.json() as Scheme;
  const opened = await agent.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id });
  expect(opened.statusCode, opened.body).toBe(201);
  const process = opened.json() as CertificationProcess;
  const group = await agent.put(`/api/certification/processes/${process.id}/group`, { employeeIds: [staff[0].id, staff[1].id] });
  expect(group.statusCode, group.body).toBe(200);
  const criterion = (kind: string) => scheme.criteria.find((c) => c.kind === kind)!;
  const read = async (who = agent) => {
    const response = await who.get(`/api/certification/processes/${process.id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as CertificationProcess;
  };
  return { agent, administration, unit, other, course, session, staff, enrolled, scheme, process, criterion, read };
}

const item = (process: CertificationProcess, kind: string) => process.checklist.find((c) => c.kind === kind)!;
const values = (process: CertificationProcess) =>
  Object.fromEntries(process.checklist.map((c) => [c.kind, c.kind === 'confirmed' ? c.met : [c.value, c.of, c.met]]));

describe('the cached process page', () => {
  it('answers the same from the cache as from the database', async () => {
    const { read } = await processOfEveryKind();
    const first = await read();
    expect(values(first)).toEqual({
      course_share: [2, 4, false],
      sessions_held: [1, null, true],
      working_group: [2, null, true],
      confirmed: false,
      action_plan: [0, null, false],
    });
    expect(await read()).toEqual(first);
  });

  it('shows a write in raw SQL to each family it reads at the very next request', async () => {
    const { unit, course, session, staff, enrolled, process, criterion, read } = await processOfEveryKind();
    expect(values(await read())).toMatchObject({ course_share: [2, 4, false] });
    await read();

    // training: a completion
    await db().execute(
      sql`update enrolments set completed_on = '2026-02-01', attended_minutes = 240 where id = ${enrolled[2].id}`,
    );
    expect(item(await read(), 'course_share')).toMatchObject({ value: 3, of: 4, met: true });

    // organisation: a staff member of the group leaves the unit
    await db().execute(sql`update employees set end_date = '2026-03-01' where id = ${staff[0].id}`);
    let page = await read();
    expect(item(page, 'course_share')).toMatchObject({ value: 2, of: 3, met: false });
    expect(item(page, 'working_group')).toMatchObject({ value: 1, met: false });
    expect(page.group.find((m) => m.employeeId === staff[0].id)?.current).toBe(false);

    // certification: a group member named
    await db().execute(
      sql`insert into certification_group_members (process_id, employee_id) values (${process.id}, ${staff[2].id})`,
    );
    page = await read();
    expect(page.group).toHaveLength(3);
    expect(item(page, 'working_group')).toMatchObject({ value: 2, met: true });

    // certification: a confirmation
    await db().execute(sql`
      insert into certification_confirmations (process_id, criterion_id, evidence, confirmed_by_name)
      values (${process.id}, ${criterion('confirmed').id}, 'Antagen av ledningsgruppen.', 'Psql')`);
    expect(item(await read(), 'confirmed')).toMatchObject({
      met: true,
      confirmation: { evidence: 'Antagen av ledningsgruppen.' },
    });

    // plans: an adopted plan of the unit for the year
    await db().execute(sql`
      insert into action_plans (series_id, version, scope, unit_id, area, name, start_year, end_year, status, adopted_on)
      values (${randomUUID()}, 1, 'unit', ${unit.id}, 'hbtq', 'Handlingsplan', 2026, 2027, 'adopted', '2026-02-20')`);
    expect(item(await read(), 'action_plan')).toMatchObject({ value: 1, met: true });

    // training: the session cancelled, the course renamed
    await db().execute(sql`update training_sessions set status = 'cancelled' where id = ${session.id}`);
    expect(item(await read(), 'sessions_held')).toMatchObject({ value: 0, met: false });
    await db().execute(sql`update courses set name = 'HBTQ-diplomering' where id = ${course.id}`);
    expect(item(await read(), 'course_share').courseName).toBe('HBTQ-diplomering');

    // certification: a criterion relabelled; organisation: the unit renamed
    await db().execute(sql`update certification_criteria set label = 'Rutin' where id = ${criterion('confirmed').id}`);
    expect(item(await read(), 'confirmed').label).toBe('Rutin');
    await db().execute(sql`update units set name = 'Ungdomens hus' where id = ${unit.id}`);
    expect((await read()).unitName).toBe('Ungdomens hus');
  });

  it('shows a change of another day: the key holds the day in Stockholm', async () => {
    const { staff, read } = await processOfEveryKind();
    await db().execute(sql`update employees set end_date = '2026-03-02' where id = ${staff[3].id}`);
    expect(item(await read(), 'course_share')).toMatchObject({ value: 2, of: 4 });
    t.clock.set('2026-03-02T23:30:00Z'); // 00:30 on 3 March in Stockholm
    expect(item(await read(), 'course_share')).toMatchObject({ value: 2, of: 3 });
  });

  it('serves nothing from the cache while a family has no version row', async () => {
    const { enrolled, read } = await processOfEveryKind();
    await read();
    await read();
    // Writes that no trigger sees (replica mode) while the training family's row is gone: only an
    // answer read from the database can show them.
    const unseen = async (enrolmentId: string) =>
      db().transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`delete from data_versions where family = 'training'`);
        await tx.execute(
          sql`update enrolments set completed_on = '2026-02-01', attended_minutes = 240 where id = ${enrolmentId}`,
        );
      });
    await unseen(enrolled[2].id);
    expect(item(await read(), 'course_share')).toMatchObject({ value: 3 });
    await unseen(enrolled[3].id);
    expect(item(await read(), 'course_share')).toMatchObject({ value: 4 });
    // The next write puts the row back.
    await db().execute(sql`update enrolments set completed_on = null where id = ${enrolled[3].id}`);
    const versions = await db().execute<{ family: string }>(sql`select family from data_versions where family = 'training'`);
    expect(versions.rows).toHaveLength(1);
    expect(item(await read(), 'course_share')).toMatchObject({ value: 3 });
    expect(item(await read(), 'course_share')).toMatchObject({ value: 3 });
  });

  it('asks the policy on every request: a cached page is refused to whoever may not see it', async () => {
    const { unit, other, process, read } = await processOfEveryKind();
    await read();
    const otherManager = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: other.id }]);
    const manager = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    const nobody = await signIn(t.app, db(), 'employee');
    for (let round = 0; round < 2; round++) {
      expect((await otherManager.agent.get(`/api/certification/processes/${process.id}`)).statusCode).toBe(404);
      expect((await nobody.agent.get(`/api/certification/processes/${process.id}`)).statusCode).toBe(403);
      expect((await read(manager.agent)).id).toBe(process.id);
    }
    // A role moved to another unit in raw SQL: the page is refused at the next request.
    const third = await buildUnit(db(), { administrationId: unit.administrationId });
    await db().execute(sql`update user_roles set unit_id = ${third.id} where user_id = ${manager.user.id}`);
    expect((await manager.agent.get(`/api/certification/processes/${process.id}`)).statusCode).toBe(404);
    // An id that names no process is 404.
    expect((await manager.agent.get(`/api/certification/processes/${randomUUID()}`)).statusCode).toBe(404);
  });
});
