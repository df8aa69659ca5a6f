import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { activities, activityHeadcounts, activityOccurrenceChanges } from '../../db/schema/index.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/errors.js';
import type { Locale } from '../../http/i18n.js';
import type {
  Activity,
  ActivityStatistics,
  HostCandidate,
  Occurrence,
  OccurrenceWithHeadcount,
  PublicActivity,
  StatisticsOccurrence,
  activityBody,
  headcountBody,
  occurrenceChangeBody,
  statisticsQuery,
} from '#shared/contracts/activities';
import { occurrenceRangeMaxDays } from '#shared/contracts/activities';
import { changedFields, recordAudit } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { canEditActivities, canReadActivity, canReadHeadcounts, canRecordHeadcount, readsAllHeadcounts } from './policy.js';
import { changeOf, presentActivity, presentHeadcount, presentPublicActivity, scheduleOf } from './presenter.js';
import * as repo from './repository.js';
import { addDays, daysBetween, isScheduledDate, occurrenceOn, occurrencesBetween, stockholmMoment } from './schedule.js';
import { figuresOf, perPeriod, perSeason, perYear } from './statistics.js';
import { writeActivityCalendar } from './ics.js';

/**
 * Activities and their headcounts (docs/activities.md). PRIVACY: a headcount is a number, optionally
 * how many came for the first time, and a short note: nothing about who the visitors were (no names,
 * no gender, no age) is asked for, stored, logged or shown.
 */

const today = (ctx: AppContext) => stockholmDate(ctx.clock.now());

type Loaded = { row: repo.ActivityRow; breaks: repo.BreakRow[]; hosts: { activityId: string; userId: string; name: string }[] };

async function load(db: DbOrTx, id: string, lock?: 'update'): Promise<Loaded | undefined> {
  const row = await repo.findActivity(db, id, lock);
  if (!row) return undefined;
  const [breaks, hosts] = [await repo.breaksOf(db, [id]), await repo.hostsOf(db, [id])];
  return { row, breaks, hosts };
}

/** The activity as the actor may see it: one they may not see does not exist for them (404). */
async function visible(db: DbOrTx, actor: Actor, id: string, lock?: 'update'): Promise<Loaded> {
  const loaded = await load(db, id, lock);
  if (
    !loaded ||
    !canReadActivity(
      actor,
      loaded.hosts.map((h) => h.userId),
    )
  )
    throw notFound();
  return loaded;
}

const hostIdsOf = (l: Loaded) => l.hosts.map((h) => h.userId);

function present(actor: Actor, l: Loaded): Activity {
  return presentActivity(l.row, l.breaks, l.hosts, {
    edit: canEditActivities(actor),
    recordHeadcounts: canRecordHeadcount(actor, hostIdsOf(l)),
  });
}

export async function listActivities(ctx: AppContext, actor: Actor): Promise<{ items: Activity[] }> {
  const rows = await repo.listActivities(ctx.db, canReadActivity(actor, []) ? undefined : actor.userId);
  const ids = rows.map((r) => r.id);
  const [breaks, hosts] = [await repo.breaksOf(ctx.db, ids), await repo.hostsOf(ctx.db, ids)];
  return {
    items: rows.map((row) =>
      present(actor, {
        row,
        breaks: breaks.filter((b) => b.activityId === row.id),
        hosts: hosts.filter((h) => h.activityId === row.id),
      }),
    ),
  };
}

export async function getActivity(ctx: AppContext, actor: Actor, id: string): Promise<Activity> {
  return present(actor, await visible(ctx.db, actor, id));
}

type ActivityBody = z.output<typeof activityBody>;

function requireEdit(actor: Actor) {
  if (!canEditActivities(actor)) throw forbidden();
}

/** Hosts are active users with the activity_host role (a staff member who hosts is given the role too). */
async function checkHosts(tx: DbOrTx, hostIds: string[]) {
  const unique = [...new Set(hostIds)];
  const found = await repo.hostUsers(tx, unique);
  if (found.length !== unique.length) throw unprocessable('unknown_host', [{ path: 'body.hostIds', message: 'unknown_host' }]);
  return unique;
}

const audited = (b: ActivityBody) => ({
  name: b.name,
  description: b.description,
  place: b.place,
  weekday: b.weekday,
  startTime: b.startTime,
  endTime: b.endTime,
  startsOn: b.startsOn,
  endsOn: b.endsOn,
  breaks: b.breaks,
  hostIds: [...new Set(b.hostIds)].sort(),
});

const columns = (b: ActivityBody) => ({
  name: b.name,
  description: b.description,
  place: b.place,
  weekday: b.weekday,
  startTime: b.startTime,
  endTime: b.endTime,
  startsOn: b.startsOn,
  endsOn: b.endsOn,
});

