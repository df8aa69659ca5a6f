import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, enrolments, outbox, sessionEligibility, sessionTrainers } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';
import { buildEnrolment, buildSession } from '../../../../test/support/training.js';

const t = useTestApp();
const db = () => t.database.db;

const coordinator = () => signIn(t.app, db(), 'training_coordinator');

async function statusOf(sessionId: string) {
  return db()
    .select({ employeeId: enrolments.employeeId, status: enrolments.status, source: enrolments.source })
    .from(enrolments)
    .where(eq(enrolments.sessionId, sessionId))
    .orderBy(asc(enrolments.queuedAt), asc(enrolments.id));
}

const mailTo = async (address: string) => db().select().from(outbox).where(eq(outbox.toAddress, address));

/** An employee with a linked user account with the employee role, signed in. */
async function signedInEmployee(unitId?: string, locale: 'sv' | 'en' = 'sv') {
  const employee = await buildEmployee(db(), unitId ? { unitId } : {});
  const { agent, user } = await signIn(t.app, db(), 'employee', { employeeId: employee.id });
  if (locale === 'en') {
    const { users } = await import('#server/db/schema/index');
    await db().update(users).set({ locale: 'en' }).where(eq(users.id, user.id));
  }
  return { agent, user, employee };
}

describe('signing up', () => {
  it('signs up oneself with an empty body: enrolled, mailed in the account’s language, audited', async () => {
    const session = await buildSession(db(), { capacity: 5 });
    const { agent, user, employee } = await signedInEmployee(undefined, 'en');
    const response = await agent.post(`/api/training-sessions/${session.id}/enrolments`, {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      enrolledCount: 1,
      waitingCount: 0,
      skippedCount: 0,
      enrolled: [{ employeeId: employee.id, name: `Anna ${employee.lastName}` }],
    });
    expect(await statusOf(session.id)).toEqual([{ employeeId: employee.id, status: 'enrolled', source: 'self' }]);
    const mail = await mailTo(employee.email!);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toMatch(/^You are enrolled: Kurs/);
    const audit = await auditEntriesFor(db(), 'enrolment');
    expect(audit).toMatchObject([
      {
        action: 'create',
        actorUserId: user.id,
        after: { sessionId: session.id, employeeId: employee.id, status: 'enrolled', source: 'self' },
      },
    ]);

    // Again: skipped, not a second place.
    const again = await agent.post(`/api/training-sessions/${session.id}/enrolments`, {});
    expect(again.json()).toMatchObject({
      enrolledCount: 0,
      skippedCount: 1,
      skipped: [{ employeeId: employee.id, reason: 'already_enrolled' }],
    });
  });

  it('answers 403 no_linked_employee to a self sign-up without an employee record, and 404 for no session', async () => {
    const session = await buildSession(db());
    const { agent } = await signIn(t.app, db(), 'employee');
    const response = await agent.post(`/api/training-sessions/${session.id}/enrolments`, {});
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('no_linked_employee');
    expect(response.json().error.message).toMatch(/inte kopplat/);
    expect((await agent.post(`/api/training-sessions/${crypto.randomUUID()}/enrolments`, {})).statusCode).toBe(404);
  });

  it('fills the seats in order, then the waiting list, and reports the skipped with reasons', async () => {
    const unit = await buildUnit(db());
    const session = await buildSession(db(), { capacity: 2 });
    const a = await buildEmployee(db(), { unitId: unit.id, lastName: 'Ahl' });
    const b = await buildEmployee(db(), { unitId: unit.id, lastName: 'Berg' });
    const c = await buildEmployee(db(), { unitId: unit.id, lastName: 'Cedersköld' });
    await buildEmployee(db(), { unitId: unit.id, lastName: 'Dahl', endDate: '2026-01-31' }); // ended: not staff any more
    const ended = await buildEmployee(db(), { lastName: 'Ek', endDate: '2026-01-31' });
    const { agent } = await coordinator();

    const response = await agent.post(`/api/training-sessions/${session.id}/enrolments`, {
      employeeIds: [c.id, ended.id],
      unitIds: [unit.id],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ enrolledCount: 2, waitingCount: 1, skippedCount: 1 });
    // Listed first (as listed), then the unit's staff by name.
    expect(body.enrolled.map((p: { employeeId: string }) => p.employeeId)).toEqual([c.id, a.id]);
    expect(body.waiting).toMatchObject([{ employeeId: b.id, position: 1 }]);
    expect(body.skipped).toMatchObject([{ employeeId: ended.id, reason: 'employment_ended' }]);
    expect(await statusOf(session.id)).toEqual([
      { employeeId: c.id, status: 'enrolled', source: 'coordinator' },
      { employeeId: a.id, status: 'enrolled', source: 'coordinator' },
      { employeeId: b.id, status: 'waiting', source: 'coordinator' },
    ]);
    expect((await mailTo(b.email!))[0].body).toMatch(/väntelistan som nummer 1/);
    expect((await mailTo(a.email!))[0].subject).toMatch(/^Du är anmäld/);

    const again = await agent.post(`/api/training-sessions/${session.id}/enrolments`, {
      administrationIds: [unit.administrationId],
    });
    expect(again.json()).toMatchObject({ enrolledCount: 0, waitingCount: 0, skippedCount: 3 });
    expect(
      again
        .json()
        .skipped.map((s: { reason: string }) => s.reason)
        .sort(),
    ).toEqual(['already_enrolled', 'already_enrolled', 'already_waiting']);
  });

  it('leaves out those not eligible for a restricted session', async () => {
    const inside = await buildUnit(db());
    const outside = await buildUnit(db());
    const session = await buildSession(db(), { eligibility: 'restricted' });
    await db().insert(sessionEligibility).values({ sessionId: session.id, unitId: inside.id });
    const ok = await buildEmployee(db(), { unitId: inside.id });
    const no = await buildEmployee(db(), { unitId: outside.id });
    const { agent } = await coordinator();
    const response = await agent.post(`/api/training-sessions/${session.id}/enrolments`, { employeeIds: [ok.id, no.id] });
    expect(response.json()).toMatchObject({
      enrolledCount: 1,
      enrolled: [{ employeeId: ok.id }],
      skipped: [{ employeeId: no.id, reason: 'not_eligible' }],
    });
  });

  it('refuses a cancelled session and one whose last part has passed (409), and unknown people (400)', async () => {
    const { agent } = await coordinator();
    const employee = await buildEmployee(db());
    const cancelled = await buildSession(db(), { status: 'cancelled' });
    const past = await buildSession(db(), { parts: [{ date: '2026-02-20' }, { date: '2026-03-01' }] });
    const today = await buildSession(db(), { parts: [{ date: '2026-02-20' }, { date: '2026-03-02' }] });
    const r1 = await agent.post(`/api/training-sessions/${cancelled.id}/enrolments`, { employeeIds: [employee.id] });
    expect([r1.statusCode, r1.json().error.code]).toEqual([409, 'session_cancelled']);
    const r2 = await agent.post(`/api/training-sessions/${past.id}/enrolments`, { employeeIds: [employee.id] });
    expect([r2.statusCode, r2.json().error.code]).toEqual([409, 'session_over']);
    const r3 = await agent.post(`/api/training-sessions/${today.id}/enrolments`, { employeeIds: [employee.id] });
    expect(r3.statusCode).toBe(200);
    const r4 = await agent.post(`/api/training-sessions/${today.id}/enrolments`, { employeeIds: [crypto.randomUUID()] });
    expect(r4.statusCode).toBe(400);
    expect(r4.json().error.details).toMatchObject([{ path: 'body.employeeIds.0' }]);
    const r5 = await agent.post(`/api/training-sessions/${today.id}/enrolments`, { unitIds: [crypto.randomUUID()] });
    expect(r5.statusCode).toBe(400);
  });

  it('lets a unit manager enrol their staff and their unit, a process leader their administration, nobody else’s', async () => {
    const administration = await buildAdministration(db());
    const managed = await buildUnit(db(), { administrationId: administration.id });
    const sibling = await buildUnit(db(), { administrationId: administration.id });
    const elsewhere = await buildUnit(db());
    const mine = await buildEmployee(db(), { unitId: managed.id });
    const theirs = await buildEmployee(db(), { unitId: sibling.id });
    const stranger = await buildEmployee(db(), { unitId: elsewhere.id });
    const session = await buildSession(db());
    const url = `/api/training-sessions/${session.id}/enrolments`;

    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: managed.id }]);
    expect((await manager.post(url, { employeeIds: [stranger.id] })).statusCode).toBe(403);
    expect((await manager.post(url, { unitIds: [sibling.id] })).statusCode).toBe(403);
    expect((await manager.post(url, { administrationIds: [administration.id] })).statusCode).toBe(403);
    const ok = await manager.post(url, { unitIds: [managed.id] });
    expect(ok.json()).toMatchObject({ enrolledCount: 1, enrolled: [{ employeeId: mine.id }] });

    const { agent: leader } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: administration.id }]);
    expect((await leader.post(url, { employeeIds: [stranger.id] })).statusCode).toBe(403);
    const byLeader = await leader.post(url, { administrationIds: [administration.id] });
    expect(byLeader.json()).toMatchObject({
      enrolledCount: 1,
      enrolled: [{ employeeId: theirs.id }],
      skipped: [{ employeeId: mine.id }],
    });
    expect((await statusOf(session.id)).map((r) => r.source)).toEqual(['manager', 'manager']);

    // An employee only themselves.
    const { agent: employee } = await signedInEmployee(managed.id);
    expect((await employee.post(url, { employeeIds: [mine.id] })).statusCode).toBe(403);
    expect((await employee.post(url, { unitIds: [managed.id] })).statusCode).toBe(403);
  });
});

