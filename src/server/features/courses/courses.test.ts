import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, enrolments } from '#server/db/schema/index';
import { permissionsOf } from '#shared/permissions';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, signIn } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession, levelId } from '../../../../test/support/training.js';
import { can } from './policy.js';

const t = useTestApp();
const coordinator = () => signIn(t.app, t.database.db, 'training_coordinator');

const courseInput = async (overrides: Record<string, unknown> = {}) => ({
  name: 'HBTQ-certifiering',
  description: 'Fyra halvdagar med RFSL',
  topic: 'hbtq',
  levelId: await levelId(t.database.db, 'certification_course'),
  hours: 20,
  provider: 'RFSL',
  refresherYears: 3,
  offeredYearly: true,
  ...overrides,
});

describe('the courses policy', () => {
  it('lets everyone read courses, and only coordinators and administrators change them', () => {
    for (const role of ['employee', 'trainer', 'unit_manager', 'process_leader'] as const) {
      const actor = { permissions: permissionsOf([role]) };
      expect(can(actor, 'read'), role).toBe(true);
      expect(can(actor, 'create'), role).toBe(false);
      expect(can(actor, 'update'), role).toBe(false);
    }
    for (const role of ['training_coordinator', 'administrator'] as const) {
      expect(can({ permissions: permissionsOf([role]) }, 'update'), role).toBe(true);
    }
  });
});

