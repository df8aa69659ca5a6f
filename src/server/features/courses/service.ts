import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { conflictOn, withUniqueConflicts } from '../../db/constraints.js';
import { forbidden, notFound, unprocessable } from '../../http/errors.js';
import type { Page } from '#shared/contracts/common';
import {
  hoursToMinutes,
  minutesToHours,
  type CourseListQuery,
  type courseBody,
  type trainingLevelBody,
  type updateCourseBody,
  type updateTrainingLevelBody,
} from '#shared/contracts/courses';
import { changedFields, recordAudit } from '../audit/service.js';
import { recomputeOutcomes, refreshEmployeeTraining } from '../enrolments/outcomes.js';
import { can, type CourseAction } from './policy.js';
import * as repo from './repository.js';

const courseConflicts = { courses_name_unique: { code: 'name_taken', path: 'body.name' } };
const levelConflicts = {
  training_levels_rank_unique: { code: 'rank_taken', path: 'body.rank' },
  training_levels_key_unique: { code: 'duplicate', path: 'body.nameEn' },
};

function requireCan(actor: Actor, action: CourseAction) {
  if (!can(actor, action)) throw forbidden();
}

// ---------------------------------------------------------------------------------------------
// Levels

export async function listLevels(ctx: AppContext) {
  return repo.listLevels(ctx.db);
}

/** A stable key from the English name (certification_course), made unique with a number when taken. */
async function keyFor(tx: DbOrTx, nameEn: string): Promise<string> {
  const base =
    nameEn
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'level';
  for (let n = 1; ; n++) {
    const key = n === 1 ? base : `${base}_${n}`;
    if (!(await repo.keyTaken(tx, key))) return key;
  }
}

export async function createLevel(ctx: AppContext, actor: Actor, body: z.output<typeof trainingLevelBody>) {
  requireCan(actor, 'update');
  const now = ctx.clock.now();
  return withUniqueConflicts(levelConflicts, () =>
    ctx.db.transaction(async (tx) => {
      if (await repo.rankTaken(tx, body.rank)) throw conflictOn('rank_taken', 'body.rank');
      const key = await keyFor(tx, body.nameEn);
      const { id } = await repo.insertLevel(tx, { ...body, key, createdAt: now });
      await recordAudit(
        tx,
        actor,
        { action: 'create', entityType: 'training_level', entityId: id, after: { key, ...body } },
        now,
      );
      return (await repo.findLevel(tx, id))!;
    }),
  );
}

export async function updateLevel(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof updateTrainingLevelBody>) {
  requireCan(actor, 'update');
  const now = ctx.clock.now();
  return withUniqueConflicts(levelConflicts, () =>
    ctx.db.transaction(async (tx) => {
      const current = await repo.findLevel(tx, id, true);
      if (!current) throw notFound();
      const before = { nameSv: current.nameSv, nameEn: current.nameEn, rank: current.rank, active: current.active };
      const after = { ...before, ...body };
      const diff = changedFields(before, after);
      if (!diff.changed) return current;
      if (after.rank !== before.rank && (await repo.rankTaken(tx, after.rank, id))) throw conflictOn('rank_taken', 'body.rank');
      await repo.updateLevel(tx, id, after);
      // Which level is anyone's highest follows the ranks.
      if (after.rank !== before.rank) await refreshEmployeeTraining(tx, 'all');
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'training_level', entityId: id, before: diff.before, after: diff.after },
        now,
      );
      return (await repo.findLevel(tx, id))!;
    }),
  );
}

async function requireActiveLevel(tx: DbOrTx, levelId: string) {
  const level = await repo.findLevel(tx, levelId);
  if (!level) throw unprocessable('unknown_level', [{ path: 'body.levelId', message: 'unknown_level' }]);
  if (!level.active) throw unprocessable('level_inactive', [{ path: 'body.levelId', message: 'level_inactive' }]);
}

// ---------------------------------------------------------------------------------------------
// Courses

