import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { calendarFeeds, sessionTrainers, trainingSessions, users } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildEmployee, signIn } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import { sha256 } from '../auth/crypto.js';

const t = useTestApp({ config: { publicUrl: 'https://inkludera.example.se' } });

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: component.getFirstPropertyValue('status'),
      stamp: component.getFirstPropertyValue('dtstamp'),
    };
  });
}

/** A certification course in four parts, two in winter time and two in summer time (CET/CEST). */
async function fourParts() {
  const db = t.database.db;
  const course = await buildCourse(db, { name: 'HBTQ-certifiering, grundkurs för förskolor och fritidshem i Katrineholm' });
  return buildSession(db, {
    courseId: course.id,
    parts: [
      { date: '2026-03-10', startTime: '08:30', endTime: '12:00', place: 'Perrongen, Katrineholm; sal 2' },
      { date: '2026-03-24', startTime: '08:30', endTime: '12:00' },
      { date: '2026-04-07', startTime: '13:00', endTime: '16:30' },
      { date: '2026-04-21', startTime: '13:00', endTime: '16:30' },
    ],
  });
}

describe('a session as iCalendar', () => {
  it('has one event per part with stable UIDs and Swedish local times as UTC, across the change to summer time', async () => {
    const session = await fourParts();
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    const response = await agent.get(`/api/training-sessions/${session.id}/calendar.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.body;
    // RFC 5545: CRLF line ends, no line longer than 75 octets.
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const events = parse(text);
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.uid)).toEqual(session.parts.map((p) => `training-part-${p.id}@inkludera`));
    expect(events[0]).toMatchObject({
      summary: 'HBTQ-certifiering, grundkurs för förskolor och fritidshem i Katrineholm (del 1 av 4)',
      location: 'Perrongen, Katrineholm; sal 2',
      start: '2026-03-10T07:30:00.000Z',
      end: '2026-03-10T11:00:00.000Z',
      status: 'CONFIRMED',
    });
    expect(events[2]).toMatchObject({ start: '2026-04-07T11:00:00.000Z', end: '2026-04-07T14:30:00.000Z' });
    expect(events[0].stamp).toBeTruthy();

    // The same part keeps its UID when the session is fetched again.
    expect(parse((await agent.get(`/api/training-sessions/${session.id}/calendar.ics`)).body).map((e) => e.uid)).toEqual(
      events.map((e) => e.uid),
    );
    expect((await agent.get(`/api/training-sessions/${crypto.randomUUID()}/calendar.ics`)).statusCode).toBe(404);
  });

  it('marks the parts of a cancelled session as cancelled', async () => {
    const session = await fourParts();
    await t.database.db.update(trainingSessions).set({ status: 'cancelled' }).where(eq(trainingSessions.id, session.id));
    const { agent } = await signIn(t.app, t.database.db, 'employee');
    const events = parse((await agent.get(`/api/training-sessions/${session.id}/calendar.ics`)).body);
    expect(events.every((e) => e.status === 'CANCELLED')).toBe(true);
    expect(events[0].summary).toMatch(/^Inställt: /);
  });
});

describe('the personal calendar feed', () => {
  it('gives an address once, stores only its hash, and serves the sessions one attends and trains', async () => {
    const db = t.database.db;
    const anna = await buildEmployee(db);
    const { agent, user } = await signIn(t.app, db, [{ role: 'employee' }, { role: 'trainer' }], { employeeId: anna.id });

    const attending = await fourParts();
    await buildEnrolment(db, attending, { employeeId: anna.id });
    const training = await buildSession(db, { parts: [{ date: '2026-05-05', startTime: '09:00', endTime: '11:00' }] });
    await db.insert(sessionTrainers).values({ sessionId: training.id, userId: user.id });
    const waiting = await buildSession(db, { parts: [{ date: '2026-06-01' }] });
    await buildEnrolment(db, waiting, { employeeId: anna.id, status: 'waiting' });
    const cancelledPlace = await buildSession(db, { parts: [{ date: '2026-06-02' }] });
    await buildEnrolment(db, cancelledPlace, { employeeId: anna.id, status: 'cancelled' });
    const longAgo = await buildSession(db, { parts: [{ date: '2024-01-10' }] });
    await buildEnrolment(db, longAgo, { employeeId: anna.id });
    await buildSession(db, { parts: [{ date: '2026-05-06' }] }); // someone else's

    const created = await agent.post('/api/calendar-feed');
    expect(created.statusCode).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/^https:\/\/inkludera\.example\.se\/api\/public\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.split('/').pop()!.replace('.ics', '');
    const [stored] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, user.id));
    expect(stored.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const path = new URL(url).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = parse(feed.body);
    expect(events.map((e) => e.uid)).toEqual([
      ...attending.parts.map((p) => `training-part-${p.id}@inkludera`),
      `training-part-${training.parts[0].id}@inkludera`,
    ]);
    expect(events[4].summary).toMatch(/^Utbildare: /);
    expect(events[4]).toMatchObject({ start: '2026-05-05T07:00:00.000Z', end: '2026-05-05T09:00:00.000Z' });
    // Without the .ics ending too.
    expect((await t.app.inject({ method: 'GET', url: path.replace('.ics', '') })).statusCode).toBe(200);

    // The page knows there is an address, and when it was made, but never shows it again.
    const mine = (await agent.get('/api/my-training')).json();
    expect(mine.calendarFeed).toEqual({ createdAt: '2026-03-02T09:00:00.000Z' });
    expect(JSON.stringify(mine)).not.toContain(token);
    expect((await auditEntriesFor(db, 'calendar_feed', user.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('revokes the old address when a new one is made or the address is removed, and when the account is deactivated', async () => {
    const db = t.database.db;
    const { agent, user } = await signIn(t.app, db, 'employee', { employeeId: (await buildEmployee(db)).id });
    const first = new URL((await agent.post('/api/calendar-feed')).json().url).pathname;
    expect((await t.app.inject({ method: 'GET', url: first })).statusCode).toBe(200);
    const second = new URL((await agent.post('/api/calendar-feed')).json().url).pathname;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: first })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(200);

    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(404);
    await db.update(users).set({ active: true }).where(eq(users.id, user.id));

    expect((await agent.delete('/api/calendar-feed')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(404);
    expect((await agent.delete('/api/calendar-feed')).statusCode).toBe(404);
    expect((await auditEntriesFor(db, 'calendar_feed', user.id)).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/calendar/not-a-real-secret.ics' })).statusCode).toBe(404);
  });
});
