import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, enrolments, outbox, sessionParts, users } from '#server/db/schema/index';
import { permissionsOf } from '#shared/permissions';
import { useTestApp } from '../../../../test/support/app.js';
import {
  auditEntriesFor,
  buildAdministration,
  buildEmployee,
  buildUnit,
  buildUser,
  signIn,
} from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import { can } from './policy.js';

const t = useTestApp();
const coordinator = () => signIn(t.app, t.database.db, 'training_coordinator');
const trainer = (name = 'Tove Utbildare') => buildUser(t.database.db, { name, roles: [{ role: 'trainer' }] });

const twoParts = [
  { date: '2026-04-15', startTime: '13:00', endTime: '16:30', place: 'Perrongen' },
  { date: '2026-04-08', startTime: '08:30', endTime: '12:00', place: 'Stadshuset' },
];

let planned = 0;
async function plan(agent: Awaited<ReturnType<typeof coordinator>>['agent'], overrides: Record<string, unknown> = {}) {
  const course = await buildCourse(t.database.db, { name: `HBTQ grund ${++planned}` });
  return agent.post('/api/training-sessions', { courseId: course.id, capacity: 10, parts: twoParts, ...overrides });
}

const mails = () => t.database.db.select().from(outbox).orderBy(outbox.createdAt, outbox.id);

/** An employee enrolled or waiting on the session at the given minute of the queue. */
async function place(session: { id: string; courseId: string }, status: 'enrolled' | 'waiting', minute: number, email?: string) {
  const employee = await buildEmployee(t.database.db, email ? { email } : {});
  const at = new Date(Date.UTC(2026, 2, 1, 9, minute));
  return buildEnrolment(t.database.db, session, {
    employeeId: employee.id,
    status,
    queuedAt: at,
    enrolledAt: status === 'enrolled' ? at : null,
  });
}

describe('the sessions policy', () => {
  it('lets everyone read sessions, and only coordinators and administrators plan and change them', () => {
    for (const role of ['employee', 'trainer', 'unit_manager', 'process_leader'] as const) {
      const actor = { permissions: permissionsOf([role]) };
      expect(can(actor, 'read'), role).toBe(true);
      expect(can(actor, 'create'), role).toBe(false);
      expect(can(actor, 'update'), role).toBe(false);
    }
    expect(can({ permissions: permissionsOf(['training_coordinator']) }, 'update')).toBe(true);
  });
});