export async function listCourses(ctx: AppContext, actor: Actor, query: CourseListQuery): Promise<Page<repo.CourseRow>> {
  requireCan(actor, 'read');
  const { rows, total } = await repo.listCourses(
    ctx.db,
    { q: query.q, topic: query.topic, levelId: query.levelId, active: query.active },
    query.sort,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items: rows, total, page: query.page, pageSize: query.pageSize };
}

export async function getCourse(ctx: AppContext, actor: Actor, id: string): Promise<repo.CourseRow> {
  requireCan(actor, 'read');
  const row = await repo.findCourse(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

/** For the sessions feature: a course exists and is offered (active). */
export async function requireActiveCourse(tx: DbOrTx, id: string, path: string) {
  const row = await repo.findCourse(tx, id);
  if (!row) throw unprocessable('unknown_course', [{ path, message: 'unknown_course' }]);
  if (!row.active) throw unprocessable('course_inactive', [{ path, message: 'course_inactive' }]);
  return row;
}

/** The course's fields as the audit log records them (hours, as the API speaks). */
function auditable(row: Omit<repo.NewCourse, 'id'>) {
  return {
    name: row.name,
    description: row.description ?? null,
    topic: row.topic,
    levelId: row.levelId,
    hours: minutesToHours(row.nominalMinutes),
    completionThreshold: row.completionThreshold ?? 80,
    provider: row.provider ?? null,
    refresherYears: row.refresherYears ?? null,
    offeredYearly: row.offeredYearly ?? false,
    active: row.active ?? true,
  };
}

export async function createCourse(ctx: AppContext, actor: Actor, body: z.output<typeof courseBody>): Promise<repo.CourseRow> {
  requireCan(actor, 'create');
  const now = ctx.clock.now();
  const { hours, ...rest } = body;
  const values = { ...rest, nominalMinutes: hoursToMinutes(hours), createdAt: now, updatedAt: now };
  return withUniqueConflicts(courseConflicts, () =>
    ctx.db.transaction(async (tx) => {
      await requireActiveLevel(tx, body.levelId);
      const { id } = await repo.insertCourse(tx, values);
      await recordAudit(tx, actor, { action: 'create', entityType: 'course', entityId: id, after: auditable(values) }, now);
      return (await repo.findCourse(tx, id))!;
    }),
  );
}

export async function updateCourse(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof updateCourseBody>,
): Promise<repo.CourseRow> {
  requireCan(actor, 'update');
  const now = ctx.clock.now();
  return withUniqueConflicts(courseConflicts, () =>
    ctx.db.transaction(async (tx) => {
      const current = await repo.findCourse(tx, id, true);
      if (!current) throw notFound();
      const { hours, ...rest } = body;
      const next = { ...current, ...rest, nominalMinutes: hours === undefined ? current.nominalMinutes : hoursToMinutes(hours) };
      const diff = changedFields(auditable(current), auditable(next));
      if (!diff.changed) return current;
      // A course may keep a level that was retired since; moving it to one needs an active level.
      if (next.levelId !== current.levelId) await requireActiveLevel(tx, next.levelId);
      await repo.updateCourse(tx, id, {
        name: next.name,
        description: next.description,
        topic: next.topic,
        levelId: next.levelId,
        nominalMinutes: next.nominalMinutes,
        completionThreshold: next.completionThreshold,
        provider: next.provider,
        refresherYears: next.refresherYears,
        offeredYearly: next.offeredYearly,
        active: next.active,
        updatedAt: now,
      });
      // Completion is derived from the threshold: who has completed may change with it.
      // A new threshold changes who completed it; a new level changes which level they reached.
      if (next.completionThreshold !== current.completionThreshold || next.levelId !== current.levelId) {
        await recomputeOutcomes(tx, { courseId: id });
      }
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'course', entityId: id, before: diff.before, after: diff.after },
        now,
      );
      return (await repo.findCourse(tx, id))!;
    }),
  );
}
