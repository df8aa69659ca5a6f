import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { withUniqueConflicts } from '../../db/constraints.js';
import { badRequest, forbidden, notFound, unprocessable } from '../../http/errors.js';
import type { Page } from '#shared/contracts/common';
import type { EmployeeListQuery, employeeBody, updateEmployeeBody } from '#shared/contracts/organisation';
import { changedFields, recordAudit } from '../audit/service.js';
import { requireOpenUnit } from '../units/service.js';
import { dayBefore, stockholmDate } from './current.js';
import { can, readScope, type EmployeeAction, type EmployeeScope, type EmployeeTarget } from './policy.js';
import { viewerOf, type Viewer } from './presenter.js';
import { recordRead } from './read-audit.js';
import { perDatabase, readVersions, versionKey, VersionedCache } from '../../http/versioned-cache.js';
import * as repo from './repository.js';

const uniqueConflicts = {
  employees_number_unique: { code: 'employee_number_taken', path: 'body.employeeNumber' },
};

type EmployeeRow = repo.EmployeeRow;

export type EmployeeDetailView = { row: repo.EmployeeRow; history: repo.HistoryRow[] };

function requireCan(actor: Actor, action: EmployeeAction, employee: EmployeeTarget) {
  if (!can(actor, action, employee)) throw forbidden();
}

async function detailOf(db: DbOrTx, id: string): Promise<EmployeeDetailView> {
  const row = await repo.findEmployee(db, id);
  if (!row) throw notFound();
  return { row, history: await repo.historyOf(db, id) };
}

type ListCaches = {
  /** The ordered ids of a filter (a page is a slice of them): about 70 bytes an id in the heap. */
  order: VersionedCache<string[]>;
  /** Answers as sent (the serialised page) with the ids shown, for the audit entry. */
  page: VersionedCache<{ body: string; ids: string[] }>;
};

/** Per database: two databases in one process (tests, benchmarks) count their versions each from 1. */
const listCachesOf = perDatabase<ListCaches>(() => ({
  order: new VersionedCache<string[]>(48 * 1024 * 1024, (ids) => ids.length * 72),
  page: new VersionedCache(32 * 1024 * 1024, (page) => page.body.length * 2 + page.ids.length * 72),
}));

/** Everything the scope depends on, in one order: two actors with the same key see the same employees. */
function scopeKey(scope: EmployeeScope) {
  if (!scope) return null;
  const sorted = (ids: string[]) => [...new Set(ids)].sort();
  return { a: sorted(scope.administrationIds), u: sorted(scope.unitIds), e: sorted(scope.employeeIds) };
}

/**
 * GET /api/employees as sent: render serialises the page as the route's response schema does. The answer
 * is cached per (scope, the gender column's visibility, today, the query), and each filter's ordered ids
 * per (scope, today, filter, sort); both only while the organisation's data version is the one they were
 * made under (read on every request, see docs/decisions/0012), so an answer is always that of the data
 * as committed when the request arrived.
 *
 * Reads of personal data by staff are audited (DOMAIN.md), hit or miss. A list read records the filter
 * used and the ids shown, never the rows' contents: the log must not become a second copy of the register.
 */
export async function listEmployeesAnswer(
  ctx: AppContext,
  actor: Actor,
  query: EmployeeListQuery,
  render: (page: Page<EmployeeRow>, viewer: Viewer) => string,
): Promise<string> {
  const now = ctx.clock.now();
  const version = versionKey(await readVersions(ctx.db), ['organisation']);
  const today = stockholmDate(now);
  const viewer = viewerOf(actor, now);
  const scope = readScope(actor);
  const filter = {
    q: query.q ?? null,
    administrationId: query.administrationId ?? null,
    unitId: query.unitId ?? null,
    status: query.status,
    sort: query.sort,
  };
  const orderKey = JSON.stringify({ scope: scopeKey(scope), today, filter });
  const pageKey = JSON.stringify({ order: orderKey, gender: viewer.showGender, page: query.page, pageSize: query.pageSize });
  const caches = listCachesOf(ctx.db);
  const page = await caches.page.get(pageKey, version, async () => {
    const ids = await caches.order.get(orderKey, version, () =>
      repo.listEmployeeIds(
        ctx.db,
        { q: query.q, administrationId: query.administrationId, unitId: query.unitId, status: query.status, today, scope },
        query.sort,
      ),
    );
    const offset = (query.page - 1) * query.pageSize;
    const rows = await repo.employeesByIds(ctx.db, ids.slice(offset, offset + query.pageSize), query.sort);
    const body = render({ items: rows, total: ids.length, page: query.page, pageSize: query.pageSize }, viewer);
    return { body, ids: rows.map((r) => r.id) };
  });
  // Which employees were shown, as the other lists of personal data record it: the log answers "who saw Anna?".
  await recordRead(
    ctx.db,
    actor,
    {
      action: 'read',
      entityType: 'employee',
      entityId: null,
      after: { ...filter, page: query.page, pageSize: query.pageSize, ids: page.ids },
    },
    now,
  );
  return page.body;
}

