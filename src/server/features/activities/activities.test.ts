import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activityHeadcounts } from '#server/db/schema/index';
import { permissionsOf, rolePermissions } from '#shared/permissions';
import { useTestApp } from '../../../../test/support/app.js';
import type { Agent } from '../../../../test/support/agent.js';
import { auditEntriesFor, buildUser, signIn } from '../../../../test/support/factories.js';
import { canEditActivities, canReadActivity, canReadHeadcounts, canRecordHeadcount } from './policy.js';

const t = useTestApp({ config: { publicUrl: 'https://inkludera.example.se' } });

const cafeBody = (hostIds: string[]) => ({
  name: 'MOGAI – HBTQ-café',
  description: 'Ett öppet HBTQ-café för unga och unga vuxna.',
  place: 'Perrongen, Katrineholm',
  weekday: 3,
  startTime: '17:00',
  endTime: '20:00',
  startsOn: '2026-01-07',
  endsOn: null,
  breaks: [{ fromDate: '2026-06-15', toDate: '2026-08-16', label: 'Sommaruppehåll' }],
  hostIds,
});

async function setUp() {
  const db = t.database.db;
  const { agent: admin } = await signIn(t.app, db, 'administrator');
  const host = await buildUser(db, { roles: [{ role: 'activity_host' }], name: 'Mika Värd' });
  const hostAgent = (await signIn(t.app, db, 'activity_host')).agent; // a host of nothing yet
  const created = await admin.post('/api/activities', cafeBody([host.id]));
  expect(created.statusCode, created.body).toBe(201);
  const { Agent: AgentClass } = await import('../../../../test/support/agent.js');
  const cafeHost: Agent = new AgentClass(t.app);
  await cafeHost.login(host.email, host.password);
  return { admin, host, cafeHost, otherHost: hostAgent, cafe: created.json() };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: component.getFirstPropertyValue('status'),
    };
  });
}

describe('the activities policy', () => {
  it('gives hosts their own activities and headcounts only, and administrators everything', () => {
    const host = { userId: 'h', permissions: permissionsOf(['activity_host']) };
    expect(canReadActivity(host, ['h'])).toBe(true);
    expect(canReadActivity(host, ['x'])).toBe(false);
    expect(canRecordHeadcount(host, ['h'])).toBe(true);
    expect(canRecordHeadcount(host, ['x'])).toBe(false);
    expect(canReadHeadcounts(host, ['x'])).toBe(false);
    expect(canEditActivities(host)).toBe(false);
    const admin = { userId: 'a', permissions: permissionsOf(['administrator']) };
    expect(canReadActivity(admin, [])).toBe(true);
    expect(canRecordHeadcount(admin, [])).toBe(true);
    expect(canEditActivities(admin)).toBe(true);
    for (const role of ['employee', 'unit_manager', 'process_leader', 'training_coordinator', 'trainer', 'certifier'] as const)
      expect(canReadActivity({ userId: 'h', permissions: permissionsOf([role]) }, ['h']), role).toBe(false);
  });

  it('gives the host role nothing but its own account and its activities', () => {
    const others = rolePermissions.activity_host.filter((p) => !/:(activity|headcount):self$/.test(p));
    expect(others.every((p) => /:(token|session|overview):self$/.test(p))).toBe(true);
  });
});