describe('planning a session', () => {
  it('derives the dates and minutes from the parts, orders the parts in time, and audits it', async () => {
    const { agent, user } = await coordinator();
    const tove = await trainer();
    const created = await plan(agent, { title: 'Våren', trainerIds: [tove.id, tove.id] });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      courseName: expect.stringMatching(/^HBTQ grund \d+$/),
      title: 'Våren',
      capacity: 10,
      status: 'planned',
      eligibility: 'everyone',
      startsOn: '2026-04-08',
      endsOn: '2026-04-15',
      totalMinutes: 420,
      trainers: [{ id: tove.id, name: 'Tove Utbildare' }],
      enrolledCount: 0,
      waitingCount: 0,
    });
    expect(body.parts).toMatchObject([
      { position: 1, date: '2026-04-08', startTime: '08:30', endTime: '12:00', place: 'Stadshuset' },
      { position: 2, date: '2026-04-15', startTime: '13:00', endTime: '16:30', place: 'Perrongen' },
    ]);
    expect(await auditEntriesFor(t.database.db, 'training_session', body.id)).toMatchObject([
      { action: 'create', actorUserId: user.id, after: { capacity: 10, trainerIds: [tove.id], eligibility: 'everyone' } },
    ]);
    expect((await agent.get(`/api/training-sessions/${body.id}`)).json()).toEqual(body);
  });

  it('refuses bad input with clear 4xx answers', async () => {
    const { agent } = await coordinator();
    const status = async (overrides: Record<string, unknown>) => (await plan(agent, overrides)).statusCode;
    expect(await status({ capacity: 0 })).toBe(400);
    expect(await status({ parts: [] })).toBe(400);
    expect(await status({ parts: Array.from({ length: 21 }, () => twoParts[0]) })).toBe(400);
    expect(await status({ parts: [{ date: '2026-04-01', startTime: '9:00', endTime: '12:00' }] })).toBe(400);
    const backwards = await plan(agent, { parts: [{ date: '2026-04-01', startTime: '12:00', endTime: '12:00' }] });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toMatchObject([
      { path: 'body.parts.0.endTime', message: 'Sluttiden måste vara efter starttiden.' },
    ]);
    const restricted = await plan(agent, { eligibility: 'restricted' });
    expect(restricted.statusCode).toBe(400);
    expect(restricted.json().error.details).toMatchObject([{ path: 'body.eligibility' }]);

    const notATrainer = await buildUser(t.database.db, { roles: [{ role: 'employee' }] });
    const inactive = await buildUser(t.database.db, { roles: [{ role: 'trainer' }], active: false });
    for (const id of [notATrainer.id, inactive.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await plan(agent, { trainerIds: [id] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({
        code: 'not_a_trainer',
        message: 'Utbildare måste vara aktiva användare med rollen utbildare.',
        details: [{ path: 'body.trainerIds' }],
      });
    }
    const unknownCourse = await agent.post('/api/training-sessions', {
      courseId: '00000000-0000-4000-8000-000000000000',
      capacity: 5,
      parts: twoParts,
    });
    expect(unknownCourse.statusCode).toBe(422);
    expect(unknownCourse.json().error.code).toBe('unknown_course');
    const retired = await buildCourse(t.database.db, { active: false });
    expect(
      (await agent.post('/api/training-sessions', { courseId: retired.id, capacity: 5, parts: twoParts })).json().error.code,
    ).toBe('course_inactive');
    const unknownUnit = await plan(agent, { eligibility: 'restricted', unitIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknownUnit.statusCode).toBe(422);
    expect(unknownUnit.json().error.code).toBe('unknown_unit');
  });

  it('restricts sign-up to chosen administrations and units', async () => {
    const { agent } = await coordinator();
    const administration = await buildAdministration(t.database.db, { name: 'Socialförvaltningen' });
    const unit = await buildUnit(t.database.db, { name: 'Fritidsgården' });
    const created = await plan(agent, { eligibility: 'restricted', administrationIds: [administration.id], unitIds: [unit.id] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      eligibility: 'restricted',
      eligibleAdministrationIds: [administration.id],
      eligibleUnitIds: [unit.id],
      eligibleAdministrations: [{ name: 'Socialförvaltningen' }],
      eligibleUnits: [{ name: 'Fritidsgården' }],
    });
    const opened = await agent.patch(`/api/training-sessions/${created.json().id}`, { eligibility: 'everyone' });
    expect(opened.json()).toMatchObject({ eligibility: 'everyone', eligibleAdministrationIds: [], eligibleUnitIds: [] });
    const empty = await agent.patch(`/api/training-sessions/${created.json().id}`, { eligibility: 'restricted' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('eligibility_needs_scope');
  });

  it('lets everyone read sessions, and only the permitted plan them', async () => {
    const session = await buildSession(t.database.db);
    for (const role of ['employee', 'trainer'] as const) {
      const { agent } = await signIn(t.app, t.database.db, role);
      expect((await agent.get('/api/training-sessions')).json().total).toBe(1);
      expect((await agent.get(`/api/training-sessions/${session.id}`)).statusCode).toBe(200);
      expect((await plan(agent)).statusCode).toBe(403);
      expect((await agent.patch(`/api/training-sessions/${session.id}`, { capacity: 30 })).statusCode).toBe(403);
      expect((await agent.post(`/api/training-sessions/${session.id}/cancel`, { reason: 'Nej' })).statusCode).toBe(403);
    }
  });
});

describe('the list of sessions', () => {
  it('filters by course, period, status and trainer, with enrolled and waiting counts', async () => {
    const db = t.database.db;
    const course = await buildCourse(db);
    const march = await buildSession(db, { courseId: course.id, parts: [{ date: '2026-03-10' }] });
    const spring = await buildSession(db, { courseId: course.id, parts: [{ date: '2026-03-31' }, { date: '2026-04-14' }] });
    const other = await buildSession(db, { parts: [{ date: '2026-05-05' }], status: 'cancelled' });
    const tove = await trainer();
    const { agent } = await coordinator();
    await agent.patch(`/api/training-sessions/${spring.id}`, { trainerIds: [tove.id] });
    await place(spring, 'enrolled', 1);
    await place(spring, 'enrolled', 2);
    await place(spring, 'waiting', 3);
    await place(spring, 'cancelled' as 'waiting', 4);

    const ids = async (query: string) =>
      (await agent.get(`/api/training-sessions${query}`)).json().items.map((s: { id: string }) => s.id);
    expect(await ids('')).toEqual([march.id, spring.id, other.id]);
    expect(await ids('?sort=-startsOn')).toEqual([other.id, spring.id, march.id]);
    expect(await ids(`?courseId=${course.id}`)).toEqual([march.id, spring.id]);
    // A session that is still going on counts as upcoming.
    expect(await ids('?from=2026-04-01')).toEqual([spring.id, other.id]);
    expect(await ids('?from=2026-03-01&to=2026-03-31')).toEqual([march.id, spring.id]);
    expect(await ids('?status=cancelled')).toEqual([other.id]);
    expect(await ids(`?trainerId=${tove.id}`)).toEqual([spring.id]);
    // A trainer who lost the role may stay on the session they lead (the form sends them back), but not be added anew.
    const { userRoles } = await import('#server/db/schema/index');
    await db.delete(userRoles).where(eq(userRoles.userId, tove.id));
    expect((await agent.patch(`/api/training-sessions/${spring.id}`, { trainerIds: [tove.id], title: 'Våren' })).statusCode).toBe(
      200,
    );
    expect((await agent.patch(`/api/training-sessions/${march.id}`, { trainerIds: [tove.id] })).statusCode).toBe(422);
    await db.insert(userRoles).values({ userId: tove.id, role: 'trainer' });
    const found = (await agent.get(`/api/training-sessions?trainerId=${tove.id}`)).json().items[0];
    expect(found).toMatchObject({ enrolledCount: 2, waitingCount: 1, trainers: [{ name: 'Tove Utbildare' }] });
    expect((await agent.get('/api/training-sessions?from=2026-13-01')).statusCode).toBe(400);
    expect((await agent.get('/api/trainers')).json()).toEqual({ items: [{ id: tove.id, name: 'Tove Utbildare' }] });
  });
});

describe('changing a session', () => {
  it('raising the capacity promotes exactly the new seats, first in the queue first, and mails them', async () => {
    const db = t.database.db;
    const session = await buildSession(db, { capacity: 2 });
    await place(session, 'enrolled', 1);
    await place(session, 'enrolled', 2);
    const third = await place(session, 'waiting', 5, 'tredje@example.se');
    const first = await place(session, 'waiting', 3, 'forsta@example.se');
    const second = await place(session, 'waiting', 4, 'andra@example.se');
    const { agent } = await coordinator();

    const raised = await agent.patch(`/api/training-sessions/${session.id}`, { capacity: 4 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({ capacity: 4, enrolledCount: 4, waitingCount: 1 });
    const statusOf = async (id: string) => (await db.select().from(enrolments).where(eq(enrolments.id, id)))[0].status;
    expect([await statusOf(first.id), await statusOf(second.id), await statusOf(third.id)]).toEqual([
      'enrolled',
      'enrolled',
      'waiting',
    ]);
    expect((await mails()).map((m) => m.toAddress).sort()).toEqual(['andra@example.se', 'forsta@example.se']);
    expect((await mails())[0].subject).toMatch(/^Du har fått en plats/);
    const audit = await auditEntriesFor(db, 'enrolment');
    expect(audit.map((e) => e.entityId).sort()).toEqual([first.id, second.id].sort());
    expect((await auditEntriesFor(db, 'training_session', session.id)).at(-1)).toMatchObject({
      before: { capacity: 2 },
      after: { capacity: 4 },
    });
  });

  it('refuses a capacity below the number enrolled, saying how many are enrolled', async () => {
    const db = t.database.db;
    const session = await buildSession(db, { capacity: 5 });
    await place(session, 'enrolled', 1);
    await place(session, 'enrolled', 2);
    await place(session, 'enrolled', 3);
    await place(session, 'waiting', 4);
    const { agent } = await coordinator();
    const refused = await agent.patch(`/api/training-sessions/${session.id}`, { capacity: 2 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'capacity_below_enrolled',
      message: 'Antalet platser kan inte bli färre än antalet anmälda (3).',
      details: [{ path: 'body.capacity', message: 'Kan inte bli färre än antalet anmälda.' }],
    });
    const english = await agent.patch(
      `/api/training-sessions/${session.id}`,
      { capacity: 2 },
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.json().error.message).toBe('The capacity cannot be lower than the number enrolled (3).');
    // Down to exactly the enrolled is fine, and promotes nobody.
    const lowered = await agent.patch(`/api/training-sessions/${session.id}`, { capacity: 3 });
    expect(lowered.json()).toMatchObject({ capacity: 3, enrolledCount: 3, waitingCount: 1 });
    expect(await mails()).toEqual([]);
  });

  it('a move mails everyone enrolled and waiting the new schedule in their language, keeping the marks of kept parts', async () => {
    const db = t.database.db;
    const session = await buildSession(db, {
      parts: [
        { date: '2026-04-01', startTime: '08:00', endTime: '12:00', place: 'Stadshuset' },
        { date: '2026-04-08', startTime: '08:00', endTime: '12:00', place: 'Stadshuset' },
      ],
    });
    const enrolled = await place(session, 'enrolled', 1, 'anmald@example.se');
    await place(session, 'waiting', 2, 'vantar@example.se');
    const english = await place(session, 'enrolled', 3, 'english@example.se');
    await db
      .insert(users)
      .values({ name: 'E', email: 'e-account@example.se', passwordHash: 'x', locale: 'en', employeeId: english.employeeId });
    await db.insert(attendance).values({ partId: session.parts[0].id, enrolmentId: enrolled.id, status: 'present' });
    await db.insert(attendance).values({ partId: session.parts[1].id, enrolmentId: enrolled.id, status: 'present' });
    const { agent } = await coordinator();

    // A change that is no move (the title) mails nobody.
    await agent.patch(`/api/training-sessions/${session.id}`, { title: 'Grupp A' });
    expect(await mails()).toEqual([]);

    const [kept, dropped] = session.parts;
    const moved = await agent.patch(`/api/training-sessions/${session.id}`, {
      parts: [
        { id: kept.id, date: '2026-04-02', startTime: '09:00', endTime: '12:00', place: 'Perrongen' },
        { date: '2026-04-20', startTime: '13:00', endTime: '15:00', place: null },
      ],
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsOn: '2026-04-02', endsOn: '2026-04-20', totalMinutes: 300 });
    expect(moved.json().parts[0]).toMatchObject({ id: kept.id, position: 1, startTime: '09:00', place: 'Perrongen' });

    const sent = await mails();
    expect(sent.map((m) => m.toAddress).sort()).toEqual(['anmald@example.se', 'english@example.se', 'vantar@example.se']);
    const swedish = sent.find((m) => m.toAddress === 'anmald@example.se')!;
    expect(swedish.subject).toMatch(/^Ändrat schema: Kurs \d+ – Grupp A$/);
    expect(swedish.body).toContain('Du är anmäld.');
    expect(swedish.body).toContain('2026-04-02 kl. 09:00–12:00, Perrongen');
    expect(swedish.body).toContain('2026-04-20 kl. 13:00–15:00, plats meddelas senare');
    expect(sent.find((m) => m.toAddress === 'vantar@example.se')!.body).toContain('Du står på väntelistan.');
    const inEnglish = sent.find((m) => m.toAddress === 'english@example.se')!;
    expect(inEnglish.subject).toMatch(/^Schedule changed: /);
    expect(inEnglish.body).toContain('2026-04-02 09:00–12:00, Perrongen');

    // The kept part keeps its mark, the dropped one is gone with its mark, and the outcome follows: 180 minutes.
    const marks = await db.select().from(attendance).where(eq(attendance.enrolmentId, enrolled.id));
    expect(marks.map((m) => m.partId)).toEqual([kept.id]);
    expect(await db.select().from(sessionParts).where(eq(sessionParts.id, dropped.id))).toEqual([]);
    const [row] = await db.select().from(enrolments).where(eq(enrolments.id, enrolled.id));
    expect(row.attendedMinutes).toBe(180);

    // A part id from another session is refused.
    const elsewhere = await buildSession(db);
    const foreign = await agent.patch(`/api/training-sessions/${session.id}`, {
      parts: [{ id: elsewhere.parts[0].id, date: '2026-04-02', startTime: '09:00', endTime: '12:00' }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.code).toBe('unknown_part');
  });

  it('cancelling mails everyone enrolled and waiting with the reason, and a cancelled session cannot be changed', async () => {
    const db = t.database.db;
    const session = await buildSession(db);
    await place(session, 'enrolled', 1, 'anmald@example.se');
    await place(session, 'waiting', 2, 'vantar@example.se');
    const withdrawn = await place(session, 'waiting', 3, 'avanmald@example.se');
    await db.update(enrolments).set({ status: 'cancelled' }).where(eq(enrolments.id, withdrawn.id));
    const { agent, user } = await coordinator();

    expect((await agent.post(`/api/training-sessions/${session.id}/cancel`, { reason: ' ' })).statusCode).toBe(400);
    const done = await agent.post(`/api/training-sessions/${session.id}/cancel`, { reason: 'Utbildaren är sjuk' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Utbildaren är sjuk' });
    const sent = await mails();
    expect(sent.map((m) => m.toAddress).sort()).toEqual(['anmald@example.se', 'vantar@example.se']);
    expect(sent[0].subject).toMatch(/^Inställt: /);
    expect(sent[0].body).toContain('Skäl: Utbildaren är sjuk');

    for (const response of [
      await agent.patch(`/api/training-sessions/${session.id}`, { capacity: 50 }),
      await agent.post(`/api/training-sessions/${session.id}/cancel`, { reason: 'Igen' }),
    ]) {
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({
        code: 'session_cancelled',
        message: 'Utbildningstillfället är inställt.',
      });
    }
    expect(await auditEntriesFor(db, 'training_session', session.id)).toMatchObject([
      { action: 'cancel', actorUserId: user.id, after: { status: 'cancelled', cancelReason: 'Utbildaren är sjuk', mailed: 2 } },
    ]);
    const stillThere = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.sessionId, session.id), eq(enrolments.status, 'enrolled')));
    expect(stillThere).toHaveLength(1);
    expect((await agent.patch('/api/training-sessions/00000000-0000-4000-8000-000000000000', { capacity: 3 })).statusCode).toBe(
      404,
    );
  });
});
