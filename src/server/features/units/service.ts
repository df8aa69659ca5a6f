import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { withUniqueConflicts } from '../../db/constraints.js';
import { conflict, forbidden, notFound, unprocessable } from '../../http/errors.js';
import type { Page } from '#shared/contracts/common';
import type { UnitListQuery, unitBody, updateUnitBody } from '#shared/contracts/organisation';
import { changedFields, recordAudit } from '../audit/service.js';
import { managersOf, setUnitManager } from '../users/roles.js';
import { requireOpenAdministration } from '../administrations/service.js';
import { stockholmDate } from '../employees/current.js';
import { can, readScope, type UnitAction, type UnitTarget } from './policy.js';
import type { UnitView } from './presenter.js';
import * as repo from './repository.js';

const uniqueConflicts = {
  units_name_per_administration_unique: { code: 'name_taken', path: 'body.name' },
  units_code_unique: { code: 'code_taken', path: 'body.code' },
  user_roles_one_unit_manager: { code: 'unit_manager_taken', path: 'body.managerUserId' },
};

async function views(db: DbOrTx, rows: repo.UnitRow[], today: string): Promise<UnitView[]> {
  const ids = rows.map((r) => r.id);
  // One after the other: db may be a transaction, whose single connection runs one query at a time.
  const managers = await managersOf(db, ids);
  const counts = await repo.employeeCountsOf(db, ids, today);
  return rows.map((row) => ({ row, manager: managers.get(row.id) ?? null, employeeCount: counts.get(row.id) ?? 0 }));
}

async function viewOf(db: DbOrTx, id: string, today: string): Promise<UnitView> {
  const row = await repo.findUnit(db, id);
  if (!row) throw notFound();
  const [view] = await views(db, [row], today);
  return view;
}

function requireCan(actor: Actor, action: UnitAction, unit: UnitTarget) {
  if (!can(actor, action, unit)) throw forbidden();
}

export async function listUnits(ctx: AppContext, actor: Actor, query: UnitListQuery): Promise<Page<UnitView>> {
  const { rows, total } = await repo.listUnits(
    ctx.db,
    {
      q: query.q,
      administrationId: query.administrationId,
      active: query.active,
      worksWithChildren: query.worksWithChildren,
      scope: readScope(actor),
    },
    query.sort,
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items: await views(ctx.db, rows, stockholmDate(ctx.clock.now())), total, page: query.page, pageSize: query.pageSize };
}

export async function getUnit(ctx: AppContext, actor: Actor, id: string): Promise<UnitView> {
  const view = await viewOf(ctx.db, id, stockholmDate(ctx.clock.now()));
  if (!can(actor, 'read', view.row)) throw notFound();
  return view;
}

export async function createUnit(ctx: AppContext, actor: Actor, body: z.output<typeof unitBody>): Promise<UnitView> {
  requireCan(actor, 'create', { administrationId: body.administrationId });
  if (body.managerUserId) requireCan(actor, 'assignManager', { administrationId: body.administrationId });
  const now = ctx.clock.now();
  return withUniqueConflicts(uniqueConflicts, () =>
    ctx.db.transaction(async (tx) => {
      await requireOpenAdministration(tx, body.administrationId, 'body.administrationId');
      const { id } = await repo.insertUnit(tx, {
        administrationId: body.administrationId,
        name: body.name,
        code: body.code,
        worksWithChildren: body.worksWithChildren,
        createdAt: now,
        updatedAt: now,
      });
      if (body.managerUserId) await setUnitManager(tx, id, body.managerUserId);
      await recordAudit(
        tx,
        actor,
        {
          action: 'create',
          entityType: 'unit',
          entityId: id,
          after: {
            administrationId: body.administrationId,
            name: body.name,
            code: body.code,
            worksWithChildren: body.worksWithChildren,
            managerUserId: body.managerUserId,
          },
        },
        now,
      );
      return viewOf(tx, id, stockholmDate(now));
    }),
  );
}

export async function updateUnit(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof updateUnitBody>,
): Promise<UnitView> {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  return withUniqueConflicts(uniqueConflicts, () =>
    ctx.db.transaction(async (tx) => {
      // Locked, so that no employee is placed in the unit while it is being closed.
      const current = await repo.findUnit(tx, id, 'update');
      if (!current || !can(actor, 'read', current)) throw notFound();
      requireCan(actor, 'update', current);
      const managerBefore = (await managersOf(tx, [id])).get(id)?.id ?? null;

      const before = {
        administrationId: current.administrationId,
        name: current.name,
        code: current.code,
        worksWithChildren: current.worksWithChildren,
        active: current.active,
        managerUserId: managerBefore,
      };
      const after = {
        administrationId: body.administrationId ?? current.administrationId,
        name: body.name ?? current.name,
        code: body.code !== undefined ? body.code : current.code,
        worksWithChildren: body.worksWithChildren ?? current.worksWithChildren,
        active: body.active ?? current.active,
        managerUserId: body.managerUserId !== undefined ? body.managerUserId : managerBefore,
      };
      const diff = changedFields(before, after);
      if (!diff.changed) return (await views(tx, [current], today))[0];

      // Only what actually changes is checked, so a form that sends every field back works for a unit manager too.
      const moving = after.administrationId !== before.administrationId;
      if (moving) {
        requireCan(actor, 'move', current);
        requireCan(actor, 'move', { administrationId: after.administrationId });
        await requireOpenAdministration(tx, after.administrationId, 'body.administrationId');
      }
      if (after.active !== before.active) {
        requireCan(actor, 'close', current);
        if (after.active) {
          if (!moving) await requireOpenAdministration(tx, after.administrationId, 'body.active');
        } else if (((await repo.employeeCountsOf(tx, [id], today)).get(id) ?? 0) > 0) {
          throw conflict('unit_has_employees', [{ path: 'body.active', message: 'unit_has_employees' }]);
        }
      }
      if (after.managerUserId !== before.managerUserId) {
        requireCan(actor, 'assignManager', { id, administrationId: after.administrationId });
        await setUnitManager(tx, id, after.managerUserId);
      }

      await repo.updateUnit(tx, id, {
        administrationId: after.administrationId,
        name: after.name,
        code: after.code,
        worksWithChildren: after.worksWithChildren,
        active: after.active,
        closedAt: after.active === current.active ? current.closedAt : after.active ? null : now,
        updatedAt: now,
      });
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'unit', entityId: id, before: diff.before, after: diff.after },
        now,
      );
      return viewOf(tx, id, today);
    }),
  );
}

/**
 * For the employees feature: the unit an employee is placed in must exist and be open. Locked for
 * share in the caller's transaction, so that it cannot be closed before that transaction ends.
 */
export async function requireOpenUnit(tx: DbOrTx, id: string, path: string): Promise<repo.UnitRow> {
  const row = await repo.findUnit(tx, id, 'share');
  if (!row) throw unprocessable('unknown_unit', [{ path, message: 'unknown_unit' }]);
  if (!row.active) throw unprocessable('unit_closed', [{ path, message: 'unit_closed' }]);
  return row;
}