describe('cancelling', () => {
  it('gives the freed seat to the first in line, who is mailed; a cancelled person signs up again at the back', async () => {
    const session = await buildSession(db(), { capacity: 1 });
    const { agent: anna, employee: annaEmployee } = await signedInEmployee();
    const first = await buildEmployee(db());
    const second = await buildEmployee(db());
    const { agent } = await coordinator();
    await anna.post(`/api/training-sessions/${session.id}/enrolments`, {});
    await agent.post(`/api/training-sessions/${session.id}/enrolments`, { employeeIds: [first.id] });
    t.clock.advance(60_000);
    await agent.post(`/api/training-sessions/${session.id}/enrolments`, { employeeIds: [second.id] });

    const cancelled = await anna.delete(`/api/training-sessions/${session.id}/enrolments/${annaEmployee.id}`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ status: 'cancelled', promotedCount: 1 });
    expect(await statusOf(session.id)).toMatchObject([
      { employeeId: annaEmployee.id, status: 'cancelled' },
      { employeeId: first.id, status: 'enrolled' },
      { employeeId: second.id, status: 'waiting' },
    ]);
    expect((await mailTo(first.email!)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/väntelistan/),
      expect.stringMatching(/fått en plats/),
    ]);

    // Again: the old row is reused, behind the one already waiting.
    t.clock.advance(60_000);
    const back = await anna.post(`/api/training-sessions/${session.id}/enrolments`, {});
    expect(back.json()).toMatchObject({ waitingCount: 1, waiting: [{ employeeId: annaEmployee.id, position: 2 }] });
    const rows = await db().select().from(enrolments).where(eq(enrolments.sessionId, session.id));
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.employeeId === annaEmployee.id)).toMatchObject({ status: 'waiting', cancelledAt: null });
  });

  it('refuses to cancel someone with attendance marks (409), and others’ places without scope', async () => {
    const unit = await buildUnit(db());
    const session = await buildSession(db());
    const marked = await buildEnrolment(db(), session, { employeeId: (await buildEmployee(db(), { unitId: unit.id })).id });
    await db().insert(attendance).values({ partId: session.parts[0].id, enrolmentId: marked.id, status: 'present' });
    const other = await buildEnrolment(db(), session, { employeeId: (await buildEmployee(db(), { unitId: unit.id })).id });
    const { agent } = await coordinator();
    const refused = await agent.delete(`/api/training-sessions/${session.id}/enrolments/${marked.employeeId}`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'enrolment_has_attendance']);

    const { agent: employee } = await signedInEmployee();
    expect((await employee.delete(`/api/training-sessions/${session.id}/enrolments/${other.employeeId}`)).statusCode).toBe(404);
    const { agent: otherManager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: (await buildUnit(db())).id }]);
    expect((await otherManager.delete(`/api/training-sessions/${session.id}/enrolments/${other.employeeId}`)).statusCode).toBe(
      404,
    );
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    expect((await manager.delete(`/api/training-sessions/${session.id}/enrolments/${other.employeeId}`)).statusCode).toBe(200);
    expect((await manager.delete(`/api/training-sessions/${session.id}/enrolments/${other.employeeId}`)).statusCode).toBe(404);
  });
});