export async function createActivity(ctx: AppContext, actor: Actor, body: ActivityBody): Promise<Activity> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const hostIds = await checkHosts(tx, body.hostIds);
    const [row] = await tx
      .insert(activities)
      .values({ ...columns(body), createdAt: now, updatedAt: now })
      .returning();
    await repo.replaceBreaksAndHosts(tx, row.id, body.breaks, hostIds);
    await recordAudit(tx, actor, { action: 'create', entityType: 'activity', entityId: row.id, after: audited(body) }, now);
    return present(actor, (await load(tx, row.id))!);
  });
}

export async function updateActivity(ctx: AppContext, actor: Actor, id: string, body: ActivityBody): Promise<Activity> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await visible(tx, actor, id, 'update');
    const hostIds = await checkHosts(tx, body.hostIds);
    await tx
      .update(activities)
      .set({ ...columns(body), updatedAt: now })
      .where(eq(activities.id, id));
    await repo.replaceBreaksAndHosts(tx, id, body.breaks, hostIds);
    const was = audited({
      ...before.row,
      startTime: before.row.startTime.slice(0, 5),
      endTime: before.row.endTime.slice(0, 5),
      breaks: before.breaks.map((b) => ({ fromDate: b.fromDate, toDate: b.toDate, label: b.label })),
      hostIds: hostIdsOf(before),
    });
    const diff = changedFields(was, audited(body));
    if (diff.changed)
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'activity', entityId: id, before: diff.before, after: diff.after },
        now,
      );
    return present(actor, (await load(tx, id))!);
  });
}

export async function deleteActivity(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireEdit(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await visible(tx, actor, id, 'update');
    await tx.delete(activities).where(eq(activities.id, id));
    await recordAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'activity', entityId: id, before: { name: before.row.name } },
      now,
    );
  });
}

/** A date range from the query, with defaults around today and a limit on its length (400). */
function rangeOf(ctx: AppContext, query: { from?: string; to?: string }, before: number, after: number) {
  const day = today(ctx);
  const from = query.from ?? (query.to ? addDays(query.to, -(before + after)) : addDays(day, -before));
  const to = query.to ?? addDays(from, before + after);
  if (to < from) throw badRequest('validation_failed', [{ path: 'querystring.to', message: 'ends_before_start' }]);
  if (daysBetween(from, to) > occurrenceRangeMaxDays)
    throw badRequest('validation_failed', [{ path: 'querystring.to', message: 'range_too_long' }]);
  return { from, to };
}

async function occurrencesOf(db: DbOrTx, loaded: { row: repo.ActivityRow; breaks: repo.BreakRow[] }[], from: string, to: string) {
  const changes = await repo.changesBetween(
    db,
    loaded.map((l) => l.row.id),
    from,
    to,
  );
  return new Map(
    loaded.map((l) => [
      l.row.id,
      occurrencesBetween(
        l.row.id,
        scheduleOf(l.row),
        l.breaks,
        changes.filter((c) => c.activityId === l.row.id).map(changeOf),
        from,
        to,
      ),
    ]),
  );
}

/** Held: not cancelled, and its end has passed. Only then is a headcount recorded. */
const isHeld = (o: Occurrence, now: Date) => o.status !== 'cancelled' && stockholmMoment(o.date, o.endTime) <= now;

export async function listOccurrences(
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: { from?: string; to?: string },
): Promise<{ from: string; to: string; items: OccurrenceWithHeadcount[] }> {
  const loaded = await visible(ctx.db, actor, id);
  const { from, to } = rangeOf(ctx, query, 56, 56);
  const occurrences = (await occurrencesOf(ctx.db, [loaded], from, to)).get(id) ?? [];
  const headcounts = canReadHeadcounts(actor, hostIdsOf(loaded))
    ? await repo.headcountsOf(
        ctx.db,
        id,
        occurrences.map((o) => o.scheduledDate),
      )
    : [];
  const now = ctx.clock.now();
  return {
    from,
    to,
    items: occurrences.map((o) => {
      const h = headcounts.find((x) => x.scheduledDate === o.scheduledDate);
      return { ...o, held: isHeld(o, now), headcount: h ? presentHeadcount(h) : null };
    }),
  };
}

async function occurrenceOf(db: DbOrTx, loaded: Loaded, scheduledDate: string) {
  const change = await repo.findChange(db, loaded.row.id, scheduledDate);
  const o = occurrenceOn(loaded.row.id, scheduleOf(loaded.row), loaded.breaks, change && changeOf(change), scheduledDate);
  if (!o) throw notFound('occurrence_not_found');
  return { occurrence: o, change };
}

