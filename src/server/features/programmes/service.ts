import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { Page } from '#shared/contracts/common';
import type {
  Programme,
  ProgrammeListQuery,
  ProgrammeProgress,
  ProgrammeSummary,
  programmeBody,
  updateProgrammeBody,
} from '#shared/contracts/programmes';
import type { Action } from '#shared/permissions';
import { changedFields, recordAudit } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { can } from './policy.js';
import { presentProgramme, presentProgrammeSummary, presentTarget } from './presenter.js';
import * as repo from './repository.js';

type CreateBody = z.output<typeof programmeBody>;
type UpdateBody = z.output<typeof updateProgrammeBody>;
type Targets = CreateBody['targets'];
type Grants = CreateBody['grants'];

function requireCan(actor: Actor, action: Action) {
  if (!can(actor, action)) throw forbidden();
}

export async function listProgrammes(ctx: AppContext, actor: Actor, query: ProgrammeListQuery): Promise<Page<ProgrammeSummary>> {
  requireCan(actor, 'read');
  const { rows, total } = await repo.listProgrammes(ctx.db, query);
  return { items: rows.map(presentProgrammeSummary), total, page: query.page, pageSize: query.pageSize };
}

async function detailOf(db: DbOrTx, id: string): Promise<Programme> {
  const row = await repo.findProgramme(db, id);
  if (!row) throw notFound();
  const [targets, grants] = [await repo.targetsOf(db, id), await repo.grantsOf(db, id)];
  return presentProgramme(row, targets, grants);
}

export async function getProgramme(ctx: AppContext, actor: Actor, id: string): Promise<Programme> {
  requireCan(actor, 'read');
  return detailOf(ctx.db, id);
}

/** Each target names an existing level, once per population. */
async function checkTargets(db: DbOrTx, targets: Targets) {
  const known = await repo.existingLevelIds(db, [...new Set(targets.map((t) => t.levelId))]);
  const seen = new Set<string>();
  const details: { path: string; message: string }[] = [];
  targets.forEach((target, index) => {
    if (!known.has(target.levelId)) details.push({ path: `body.targets.${index}.levelId`, message: 'unknown_level' });
    const key = `${target.population}/${target.levelId}`;
    if (seen.has(key)) details.push({ path: `body.targets.${index}.levelId`, message: 'duplicate_target' });
    seen.add(key);
  });
  if (details.length > 0) throw badRequest('validation_failed', details);
}

/** What the audit log keeps of the lists: their content, without the row ids that change on every save. */
const auditedTargets = (targets: Targets) =>
  targets.map((t) => ({ population: t.population, levelId: t.levelId, targetPercent: t.targetPercent }));
const auditedGrants = (grants: Grants) => grants.map((g) => ({ ...g }));

export async function createProgramme(ctx: AppContext, actor: Actor, body: CreateBody): Promise<Programme> {
  requireCan(actor, 'create');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await checkTargets(tx, body.targets);
    const { id } = await repo.insertProgramme(tx, {
      name: body.name,
      description: body.description,
      startDate: body.startDate,
      endDate: body.endDate,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceTargets(tx, id, body.targets);
    await repo.replaceGrants(tx, id, body.grants);
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'programme',
        entityId: id,
        after: {
          name: body.name,
          description: body.description,
          startDate: body.startDate,
          endDate: body.endDate,
          targets: auditedTargets(body.targets),
          grants: auditedGrants(body.grants),
        },
      },
      now,
    );
    return detailOf(tx, id);
  });
}

export async function updateProgramme(ctx: AppContext, actor: Actor, id: string, body: UpdateBody): Promise<Programme> {
  requireCan(actor, 'update');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findProgramme(tx, id, 'update');
    if (!current) throw notFound();
    const [targets, grants] = [await repo.targetsOf(tx, id), await repo.grantsOf(tx, id)];
    const before = {
      name: current.programme.name,
      description: current.programme.description,
      startDate: current.programme.startDate,
      endDate: current.programme.endDate,
      targets: auditedTargets(targets.map((t) => ({ ...t, population: t.population as Targets[number]['population'] }))),
      grants: auditedGrants(
        grants.map((g) => ({
          funder: g.funder,
          appliedAmount: g.appliedAmount,
          receivedAmount: g.receivedAmount,
          status: g.status as Grants[number]['status'],
          decidedOn: g.decidedOn,
          note: g.note,
        })),
      ),
    };
    const after = {
      name: body.name ?? before.name,
      description: body.description !== undefined ? body.description : before.description,
      startDate: body.startDate ?? before.startDate,
      endDate: body.endDate ?? before.endDate,
      targets: body.targets ? auditedTargets(body.targets) : before.targets,
      grants: body.grants ? auditedGrants(body.grants) : before.grants,
    };
    if (after.endDate < after.startDate) {
      throw badRequest('validation_failed', [{ path: 'body.endDate', message: 'end_before_start' }]);
    }
    const diff = changedFields(before, after);
    if (!diff.changed) return detailOf(tx, id);
    if (body.targets) await checkTargets(tx, body.targets);

    await repo.updateProgramme(tx, id, {
      name: after.name,
      description: after.description,
      startDate: after.startDate,
      endDate: after.endDate,
      updatedAt: now,
    });
    if ('targets' in diff.after && body.targets) await repo.replaceTargets(tx, id, body.targets);
    if ('grants' in diff.after && body.grants) await repo.replaceGrants(tx, id, body.grants);
    await recordAudit(
      tx,
      actor,
      { action: 'update', entityType: 'programme', entityId: id, before: diff.before, after: diff.after },
      now,
    );
    return detailOf(tx, id);
  });
}

