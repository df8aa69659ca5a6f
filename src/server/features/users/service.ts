import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { violatedUniqueIndex } from '../../db/errors.js';
import { conflict, notFound, unprocessable } from '../../http/errors.js';
import type { Page } from '#shared/contracts/common';
import { roleScopeIssues, type RoleInput, type User, type UserListQuery } from '#shared/contracts/users';
import type { Role } from '#shared/permissions';
import { changedFields, recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/crypto.js';
import { revokeAllSessionsOfUser } from '../auth/service.js';
import { authorize } from './policy.js';
import { auditRoles, presentUser } from './presenter.js';
import * as repo from './repository.js';

/** The bodies as the route schemas hand them over (after defaults and trimming). */
export type CreateUserInput = {
  name: string;
  email: string;
  password: string;
  locale: 'sv' | 'en';
  employeeId: string | null;
  roles: RoleInput[];
};
export type UpdateUserInput = Partial<CreateUserInput>;

export type FirstAdministrator = { name: string; email: string; password: string };

/**
 * Creates the first administrator, only while there is no user at all. Used by the first-run page
 * and by INKLUDERA_ADMIN_EMAIL / INKLUDERA_ADMIN_PASSWORD at start-up.
 */
export async function createFirstAdministrator(ctx: AppContext, input: FirstAdministrator) {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await repo.lockUsersTable(tx);
    if ((await repo.userCount(tx)) > 0) throw conflict('setup_done');
    const user = await repo.insertUser(tx, {
      name: input.name,
      email: input.email.toLowerCase(),
      passwordHash,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertRoles(tx, [{ userId: user.id, role: 'administrator' }]);
    await recordAudit(
      tx,
      { userId: user.id, name: user.name },
      {
        action: 'create',
        entityType: 'user',
        entityId: user.id,
        after: { name: user.name, email: user.email, roles: ['administrator'] },
      },
      now,
    );
    return user;
  });
}

export async function needsSetup(ctx: AppContext): Promise<boolean> {
  return (await repo.userCount(ctx.db)) === 0;
}

export type { Actor, DbOrTx };

/* ---------- Administration of accounts (administrators only) ---------- */

type Detail = { path: string; message: string };

const sortOf = (sort: UserListQuery['sort']): { field: repo.UserSort; descending: boolean } =>
  sort
    ? { field: sort.replace(/^-/, '') as repo.UserSort, descending: sort.startsWith('-') }
    : { field: 'name', descending: false };

async function withRoles(db: DbOrTx, rows: repo.UserRecord[], now: Date): Promise<User[]> {
  const roleRows = await repo.rolesOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    presentUser(
      row,
      roleRows.filter((r) => r.userId === row.id),
      now,
    ),
  );
}