export async function changeOccurrence(
  ctx: AppContext,
  actor: Actor,
  id: string,
  scheduledDate: string,
  body: z.output<typeof occurrenceChangeBody>,
): Promise<Occurrence> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const loaded = await visible(tx, actor, id, 'update');
    const { change } = await occurrenceOf(tx, loaded, scheduledDate);
    // An occurrence that was held and counted is not cancelled after the fact (its visitors would vanish from the statistics).
    if (body.kind === 'cancelled' && (await repo.findHeadcount(tx, id, scheduledDate))) throw conflict('occurrence_counted');
    const values =
      body.kind === 'cancelled'
        ? { kind: body.kind, reason: body.reason, date: null, startTime: null, endTime: null, place: null }
        : {
            kind: body.kind,
            reason: body.reason,
            date: body.date,
            startTime: body.startTime,
            endTime: body.endTime,
            place: body.place,
          };
    await tx
      .insert(activityOccurrenceChanges)
      .values({ activityId: id, scheduledDate, ...values, updatedAt: now })
      .onConflictDoUpdate({
        target: [activityOccurrenceChanges.activityId, activityOccurrenceChanges.scheduledDate],
        set: { ...values, updatedAt: now },
      });
    await recordAudit(
      tx,
      actor,
      {
        action: change ? 'update' : 'create',
        entityType: 'activity_occurrence',
        entityId: id,
        before: change ? { ...changeOf(change) } : null,
        after: { scheduledDate, ...values },
      },
      now,
    );
    return (await occurrenceOf(tx, loaded, scheduledDate)).occurrence;
  });
}

/** Restores an occurrence to the schedule. */
export async function restoreOccurrence(ctx: AppContext, actor: Actor, id: string, scheduledDate: string): Promise<Occurrence> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const loaded = await visible(tx, actor, id, 'update');
    const { change } = await occurrenceOf(tx, loaded, scheduledDate);
    if (!change) throw notFound('occurrence_not_changed');
    await tx.delete(activityOccurrenceChanges).where(eq(activityOccurrenceChanges.id, change.id));
    await recordAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'activity_occurrence', entityId: id, before: { ...changeOf(change) } },
      now,
    );
    return (await occurrenceOf(tx, loaded, scheduledDate)).occurrence;
  });
}

/**
 * A host (or an administrator) records the number of visitors of a held occurrence, and nothing
 * about who they were. Recording again replaces the numbers.
 */
export async function recordHeadcount(
  ctx: AppContext,
  actor: Actor,
  id: string,
  scheduledDate: string,
  body: z.output<typeof headcountBody>,
): Promise<OccurrenceWithHeadcount> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const loaded = await visible(tx, actor, id, 'update');
    if (!canRecordHeadcount(actor, hostIdsOf(loaded))) throw forbidden();
    const { occurrence } = await occurrenceOf(tx, loaded, scheduledDate);
    if (occurrence.status === 'cancelled') throw conflict('occurrence_cancelled');
    if (!isHeld(occurrence, now)) throw conflict('occurrence_not_held');
    const before = await repo.findHeadcount(tx, id, scheduledDate);
    const values = { visitors: body.visitors, firstTimeVisitors: body.firstTimeVisitors, note: body.note };
    const [row] = await tx
      .insert(activityHeadcounts)
      .values({ activityId: id, scheduledDate, ...values, recordedAt: now, recordedByUserId: actor.userId })
      .onConflictDoUpdate({
        target: [activityHeadcounts.activityId, activityHeadcounts.scheduledDate],
        set: { ...values, recordedAt: now, recordedByUserId: actor.userId },
      })
      .returning();
    await recordAudit(
      tx,
      actor,
      {
        action: before ? 'update' : 'create',
        entityType: 'activity_headcount',
        entityId: row.id,
        before: before
          ? { scheduledDate, visitors: before.visitors, firstTimeVisitors: before.firstTimeVisitors, note: before.note }
          : null,
        after: { activityId: id, scheduledDate, ...values },
      },
      now,
    );
    return { ...occurrence, held: true, headcount: presentHeadcount(row) };
  });
}

/** The activities whose headcounts the actor reads: one, every activity (administrators), or the ones they host. */
async function statisticsScope(db: DbOrTx, actor: Actor, activityId: string | undefined) {
  if (activityId) {
    const loaded = await visible(db, actor, activityId);
    if (!canReadHeadcounts(actor, hostIdsOf(loaded))) throw forbidden();
    return [loaded];
  }
  const rows = await repo.listActivities(db, readsAllHeadcounts(actor) ? undefined : actor.userId);
  const breaks = await repo.breaksOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ row, breaks: breaks.filter((b) => b.activityId === row.id) }));
}

