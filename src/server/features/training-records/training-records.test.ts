import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, courses, enrolments } from '#server/db/schema/index';
import { permissionsOf } from '#shared/permissions';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import { auditEntriesFor, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';
import { pdfText } from '../../../../test/support/pdf.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import { recomputeOutcomes } from '../enrolments/outcomes.js';
import { canReadCertificate, canReadRecord } from './policy.js';

const t = useTestApp({ config: { rateLimits: { login: 30, public: 5 }, publicUrl: 'https://inkludera.example.se' } });

/**
 * Anna in a unit, with the 20-hour course (four half days of five hours, 80% needed, refresher
 * every 3 years) attended fully in April 2026, and a lecture she attended one part of two.
 */
async function annaWithHistory() {
  const db = t.database.db;
  const unit = await buildUnit(db, { name: 'Förskolan Solen' });
  const anna = await buildEmployee(db, { unitId: unit.id, firstName: 'Åsa', lastName: 'Đorđević' });
  const certification = await buildCourse(db, {
    name: 'HBTQ-certifiering för förskolan',
    level: 'certification_course',
    nominalMinutes: 1200,
    refresherYears: 3,
  });
  const full = await buildSession(db, {
    courseId: certification.id,
    parts: ['2026-04-01', '2026-04-08', '2026-04-15', '2026-04-22'].map((date) => ({
      date,
      startTime: '08:00',
      endTime: '13:00',
    })),
  });
  const completed = await buildEnrolment(db, full, { employeeId: anna.id });
  await db.insert(attendance).values(full.parts.map((p) => ({ partId: p.id, enrolmentId: completed.id, status: 'present' })));

  const lecture = await buildCourse(db, { name: 'Normkritik', nominalMinutes: 240 });
  const twoParts = await buildSession(db, {
    courseId: lecture.id,
    parts: [
      { date: '2026-02-10', startTime: '13:00', endTime: '15:00' },
      { date: '2026-02-17', startTime: '13:00', endTime: '15:00' },
    ],
  });
  const partial = await buildEnrolment(db, twoParts, { employeeId: anna.id });
  await db.insert(attendance).values([
    { partId: twoParts.parts[0].id, enrolmentId: partial.id, status: 'present' },
    { partId: twoParts.parts[1].id, enrolmentId: partial.id, status: 'absent' },
  ]);
  await recomputeOutcomes(db, { sessionIds: [full.id, twoParts.id] });
  const [row] = await db.select().from(enrolments).where(eq(enrolments.id, completed.id));
  return { unit, anna, certification, full, completed: row, partial, twoParts };
}

describe('the training record of an employee', () => {
  it('lists every enrolment with hours, completion and the refresher date, and audits the read', async () => {
    const { anna, certification, completed, partial } = await annaWithHistory();
    const { agent, user } = await signIn(t.app, t.database.db, 'training_coordinator');
    const response = await agent.get(`/api/employees/${anna.id}/training`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.name).toBe('Åsa Đorđević');
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toEqual({
      enrolmentId: completed.id,
      sessionId: completed.sessionId,
      courseId: certification.id,
      courseName: 'HBTQ-certifiering för förskolan',
      sessionTitle: null,
      topic: 'hbtq',
      levelKey: 'certification_course',
      levelNameSv: expect.any(String),
      levelNameEn: expect.any(String),
      startsOn: '2026-04-01',
      endsOn: '2026-04-22',
      sessionStatus: 'planned',
      status: 'enrolled',
      attendedHours: 20,
      totalHours: 20,
      completedOn: '2026-04-22',
      refresherDueOn: '2029-04-22',
      verificationAvailable: true,
    });
    expect(body.items[1]).toMatchObject({
      enrolmentId: partial.id,
      courseName: 'Normkritik',
      attendedHours: 2,
      totalHours: 4,
      completedOn: null,
      refresherDueOn: null,
      verificationAvailable: false,
    });
    // The code itself is printed on the certificate only.
    expect(JSON.stringify(body)).not.toContain(completed.verificationCode!);
    const audit = await auditEntriesFor(t.database.db, 'training_record', anna.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'read', actorUserId: user.id });
  });

  it('follows the employees’ read policy: own units, own administration, oneself; 404 for anyone else', async () => {
    const { anna, unit } = await annaWithHistory();
    const db = t.database.db;
    const other = await buildUnit(db, { administrationId: unit.administrationId });
    const elsewhere = await buildUnit(db);
    const colleague = await buildEmployee(db, { unitId: unit.id });
    const cases: [Parameters<typeof signIn>[2], Parameters<typeof signIn>[3], number][] = [
      ['administrator', {}, 200],
      [[{ role: 'unit_manager', unitId: unit.id }], {}, 200],
      [[{ role: 'unit_manager', unitId: other.id }], {}, 404],
      [[{ role: 'process_leader', administrationId: unit.administrationId }], {}, 200],
      [[{ role: 'process_leader', administrationId: elsewhere.administrationId }], {}, 404],
      ['employee', { employeeId: anna.id }, 200],
      ['employee', { employeeId: colleague.id }, 404],
      ['trainer', {}, 403],
    ];
    for (const [roles, extra, status] of cases) {
      const { agent } = await signIn(t.app, db, roles, extra);
      expect((await agent.get(`/api/employees/${anna.id}/training`)).statusCode, JSON.stringify(roles)).toBe(status);
    }
    const { agent } = await signIn(t.app, db, 'administrator');
    expect((await agent.get(`/api/employees/${crypto.randomUUID()}/training`)).statusCode).toBe(404);
  });

  it('decides certificates for oneself and for those who may read the employee', () => {
    const owner = { id: 'e1', unitId: 'u1', administrationId: 'a1' };
    const base = { administrationIds: [] as string[], unitIds: [] as string[], roles: [], employeeId: null as string | null };
    // A trainer cannot read employees, but has their own certificates.
    expect(canReadCertificate({ ...base, employeeId: 'e1', permissions: permissionsOf(['trainer']) }, owner)).toBe(true);
    expect(canReadRecord({ ...base, employeeId: 'e1', permissions: permissionsOf(['trainer']) }, owner)).toBe(false);
    expect(canReadCertificate({ ...base, employeeId: 'e2', permissions: permissionsOf(['employee']) }, owner)).toBe(false);
    expect(canReadCertificate({ ...base, unitIds: ['u1'], permissions: permissionsOf(['unit_manager']) }, owner)).toBe(true);
    expect(canReadCertificate({ ...base, unitIds: ['u2'], permissions: permissionsOf(['unit_manager']) }, owner)).toBe(false);
    expect(
      canReadCertificate({ ...base, administrationIds: ['a1'], permissions: permissionsOf(['process_leader']) }, owner),
    ).toBe(true);
    expect(canReadCertificate({ ...base, permissions: permissionsOf(['training_coordinator']) }, owner)).toBe(true);
  });
});

