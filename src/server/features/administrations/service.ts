import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { withUniqueConflicts } from '../../db/constraints.js';
import { conflict, forbidden, notFound, unprocessable } from '../../http/errors.js';
import type { AdministrationListQuery, administrationBody, updateAdministrationBody } from '#shared/contracts/organisation';
import type { Page } from '#shared/contracts/common';
import type { z } from 'zod';
import { changedFields, recordAudit } from '../audit/service.js';
import { processLeadersOf, setProcessLeader } from '../users/roles.js';
import { stockholmDate } from '../employees/current.js';
import { can } from './policy.js';
import type { AdministrationView } from './presenter.js';
import * as repo from './repository.js';

const uniqueConflicts = {
  administrations_name_unique: { code: 'name_taken', path: 'body.name' },
  user_roles_one_process_leader: { code: 'process_leader_taken', path: 'body.processLeaderUserId' },
};

async function views(db: DbOrTx, rows: repo.AdministrationRow[], today: string): Promise<AdministrationView[]> {
  const ids = rows.map((r) => r.id);
  // One after the other: db may be a transaction, whose single connection runs one query at a time.
  const leaders = await processLeadersOf(db, ids);
  const counts = await repo.countsOf(db, ids, today);
  return rows.map((row) => ({ row, processLeader: leaders.get(row.id) ?? null, ...counts.get(row.id)! }));
}

function requireCan(actor: Actor, action: Parameters<typeof can>[1]) {
  if (!can(actor, action)) throw forbidden();
}

export async function listAdministrations(
  ctx: AppContext,
  actor: Actor,
  query: AdministrationListQuery,
): Promise<Page<AdministrationView>> {
  requireCan(actor, 'read');
  const { rows, total } = await repo.listAdministrations(
    ctx.db,
    { q: query.q, active: query.active },
    query.sort,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items: await views(ctx.db, rows, stockholmDate(ctx.clock.now())), total, page: query.page, pageSize: query.pageSize };
}

export async function getAdministration(ctx: AppContext, actor: Actor, id: string): Promise<AdministrationView> {
  requireCan(actor, 'read');
  const row = await repo.findAdministration(ctx.db, id);
  if (!row) throw notFound();
  const [view] = await views(ctx.db, [row], stockholmDate(ctx.clock.now()));
  return view;
}

type CreateBody = z.output<typeof administrationBody>;

export async function createAdministration(ctx: AppContext, actor: Actor, body: CreateBody): Promise<AdministrationView> {
  requireCan(actor, 'create');
  const now = ctx.clock.now();
  return withUniqueConflicts(uniqueConflicts, () =>
    ctx.db.transaction(async (tx) => {
      const row = await repo.insertAdministration(tx, {
        name: body.name,
        shortName: body.shortName,
        description: body.description,
        createdAt: now,
        updatedAt: now,
      });
      if (body.processLeaderUserId) await setProcessLeader(tx, row.id, body.processLeaderUserId);
      await recordAudit(
        tx,
        actor,
        {
          action: 'create',
          entityType: 'administration',
          entityId: row.id,
          after: {
            name: row.name,
            shortName: row.shortName,
            description: row.description,
            processLeaderUserId: body.processLeaderUserId,
          },
        },
        now,
      );
      const [view] = await views(tx, [row], stockholmDate(now));
      return view;
    }),
  );
}

type UpdateBody = z.output<typeof updateAdministrationBody>;

export async function updateAdministration(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateBody,
): Promise<AdministrationView> {
  requireCan(actor, 'update');
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  return withUniqueConflicts(uniqueConflicts, () =>
    ctx.db.transaction(async (tx) => {
      // Locked, so that a unit cannot be added or reopened while the administration is being closed.
      const current = await repo.findAdministration(tx, id, 'update');
      if (!current) throw notFound();
      const leaderBefore = (await processLeadersOf(tx, [id])).get(id)?.id ?? null;

      const before = {
        name: current.name,
        shortName: current.shortName,
        description: current.description,
        active: current.active,
        processLeaderUserId: leaderBefore,
      };
      const after = {
        name: body.name ?? current.name,
        shortName: body.shortName !== undefined ? body.shortName : current.shortName,
        description: body.description !== undefined ? body.description : current.description,
        active: body.active ?? current.active,
        processLeaderUserId: body.processLeaderUserId !== undefined ? body.processLeaderUserId : leaderBefore,
      };
      const diff = changedFields(before, after);
      if (!diff.changed) {
        const [view] = await views(tx, [current], today);
        return view;
      }

      if (current.active && !after.active && (await repo.countActiveUnits(tx, id)) > 0) {
        throw conflict('administration_has_active_units', [{ path: 'body.active', message: 'administration_has_active_units' }]);
      }
      if (after.processLeaderUserId !== leaderBefore) await setProcessLeader(tx, id, after.processLeaderUserId);

      const row = await repo.updateAdministration(tx, id, {
        name: after.name,
        shortName: after.shortName,
        description: after.description,
        active: after.active,
        closedAt: after.active === current.active ? current.closedAt : after.active ? null : now,
        updatedAt: now,
      });
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'administration', entityId: id, before: diff.before, after: diff.after },
        now,
      );
      const [view] = await views(tx, [row], today);
      return view;
    }),
  );
}

/**
 * For the units feature: the administration a unit is created in, moved to or reopened in must
 * exist and be open. Locked for share in the caller's transaction, so that it cannot be closed
 * before that transaction ends.
 */
export async function requireOpenAdministration(tx: DbOrTx, id: string, path: string): Promise<repo.AdministrationRow> {
  const row = await repo.findAdministration(tx, id, 'share');
  if (!row) throw unprocessable('unknown_administration', [{ path, message: 'unknown_administration' }]);
  if (!row.active) throw unprocessable('administration_closed', [{ path, message: 'administration_closed' }]);
  return row;
}