/** Its targets and grants go with it; its sessions stay, no longer linked (the schema sets programme_id to null). */
export async function deleteProgramme(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireCan(actor, 'delete');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findProgramme(tx, id, 'update');
    if (!current) throw notFound();
    const [targets, grants] = [await repo.targetsOf(tx, id), await repo.grantsOf(tx, id)];
    await repo.deleteProgramme(tx, id);
    await recordAudit(
      tx,
      actor,
      {
        action: 'delete',
        entityType: 'programme',
        entityId: id,
        before: {
          name: current.programme.name,
          startDate: current.programme.startDate,
          endDate: current.programme.endDate,
          targets: targets.map(presentTarget),
          grants: grants.map((g) => ({
            funder: g.funder,
            appliedAmount: g.appliedAmount,
            receivedAmount: g.receivedAmount,
            status: g.status,
          })),
        },
      },
      now,
    );
  });
}

/**
 * Progress towards each target, counted on the programme's end date once it has passed, else
 * today: of the employees employed that day (in all units, or in the units that work with
 * children and youth), how many had completed the target level or a higher one by then.
 */
export async function getProgress(ctx: AppContext, actor: Actor, id: string): Promise<ProgrammeProgress> {
  requireCan(actor, 'read');
  const row = await repo.findProgramme(ctx.db, id);
  if (!row) throw notFound();
  const today = stockholmDate(ctx.clock.now());
  const countedOn = row.programme.endDate < today ? row.programme.endDate : today;
  const [targets, grants, reach, sessions] = await Promise.all([
    repo.targetsOf(ctx.db, id),
    repo.grantsOf(ctx.db, id),
    repo.reachOn(ctx.db, countedOn),
    repo.sessionsOf(ctx.db, id),
  ]);

  const count = (pick: (r: repo.ReachRow) => boolean) => reach.reduce((n, r) => (pick(r) ? n + r.n : n), 0);
  return {
    programmeId: id,
    countedOn,
    targets: targets.map((target) => {
      const inPopulation = (r: repo.ReachRow) => target.population === 'all_employees' || r.children;
      const populationSize = count(inPopulation);
      const reached = count((r) => inPopulation(r) && r.rank !== null && r.rank >= target.levelRank);
      const needed = Math.ceil((target.targetPercent * populationSize) / 100);
      return {
        targetId: target.id,
        population: target.population as ProgrammeProgress['targets'][number]['population'],
        levelId: target.levelId,
        levelNameSv: target.levelNameSv,
        levelNameEn: target.levelNameEn,
        targetPercent: target.targetPercent,
        populationSize,
        reached,
        share: populationSize > 0 ? reached / populationSize : 0,
        met: populationSize > 0 && reached >= needed,
        missing: Math.max(0, needed - reached),
      };
    }),
    sessions: sessions.map((s) => ({
      id: s.id,
      courseId: s.course_id,
      courseName: s.course_name,
      title: s.title,
      startsOn: s.starts_on,
      endsOn: s.ends_on,
      status: s.status,
      enrolled: s.enrolled,
      completed: s.completed,
    })),
    sessionTotals: {
      sessions: sessions.length,
      enrolled: sessions.reduce((n, s) => n + s.enrolled, 0),
      completed: sessions.reduce((n, s) => n + s.completed, 0),
    },
    grants: {
      count: grants.length,
      applied: grants.reduce((n, g) => n + (g.appliedAmount ?? 0), 0),
      received: grants.reduce((n, g) => n + (g.status === 'granted' ? (g.receivedAmount ?? 0) : 0), 0),
      byStatus: {
        applied: grants.filter((g) => g.status === 'applied').length,
        granted: grants.filter((g) => g.status === 'granted').length,
        rejected: grants.filter((g) => g.status === 'rejected').length,
      },
    },
  };
}
