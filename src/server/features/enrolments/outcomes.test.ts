import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, courses, employeeLevels, enrolments, sessionEligibility } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { buildEmployee, buildUnit } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession, levelId } from '../../../../test/support/training.js';
import { isEligible } from './eligibility.js';
import { recomputeOutcomes } from './outcomes.js';

const t = useTestApp();

/** The 20-hour course as four half days of five hours: 1200 minutes, 80% needed (960 minutes). */
async function fourHalfDays() {
  const db = t.database.db;
  const course = await buildCourse(db, { nominalMinutes: 1200, completionThreshold: 80, level: 'certification_course' });
  const session = await buildSession(db, {
    courseId: course.id,
    parts: ['2026-04-01', '2026-04-08', '2026-04-15', '2026-04-22'].map((date) => ({
      date,
      startTime: '08:00',
      endTime: '13:00',
    })),
  });
  return { course, session };
}

async function mark(enrolmentId: string, partIds: string[], status: string) {
  await t.database.db.insert(attendance).values(partIds.map((partId) => ({ partId, enrolmentId, status })));
}

const outcome = async (id: string) => (await t.database.db.select().from(enrolments).where(eq(enrolments.id, id)))[0];

describe('completion derived from attendance', () => {
  it('completes at the threshold share, on the day of the last part attended, with a verification code', async () => {
    const { session } = await fourHalfDays();
    const four = await buildEnrolment(t.database.db, session);
    await mark(
      four.id,
      session.parts.slice(0, 3).map((p) => p.id),
      'present',
    );
    await mark(four.id, [session.parts[3].id], 'excused');
    await recomputeOutcomes(t.database.db, { sessionIds: [session.id] });
    // 3 of 4 parts = 75% < 80%: excused counts nothing towards completion.
    let row = await outcome(four.id);
    expect(row.attendedMinutes).toBe(900);
    expect(row.completedOn).toBeNull();
    expect(row.verificationCode).toBeNull();

    await t.database.db.update(attendance).set({ status: 'present' }).where(eq(attendance.partId, session.parts[3].id));
    await recomputeOutcomes(t.database.db, { sessionIds: [session.id] });
    row = await outcome(four.id);
    expect(row.attendedMinutes).toBe(1200);
    expect(row.completedOn).toBe('2026-04-22');
    expect(row.verificationCode).toMatch(/^[0-9A-F]{19}$/);
  });

  it('follows a changed threshold, and takes the code away when the course is no longer completed', async () => {
    const { course, session } = await fourHalfDays();
    const e = await buildEnrolment(t.database.db, session);
    await mark(
      e.id,
      session.parts.slice(0, 3).map((p) => p.id),
      'present',
    );
    await t.database.db.update(courses).set({ completionThreshold: 75 }).where(eq(courses.id, course.id));
    await recomputeOutcomes(t.database.db, { courseId: course.id });
    const completed = await outcome(e.id);
    expect(completed.completedOn).toBe('2026-04-15');
    const code = completed.verificationCode;
    expect(code).not.toBeNull();

    // Recomputing without a change keeps the same code.
    await recomputeOutcomes(t.database.db, { courseId: course.id });
    expect((await outcome(e.id)).verificationCode).toBe(code);

    await t.database.db.update(courses).set({ completionThreshold: 100 }).where(eq(courses.id, course.id));
    await recomputeOutcomes(t.database.db, { courseId: course.id });
    expect(await outcome(e.id)).toMatchObject({ completedOn: null, verificationCode: null, attendedMinutes: 900 });
  });

  it('never completes someone on the waiting list or cancelled, and leaves other sessions alone', async () => {
    const { session } = await fourHalfDays();
    const other = await fourHalfDays();
    const waiting = await buildEnrolment(t.database.db, session, { status: 'waiting' });
    const elsewhere = await buildEnrolment(t.database.db, other.session);
    await mark(
      waiting.id,
      session.parts.map((p) => p.id),
      'present',
    );
    await mark(
      elsewhere.id,
      other.session.parts.map((p) => p.id),
      'present',
    );
    await recomputeOutcomes(t.database.db, { sessionIds: [session.id] });
    expect((await outcome(waiting.id)).completedOn).toBeNull();
    expect((await outcome(waiting.id)).attendedMinutes).toBe(1200);
    expect((await outcome(elsewhere.id)).attendedMinutes).toBe(0);
  });
});

