import type { z } from 'zod';
import { activeUsersWithRole } from '../users/roles.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../http/errors.js';
import { translate } from '../../http/i18n.js';
import { enqueueMail } from '../../mail/outbox.js';
import type { Page } from '#shared/contracts/common';
import type {
  SessionListQuery,
  cancelSessionBody,
  sessionBody,
  sessionPartInput,
  updateSessionBody,
} from '#shared/contracts/training-sessions';
import { changedFields, recordAudit } from '../audit/service.js';
import { requireOpenAdministration } from '../administrations/service.js';
import { requireActiveCourse } from '../courses/service.js';
import { recomputeOutcomes } from '../enrolments/outcomes.js';
import { enrolledCount, lockSession, promoteFromWaitingList } from '../enrolments/waiting-list.js';
import { requireOpenUnit } from '../units/service.js';
import { can, type SessionAction } from './policy.js';
import { hhmm, type SessionView } from './presenter.js';
import * as repo from './repository.js';

type PartInput = z.output<typeof sessionPartInput>;
type Schedule = { date: string; startTime: string; endTime: string; place: string | null }[];

function requireCan(actor: Actor, action: SessionAction) {
  if (!can(actor, action)) throw forbidden();
}

// ---------------------------------------------------------------------------------------------
// Reading

async function views(db: DbOrTx, rows: repo.SessionRow[]): Promise<SessionView[]> {
  const ids = rows.map((r) => r.id);
  // One after the other: db may be a transaction, whose single connection runs one query at a time.
  const parts = await repo.partsOf(db, ids);
  const trainers = await repo.trainersOf(db, ids);
  const eligibility = await repo.eligibilityOf(db, ids);
  return rows.map((row) => ({
    row,
    parts: parts.get(row.id) ?? [],
    trainers: trainers.get(row.id) ?? [],
    eligibility: eligibility.get(row.id) ?? { administrations: [], units: [] },
  }));
}

async function viewOf(db: DbOrTx, id: string): Promise<SessionView> {
  const row = await repo.findSession(db, id);
  if (!row) throw notFound();
  return (await views(db, [row]))[0];
}