describe('courses', () => {
  it('creates a course with hours stored as minutes, the default threshold, and an audit entry', async () => {
    const { agent, user } = await coordinator();
    const created = await agent.post('/api/courses', await courseInput({ hours: 2.5 }));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      name: 'HBTQ-certifiering',
      topic: 'hbtq',
      hours: 2.5,
      completionThreshold: 80,
      provider: 'RFSL',
      refresherYears: 3,
      offeredYearly: true,
      active: true,
      level: { key: 'certification_course', rank: 40 },
    });
    expect(await auditEntriesFor(t.database.db, 'course', body.id)).toMatchObject([
      { action: 'create', actorUserId: user.id, after: { name: 'HBTQ-certifiering', hours: 2.5, completionThreshold: 80 } },
    ]);
    expect((await agent.get(`/api/courses/${body.id}`)).json()).toEqual(body);
    const { courses } = await import('#server/db/schema/index');
    const [row] = await t.database.db.select().from(courses).where(eq(courses.id, body.id));
    expect(row.nominalMinutes).toBe(150);
  });

  it('refuses bad input with clear 4xx answers', async () => {
    const { agent } = await coordinator();
    const bad = async (body: Record<string, unknown>) => agent.post('/api/courses', await courseInput(body));
    const threeDecimals = await bad({ hours: 1.255 });
    expect(threeDecimals.statusCode).toBe(400);
    expect(threeDecimals.json().error.details).toMatchObject([
      { path: 'body.hours', message: 'Ange timmar med högst två decimaler.' },
    ]);
    expect((await bad({ hours: 0 })).statusCode).toBe(400);
    expect((await bad({ completionThreshold: 0 })).statusCode).toBe(400);
    expect((await bad({ completionThreshold: 101 })).statusCode).toBe(400);
    expect((await bad({ topic: 'sexuality' })).statusCode).toBe(400);
    expect((await bad({ name: '  ' })).statusCode).toBe(400);
    const unknownLevel = await bad({ levelId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownLevel.statusCode).toBe(422);
    expect(unknownLevel.json().error).toMatchObject({ code: 'unknown_level', details: [{ path: 'body.levelId' }] });

    expect((await agent.post('/api/courses', await courseInput())).statusCode).toBe(201);
    const taken = await agent.post('/api/courses', await courseInput({ name: 'hbtq-CERTIFIERING' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'name_taken', details: [{ path: 'body.name' }] });
    expect((await agent.get('/api/courses/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('lets an employee read courses but not create or change them', async () => {
    const course = await buildCourse(t.database.db, { name: 'Normkritik' });
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    expect((await agent.get('/api/courses')).json().items.map((c: { name: string }) => c.name)).toEqual(['Normkritik']);
    expect((await agent.post('/api/courses', await courseInput())).statusCode).toBe(403);
    expect((await agent.patch(`/api/courses/${course.id}`, { name: 'X' })).statusCode).toBe(403);
  });

  it('lists with search, filters, sorting and paging', async () => {
    const db = t.database.db;
    await buildCourse(db, { name: 'Föreläsning om HBTQ', topic: 'hbtq', level: 'lecture', nominalMinutes: 120 });
    await buildCourse(db, { name: 'Jämställdhet i praktiken', topic: 'gender_equality', level: 'half_day', nominalMinutes: 240 });
    await buildCourse(db, {
      name: 'HBTQ-certifiering',
      topic: 'hbtq',
      level: 'certification_course',
      nominalMinutes: 1200,
      provider: 'RFSL',
    });
    await buildCourse(db, { name: 'Gammal kurs', topic: 'own', active: false });
    const { agent } = await coordinator();
    const names = async (query: string) =>
      (await agent.get(`/api/courses${query}`)).json().items.map((c: { name: string }) => c.name);
    expect(await names('?q=hbtq')).toEqual(['Föreläsning om HBTQ', 'HBTQ-certifiering']);
    expect(await names('?q=rfsl')).toEqual(['HBTQ-certifiering']);
    expect(await names('?topic=hbtq&sort=-hours')).toEqual(['HBTQ-certifiering', 'Föreläsning om HBTQ']);
    expect(await names(`?levelId=${await levelId(db, 'half_day')}`)).toEqual(['Jämställdhet i praktiken']);
    expect(await names('?active=false')).toEqual(['Gammal kurs']);
    expect(await names('?active=true&sort=-level')).toEqual([
      'HBTQ-certifiering',
      'Jämställdhet i praktiken',
      'Föreläsning om HBTQ',
    ]);
    const paged = (await agent.get('/api/courses?pageSize=2&page=2')).json();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
    expect((await agent.get('/api/courses?sort=salary')).statusCode).toBe(400);
  });

  it('changes only the fields sent, audits the change, and re-derives completion when the threshold changes', async () => {
    const db = t.database.db;
    const course = await buildCourse(db, { nominalMinutes: 1200, completionThreshold: 80 });
    const session = await buildSession(db, {
      courseId: course.id,
      parts: ['2026-04-01', '2026-04-08', '2026-04-15', '2026-04-22'].map((date) => ({
        date,
        startTime: '08:00',
        endTime: '13:00',
      })),
    });
    const enrolment = await buildEnrolment(db, session);
    await db
      .insert(attendance)
      .values(session.parts.slice(0, 3).map((p) => ({ partId: p.id, enrolmentId: enrolment.id, status: 'present' })));
    const { agent } = await coordinator();

    const renamed = await agent.patch(`/api/courses/${course.id}`, { provider: 'RFSL Utbildning' });
    expect(renamed.json()).toMatchObject({ provider: 'RFSL Utbildning', hours: 20, completionThreshold: 80 });

    // 3 of 4 parts is 75%: completed at 75, not at 80.
    const lowered = await agent.patch(`/api/courses/${course.id}`, { completionThreshold: 75 });
    expect(lowered.statusCode).toBe(200);
    let [row] = await db.select().from(enrolments).where(eq(enrolments.id, enrolment.id));
    expect(row.completedOn).toBe('2026-04-15');
    await agent.patch(`/api/courses/${course.id}`, { completionThreshold: 90 });
    [row] = await db.select().from(enrolments).where(eq(enrolments.id, enrolment.id));
    expect(row.completedOn).toBeNull();

    const entries = await auditEntriesFor(db, 'course', course.id);
    expect(entries.map((e) => [e.before, e.after])).toEqual([
      [{ provider: null }, { provider: 'RFSL Utbildning' }],
      [{ completionThreshold: 80 }, { completionThreshold: 75 }],
      [{ completionThreshold: 75 }, { completionThreshold: 90 }],
    ]);
    // Nothing changed: nothing written.
    await agent.patch(`/api/courses/${course.id}`, { completionThreshold: 90 });
    expect(await auditEntriesFor(db, 'course', course.id)).toHaveLength(3);
  });
});

describe('training levels', () => {
  it('lists the seeded levels to everyone signed in, by rank', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    const levels = (await agent.get('/api/training-levels')).json().items;
    expect(levels.map((l: { key: string }) => l.key)).toEqual(['lecture', 'half_day', 'workshop', 'certification_course']);
    expect((await agent.post('/api/training-levels', { nameSv: 'X', nameEn: 'X', rank: 5 })).statusCode).toBe(403);
  });

  it('adds and changes levels, keeping ranks unique, and audits it', async () => {
    const { agent } = await coordinator();
    const created = await agent.post('/api/training-levels', { nameSv: 'Webbutbildning', nameEn: 'Online course', rank: 5 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'online_course', nameSv: 'Webbutbildning', rank: 5, active: true });
    const again = await agent.post('/api/training-levels', { nameSv: 'Webbkurs', nameEn: 'Online course', rank: 6 });
    expect(again.json().key).toBe('online_course_2');

    const sameRank = await agent.post('/api/training-levels', { nameSv: 'Y', nameEn: 'Y', rank: 10 });
    expect(sameRank.statusCode).toBe(409);
    expect(sameRank.json().error).toMatchObject({ code: 'rank_taken', details: [{ path: 'body.rank' }] });

    const id = created.json().id;
    const changed = await agent.patch(`/api/training-levels/${id}`, { nameEn: 'E-learning', active: false });
    expect(changed.json()).toMatchObject({ key: 'online_course', nameEn: 'E-learning', active: false });
    expect((await agent.patch(`/api/training-levels/${id}`, { rank: 20 })).statusCode).toBe(409);
    expect((await agent.patch('/api/training-levels/00000000-0000-4000-8000-000000000000', { rank: 1 })).statusCode).toBe(404);
    expect(await auditEntriesFor(t.database.db, 'training_level', id)).toMatchObject([
      { action: 'create' },
      { action: 'update', before: { nameEn: 'Online course', active: true }, after: { nameEn: 'E-learning', active: false } },
    ]);

    // A course cannot be given a retired level.
    const refused = await agent.post('/api/courses', await courseInput({ levelId: id }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('level_inactive');
  });
});
