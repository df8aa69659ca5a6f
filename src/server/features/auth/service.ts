import type { Actor, ActorRole, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { perDatabase, readVersions, versionKey, VersionedCache } from '../../http/versioned-cache.js';
import { AppError, badRequest, notFound, unauthorized, forbidden } from '../../http/errors.js';
import { permissionsOf, type Role } from '#shared/permissions';
import type { ChangePasswordBody, LoginBody } from '#shared/contracts/auth';
import { recordAudit } from '../audit/service.js';
import { burnPasswordCheck, hashPassword, randomToken, sha256, verifyPassword } from './crypto.js';
import * as repo from './repository.js';

export async function buildActor(
  db: DbOrTx,
  user: repo.UserRow,
  via: Actor['via'],
  sessionId: string | null,
): Promise<Actor & { roleDetails: Awaited<ReturnType<typeof repo.rolesOfUser>> }> {
  const roleDetails = await repo.rolesOfUser(db, user.id);
  const roles: ActorRole[] = roleDetails.map((r) => ({
    role: r.role as Role,
    administrationId: r.administrationId,
    unitId: r.unitId,
  }));
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale === 'en' ? 'en' : 'sv',
    employeeId: user.employeeId,
    roles,
    permissions: permissionsOf(roles.map((r) => r.role)),
    administrationIds: roles.filter((r) => r.role === 'process_leader' && r.administrationId).map((r) => r.administrationId!),
    unitIds: roles.filter((r) => r.role === 'unit_manager' && r.unitId).map((r) => r.unitId!),
    via,
    sessionId,
    roleDetails,
  };
}

export async function login(ctx: AppContext, body: LoginBody): Promise<{ token: string; expiresAt: Date; user: repo.UserRow }> {
  const now = ctx.clock.now();
  const user = await repo.findUserByEmail(ctx.db, body.email);
  if (!user) {
    await burnPasswordCheck(body.password);
    throw unauthorized('invalid_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.max(1, Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000));
    throw new AppError(429, 'account_locked', undefined, { minutes });
  }
  const valid = await verifyPassword(user.passwordHash, body.password);
  if (!valid) {
    const lockUntil = new Date(now.getTime() + ctx.config.lockout.minutes * 60_000);
    await ctx.db.transaction(async (tx) => {
      await repo.recordFailedLogin(tx, user.id, ctx.config.lockout.maxFailures, lockUntil);
      await recordAudit(tx, null, { action: 'login_failed', entityType: 'user', entityId: user.id }, now);
    });
    throw unauthorized('invalid_credentials');
  }
  if (!user.active) throw forbidden('account_inactive');

  const token = randomToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionDays * 86_400_000);
  await ctx.db.transaction(async (tx) => {
    const session = await repo.insertSession(tx, {
      tokenHash: sha256(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await repo.recordSuccessfulLogin(tx, user.id, now);
    await recordAudit(
      tx,
      { userId: user.id, name: user.name },
      { action: 'login', entityType: 'session', entityId: session.id },
      now,
    );
  });
  return { token, expiresAt, user };
}

/** The session's last-seen time is written at most once a minute, not on every request. */
const touchIntervalMs = 60_000;

export async function actorFromSessionToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const now = ctx.clock.now();
  const found = await repo.findLiveSession(ctx.db, sha256(token), now);
  if (!found) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() > touchIntervalMs) {
    await repo.touchSession(ctx.db, found.session.id, now);
  }
  return buildActor(ctx.db, found.user, 'session', found.session.id);
}

type TokenLookup = { found: NonNullable<Awaited<ReturnType<typeof repo.findLiveApiToken>>>; actor: Actor };

/**
 * An API token's user and roles, per database, cached while the access and organisation data versions
 * (users, roles, tokens; the units and administrations the roles name) stay the same: a revoked token, a
 * deactivated user or a changed role is seen by the next request, from whichever process it came.
 */
const tokenCacheOf = perDatabase(() => new VersionedCache<TokenLookup | undefined>(4 * 1024 * 1024, () => 2048));

export async function actorFromApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const now = ctx.clock.now();
  const tokenHash = sha256(token);
  const version = versionKey(await readVersions(ctx.db), ['access', 'organisation']);
  const cache = tokenCacheOf(ctx.db);
  const lookup = await cache.get(tokenHash, version, async () => {
    const found = await repo.findLiveApiToken(ctx.db, tokenHash, now);
    // An unknown token is not kept (undefined): a clock set back (tests) may make it valid again.
    return found ? { found, actor: await buildActor(ctx.db, found.user, 'token', null) } : undefined;
  });
  if (!lookup) return null;
  const { found, actor } = lookup;
  // The cached row is the database's, but time has passed since: its expiry is checked at every use.
  if (found.token.expiresAt && found.token.expiresAt <= now) return null;
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > touchIntervalMs) {
    await repo.touchApiToken(ctx.db, found.token.id, now); // changes the access version: the next request looks again
  }
  return { ...actor };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.revokeSession(tx, actor.sessionId!, actor.userId, now);
    await recordAudit(tx, actor, { action: 'logout', entityType: 'session', entityId: actor.sessionId }, now);
  });
}

export async function me(ctx: AppContext, actor: Actor) {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw unauthorized();
  const full = await buildActor(ctx.db, user, actor.via, actor.sessionId);
  return { user, actor: full };
}

export async function changePassword(ctx: AppContext, actor: Actor, body: ChangePasswordBody): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw unauthorized();
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw badRequest('wrong_password', [{ path: 'body.currentPassword', message: 'wrong_password' }]);
  }
  const passwordHash = await hashPassword(body.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updatePasswordHash(tx, actor.userId, passwordHash, now);
    // A new password ends every other session: whoever knew the old one is out.
    await repo.revokeAllSessionsOfUser(tx, actor.userId, now, actor.sessionId ?? undefined);
    await recordAudit(
      tx,
      actor,
      { action: 'update', entityType: 'user', entityId: actor.userId, after: { password: 'changed', passwordChanged: true } },
      now,
    );
  });
}

export async function setLocale(ctx: AppContext, actor: Actor, locale: 'sv' | 'en') {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateLocale(tx, actor.userId, locale, now);
    await recordAudit(
      tx,
      actor,
      { action: 'update', entityType: 'user', entityId: actor.userId, before: { locale: actor.locale }, after: { locale } },
      now,
    );
  });
}

export async function listSessions(ctx: AppContext, actor: Actor) {
  return repo.liveSessionsOfUser(ctx.db, actor.userId, ctx.clock.now());
}

export async function revokeOwnSession(ctx: AppContext, actor: Actor, sessionId: string) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const revoked = await repo.revokeSession(tx, sessionId, actor.userId, now);
    if (revoked.length === 0) throw notFound();
    await recordAudit(tx, actor, { action: 'delete', entityType: 'session', entityId: sessionId }, now);
  });
}

export const revokeAllSessionsOfUser = repo.revokeAllSessionsOfUser;
export const countUsers = repo.countUsers;
export const rolesOfUser = repo.rolesOfUser;
export const findUserByEmail = repo.findUserByEmail;
export const firstActiveAdministrator = repo.firstActiveAdministrator;
