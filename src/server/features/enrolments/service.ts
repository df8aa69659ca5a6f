import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/errors.js';
import { translate, type Locale } from '../../http/i18n.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { AttendanceBody, EnrolBody, EnrolResult, SkipReason } from '#shared/contracts/enrolments';
import { recordAudit, type AuditRecord } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { recomputeOutcomes } from './outcomes.js';
import { can, canAttendance, canEnrolAdministration, canEnrolUnit, scopeOf, seesAllParticipants, sourceFor } from './policy.js';
import * as repo from './repository.js';
import { lockSession, promoteFromWaitingList, type LockedSession } from './waiting-list.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

const invalid = (path: string, code: string) => badRequest('validation_failed', [{ path, message: code }]);

async function requireSession(db: DbOrTx, sessionId: string, actor: Actor) {
  const session = await repo.sessionFacts(db, sessionId, actor.userId);
  if (!session) throw notFound();
  return session;
}

/** A session takes sign-ups while it is planned and its last part has not passed. */
function requireOpen(session: { status: string; endsOn: string }, today: string) {
  if (session.status !== 'planned') throw conflict('session_cancelled');
  if (session.endsOn < today) throw conflict('session_over');
}

// ---------------------------------------------------------------------------------------------
// The participants

/**
 * The enrolled and the waiting, as far as the actor may see them (policy.ts). The read of personal
 * data is audited as the employee lists are: the session and the ids shown, not the rows.
 */
export async function listParticipants(ctx: Ctx, actor: Actor, sessionId: string) {
  const session = await requireSession(ctx.db, sessionId, actor);
  const complete = seesAllParticipants(actor, session);
  const scope = complete ? null : scopeOf(actor, 'read');
  const [rows, totals] = await Promise.all([repo.participants(ctx.db, sessionId, scope), repo.counts(ctx.db, sessionId)]);
  await recordAudit(
    ctx.db,
    actor,
    { action: 'read', entityType: 'enrolment', entityId: null, after: { sessionId, ids: rows.map((r) => r.employee_id) } },
    ctx.clock.now(),
  );
  return { session, complete, rows, totals };
}

// ---------------------------------------------------------------------------------------------
// Signing up

function mailTo(locale: string | null): Locale {
  return locale === 'en' ? 'en' : 'sv';
}

function placeMail(
  ctx: Ctx,
  session: LockedSession,
  kind: 'enrolled' | 'waiting',
  person: { email: string; locale: string | null; position?: number },
) {
  const locale = mailTo(person.locale);
  const values = {
    course: session.courseName,
    date: session.startsOn,
    position: person.position ?? 0,
    url: `${ctx.config.publicUrl}/my-training`,
  };
  return {
    to: person.email,
    subject: translate(locale, `mail.training.${kind}.subject`, values),
    body: translate(locale, `mail.training.${kind}.body`, values),
  };
}

/**
 * Signs people up: oneself (an empty body), listed employees, or the current staff of units and
 * administrations, each within the actor's scope. Under the session's lock, in the order given:
 * free seats first, then the waiting list. Someone already on the session, no longer employed or
 * not eligible is reported back and left out. Each new participant gets a mail.
 */