describe('eligibility', () => {
  it('lets everyone sign up to an open session, and only the named units and administrations to a restricted one', async () => {
    const db = t.database.db;
    const open = await buildSession(db);
    const restricted = await buildSession(db, { eligibility: 'restricted' });
    const named = await buildUnit(db);
    const sibling = await buildUnit(db, { administrationId: named.administrationId });
    const listedAdministrationUnit = await buildUnit(db);
    const elsewhere = await buildUnit(db);
    await db.insert(sessionEligibility).values([
      { sessionId: restricted.id, unitId: named.id },
      { sessionId: restricted.id, administrationId: listedAdministrationUnit.administrationId },
    ]);
    const inNamed = await buildEmployee(db, { unitId: named.id });
    const inSibling = await buildEmployee(db, { unitId: sibling.id });
    const inListedAdministration = await buildEmployee(db, { unitId: listedAdministrationUnit.id });
    const outside = await buildEmployee(db, { unitId: elsewhere.id });
    expect(await isEligible(db, open.id, outside.id)).toBe(true);
    expect(await isEligible(db, restricted.id, inNamed.id)).toBe(true);
    expect(await isEligible(db, restricted.id, inSibling.id)).toBe(false);
    expect(await isEligible(db, restricted.id, inListedAdministration.id)).toBe(true);
    expect(await isEligible(db, restricted.id, outside.id)).toBe(false);
  });
});

describe('employee levels', () => {
  it('keeps the first completion of each level per employee in step with the enrolments', async () => {
    const db = t.database.db;
    const lecture = await buildCourse(db, { nominalMinutes: 240, level: 'lecture' });
    const spring = await buildSession(db, { courseId: lecture.id, parts: [{ date: '2026-03-01' }] });
    const autumn = await buildSession(db, { courseId: lecture.id, parts: [{ date: '2026-09-01' }] });
    const first = await buildEnrolment(db, spring);
    const again = await buildEnrolment(db, autumn, { employeeId: first.employeeId });
    await mark(first.id, [spring.parts[0].id], 'present');
    await mark(again.id, [autumn.parts[0].id], 'present');
    await recomputeOutcomes(db, { sessionIds: [spring.id, autumn.id] });
    const levels = () => db.select().from(employeeLevels).where(eq(employeeLevels.employeeId, first.employeeId));
    expect(await levels()).toEqual([{ employeeId: first.employeeId, levelId: lecture.levelId, firstCompletedOn: '2026-03-01' }]);

    // The spring mark turns out wrong: the autumn session becomes the first completion.
    await db.update(attendance).set({ status: 'absent' }).where(eq(attendance.enrolmentId, first.id));
    await recomputeOutcomes(db, { sessionIds: [spring.id] });
    expect((await levels())[0].firstCompletedOn).toBe('2026-09-01');

    // The course is moved to another level.
    const workshop = await levelId(db, 'workshop');
    await db.update(courses).set({ levelId: workshop }).where(eq(courses.id, lecture.id));
    await recomputeOutcomes(db, { courseId: lecture.id });
    expect(await levels()).toEqual([{ employeeId: first.employeeId, levelId: workshop, firstCompletedOn: '2026-09-01' }]);

    await db.update(attendance).set({ status: 'excused' }).where(eq(attendance.enrolmentId, again.id));
    await recomputeOutcomes(db, { sessionIds: [autumn.id] });
    expect(await levels()).toEqual([]);
  });
});