describe('who sees whom', () => {
  async function setting() {
    const unit = await buildUnit(db());
    const session = await buildSession(db(), { capacity: 2 });
    const staff = await buildEmployee(db(), { unitId: unit.id, lastName: 'Ahl' });
    const other = await buildEmployee(db(), { lastName: 'Berg' });
    const waitingStaff = await buildEmployee(db(), { unitId: unit.id, lastName: 'Cedersköld' });
    await buildEnrolment(db(), session, { employeeId: staff.id });
    await buildEnrolment(db(), session, { employeeId: other.id, attendedMinutes: 120 });
    await buildEnrolment(db(), session, {
      employeeId: (await buildEmployee(db())).id,
      status: 'waiting',
      enrolledAt: null,
      queuedAt: new Date('2026-03-01T10:00:00Z'),
    });
    await buildEnrolment(db(), session, {
      employeeId: waitingStaff.id,
      status: 'waiting',
      enrolledAt: null,
      queuedAt: new Date('2026-03-01T11:00:00Z'),
    });
    return { unit, session, staff, other, waitingStaff };
  }

  it('shows coordinators and the session’s trainers everyone, and audits the read', async () => {
    const { session, staff, other } = await setting();
    const { agent, user } = await coordinator();
    const response = await agent.get(`/api/training-sessions/${session.id}/enrolments`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ capacity: 2, enrolledCount: 2, waitingCount: 2, complete: true });
    expect(body.enrolled.map((p: { employeeId: string }) => p.employeeId)).toEqual([staff.id, other.id]);
    expect(body.enrolled[1]).toMatchObject({
      attendedMinutes: 120,
      completed: false,
      source: 'coordinator',
      hasAttendance: false,
    });
    expect(body.waiting.map((p: { position: number }) => p.position)).toEqual([1, 2]);
    expect(body.enrolled[0]).not.toHaveProperty('email');
    const audit = await auditEntriesFor(db(), 'enrolment', null);
    expect(audit).toMatchObject([{ action: 'read', actorUserId: user.id, after: { sessionId: session.id } }]);
    expect((audit[0].after as { ids: string[] }).ids).toHaveLength(4);

    const { agent: trainer, user: trainerUser } = await signIn(t.app, db(), 'trainer');
    const { agent: otherTrainer } = await signIn(t.app, db(), 'trainer');
    await db().insert(sessionTrainers).values({ sessionId: session.id, userId: trainerUser.id });
    expect((await trainer.get(`/api/training-sessions/${session.id}/enrolments`)).json()).toMatchObject({
      complete: true,
      enrolledCount: 2,
    });
    const outsider = (await otherTrainer.get(`/api/training-sessions/${session.id}/enrolments`)).json();
    expect(outsider).toMatchObject({ complete: false, enrolled: [], waiting: [], enrolledCount: 2 });
  });

  it('shows a unit manager their staff (with the true queue position) and an employee themselves', async () => {
    const { unit, session, staff, waitingStaff } = await setting();
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    const body = (await manager.get(`/api/training-sessions/${session.id}/enrolments`)).json();
    expect(body.complete).toBe(false);
    expect(body.enrolled.map((p: { employeeId: string }) => p.employeeId)).toEqual([staff.id]);
    expect(body.waiting).toMatchObject([{ employeeId: waitingStaff.id, position: 2 }]);

    const { agent: leader } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: unit.administrationId }]);
    expect((await leader.get(`/api/training-sessions/${session.id}/enrolments`)).json().enrolled).toHaveLength(1);

    const { agent: self } = await signIn(t.app, db(), 'employee', { employeeId: staff.id });
    const own = (await self.get(`/api/training-sessions/${session.id}/enrolments`)).json();
    expect(own.enrolled.map((p: { employeeId: string }) => p.employeeId)).toEqual([staff.id]);
    expect(own.waiting).toEqual([]);
  });

  it('answers 404 for a session that does not exist', async () => {
    const { agent } = await coordinator();
    expect((await agent.get(`/api/training-sessions/${crypto.randomUUID()}/enrolments`)).statusCode).toBe(404);
  });
});