export async function enrol(ctx: Ctx, actor: Actor, sessionId: string, body: EnrolBody): Promise<EnrolResult> {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  const employeeIds = [...new Set(body.employeeIds ?? [])];
  const unitIds = [...new Set(body.unitIds ?? [])];
  const administrationIds = [...new Set(body.administrationIds ?? [])];
  const own = employeeIds.length === 0 && unitIds.length === 0 && administrationIds.length === 0;

  return ctx.db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (!session) throw notFound();
    const facts = (await repo.sessionFacts(tx, sessionId, actor.userId))!;
    requireOpen(facts, today);
    if (own && !actor.employeeId) throw forbidden('no_linked_employee');

    const units = await repo.findUnits(tx, unitIds);
    unitIds.forEach((id, i) => {
      const unit = units.find((u) => u.id === id);
      if (!unit) throw invalid(`body.unitIds.${i}`, 'unknown_unit');
      if (!canEnrolUnit(actor, unit)) throw forbidden();
    });
    const known = await repo.findAdministrations(tx, administrationIds);
    administrationIds.forEach((id, i) => {
      if (!known.includes(id)) throw invalid(`body.administrationIds.${i}`, 'unknown_administration');
      if (!canEnrolAdministration(actor, id)) throw forbidden();
    });

    const listed = own ? [actor.employeeId!] : employeeIds;
    const people = await repo.candidates(tx, sessionId, { employeeIds: listed, unitIds, administrationIds }, today);
    listed.forEach((id, i) => {
      const person = people.find((p) => p.employeeId === id);
      if (!person) throw invalid(`body.employeeIds.${i}`, 'unknown_employee');
      if (!can(actor, 'create', { employeeId: id, unitId: person.unitId, administrationId: person.administrationId })) {
        throw forbidden();
      }
    });

    // Seats freed earlier go to those already waiting before anyone new.
    await promoteFromWaitingList(ctx, tx, session);
    const taken = (await repo.counts(tx, sessionId)).enrolled;
    let free = Math.max(0, session.capacity - taken);

    const skipped: EnrolResult['skipped'] = [];
    const places: (repo.NewPlace & { person: repo.Candidate })[] = [];
    for (const person of people) {
      let reason: SkipReason | null = null;
      if (person.existing === 'enrolled') reason = 'already_enrolled';
      else if (person.existing === 'waiting') reason = 'already_waiting';
      else if (!person.current) reason = 'employment_ended';
      else if (!person.eligible) reason = 'not_eligible';
      if (reason) {
        skipped.push({ employeeId: person.employeeId, name: person.name, reason });
        continue;
      }
      const status = free > 0 ? 'enrolled' : 'waiting';
      if (status === 'enrolled') free -= 1;
      places.push({ employeeId: person.employeeId, status, source: sourceFor(actor, person.employeeId), person });
    }

    const written = await repo.insertPlaces(tx, facts, places, now, actor.userId);
    const positions = places.some((p) => p.status === 'waiting')
      ? await repo.waitingPositions(tx, sessionId)
      : new Map<string, number>();
    await recordAudit(
      tx,
      actor,
      written.map((row) => {
        const place = places.find((p) => p.employeeId === row.employee_id)!;
        return {
          action: 'create',
          entityType: 'enrolment',
          entityId: row.id,
          after: { sessionId, employeeId: row.employee_id, status: row.status, source: place.source },
        };
      }),
      now,
    );
    await recomputeOutcomes(tx, { sessionIds: [sessionId] });

    const enrolled = places.filter((p) => p.status === 'enrolled');
    const waiting = places
      .filter((p) => p.status === 'waiting')
      .map((p) => ({ employeeId: p.employeeId, name: p.person.name, position: positions.get(p.employeeId) ?? 0 }));
    await enqueueMail(ctx, tx, [
      ...enrolled
        .filter((p) => p.person.email)
        .map((p) => placeMail(ctx, session, 'enrolled', { email: p.person.email!, locale: p.person.locale })),
      ...places
        .filter((p) => p.status === 'waiting' && p.person.email)
        .map((p) =>
          placeMail(ctx, session, 'waiting', {
            email: p.person.email!,
            locale: p.person.locale,
            position: positions.get(p.employeeId) ?? 0,
          }),
        ),
    ]);
    return {
      enrolledCount: enrolled.length,
      waitingCount: waiting.length,
      skippedCount: skipped.length,
      enrolled: enrolled.map((p) => ({ employeeId: p.employeeId, name: p.person.name })),
      waiting,
      skipped,
    };
  });
}

/**
 * Cancels a place: one's own, a manager's staff's, or anyone's for a coordinator. The freed seat goes
 * to the first in line in the same transaction. Someone with attendance marks took part: their
 * enrolment is history and cannot be cancelled.
 */