/**
 * Every occurrence of the activities up to `to` that is over: the held ones with their headcount
 * (or none), the cancelled ones. A headcount whose scheduled date left the schedule (the schedule
 * changed after it was recorded) still counts, on its scheduled date.
 */
async function pastOccurrences(
  db: DbOrTx,
  scope: { row: repo.ActivityRow; breaks: repo.BreakRow[] }[],
  to: string,
  now: Date,
): Promise<StatisticsOccurrence[]> {
  const ids = scope.map((l) => l.row.id);
  const [changes, headcounts] = [await repo.changesOf(db, ids), await repo.headcountNumbers(db, ids)];
  const result: StatisticsOccurrence[] = [];
  for (const { row, breaks } of scope) {
    const schedule = scheduleOf(row);
    const counts = new Map(headcounts.filter((h) => h.activityId === row.id).map((h) => [h.scheduledDate, h]));
    const occurrences = occurrencesBetween(
      row.id,
      schedule,
      breaks,
      changes.filter((c) => c.activityId === row.id).map(changeOf),
      row.startsOn,
      to,
    );
    for (const o of occurrences) {
      const count = o.status === 'cancelled' ? undefined : counts.get(o.scheduledDate);
      const over = stockholmMoment(o.date, o.endTime) <= now;
      if (!over && !count) continue;
      result.push({
        activityId: row.id,
        activityName: row.name,
        scheduledDate: o.scheduledDate,
        date: o.date,
        status: o.status,
        reason: o.reason,
        held: o.status !== 'cancelled',
        visitors: count?.visitors ?? null,
        firstTimeVisitors: count?.firstTimeVisitors ?? null,
      });
    }
    for (const h of counts.values())
      if (h.scheduledDate <= to && !isScheduledDate(schedule, breaks, h.scheduledDate))
        result.push({
          activityId: row.id,
          activityName: row.name,
          scheduledDate: h.scheduledDate,
          date: h.scheduledDate,
          status: 'scheduled',
          reason: null,
          held: true,
          visitors: h.visitors,
          firstTimeVisitors: h.firstTimeVisitors,
        });
  }
  return result.sort((a, b) => a.date.localeCompare(b.date) || a.activityName.localeCompare(b.activityName, 'sv'));
}

/**
 * Visitor statistics (docs/activities.md#statistics): every activity for administrators, the
 * activities one hosts for hosts. The range (by default the last year) gives the occurrences, the
 * weeks or months and the totals; the seasons and years cover the whole history up to the range's end.
 */
export async function statistics(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof statisticsQuery>,
): Promise<ActivityStatistics> {
  const { from, to } = rangeOf(ctx, query, 365, 0);
  const scope = await statisticsScope(ctx.db, actor, query.activityId);
  const all = await pastOccurrences(ctx.db, scope, to, ctx.clock.now());
  const inRange = all.filter((o) => from <= o.date && o.date <= to);
  const day = today(ctx);
  const history = { from: all[0]?.date ?? null, to: to < day ? to : day };
  return {
    period: query.period,
    from,
    to,
    rows: perPeriod(inRange, query.period),
    totals: figuresOf(inRange),
    occurrences: inRange,
    history,
    seasons: perSeason(all),
    years: perYear(all, history),
  };
}

export async function hostCandidates(ctx: AppContext, actor: Actor): Promise<{ items: HostCandidate[] }> {
  requireEdit(actor);
  return { items: await repo.hostUsers(ctx.db) };
}

/** The activities still running in the range, with their occurrences: what the public sees. */
async function publicItems(ctx: AppContext, from: string, to: string) {
  const rows = (await repo.listActivities(ctx.db)).filter((r) => r.startsOn <= to && (r.endsOn === null || r.endsOn >= from));
  const breaks = await repo.breaksOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const loaded = rows.map((row) => ({ row, breaks: breaks.filter((b) => b.activityId === row.id) }));
  const occurrences = await occurrencesOf(ctx.db, loaded, from, to);
  return loaded.map((l) => presentPublicActivity(l.row, l.breaks, occurrences.get(l.row.id) ?? []));
}

export async function publicActivities(
  ctx: AppContext,
  query: { from?: string; to?: string },
): Promise<{ from: string; to: string; items: PublicActivity[] }> {
  const { from, to } = rangeOf(ctx, { from: query.from ?? (query.to ? undefined : today(ctx)), to: query.to }, 0, 56);
  return { from, to, items: await publicItems(ctx, from, to) };
}

/** The iCalendar feed: the last 30 days and the coming year. */
export async function publicCalendar(ctx: AppContext, locale: Locale): Promise<string> {
  const day = today(ctx);
  const items = await publicItems(ctx, addDays(day, -30), addDays(day, 365));
  return writeActivityCalendar(items, { locale, stamp: ctx.clock.now(), publicUrl: ctx.config.publicUrl });
}