describe('my training', () => {
  it('shows my record, my places (with my position in the queue) and the sessions open to me with free seats', async () => {
    const db = t.database.db;
    const { anna, unit } = await annaWithHistory();
    t.clock.set('2026-04-23T09:00:00Z');
    const { agent } = await signIn(t.app, db, 'employee', { employeeId: anna.id });

    const booked = await buildSession(db, { parts: [{ date: '2026-05-05' }, { date: '2026-05-12', place: 'Kulturhuset' }] });
    await buildEnrolment(db, booked, { employeeId: anna.id });
    const full = await buildSession(db, { capacity: 1, parts: [{ date: '2026-06-01' }] });
    await buildEnrolment(db, full, { queuedAt: new Date('2026-02-01T08:00:00Z') });
    await buildEnrolment(db, full, { status: 'waiting', queuedAt: new Date('2026-02-02T08:00:00Z') });
    await buildEnrolment(db, full, { employeeId: anna.id, status: 'waiting', queuedAt: new Date('2026-02-03T08:00:00Z') });
    await buildEnrolment(db, full, { status: 'waiting', queuedAt: new Date('2026-02-04T08:00:00Z') });

    const open = await buildSession(db, { capacity: 3, parts: [{ date: '2026-04-30', startTime: '09:00', endTime: '11:30' }] });
    await buildEnrolment(db, open);
    const restrictedToMine = await buildSession(db, { eligibility: 'restricted', parts: [{ date: '2026-05-20' }] });
    const restrictedElsewhere = await buildSession(db, { eligibility: 'restricted', parts: [{ date: '2026-05-21' }] });
    const { sessionEligibility } = await import('#server/db/schema/index');
    await db.insert(sessionEligibility).values([
      { sessionId: restrictedToMine.id, unitId: unit.id },
      { sessionId: restrictedElsewhere.id, unitId: (await buildUnit(db)).id },
    ]);
    const past = await buildSession(db, { parts: [{ date: '2026-04-22' }] });
    const cancelled = await buildSession(db, { status: 'cancelled', parts: [{ date: '2026-05-01' }] });

    const response = await agent.get('/api/my-training');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.employee).toEqual({ id: anna.id, name: 'Åsa Đorđević' });
    expect(body.record.length).toBe(4);
    expect(body.upcoming).toEqual([
      expect.objectContaining({
        sessionId: booked.id,
        status: 'enrolled',
        queuePosition: null,
        startsOn: '2026-05-05',
        endsOn: '2026-05-12',
      }),
      expect.objectContaining({ sessionId: full.id, status: 'waiting', queuePosition: 2 }),
    ]);
    expect(body.upcoming[0].parts).toEqual([
      { id: booked.parts[0].id, position: 1, date: '2026-05-05', startTime: '09:00', endTime: '13:00', place: 'Stadshuset' },
      { id: booked.parts[1].id, position: 2, date: '2026-05-12', startTime: '09:00', endTime: '13:00', place: 'Kulturhuset' },
    ]);
    const openIds = body.open.map((o: { sessionId: string }) => o.sessionId);
    expect(openIds).toEqual([open.id, restrictedToMine.id]);
    expect(openIds).not.toContain(past.id);
    expect(openIds).not.toContain(cancelled.id);
    expect(body.open[0]).toMatchObject({ capacity: 3, freeSeats: 2, waitingCount: 0, totalHours: 2.5 });
    expect(body.calendarFeed).toBeNull();
  });

  it('gives an account without an employee record an empty page, not an error', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'trainer');
    const response = await agent.get('/api/my-training');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ employee: null, record: [], upcoming: [], open: [], calendarFeed: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/my-training' })).statusCode).toBe(401);
  });
});