export async function listUsers(ctx: AppContext, actor: Actor, query: UserListQuery): Promise<Page<User>> {
  authorize(actor, 'list');
  const now = ctx.clock.now();
  const { items, total } = await repo.listUsers(
    ctx.db,
    { q: query.q || undefined, role: query.role, active: query.active },
    sortOf(query.sort),
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  const presented = await withRoles(ctx.db, items, now);
  // Staff accounts are personal data: who looked at which of them is on record (DOMAIN.md).
  if (items.length > 0) {
    await recordAudit(ctx.db, actor, { action: 'read', entityType: 'user', after: { ids: items.map((i) => i.id) } }, now);
  }
  return { items: presented, total, page: query.page, pageSize: query.pageSize };
}

async function loadUser(db: DbOrTx, id: string, now: Date, forUpdate = false): Promise<{ record: repo.UserRecord; user: User }> {
  const record = await repo.findUserRecord(db, id, { forUpdate });
  if (!record) throw notFound();
  const [user] = await withRoles(db, [record], now);
  return { record, user };
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<User> {
  authorize(actor, 'read', { id });
  const now = ctx.clock.now();
  const { user } = await loadUser(ctx.db, id, now);
  await recordAudit(ctx.db, actor, { action: 'read', entityType: 'user', entityId: id }, now);
  return user;
}

type NormalizedRole = { role: Role; administrationId: string | null; unitId: string | null };
const roleKey = (r: NormalizedRole) => `${r.role}|${r.administrationId ?? ''}|${r.unitId ?? ''}`;

/**
 * Checks a requested set of roles against roleScope and the organisation, and returns it in the
 * form it is stored in: deduplicated, a unit manager's row without its administration.
 * 422 for a malformed scope or an unknown administration or unit; 409 when someone else already
 * leads the administration or manages the unit.
 */
async function normalizeRoles(tx: DbOrTx, userId: string | null, requested: RoleInput[]): Promise<NormalizedRole[]> {
  const scopeIssues = roleScopeIssues(requested);
  if (scopeIssues.length > 0) {
    throw unprocessable(
      scopeIssues[0].code,
      scopeIssues.map((i) => ({ path: `body.roles.${i.index}.${i.field}`, message: i.code })),
    );
  }
  const administrationIds = [...new Set(requested.filter((r) => r.role === 'process_leader').map((r) => r.administrationId!))];
  const unitIds = [...new Set(requested.filter((r) => r.role === 'unit_manager').map((r) => r.unitId!))];
  const [foundAdministrations, foundUnits] = await Promise.all([
    repo.administrationsByIds(tx, administrationIds),
    repo.unitsByIds(tx, unitIds),
  ]);
  const knownAdministrations = new Set(foundAdministrations.map((a) => a.id));
  const unitAdministration = new Map(foundUnits.map((u) => [u.id, u.administrationId]));

  const issues: { code: string; detail: Detail }[] = [];
  requested.forEach((r, index) => {
    if (r.role === 'process_leader' && !knownAdministrations.has(r.administrationId!)) {
      issues.push({
        code: 'unknown_administration',
        detail: { path: `body.roles.${index}.administrationId`, message: 'unknown_administration' },
      });
    }
    if (r.role === 'unit_manager') {
      const administrationOfUnit = unitAdministration.get(r.unitId!);
      if (!administrationOfUnit) {
        issues.push({ code: 'unknown_unit', detail: { path: `body.roles.${index}.unitId`, message: 'unknown_unit' } });
      } else if (r.administrationId && r.administrationId !== administrationOfUnit) {
        issues.push({
          code: 'role_scope_not_allowed',
          detail: { path: `body.roles.${index}.administrationId`, message: 'role_scope_not_allowed' },
        });
      }
    }
  });
  if (issues.length > 0)
    throw unprocessable(
      issues[0].code,
      issues.map((i) => i.detail),
    );

  const normalized = new Map<string, NormalizedRole>();
  for (const r of requested) {
    const row: NormalizedRole = {
      role: r.role,
      administrationId: r.role === 'process_leader' ? r.administrationId : null,
      unitId: r.role === 'unit_manager' ? r.unitId : null,
    };
    normalized.set(roleKey(row), row);
  }

  const holders = await repo.scopedRoleHolders(tx, userId, administrationIds, unitIds);
  const taken = holders.find((h) => h.role === 'process_leader') ?? holders[0];
  if (taken) {
    const index = requested.findIndex((r) =>
      taken.role === 'process_leader'
        ? r.role === 'process_leader' && r.administrationId === taken.administrationId
        : r.role === 'unit_manager' && r.unitId === taken.unitId,
    );
    const code = taken.role === 'process_leader' ? 'process_leader_taken' : 'unit_manager_taken';
    throw conflict(code, [
      { path: `body.roles.${index}.${taken.role === 'process_leader' ? 'administrationId' : 'unitId'}`, message: code },
    ]);
  }
  return [...normalized.values()];
}

/** The unique indexes are the last word when two administrators assign the same scope at once. */
function translateUniqueViolation(error: unknown): never {
  switch (violatedUniqueIndex(error)) {
    case 'users_email_unique':
      throw conflict('email_taken', [{ path: 'body.email', message: 'email_taken' }]);
    case 'user_roles_one_process_leader':
      throw conflict('process_leader_taken');
    case 'user_roles_one_unit_manager':
      throw conflict('unit_manager_taken');
    default:
      throw error;
  }
}

async function checkEmployee(tx: DbOrTx, employeeId: string | null, userId: string | null) {
  if (!employeeId) return;
  if (!(await repo.employeeExists(tx, employeeId))) {
    throw unprocessable('unknown_employee', [{ path: 'body.employeeId', message: 'unknown_employee' }]);
  }
  // One person, one account: the employee's own training pages would otherwise belong to two logins.
  if (await repo.userLinkedToEmployee(tx, employeeId, userId ?? undefined)) {
    throw conflict('employee_taken', [{ path: 'body.employeeId', message: 'employee_taken' }]);
  }
}

async function checkEmailFree(tx: DbOrTx, email: string, userId: string | null) {
  if (await repo.emailTaken(tx, email, userId ?? undefined)) {
    throw conflict('email_taken', [{ path: 'body.email', message: 'email_taken' }]);
  }
}

/** Called after the change, inside its transaction and under the lock: the change is undone if it left nobody in charge. */
async function assertAnAdministratorRemains(tx: DbOrTx) {
  if ((await repo.countActiveAdministrators(tx)) === 0) throw conflict('last_administrator');
}

const isActiveAdministrator = (record: repo.UserRecord, roleList: { role: string }[]) =>
  record.active && roleList.some((r) => r.role === 'administrator');

function auditSnapshot(
  record: Pick<repo.UserRecord, 'name' | 'email' | 'locale' | 'employeeId' | 'active'>,
  roleList: NormalizedRole[] | repo.StoredRole[],
) {
  return {
    name: record.name,
    email: record.email,
    locale: record.locale,
    employeeId: record.employeeId,
    active: record.active,
    roles: auditRoles(roleList),
  };
}

export async function createUser(ctx: AppContext, actor: Actor, body: CreateUserInput): Promise<User> {
  authorize(actor, 'create');
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  return ctx.db
    .transaction(async (tx) => {
      await repo.lockUserAdministration(tx);
      const roleList = await normalizeRoles(tx, null, body.roles);
      await checkEmailFree(tx, body.email, null);
      await checkEmployee(tx, body.employeeId, null);
      const created = await repo.insertUser(tx, {
        name: body.name,
        email: body.email.toLowerCase(),
        passwordHash,
        locale: body.locale,
        employeeId: body.employeeId,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertRoles(
        tx,
        roleList.map((r) => ({ ...r, userId: created.id, createdAt: now })),
      );
      await recordAudit(
        tx,
        actor,
        { action: 'create', entityType: 'user', entityId: created.id, after: auditSnapshot(created, roleList) },
        now,
      );
      return (await loadUser(tx, created.id, now)).user;
    })
    .catch(translateUniqueViolation);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, body: UpdateUserInput): Promise<User> {
  authorize(actor, 'update', { id });
  // Hashing is slow on purpose; do it before the transaction holds any lock.
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  const now = ctx.clock.now();
  return ctx.db
    .transaction(async (tx) => {
      await repo.lockUserAdministration(tx);
      const record = await repo.findUserRecord(tx, id, { forUpdate: true });
      if (!record) throw notFound();
      const storedRoles = await repo.storedRolesOf(tx, id);

      const next = {
        name: body.name ?? record.name,
        email: body.email?.toLowerCase() ?? record.email,
        locale: body.locale ?? record.locale,
        employeeId: body.employeeId === undefined ? record.employeeId : body.employeeId,
        active: record.active,
      };
      const nextRoles = body.roles ? await normalizeRoles(tx, id, body.roles) : storedRoles;
      if (next.email !== record.email.toLowerCase()) await checkEmailFree(tx, next.email, id);
      if (next.employeeId !== record.employeeId) await checkEmployee(tx, next.employeeId, id);

      const { before, after, changed } = changedFields(auditSnapshot(record, storedRoles), auditSnapshot(next, nextRoles));
      if (!changed && !passwordHash) return (await loadUser(tx, id, now)).user;

      await repo.updateUser(tx, id, {
        name: next.name,
        email: next.email,
        locale: next.locale,
        employeeId: next.employeeId,
        updatedAt: now,
        // A password set by an administrator also lifts a lockout: that is usually why it was set.
        ...(passwordHash ? { passwordHash, failedLoginCount: 0, lockedUntil: null } : {}),
      });

      if (body.roles) {
        const wanted = new Set(nextRoles.map((r) => roleKey(r as NormalizedRole)));
        const have = new Set(storedRoles.map((r) => roleKey(r as NormalizedRole)));
        await repo.deleteRoles(
          tx,
          storedRoles.filter((r) => !wanted.has(roleKey(r as NormalizedRole))).map((r) => r.id),
        );
        await repo.insertRoles(
          tx,
          (nextRoles as NormalizedRole[]).filter((r) => !have.has(roleKey(r))).map((r) => ({ ...r, userId: id, createdAt: now })),
        );
        if (isActiveAdministrator(record, storedRoles) && !nextRoles.some((r) => r.role === 'administrator')) {
          await assertAnAdministratorRemains(tx);
        }
      }

      let sessionsEnded = false;
      if (passwordHash) {
        // Whoever knew the old password is out, on every device; an administrator setting their own keeps this session, as /api/auth/password does.
        await revokeAllSessionsOfUser(tx, id, now, id === actor.userId ? (actor.sessionId ?? undefined) : undefined);
        sessionsEnded = true;
      }
      await recordAudit(
        tx,
        actor,
        {
          action: 'update',
          entityType: 'user',
          entityId: id,
          before,
          after: passwordHash ? { ...after, passwordChanged: true, sessionsEnded } : after,
        },
        now,
      );
      return (await loadUser(tx, id, now)).user;
    })
    .catch(translateUniqueViolation);
}

async function setActive(ctx: AppContext, actor: Actor, id: string, active: boolean): Promise<User> {
  authorize(actor, active ? 'reactivate' : 'deactivate', { id });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await repo.lockUserAdministration(tx);
    const record = await repo.findUserRecord(tx, id, { forUpdate: true });
    if (!record) throw notFound();
    if (record.active === active) return (await loadUser(tx, id, now)).user;

    await repo.updateUser(tx, id, { active, updatedAt: now });
    if (!active) {
      // The sessions end now; API tokens stop working because every token lookup requires an active user.
      await revokeAllSessionsOfUser(tx, id, now);
      if (isActiveAdministrator(record, await repo.storedRolesOf(tx, id))) await assertAnAdministratorRemains(tx);
    }
    await recordAudit(
      tx,
      actor,
      {
        action: active ? 'reactivate' : 'deactivate',
        entityType: 'user',
        entityId: id,
        before: { active: record.active },
        after: { active },
      },
      now,
    );
    return (await loadUser(tx, id, now)).user;
  });
}

export const deactivateUser = (ctx: AppContext, actor: Actor, id: string) => setActive(ctx, actor, id, false);
export const reactivateUser = (ctx: AppContext, actor: Actor, id: string) => setActive(ctx, actor, id, true);