export async function listSessions(ctx: AppContext, actor: Actor, query: SessionListQuery): Promise<Page<SessionView>> {
  requireCan(actor, 'read');
  const { rows, total } = await repo.listSessions(
    ctx.db,
    { courseId: query.courseId, from: query.from, to: query.to, status: query.status, trainerId: query.trainerId },
    query.sort,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items: await views(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getSession(ctx: AppContext, actor: Actor, id: string): Promise<SessionView> {
  requireCan(actor, 'read');
  return viewOf(ctx.db, id);
}

export async function listTrainers(ctx: AppContext) {
  return activeUsersWithRole(ctx.db, 'trainer');
}

// ---------------------------------------------------------------------------------------------
// The rules shared by planning and changing

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Parts in the order they happen: the first is position 1. */
function chronological<T extends { date: string; startTime: string }>(parts: T[]): T[] {
  return [...parts].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
}

/** startsOn, endsOn and totalMinutes follow from the parts; never sent by a client. */
function derived(parts: { date: string; startTime: string; endTime: string }[]) {
  const dates = parts.map((p) => p.date).sort();
  return {
    startsOn: dates[0],
    endsOn: dates[dates.length - 1],
    totalMinutes: parts.reduce((sum, p) => sum + minutesOf(p.endTime) - minutesOf(p.startTime), 0),
  };
}

const scheduleOf = (parts: { date: string; startTime: string; endTime: string; place: string | null }[]): Schedule =>
  parts.map((p) => ({ date: p.date, startTime: hhmm(p.startTime), endTime: hhmm(p.endTime), place: p.place }));

/**
 * New trainers must be active users with the trainer role; those who lead the session already may
 * stay (a form sends them back unchanged). Returns them without repeats.
 */
async function requireTrainers(tx: DbOrTx, ids: string[], current: string[] = []): Promise<string[]> {
  const unique = [...new Set(ids)];
  const added = unique.filter((id) => !current.includes(id));
  const found = new Set((await activeUsersWithRole(tx, 'trainer', added)).map((t) => t.id));
  if (added.some((id) => !found.has(id))) {
    throw unprocessable('not_a_trainer', [{ path: 'body.trainerIds', message: 'not_a_trainer' }]);
  }
  return unique;
}

/** Newly named administrations and units must exist and be open; those named before may stay, even closed. */
async function requireScope(
  tx: DbOrTx,
  administrationIds: string[],
  unitIds: string[],
  before: { administrationIds: string[]; unitIds: string[] } = { administrationIds: [], unitIds: [] },
) {
  const administrations = [...new Set(administrationIds)];
  const units = [...new Set(unitIds)];
  for (const id of administrations) {
    if (!before.administrationIds.includes(id)) await requireOpenAdministration(tx, id, 'body.administrationIds');
  }
  for (const id of units) {
    if (!before.unitIds.includes(id)) await requireOpenUnit(tx, id, 'body.unitIds');
  }
  return { administrationIds: administrations, unitIds: units };
}

async function requireProgramme(tx: DbOrTx, id: string | null) {
  if (id && !(await repo.programmeExists(tx, id))) {
    throw unprocessable('unknown_programme', [{ path: 'body.programmeId', message: 'unknown_programme' }]);
  }
}

const sessionName = (row: { courseName: string; title: string | null }) =>
  row.title ? `${row.courseName} – ${row.title}` : row.courseName;

/**
 * Mails everyone enrolled or waiting (in their language) about a moved or cancelled session.
 * Written to the outbox in the caller's transaction.
 */
async function mailParticipants(
  ctx: AppContext,
  tx: DbOrTx,
  sessionId: string,
  kind: 'sessionMoved' | 'sessionCancelled',
  values: { course: string; schedule: Schedule; reason?: string },
) {
  const recipients = await repo.recipientsOf(tx, sessionId);
  const messages = recipients.map((r) => {
    const schedule = values.schedule
      .map((p) =>
        translate(r.locale, 'mail.training.schedulePart', {
          date: p.date,
          start: p.startTime,
          end: p.endTime,
          place: p.place ?? translate(r.locale, 'mail.training.noPlace'),
        }),
      )
      .join('\n');
    const text = {
      course: values.course,
      schedule,
      reason: values.reason ?? '',
      status: translate(r.locale, `mail.training.yourStatus.${r.status}`),
      url: `${ctx.config.publicUrl}/my-training`,
    };
    return {
      to: r.email,
      subject: translate(r.locale, `mail.training.${kind}.subject`, text),
      body: translate(r.locale, `mail.training.${kind}.body`, text),
    };
  });
  await enqueueMail(ctx, tx, messages);
  return messages.length;
}

const cancelled = () => conflict('session_cancelled');

// ---------------------------------------------------------------------------------------------
// Planning, changing, cancelling

export async function createSession(ctx: AppContext, actor: Actor, body: z.output<typeof sessionBody>): Promise<SessionView> {
  requireCan(actor, 'create');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await requireActiveCourse(tx, body.courseId, 'body.courseId');
    const trainerIds = await requireTrainers(tx, body.trainerIds);
    const scope =
      body.eligibility === 'restricted'
        ? await requireScope(tx, body.administrationIds, body.unitIds)
        : { administrationIds: [], unitIds: [] };
    await requireProgramme(tx, body.programmeId);
    const parts = chronological(body.parts);
    const { id } = await repo.insertSession(tx, {
      courseId: body.courseId,
      programmeId: body.programmeId,
      title: body.title,
      capacity: body.capacity,
      eligibility: body.eligibility,
      status: 'planned',
      ...derived(parts),
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertParts(
      tx,
      parts.map((p, index) => ({
        sessionId: id,
        position: index + 1,
        date: p.date,
        startTime: p.startTime,
        endTime: p.endTime,
        place: p.place,
      })),
    );
    await repo.replaceTrainers(tx, id, trainerIds);
    await repo.replaceEligibility(tx, id, scope.administrationIds, scope.unitIds);
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'training_session',
        entityId: id,
        after: {
          courseId: body.courseId,
          title: body.title,
          capacity: body.capacity,
          parts: scheduleOf(parts),
          trainerIds,
          eligibility: body.eligibility,
          administrationIds: scope.administrationIds,
          unitIds: scope.unitIds,
          programmeId: body.programmeId,
        },
      },
      now,
    );
    return viewOf(tx, id);
  });
}

/** The new parts: those with an id update the part of that id (keeping its marks), the others are new. */
function planParts(current: repo.PartRow[], sent: PartInput[]) {
  const known = new Map(current.map((p) => [p.id, p]));
  const seen = new Set<string>();
  for (const part of sent) {
    if (!part.id) continue;
    if (!known.has(part.id) || seen.has(part.id)) {
      throw unprocessable('unknown_part', [{ path: 'body.parts', message: 'unknown_part' }]);
    }
    seen.add(part.id);
  }
  return {
    ordered: chronological(sent),
    removed: current.filter((p) => !seen.has(p.id)).map((p) => p.id),
  };
}

export async function updateSession(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof updateSessionBody>,
): Promise<SessionView> {
  requireCan(actor, 'update');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The lock every change of who holds a seat takes: no sign-up slips in while the capacity changes.
    const locked = await lockSession(tx, id);
    if (!locked) throw notFound();
    if (locked.status === 'cancelled') throw cancelled();
    const [current] = await views(tx, [(await repo.findSession(tx, id))!]);
    const { row } = current;

    const before = {
      title: row.title,
      capacity: row.capacity,
      parts: scheduleOf(current.parts),
      trainerIds: current.trainers.map((t) => t.id).sort(),
      eligibility: row.eligibility,
      administrationIds: current.eligibility.administrations.map((a) => a.id).sort(),
      unitIds: current.eligibility.units.map((u) => u.id).sort(),
      programmeId: row.programmeId,
    };

    const capacity = body.capacity ?? row.capacity;
    if (capacity < row.capacity) {
      const enrolled = await enrolledCount(tx, id);
      if (capacity < enrolled) {
        throw new AppError(409, 'capacity_below_enrolled', [{ path: 'body.capacity', message: 'fewer_than_enrolled' }], {
          enrolled,
        });
      }
    }

    const trainerIds = body.trainerIds
      ? (await requireTrainers(tx, body.trainerIds, before.trainerIds)).sort()
      : before.trainerIds;
    const eligibility = body.eligibility ?? row.eligibility;
    const scope =
      eligibility === 'restricted'
        ? await requireScope(tx, body.administrationIds ?? before.administrationIds, body.unitIds ?? before.unitIds, before)
        : { administrationIds: [], unitIds: [] };
    if (eligibility === 'restricted' && scope.administrationIds.length + scope.unitIds.length === 0) {
      throw unprocessable('eligibility_needs_scope', [{ path: 'body.eligibility', message: 'eligibility_needs_scope' }]);
    }
    const programmeId = body.programmeId !== undefined ? body.programmeId : row.programmeId;
    if (programmeId !== row.programmeId) await requireProgramme(tx, programmeId);

    const plan = body.parts ? planParts(current.parts, body.parts) : null;
    const parts = plan ? scheduleOf(plan.ordered) : before.parts;

    const after = {
      title: body.title !== undefined ? body.title : row.title,
      capacity,
      parts,
      trainerIds,
      eligibility,
      administrationIds: [...scope.administrationIds].sort(),
      unitIds: [...scope.unitIds].sort(),
      programmeId,
    };
    const diff = changedFields(before, after);
    if (!diff.changed) return current;

    const moved = JSON.stringify(before.parts) !== JSON.stringify(after.parts);
    if (plan && moved) {
      await repo.deleteParts(tx, plan.removed);
      const fresh: repo.NewPart[] = [];
      plan.ordered.forEach((p, index) => {
        const values = { position: index + 1, date: p.date, startTime: p.startTime, endTime: p.endTime, place: p.place };
        if (p.id) fresh.push({ ...values, id: p.id, sessionId: id });
        else fresh.push({ ...values, sessionId: id });
      });
      for (const part of fresh.filter((p) => p.id)) await repo.updatePart(tx, part.id!, part);
      await repo.insertParts(
        tx,
        fresh.filter((p) => !p.id),
      );
    }
    await repo.updateSession(tx, id, {
      title: after.title,
      capacity: after.capacity,
      eligibility: after.eligibility,
      programmeId: after.programmeId,
      ...(moved ? derived(after.parts) : {}),
      updatedAt: now,
    });
    if ('trainerIds' in diff.after) await repo.replaceTrainers(tx, id, after.trainerIds);
    if ('eligibility' in diff.after || 'administrationIds' in diff.after || 'unitIds' in diff.after) {
      await repo.replaceEligibility(tx, id, after.administrationIds, after.unitIds);
    }
    // Attended minutes and completion follow from the parts: a removed or shortened part changes them.
    if (moved) await recomputeOutcomes(tx, { sessionIds: [id] });

    const audits: Parameters<typeof recordAudit>[2] = [
      { action: 'update', entityType: 'training_session', entityId: id, before: diff.before, after: diff.after },
    ];
    if (after.capacity > row.capacity) {
      const promoted = await promoteFromWaitingList(ctx, tx, { ...locked, capacity: after.capacity });
      for (const p of promoted) {
        audits.push({
          action: 'update',
          entityType: 'enrolment',
          entityId: p.enrolmentId,
          before: { status: 'waiting' },
          after: { status: 'enrolled', employeeId: p.employeeId, sessionId: id },
        });
      }
    }
    if (moved) await mailParticipants(ctx, tx, id, 'sessionMoved', { course: sessionName(row), schedule: after.parts });
    await recordAudit(tx, actor, audits, now);
    return viewOf(tx, id);
  });
}

export async function cancelSession(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof cancelSessionBody>) {
  requireCan(actor, 'update');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await lockSession(tx, id);
    if (!locked) throw notFound();
    if (locked.status === 'cancelled') throw cancelled();
    const current = await viewOf(tx, id);
    await repo.updateSession(tx, id, { status: 'cancelled', cancelReason: body.reason, updatedAt: now });
    const mailed = await mailParticipants(ctx, tx, id, 'sessionCancelled', {
      course: sessionName(current.row),
      schedule: scheduleOf(current.parts),
      reason: body.reason,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'cancel',
        entityType: 'training_session',
        entityId: id,
        before: { status: 'planned' },
        after: { status: 'cancelled', cancelReason: body.reason, mailed },
      },
      now,
    );
    return viewOf(tx, id);
  });
}