export async function cancel(ctx: Ctx, actor: Actor, sessionId: string, employeeId: string) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (!session) throw notFound();
    const enrolment = await repo.findEnrolment(tx, sessionId, employeeId);
    if (!enrolment || enrolment.status === 'cancelled') throw notFound();
    const target = { employeeId, unitId: enrolment.unitId, administrationId: enrolment.administrationId };
    // Whoever may not even see the enrolment learns nothing about it.
    if (!can(actor, 'read', target) && !can(actor, 'delete', target)) throw notFound();
    if (!can(actor, 'delete', target)) throw forbidden();
    if (enrolment.hasAttendance) throw conflict('enrolment_has_attendance');
    if (session.status !== 'planned') throw conflict('session_cancelled');

    await repo.cancelEnrolment(tx, enrolment.id, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        entityType: 'enrolment',
        entityId: enrolment.id,
        before: { status: enrolment.status },
        after: { sessionId, employeeId, status: 'cancelled' },
      },
      now,
    );
    const promoted = await promoteFromWaitingList(ctx, tx, session);
    if (promoted.length > 0) {
      await recordAudit(
        tx,
        actor,
        promoted.map((p) => ({
          action: 'update',
          entityType: 'enrolment',
          entityId: p.enrolmentId,
          before: { status: 'waiting' },
          after: { sessionId, employeeId: p.employeeId, status: 'enrolled', promoted: true },
        })),
        now,
      );
    }
    await recomputeOutcomes(tx, { sessionIds: [sessionId] });
    return { status: 'cancelled' as const, promotedCount: promoted.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Attendance

async function requirePart(db: DbOrTx, actor: Actor, sessionId: string, partId: string, action: 'read' | 'update') {
  const facts = await repo.partFacts(db, sessionId, partId, actor.userId);
  if (!facts) throw notFound();
  if (!canAttendance(actor, action, facts)) throw forbidden();
  return facts;
}

const markable = (facts: repo.PartFacts, today: string) => facts.status === 'planned' && facts.part.date <= today;

async function attendanceView(db: DbOrTx, facts: repo.PartFacts, today: string) {
  const rows = await repo.attendanceRows(db, facts.part.id, facts.id);
  return { facts, markable: markable(facts, today), rows };
}

/** Everyone enrolled, with their mark on the part. Audited as a read of personal data. */
export async function getAttendance(ctx: Ctx, actor: Actor, sessionId: string, partId: string) {
  const now = ctx.clock.now();
  const facts = await requirePart(ctx.db, actor, sessionId, partId, 'read');
  const view = await attendanceView(ctx.db, facts, stockholmDate(now));
  await recordAudit(
    ctx.db,
    actor,
    {
      action: 'read',
      entityType: 'attendance',
      entityId: null,
      after: { sessionId, partId, ids: view.rows.map((r) => r.employee_id) },
    },
    now,
  );
  return view;
}

/**
 * All marks of a part in one request and one transaction: walk-ins get their place first (beyond
 * capacity), then every mark is written in one statement, then attended hours and completion are
 * derived again. A part after today cannot be marked; nor can a person on a part from before their
 * enrolment (they are not applicable there, never absent).
 */
export async function markAttendance(ctx: Ctx, actor: Actor, sessionId: string, partId: string, body: AttendanceBody) {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  const walkIns = [...new Set(body.walkIns ?? [])];
  return ctx.db.transaction(async (tx) => {
    const facts = await requirePart(tx, actor, sessionId, partId, 'update');
    if (facts.status !== 'planned') throw conflict('session_cancelled');
    if (facts.part.date > today) throw unprocessable('part_in_future', [{ path: 'params.partId', message: 'part_in_future' }]);

    const audit: AuditRecord[] = [];
    if (walkIns.length > 0) {
      // A walk-in changes who holds a seat: under the session's lock, as every such change.
      await lockSession(tx, sessionId);
      const people = await repo.candidates(tx, sessionId, { employeeIds: walkIns, unitIds: [], administrationIds: [] }, today);
      walkIns.forEach((id, i) => {
        if (!people.some((p) => p.employeeId === id)) throw invalid(`body.walkIns.${i}`, 'unknown_employee');
      });
      const added = await repo.enrolWalkIns(tx, facts, partId, walkIns, now, actor.userId);
      for (const row of added) {
        audit.push({
          action: row.before === null ? 'create' : 'update',
          entityType: 'enrolment',
          entityId: row.id,
          before: row.before === null ? null : { status: row.before },
          after: { sessionId, employeeId: row.employee_id, status: 'enrolled', source: 'walk_in' },
        });
      }
    }

    const enrolments = await repo.enrolmentsFor(
      tx,
      sessionId,
      partId,
      body.marks.map((m) => m.employeeId),
    );
    const marks = body.marks.map((mark, i) => {
      const enrolment = enrolments.get(mark.employeeId);
      if (!enrolment || enrolment.status !== 'enrolled')
        throw unprocessable('not_enrolled', [{ path: `body.marks.${i}.employeeId`, message: 'not_enrolled' }]);
      if (!enrolment.applicable) {
        throw unprocessable('enrolled_after_part', [{ path: `body.marks.${i}.employeeId`, message: 'enrolled_after_part' }]);
      }
      return { enrolmentId: enrolment.id, status: mark.status };
    });
    const changed = await repo.upsertMarks(tx, partId, marks, now, actor.userId);
    for (const row of changed) {
      audit.push({
        action: row.before === null ? 'create' : 'update',
        entityType: 'attendance',
        entityId: row.enrolment_id,
        before: row.before === null ? null : { partId, status: row.before },
        after: { partId, status: row.status },
      });
    }
    if (audit.length > 0) await recordAudit(tx, actor, audit, now);
    await recomputeOutcomes(tx, { sessionIds: [sessionId] });
    return attendanceView(tx, facts, today);
  });
}

/**
 * Who a trainer may add at the door: current employees found by name or number. Trainers do not
 * read the employee register, so this narrow search is theirs, for their own sessions; audited.
 */
export async function findWalkIns(ctx: Ctx, actor: Actor, sessionId: string, q: string) {
  const session = await requireSession(ctx.db, sessionId, actor);
  if (!canAttendance(actor, 'update', session)) throw forbidden();
  const now = ctx.clock.now();
  const rows = await repo.walkInCandidates(ctx.db, sessionId, q, stockholmDate(now));
  await recordAudit(
    ctx.db,
    actor,
    { action: 'read', entityType: 'employee', entityId: null, after: { sessionId, q, ids: rows.map((r) => r.employeeId) } },
    now,
  );
  return rows.map((r) => ({ employeeId: r.employeeId, name: `${r.firstName} ${r.lastName}`, unitName: r.unitName }));
}