describe('the certificate of completion', () => {
  it('is a tagged PDF with the name, course, hours, date, code and address, and nothing about the unit or topic', async () => {
    const { anna, completed } = await annaWithHistory();
    const { agent } = await signIn(t.app, t.database.db, 'employee', { employeeId: anna.id });
    const response = await agent.get(`/api/enrolments/${completed.id}/certificate.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('attachment');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toContain('/Marked true');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/S /H1');
    expect(raw).toContain('/S /P');
    expect(raw).toMatch(/\/Lang \(sv-SE\)/);
    expect(raw).toContain('/DisplayDocTitle true');

    const text = pdfText(pdf);
    const code = completed.verificationCode!;
    const grouped = code.match(/.{1,4}/g)!.join('-');
    expect(text).toContain('Intyg om genomförd utbildning');
    expect(text).toContain('Åsa Đorđević');
    expect(text).toContain('HBTQ-certifiering för förskolan');
    expect(text).toContain('Närvaro: 20 timmar');
    expect(text).toContain('22 april 2026');
    expect(text).toContain(grouped);
    expect(text).toContain(`https://inkludera.example.se/verify/${grouped}`);
    expect(text).not.toContain('Förskolan Solen');
    // Only the course name may carry the topic; nothing else about the course or the person.
    expect(text.replace('HBTQ-certifiering för förskolan', '')).not.toMatch(/hbtq|enhet|unit|född|födelse/i);
  });

  it('is refused while the course is not completed, and to those who may not read the person', async () => {
    const { anna, completed, partial, unit } = await annaWithHistory();
    const db = t.database.db;
    const { agent: self } = await signIn(t.app, db, 'employee', { employeeId: anna.id });
    const notCompleted = await self.get(`/api/enrolments/${partial.id}/certificate.pdf`);
    expect(notCompleted.statusCode).toBe(409);
    expect(notCompleted.json().error.code).toBe('certificate_not_completed');
    expect((await self.get(`/api/enrolments/${crypto.randomUUID()}/certificate.pdf`)).statusCode).toBe(404);

    const { agent: colleague } = await signIn(t.app, db, 'employee', {
      employeeId: (await buildEmployee(db, { unitId: unit.id })).id,
    });
    expect((await colleague.get(`/api/enrolments/${completed.id}/certificate.pdf`)).statusCode).toBe(404);
    const { agent: manager, user } = await signIn(t.app, db, [{ role: 'unit_manager', unitId: unit.id }]);
    const read = await manager.get(`/api/enrolments/${completed.id}/certificate.pdf`, { headers: { 'accept-language': 'en' } });
    expect(read.statusCode).toBe(200);
    expect((await auditEntriesFor(db, 'training_certificate', completed.id)).map((e) => e.actorUserId)).toContain(user.id);
  });

  it('is written in the reader’s language', async () => {
    const { anna, completed } = await annaWithHistory();
    const { agent } = await signIn(t.app, t.database.db, 'employee', { employeeId: anna.id });
    const { users } = await import('#server/db/schema/index');
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.employeeId, anna.id));
    const text = pdfText((await agent.get(`/api/enrolments/${completed.id}/certificate.pdf`)).rawPayload);
    expect(text).toContain('Certificate of completion');
    expect(text).toContain('Attendance: 20 hours');
    expect(text).toContain('22 April 2026');
  });
});