describe('activities', () => {
  it('are created by administrators with schedule, summer break and hosts; bad input is a 4xx', async () => {
    const { admin, cafe, host } = await setUp();
    expect(cafe).toMatchObject({
      name: 'MOGAI – HBTQ-café',
      weekday: 3,
      startTime: '17:00',
      endTime: '20:00',
      breaks: [{ fromDate: '2026-06-15', toDate: '2026-08-16', label: 'Sommaruppehåll' }],
      hosts: [{ userId: host.id, name: 'Mika Värd' }],
      can: { edit: true, recordHeadcounts: true },
    });
    expect((await auditEntriesFor(t.database.db, 'activity', cafe.id)).map((e) => e.action)).toEqual(['create']);

    expect((await admin.post('/api/activities', { ...cafeBody([]), endTime: '16:00' })).statusCode).toBe(400);
    expect((await admin.post('/api/activities', { ...cafeBody([]), weekday: 8 })).statusCode).toBe(400);
    expect((await admin.post('/api/activities', { ...cafeBody([]), attendees: ['Kim'] })).statusCode).toBe(400);
    const notHost = await buildUser(t.database.db, { roles: [{ role: 'employee' }] });
    expect((await admin.post('/api/activities', cafeBody([notHost.id]))).statusCode).toBe(422);

    const changed = await admin.put(`/api/activities/${cafe.id}`, {
      ...cafeBody([host.id]),
      startTime: '16:00',
      endsOn: '2027-12-31',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ startTime: '16:00', endsOn: '2027-12-31' });
    const audit = await auditEntriesFor(t.database.db, 'activity', cafe.id);
    expect(audit[1]).toMatchObject({
      action: 'update',
      before: { startTime: '17:00', endsOn: null },
      after: { startTime: '16:00', endsOn: '2027-12-31' },
    });
  });

  it('has occurrences from the schedule, none in the summer break; they can be cancelled, moved and restored', async () => {
    const { admin, cafe } = await setUp();
    const june = (await admin.get(`/api/activities/${cafe.id}/occurrences?from=2026-06-01&to=2026-08-31`)).json();
    expect(june.items.map((o: { date: string }) => o.date)).toEqual(['2026-06-03', '2026-06-10', '2026-08-19', '2026-08-26']);

    const cancelled = await admin.put(`/api/activities/${cafe.id}/occurrences/2026-06-10/change`, {
      kind: 'cancelled',
      reason: 'Personalen är på utbildning',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', reason: 'Personalen är på utbildning' });
    const moved = await admin.put(`/api/activities/${cafe.id}/occurrences/2026-06-03/change`, {
      kind: 'moved',
      date: '2026-06-04',
      startTime: '18:00',
      endTime: '21:00',
      place: 'Stadsbiblioteket',
      reason: 'Perrongen är stängd',
    });
    expect(moved.json()).toMatchObject({
      scheduledDate: '2026-06-03',
      date: '2026-06-04',
      status: 'moved',
      place: 'Stadsbiblioteket',
    });
    // No occurrence on a day off the schedule or in the break: 404; a bad date: 400.
    expect(
      (await admin.put(`/api/activities/${cafe.id}/occurrences/2026-07-01/change`, { kind: 'cancelled', reason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await admin.put(`/api/activities/${cafe.id}/occurrences/2026-06-11/change`, { kind: 'cancelled', reason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await admin.put(`/api/activities/${cafe.id}/occurrences/2026-13-01/change`, { kind: 'cancelled', reason: 'x' }))
        .statusCode,
    ).toBe(400);
    expect((await admin.put(`/api/activities/${cafe.id}/occurrences/2026-06-17/change`, { kind: 'cancelled' })).statusCode).toBe(
      400,
    );

    const publicList = await t.app.inject({ method: 'GET', url: '/api/public/activities?from=2026-06-01&to=2026-06-30' });
    expect(publicList.statusCode).toBe(200);
    const [item] = publicList.json().items;
    expect(item.occurrences.map((o: { date: string; status: string }) => `${o.date} ${o.status}`)).toEqual([
      '2026-06-04 moved',
      '2026-06-10 cancelled',
    ]);
    expect(JSON.stringify(publicList.json())).not.toMatch(/hosts|headcount|visitors|Mika/);

    const restored = await admin.delete(`/api/activities/${cafe.id}/occurrences/2026-06-10/change`);
    expect(restored.json()).toMatchObject({ status: 'scheduled', reason: null });
    expect((await admin.delete(`/api/activities/${cafe.id}/occurrences/2026-06-10/change`)).statusCode).toBe(404);
    expect((await auditEntriesFor(t.database.db, 'activity_occurrence', cafe.id)).map((e) => e.action)).toEqual([
      'create',
      'create',
      'delete',
    ]);
  });

  it('lists the upcoming occurrences publicly by default, from today for eight weeks, and refuses too long a range', async () => {
    await setUp();
    const list = (await t.app.inject({ method: 'GET', url: '/api/public/activities' })).json();
    expect(list.from).toBe('2026-03-02');
    expect(list.items[0].occurrences[0].date).toBe('2026-03-04');
    expect(list.items[0].occurrences).toHaveLength(8);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/activities?from=2026-01-01&to=2028-01-01' })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/public/activities?from=2026-03-01&to=2026-02-01' })).statusCode).toBe(
      400,
    );
  });

  it('is an iCalendar feed that parses, with a cancelled occurrence marked and no break', async () => {
    const { admin, cafe } = await setUp();
    await admin.put(`/api/activities/${cafe.id}/occurrences/2026-03-11/change`, { kind: 'cancelled', reason: 'Sportlov' });
    await admin.put(`/api/activities/${cafe.id}/occurrences/2026-03-18/change`, {
      kind: 'moved',
      date: '2026-03-19',
      startTime: '18:00',
      endTime: '21:00',
      place: 'Stadsbiblioteket',
      reason: 'Perrongen är stängd',
    });
    const response = await t.app.inject({ method: 'GET', url: '/api/public/activities.ics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    for (const line of response.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const events = parse(response.body);
    expect(events.length).toBeGreaterThan(40);
    const first = events.find((e) => e.uid === `activity-${cafe.id}-2026-03-04@inkludera`);
    expect(first).toMatchObject({
      summary: 'MOGAI – HBTQ-café',
      location: 'Perrongen, Katrineholm',
      start: '2026-03-04T16:00:00.000Z',
      end: '2026-03-04T19:00:00.000Z',
      status: 'CONFIRMED',
    });
    const cancelled = events.find((e) => e.uid === `activity-${cafe.id}-2026-03-11@inkludera`);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', summary: 'Inställt: MOGAI – HBTQ-café' });
    expect(cancelled!.description).toContain('Sportlov');
    // A moved one keeps its UID (the scheduled date), so a subscribed calendar moves it.
    const moved = events.filter((e) => e.uid === `activity-${cafe.id}-2026-03-18@inkludera`);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      start: '2026-03-19T17:00:00.000Z',
      end: '2026-03-19T20:00:00.000Z',
      location: 'Stadsbiblioteket',
      status: 'CONFIRMED',
    });
    expect(moved[0].description).toContain('Perrongen är stängd');
    // Summer time: 17:00 in Stockholm is 15:00 UTC; nothing in the summer break.
    expect(events.find((e) => e.uid.includes('2026-06-03'))).toMatchObject({ start: '2026-06-03T15:00:00.000Z' });
    expect(events.filter((e) => e.start >= '2026-06-15' && e.start <= '2026-08-17')).toEqual([]);
  });
});

describe('headcounts', () => {
  it('are recorded by a host after the occurrence: numbers and a short note, nothing about who came', async () => {
    const { cafeHost, cafe } = await setUp();
    // Not yet held (the clock is Monday 2 March; the café is on Wednesdays).
    expect((await cafeHost.put(`/api/activities/${cafe.id}/occurrences/2026-03-04/headcount`, { visitors: 9 })).statusCode).toBe(
      409,
    );
    const recorded = await cafeHost.put(`/api/activities/${cafe.id}/occurrences/2026-02-25/headcount`, {
      visitors: 11,
      firstTimeVisitors: 2,
      note: 'Filmkväll',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().headcount).toMatchObject({ visitors: 11, firstTimeVisitors: 2, note: 'Filmkväll' });

    // Anything about the visitors is refused, and more first-timers than visitors too.
    for (const body of [
      { visitors: 3, names: ['Kim'] },
      { visitors: 3, visitorsByGender: { women: 2 } },
      { visitors: 3, ages: [17] },
      { visitors: 3, firstTimeVisitors: 4 },
      { visitors: -1 },
    ])
      expect(
        (await cafeHost.put(`/api/activities/${cafe.id}/occurrences/2026-02-18/headcount`, body)).statusCode,
        JSON.stringify(body),
      ).toBe(400);
    // A day without an occurrence: 404.
    expect((await cafeHost.put(`/api/activities/${cafe.id}/occurrences/2026-02-19/headcount`, { visitors: 3 })).statusCode).toBe(
      404,
    );

    const [row] = await t.database.db.select().from(activityHeadcounts).where(eq(activityHeadcounts.activityId, cafe.id));
    expect(Object.keys(row).sort()).toEqual([
      'activityId',
      'firstTimeVisitors',
      'id',
      'note',
      'recordedAt',
      'recordedByUserId',
      'scheduledDate',
      'visitors',
    ]);
    const audit = await auditEntriesFor(t.database.db, 'activity_headcount', row.id);
    expect(audit[0].after).toEqual({
      activityId: cafe.id,
      scheduledDate: '2026-02-25',
      visitors: 11,
      firstTimeVisitors: 2,
      note: 'Filmkväll',
    });

    // Recording again replaces the numbers.
    await cafeHost.put(`/api/activities/${cafe.id}/occurrences/2026-02-25/headcount`, { visitors: 12 });
    const occurrences = (await cafeHost.get(`/api/activities/${cafe.id}/occurrences?from=2026-02-01&to=2026-02-28`)).json();
    expect(occurrences.items.find((o: { date: string }) => o.date === '2026-02-25').headcount).toMatchObject({
      visitors: 12,
      firstTimeVisitors: null,
      note: null,
    });
  });

  it('are not recorded for a cancelled occurrence', async () => {
    const { admin, cafeHost, cafe } = await setUp();
    await admin.put(`/api/activities/${cafe.id}/occurrences/2026-02-18/change`, { kind: 'cancelled', reason: 'Sjukdom' });
    expect((await cafeHost.put(`/api/activities/${cafe.id}/occurrences/2026-02-18/headcount`, { visitors: 3 })).statusCode).toBe(
      409,
    );
  });

  it('a host sees only the activities they host: others are 404, the rest of the system 403', async () => {
    const { admin, otherHost, cafeHost, cafe } = await setUp();
    const other = (await admin.post('/api/activities', { ...cafeBody([]), name: 'Språkcafé' })).json();
    expect((await cafeHost.get('/api/activities')).json().items.map((a: { name: string }) => a.name)).toEqual([
      'MOGAI – HBTQ-café',
    ]);
    expect((await cafeHost.get(`/api/activities/${cafe.id}`)).json().can).toEqual({ edit: false, recordHeadcounts: true });
    expect((await cafeHost.get(`/api/activities/${other.id}`)).statusCode).toBe(404);
    expect((await cafeHost.get(`/api/activities/${other.id}/occurrences`)).statusCode).toBe(404);
    expect((await cafeHost.put(`/api/activities/${other.id}/occurrences/2026-02-25/headcount`, { visitors: 3 })).statusCode).toBe(
      404,
    );
    expect((await otherHost.get('/api/activities')).json().items).toEqual([]);
    expect((await otherHost.get(`/api/activities/${cafe.id}`)).statusCode).toBe(404);
    // Editing, changing occurrences and the rest of the system are not theirs.
    expect((await cafeHost.put(`/api/activities/${cafe.id}`, cafeBody([]))).statusCode).toBe(403);
    expect(
      (await cafeHost.put(`/api/activities/${cafe.id}/occurrences/2026-03-04/change`, { kind: 'cancelled', reason: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await cafeHost.post('/api/activities', cafeBody([]))).statusCode).toBe(403);
    for (const url of [
      '/api/courses',
      '/api/training-sessions',
      '/api/employees',
      '/api/units',
      '/api/action-plans',
      '/api/messages',
      '/api/activity-host-candidates',
    ])
      expect((await cafeHost.get(url)).statusCode, url).toBe(403);
  });

  it('are summed per week and month: all activities for administrators, their own for hosts', async () => {
    const { admin, cafeHost, cafe } = await setUp();
    const other = (await admin.post('/api/activities', { ...cafeBody([]), name: 'Språkcafé', weekday: 1 })).json();
    for (const [date, visitors, first] of [
      ['2026-01-07', 10, 3],
      ['2026-01-14', 8, 1],
      ['2026-02-04', 12, null],
    ] as const)
      await cafeHost.put(`/api/activities/${cafe.id}/occurrences/${date}/headcount`, { visitors, firstTimeVisitors: first });
    await admin.put(`/api/activities/${other.id}/occurrences/2026-01-12/headcount`, { visitors: 5 });

    const all = (await admin.get('/api/activity-statistics?period=month&from=2026-01-01&to=2026-02-28')).json();
    // Every held occurrence counts as held; only the counted ones enter the visitors and the average.
    // January: the café on 7, 14, 21, 28 and the Monday one on 12, 19, 26; February: four of each.
    expect(all.rows).toEqual([
      {
        period: '2026-01',
        held: 7,
        counted: 3,
        uncounted: 4,
        cancelled: 0,
        visitors: 23,
        firstTimeVisitors: 4,
        averageVisitors: 23 / 3,
        firstTimeShare: 4 / 18,
      },
      {
        period: '2026-02',
        held: 8,
        counted: 1,
        uncounted: 7,
        cancelled: 0,
        visitors: 12,
        firstTimeVisitors: 0,
        averageVisitors: 12,
        firstTimeShare: null,
      },
    ]);
    expect(all.totals).toMatchObject({ held: 15, counted: 4, uncounted: 11, visitors: 35, firstTimeVisitors: 4 });
    const weeks = (
      await admin.get(`/api/activity-statistics?period=week&activityId=${cafe.id}&from=2026-01-01&to=2026-02-28`)
    ).json();
    expect(weeks.rows.map((r: { period: string; visitors: number }) => `${r.period} ${r.visitors}`)).toEqual([
      '2026-W02 10',
      '2026-W03 8',
      '2026-W04 0',
      '2026-W05 0',
      '2026-W06 12',
      '2026-W07 0',
      '2026-W08 0',
      '2026-W09 0',
    ]);
    const own = (await cafeHost.get('/api/activity-statistics?from=2026-01-01&to=2026-02-28')).json();
    expect(own.totals.visitors).toBe(30);
    expect((await cafeHost.get(`/api/activity-statistics?activityId=${other.id}`)).statusCode).toBe(404);
  });
});
