import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, sentReminders, trainingSettings } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { buildEmployee, buildUnit, buildUser } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import { sendTrainingReminders } from './service.js';

const t = useTestApp({ config: { publicUrl: 'https://inkludera.example.se' } });

const run = () => sendTrainingReminders(t.app.appContext);
const mail = () => t.database.db.select().from(outbox).orderBy(asc(outbox.toAddress), asc(outbox.createdAt));

describe('reminders to the enrolled', () => {
  it('reminds each enrolled person of each part the set number of days before, once, in their language', async () => {
    const db = t.database.db;
    await db.update(trainingSettings).set({ reminderDaysBefore: 2 }).where(eq(trainingSettings.id, 1));
    const session = await buildSession(db, {
      parts: [
        { date: '2026-03-10', startTime: '08:30', endTime: '12:00', place: 'Perrongen' },
        { date: '2026-03-17', startTime: '13:00', endTime: '16:00' },
      ],
    });
    const anna = await buildEmployee(db, { email: 'anna@example.se' });
    await buildUser(db, { employeeId: anna.id, email: 'anna.account@example.se' });
    const { users } = await import('#server/db/schema/index');
    await db.update(users).set({ locale: 'en' }).where(eq(users.employeeId, anna.id));
    await buildEnrolment(db, session, { employeeId: anna.id });
    await buildEnrolment(db, session, { employeeId: (await buildEmployee(db, { email: 'bo@example.se' })).id });
    await buildEnrolment(db, session, {
      employeeId: (await buildEmployee(db, { email: 'cia@example.se' })).id,
      status: 'waiting',
    });
    await buildEnrolment(db, session, {
      employeeId: (await buildEmployee(db, { email: 'dan@example.se' })).id,
      status: 'cancelled',
    });
    await buildEnrolment(db, session, {
      employeeId: (await buildEmployee(db, { email: 'eva@example.se', endDate: '2026-03-01' })).id,
    });
    const cancelled = await buildSession(db, { status: 'cancelled', parts: [{ date: '2026-03-10' }] });
    await buildEnrolment(db, cancelled, { employeeId: anna.id });

    t.clock.set('2026-03-07T06:00:00Z'); // three days before: too early
    expect((await run()).participants).toBe(0);

    t.clock.set('2026-03-08T05:00:00Z'); // two days before, early in the morning in Stockholm
    expect((await run()).participants).toBe(2);
    const first = await mail();
    expect(first.map((m) => m.toAddress)).toEqual(['anna@example.se', 'bo@example.se']);
    expect(first[0].subject).toContain('Reminder:');
    expect(first[0].body).toContain('(part 1 of 2)');
    expect(first[0].body).toContain('08:30–12:00');
    expect(first[0].body).toContain('Perrongen');
    expect(first[0].body).toContain('10 March 2026');
    expect(first[1].subject).toContain('Påminnelse:');
    expect(first[1].body).toContain('https://inkludera.example.se/my-training');

    // Later the same day, and the next day: nothing again.
    t.clock.set('2026-03-08T15:00:00Z');
    expect((await run()).participants).toBe(0);
    t.clock.set('2026-03-09T05:00:00Z');
    expect((await run()).participants).toBe(0);
    // The part on the day itself is not reminded of any more; the second part in its turn.
    t.clock.set('2026-03-15T05:00:00Z');
    expect((await run()).participants).toBe(2);
    const second = (await mail()).filter((m) => m.body.includes('(del 2 av 2)') || m.body.includes('(part 2 of 2)'));
    expect(second.map((m) => m.toAddress)).toEqual(['anna@example.se', 'bo@example.se']);
    expect(await mail()).toHaveLength(4);
    expect(await db.select().from(sentReminders).where(eq(sentReminders.kind, 'training_part'))).toHaveLength(4);
  });
});