describe('the public check of a certificate', () => {
  it('answers who, which course, the hours and the date, without a login, however the code is typed', async () => {
    const { completed } = await annaWithHistory();
    const code = completed.verificationCode!;
    const typed = code
      .toLowerCase()
      .match(/.{1,4}/g)!
      .join('-');
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/public/training-certificates/${typed}`,
      remoteAddress: '10.0.0.1',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      valid: true,
      name: 'Åsa Đorđević',
      course: 'HBTQ-certifiering för förskolan',
      hours: 20,
      completedOn: '2026-04-22',
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 404 for an unknown code, and for a certificate whose completion was taken back', async () => {
    const { completed, certification } = await annaWithHistory();
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/public/training-certificates/ABCD-EFGH-1234',
      remoteAddress: '10.0.0.2',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('certificate_not_found');
    await t.database.db.update(courses).set({ completionThreshold: 100 }).where(eq(courses.id, certification.id));
    await t.database.db.delete(attendance).where(eq(attendance.enrolmentId, completed.id));
    await recomputeOutcomes(t.database.db, { courseId: certification.id });
    const revoked = await t.app.inject({
      method: 'GET',
      url: `/api/public/training-certificates/${completed.verificationCode}`,
      remoteAddress: '10.0.0.2',
    });
    expect(revoked.statusCode).toBe(404);
  });

  it('is rate limited per address', async () => {
    const url = '/api/public/training-certificates/NOPE-NOPE';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.3' })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    // Another address is not held back.
    expect((await t.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.4' })).statusCode).toBe(404);
    const agent = new Agent(t.app);
    expect((await agent.get('/api/my-training')).statusCode).toBe(401);
  });
});