/** Outside the actor's scope the answer is 404, as for an id that does not exist: it does not reveal who is employed. */
export async function getEmployee(ctx: AppContext, actor: Actor, id: string): Promise<EmployeeDetailView> {
  const row = await repo.findEmployee(ctx.db, id);
  if (!row || !can(actor, 'read', row)) throw notFound();
  const history = await repo.historyOf(ctx.db, id);
  await recordAudit(ctx.db, actor, { action: 'read', entityType: 'employee', entityId: id }, ctx.clock.now());
  return { row, history };
}

const auditedFields = [
  'employeeNumber',
  'firstName',
  'lastName',
  'email',
  'unitId',
  'title',
  'gender',
  'startDate',
  'endDate',
] as const;

export async function createEmployee(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof employeeBody>,
): Promise<EmployeeDetailView> {
  const now = ctx.clock.now();
  return withUniqueConflicts(uniqueConflicts, () =>
    ctx.db.transaction(async (tx) => {
      const unit = await requireOpenUnit(tx, body.unitId, 'body.unitId');
      requireCan(actor, 'create', { unitId: unit.id, administrationId: unit.administrationId });
      const { id } = await repo.insertEmployee(tx, {
        employeeNumber: body.employeeNumber,
        firstName: body.firstName,
        lastName: body.lastName,
        email: body.email,
        unitId: body.unitId,
        title: body.title,
        gender: body.gender,
        startDate: body.startDate,
        endDate: body.endDate,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertHistory(tx, { employeeId: id, unitId: body.unitId, fromDate: body.startDate, createdAt: now });
      const after = Object.fromEntries(auditedFields.map((field) => [field, body[field]]));
      await recordAudit(tx, actor, { action: 'create', entityType: 'employee', entityId: id, after }, now);
      return detailOf(tx, id);
    }),
  );
}

const moveRejected = (code: string) => unprocessable(code, [{ path: 'body.movedOn', message: code }]);

export async function updateEmployee(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof updateEmployeeBody>,
): Promise<EmployeeDetailView> {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  return withUniqueConflicts(uniqueConflicts, () =>
    ctx.db.transaction(async (tx) => {
      // Locked: two moves at once must not both close the same history row.
      const current = await repo.findEmployee(tx, id, 'update');
      if (!current || !can(actor, 'read', current)) throw notFound();
      requireCan(actor, 'update', current);

      const before = Object.fromEntries(auditedFields.map((field) => [field, current[field]])) as Pick<
        repo.EmployeeRow,
        (typeof auditedFields)[number]
      >;
      const after = { ...before };
      for (const field of auditedFields) {
        if (body[field] !== undefined) (after as Record<string, unknown>)[field] = body[field];
      }
      const diff = changedFields(before, after);
      if (!diff.changed) return detailOf(tx, id);

      // The body's own check covers start and end sent together; this one, a change of either alone.
      if (after.endDate !== null && after.endDate < after.startDate) {
        throw badRequest('validation_failed', [{ path: 'body.endDate', message: 'end_before_start' }]);
      }

      let movedOn: string | undefined;
      if (after.unitId !== before.unitId) {
        const unit = await requireOpenUnit(tx, after.unitId, 'body.unitId');
        requireCan(actor, 'update', { id, unitId: unit.id, administrationId: unit.administrationId });
        movedOn = body.movedOn ?? today;
        if (movedOn > today) throw moveRejected('moved_in_future');
        if (movedOn < after.startDate) throw moveRejected('moved_before_start');
        if (after.endDate !== null && movedOn > after.endDate) throw moveRejected('moved_after_end');
        const open = await repo.findOpenHistory(tx, id);
        // The history is only ever extended: the current row ends the day before the move, the new one starts on it.
        if (open && movedOn <= open.fromDate) throw moveRejected('moved_before_current_unit');
        if (open) await repo.closeHistory(tx, open.id, dayBefore(movedOn));
        await repo.insertHistory(tx, { employeeId: id, unitId: after.unitId, fromDate: movedOn, createdAt: now });
      }

      await repo.updateEmployee(tx, id, { ...after, updatedAt: now });
      await recordAudit(
        tx,
        actor,
        {
          action: 'update',
          entityType: 'employee',
          entityId: id,
          before: diff.before,
          after: movedOn ? { ...diff.after, movedOn } : diff.after,
        },
        now,
      );
      return detailOf(tx, id);
    }),
  );
}