describe('reminders to unit managers', () => {
  it('tells the managers once when a refresher falls due for their staff, unless completed again or booked', async () => {
    const db = t.database.db;
    const unit = await buildUnit(db);
    const otherUnit = await buildUnit(db);
    await buildUser(db, { email: 'chef@example.se', roles: [{ role: 'unit_manager', unitId: unit.id }] });
    await buildUser(db, { email: 'annan.chef@example.se', roles: [{ role: 'unit_manager', unitId: otherUnit.id }] });
    const course = await buildCourse(db, { name: 'HBTQ-grundkurs', refresherYears: 3 });
    const never = await buildCourse(db, { name: 'Föreläsning', refresherYears: null });
    const old = await buildSession(db, { courseId: course.id, parts: [{ date: '2023-03-01' }] });
    const later = await buildSession(db, { courseId: course.id, parts: [{ date: '2025-05-01' }] });
    const coming = await buildSession(db, { courseId: course.id, parts: [{ date: '2026-04-01' }] });
    const lecture = await buildSession(db, { courseId: never.id, parts: [{ date: '2020-01-01' }] });
    const person = (lastName: string, extra: Parameters<typeof buildEmployee>[1] = {}) =>
      buildEmployee(db, { unitId: unit.id, firstName: 'Test', lastName, ...extra });

    const due = await person('Due');
    await buildEnrolment(db, old, { employeeId: due.id, completedOn: '2023-03-01' });
    await buildEnrolment(db, lecture, { employeeId: due.id, completedOn: '2020-01-01' });
    const refreshed = await person('Refreshed');
    await buildEnrolment(db, old, { employeeId: refreshed.id, completedOn: '2023-03-01' });
    await buildEnrolment(db, later, { employeeId: refreshed.id, completedOn: '2025-05-01' });
    const soon = await person('Soon');
    await buildEnrolment(db, old, { employeeId: soon.id, completedOn: '2023-03-05' });
    const booked = await person('Booked');
    await buildEnrolment(db, old, { employeeId: booked.id, completedOn: '2023-03-01' });
    await buildEnrolment(db, coming, { employeeId: booked.id, status: 'waiting' });
    const left = await person('Left', { endDate: '2026-02-28' });
    await buildEnrolment(db, old, { employeeId: left.id, completedOn: '2023-03-01' });

    expect((await run()).refreshers).toBe(1);
    let sent = await mail();
    expect(sent.map((m) => m.toAddress)).toEqual(['chef@example.se']);
    expect(sent[0].subject).toBe('Dags för repetitionsutbildning: 1 medarbetare');
    expect(sent[0].body).toContain('- Test Due: HBTQ-grundkurs (sedan 1 mars 2026)');
    expect(sent[0].body).not.toMatch(/Refreshed|Soon|Booked|Left|Föreläsning/);

    expect((await run()).refreshers).toBe(0);
    t.clock.set('2026-03-05T08:00:00Z');
    expect((await run()).refreshers).toBe(1);
    sent = await mail();
    expect(sent).toHaveLength(2);
    expect(sent[1].body).toContain('Test Soon');
    expect(sent[1].body).not.toContain('Test Due');
  });
});

describe('the yearly rule', () => {
  it('tells every coordinator once a year which courses offered yearly have no session planned this year', async () => {
    const db = t.database.db;
    await buildUser(db, { email: 'hr1@example.se', roles: [{ role: 'training_coordinator' }] });
    const en = await buildUser(db, { email: 'hr2@example.se', roles: [{ role: 'training_coordinator' }] });
    const { users } = await import('#server/db/schema/index');
    await db.update(users).set({ locale: 'en' }).where(eq(users.id, en.id));
    await buildUser(db, { email: 'admin@example.se', roles: [{ role: 'administrator' }] });

    const planned = await buildCourse(db, { name: 'Planerad', offeredYearly: true });
    await buildSession(db, { courseId: planned.id, parts: [{ date: '2026-10-01' }] });
    const lastYear = await buildCourse(db, { name: 'Bara i fjol', offeredYearly: true });
    await buildSession(db, { courseId: lastYear.id, parts: [{ date: '2025-10-01' }] });
    const cancelledOnly = await buildCourse(db, { name: 'Inställd i år', offeredYearly: true });
    await buildSession(db, { courseId: cancelledOnly.id, status: 'cancelled', parts: [{ date: '2026-05-01' }] });
    await buildCourse(db, { name: 'Inte årlig', offeredYearly: false });
    await buildCourse(db, { name: 'Nedlagd', offeredYearly: true, active: false });

    expect((await run()).yearly).toBe(2);
    const sent = await mail();
    expect(sent.map((m) => m.toAddress)).toEqual(['hr1@example.se', 'hr2@example.se']);
    expect(sent[0].subject).toBe('Inget tillfälle planerat 2026: 2 utbildningar');
    expect(sent[0].body).toContain('- Bara i fjol\n- Inställd i år');
    expect(sent[0].body).not.toMatch(/Planerad|Inte årlig|Nedlagd/);
    expect(sent[1].subject).toBe('No session planned in 2026: 2 courses');

    expect((await run()).yearly).toBe(0);
    // A course that becomes yearly later in the year is told of on its own.
    await buildCourse(db, { name: 'Ny årlig', offeredYearly: true });
    expect((await run()).yearly).toBe(2);
    expect((await mail()).filter((m) => m.body.includes('Ny årlig') && !m.body.includes('Bara i fjol'))).toHaveLength(2);

    // A new year starts the count again (the 2026 session does not count for 2027).
    t.clock.set('2027-01-01T08:00:00Z');
    expect((await run()).yearly).toBe(2);
    const newYear = (await mail()).filter((m) => m.subject.includes('2027'));
    expect(newYear).toHaveLength(2);
    expect(newYear[0].body).toContain('Planerad');
  });

  it('marks nothing while there is no coordinator to tell', async () => {
    const db = t.database.db;
    await buildCourse(db, { name: 'Årlig', offeredYearly: true });
    expect((await run()).yearly).toBe(0);
    expect(await db.select().from(sentReminders)).toHaveLength(0);
    await buildUser(db, { email: 'hr@example.se', roles: [{ role: 'training_coordinator' }] });
    expect((await run()).yearly).toBe(1);
  });
});
