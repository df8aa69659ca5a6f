import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, enrolments, sessionTrainers } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildEmployee, signIn } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';

const t = useTestApp();
const db = () => t.database.db;

/** Four half days of five hours (1200 minutes, 80% = 960 needed), the last on 2026-03-02 (the test clock's today). */
async function fourHalfDays(capacity = 20) {
  const course = await buildCourse(db(), { nominalMinutes: 1200, completionThreshold: 80, level: 'certification_course' });
  return buildSession(db(), {
    courseId: course.id,
    capacity,
    parts: ['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02'].map((date) => ({
      date,
      startTime: '08:00',
      endTime: '13:00',
    })),
  });
}

async function trainerOf(sessionId: string) {
  const signed = await signIn(t.app, db(), 'trainer');
  await db().insert(sessionTrainers).values({ sessionId, userId: signed.user.id });
  return signed;
}

/** Enrolled in January, before every part. */
const early = { enrolledAt: new Date('2026-01-15T09:00:00Z'), queuedAt: new Date('2026-01-15T09:00:00Z') };

const url = (session: { id: string }, partId: string) => `/api/training-sessions/${session.id}/parts/${partId}/attendance`;

describe('marking attendance', () => {
  it('marks a whole part in one request, derives hours and completion, audits each change', async () => {
    const session = await fourHalfDays();
    const [a, b, c] = [
      await buildEnrolment(db(), session, { ...early, employeeId: (await buildEmployee(db(), { lastName: 'Ahl' })).id }),
      await buildEnrolment(db(), session, { ...early, employeeId: (await buildEmployee(db(), { lastName: 'Berg' })).id }),
      await buildEnrolment(db(), session, { ...early, employeeId: (await buildEmployee(db(), { lastName: 'Dahl' })).id }),
    ];
    const { agent, user } = await trainerOf(session.id);

    const before = await agent.get(url(session, session.parts[0].id));
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      markable: true,
      totalMinutes: 1200,
      part: { id: session.parts[0].id, position: 1, date: '2026-02-09', startTime: '08:00', endTime: '13:00' },
      rows: [
        { employeeId: a.employeeId, status: null, applicable: true },
        { employeeId: b.employeeId, status: null, applicable: true },
        { employeeId: c.employeeId, status: null, applicable: true },
      ],
    });

    // a: all four present; b: three present and one excused (75% < 80%); c: absent once, then present.
    const plan: Record<string, string[]> = {
      [a.employeeId]: ['present', 'present', 'present', 'present'],
      [b.employeeId]: ['present', 'present', 'present', 'excused'],
      [c.employeeId]: ['absent', 'present', 'present', 'present'],
    };
    let last;
    for (const [index, part] of session.parts.entries()) {
      last = await agent.put(url(session, part.id), {
        marks: Object.entries(plan).map(([employeeId, statuses]) => ({ employeeId, status: statuses[index] })),
      });
      expect(last.statusCode).toBe(200);
    }
    const rows = last!.json().rows;
    expect(rows).toMatchObject([
      { employeeId: a.employeeId, status: 'present', attendedMinutes: 1200, completed: true },
      { employeeId: b.employeeId, status: 'excused', attendedMinutes: 900, completed: false },
      { employeeId: c.employeeId, status: 'present', attendedMinutes: 900, completed: false },
    ]);
    const [stored] = await db().select().from(enrolments).where(eq(enrolments.id, a.id));
    expect(stored.completedOn).toBe('2026-03-02');

    // Changing a mark changes the outcome; sending the same again changes (and audits) nothing.
    const fixed = await agent.put(url(session, session.parts[0].id), {
      marks: [{ employeeId: c.employeeId, status: 'present' }],
    });
    expect(fixed.json().rows[2]).toMatchObject({ attendedMinutes: 1200, completed: true });
    const changes = async () => (await auditEntriesFor(db(), 'attendance')).filter((e) => e.action !== 'read');
    // Twelve new marks, one changed.
    expect(await changes()).toHaveLength(13);
    await agent.put(url(session, session.parts[0].id), { marks: [{ employeeId: c.employeeId, status: 'present' }] });
    expect(await changes()).toHaveLength(13);
    const entries = await auditEntriesFor(db(), 'attendance', c.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'update',
      actorUserId: user.id,
      before: { partId: session.parts[0].id, status: 'absent' },
      after: { partId: session.parts[0].id, status: 'present' },
    });
  });

  it('never counts someone enrolled late as absent before, and refuses to mark them there', async () => {
    const session = await fourHalfDays();
    const first = await buildEnrolment(db(), session, early);
    // Enrolled on 2026-02-20, between the second and the third part.
    const late = await buildEnrolment(db(), session, { ...early, enrolledAt: new Date('2026-02-20T10:00:00Z') });
    const { agent } = await trainerOf(session.id);
    const partOne = (await agent.get(url(session, session.parts[0].id))).json();
    expect(partOne.rows.find((r: { employeeId: string }) => r.employeeId === late.employeeId)).toMatchObject({
      applicable: false,
      status: null,
    });
    const third = (await agent.get(url(session, session.parts[2].id))).json();
    expect(third.rows.every((r: { applicable: boolean }) => r.applicable)).toBe(true);

    const refused = await agent.put(url(session, session.parts[0].id), {
      marks: [
        { employeeId: first.employeeId, status: 'present' },
        { employeeId: late.employeeId, status: 'absent' },
      ],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual([{ path: 'body.marks.1.employeeId', message: expect.any(String) }]);
    // All or nothing: the valid mark in the same request was not kept either.
    expect(await db().select().from(attendance)).toEqual([]);

    // The two parts after enrolment attended in full: 600 of 1200 minutes, 50%.
    for (const part of session.parts.slice(2)) {
      await agent.put(url(session, part.id), { marks: [{ employeeId: late.employeeId, status: 'present' }] });
    }
    const [row] = await db().select().from(enrolments).where(eq(enrolments.id, late.id));
    expect(row).toMatchObject({ attendedMinutes: 600, completedOn: null });
  });

  it('adds walk-ins at the door, beyond capacity, and marks them in the same request', async () => {
    const session = await fourHalfDays(1);
    await buildEnrolment(db(), session, early);
    const waiting = await buildEnrolment(db(), session, { ...early, status: 'waiting', enrolledAt: null });
    const walkIn = await buildEmployee(db(), { lastName: 'Öberg' });
    const { agent } = await trainerOf(session.id);
    const part = session.parts[3];
    const response = await agent.put(url(session, part.id), {
      walkIns: [walkIn.id, waiting.employeeId],
      marks: [
        { employeeId: walkIn.id, status: 'present' },
        { employeeId: waiting.employeeId, status: 'present' },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().rows).toHaveLength(3);
    const rows = await db().select().from(enrolments).where(eq(enrolments.sessionId, session.id));
    expect(rows.filter((r) => r.status === 'enrolled')).toHaveLength(3);
    expect(rows.find((r) => r.employeeId === walkIn.id)).toMatchObject({
      source: 'walk_in',
      status: 'enrolled',
      attendedMinutes: 300,
    });
    // Enrolled from the part's start (08:00 in Stockholm is 07:00 UTC), not from the moment of marking.
    expect(rows.find((r) => r.employeeId === walkIn.id)!.enrolledAt).toEqual(new Date('2026-03-02T07:00:00Z'));
    expect(rows.find((r) => r.employeeId === waiting.employeeId)).toMatchObject({ source: 'walk_in', status: 'enrolled' });
    const audit = await auditEntriesFor(db(), 'enrolment');
    expect(audit.map((e) => e.action).sort()).toEqual(['create', 'update']);

    const unknown = await agent.put(url(session, part.id), { marks: [], walkIns: [crypto.randomUUID()] });
    expect(unknown.statusCode).toBe(400);
    const notEnrolled = await agent.put(url(session, part.id), {
      marks: [{ employeeId: (await buildEmployee(db())).id, status: 'present' }],
    });
    expect([notEnrolled.statusCode, notEnrolled.json().error.code]).toEqual([422, 'not_enrolled']);
  });

  it('refuses a part after today (Europe/Stockholm), and a cancelled session', async () => {
    const session = await buildSession(db(), { parts: [{ date: '2026-03-02' }, { date: '2026-03-03' }] });
    const enrolment = await buildEnrolment(db(), session, early);
    const { agent, user } = await trainerOf(session.id);
    const marks = { marks: [{ employeeId: enrolment.employeeId, status: 'present' }] };
    expect((await agent.get(url(session, session.parts[1].id))).json().markable).toBe(false);
    const future = await agent.put(url(session, session.parts[1].id), marks);
    expect([future.statusCode, future.json().error.code]).toEqual([422, 'part_in_future']);
    // 23:30 UTC on 2 March is already 3 March in Stockholm.
    t.clock.set('2026-03-02T23:30:00Z');
    expect((await agent.put(url(session, session.parts[1].id), marks)).statusCode).toBe(200);

    const cancelled = await buildSession(db(), { status: 'cancelled', parts: [{ date: '2026-03-01' }] });
    await db().insert(sessionTrainers).values({ sessionId: cancelled.id, userId: user.id });
    const refused = await agent.put(url(cancelled, cancelled.parts[0].id), { marks: [] });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'session_cancelled']);
  });

  it('lets only the session’s trainers and coordinators read and mark; 404 for a part of another session', async () => {
    const session = await fourHalfDays();
    const enrolment = await buildEnrolment(db(), session, early);
    const body = { marks: [{ employeeId: enrolment.employeeId, status: 'present' }] };
    const part = session.parts[0].id;

    const { agent: otherTrainer } = await signIn(t.app, db(), 'trainer');
    expect((await otherTrainer.get(url(session, part))).statusCode).toBe(403);
    expect((await otherTrainer.put(url(session, part), body)).statusCode).toBe(403);
    for (const role of ['employee', 'unit_manager', 'process_leader'] as const) {
      const { agent } = await signIn(t.app, db(), [{ role }]);
      expect((await agent.put(url(session, part), body)).statusCode, role).toBe(403);
    }
    const { agent: coordinator } = await signIn(t.app, db(), 'training_coordinator');
    expect((await coordinator.put(url(session, part), body)).statusCode).toBe(200);
    const other = await fourHalfDays();
    expect((await coordinator.get(url(other, part))).statusCode).toBe(404);
  });

  it('lets the session’s trainer find walk-ins among current employees not yet enrolled (audited), nobody else', async () => {
    const session = await fourHalfDays();
    const inside = await buildEnrolment(db(), session, {
      ...early,
      employeeId: (await buildEmployee(db(), { firstName: 'Vera', lastName: 'Vinge' })).id,
    });
    const outside = await buildEmployee(db(), { firstName: 'Vera', lastName: 'Vall' });
    await buildEmployee(db(), { firstName: 'Vera', lastName: 'Väst', endDate: '2025-12-31' });
    const { agent } = await trainerOf(session.id);
    const found = await agent.get(`/api/training-sessions/${session.id}/walk-in-candidates?q=vera`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toEqual([{ employeeId: outside.id, name: 'Vera Vall', unitName: expect.any(String) }]);
    expect(found.json().items.some((i: { employeeId: string }) => i.employeeId === inside.employeeId)).toBe(false);
    expect((await auditEntriesFor(db(), 'employee', null)).at(-1)).toMatchObject({
      action: 'read',
      after: { sessionId: session.id, q: 'vera' },
    });
    expect((await agent.get(`/api/training-sessions/${session.id}/walk-in-candidates?q=v`)).statusCode).toBe(400);
    const { agent: otherTrainer } = await signIn(t.app, db(), 'trainer');
    expect((await otherTrainer.get(`/api/training-sessions/${session.id}/walk-in-candidates?q=vera`)).statusCode).toBe(403);
  });
});
