import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../http/errors.js';
import type { Locale } from '../../http/i18n.js';
import { translate } from '../../http/i18n.js';
import { recordAudit } from '../audit/service.js';
import { randomToken, sha256 } from '../auth/crypto.js';
import { stockholmDate } from '../employees/current.js';
import { writeCalendar } from './ics.js';
import * as repo from './repository.js';

/** How far back a personal feed reaches: a year of past parts, and everything to come. */
const feedHistoryDays = 365;

export async function feedStatus(db: DbOrTx, userId: string) {
  const row = await repo.findFeed(db, userId);
  return row ? { createdAt: row.createdAt.toISOString() } : null;
}

export const feedUrl = (ctx: Pick<AppContext, 'config'>, token: string) =>
  `${ctx.config.publicUrl}/api/public/calendar/${token}.ics`;

/**
 * Makes one's calendar address (a calendar program cannot sign in, so the address carries a secret)
 * and returns it, the only time it is shown; only its SHA-256 is kept. A new address replaces the old,
 * which stops working at once.
 */
export async function createFeed(ctx: AppContext, actor: Actor) {
  const now = ctx.clock.now();
  const token = randomToken(32);
  const row = await ctx.db.transaction(async (tx) => {
    const replaced = (await repo.findFeed(tx, actor.userId)) !== undefined;
    const created = await repo.upsertFeed(tx, actor.userId, sha256(token), now);
    await recordAudit(
      tx,
      actor,
      { action: replaced ? 'update' : 'create', entityType: 'calendar_feed', entityId: actor.userId, after: { createdAt: now } },
      now,
    );
    return created;
  });
  return { url: feedUrl(ctx, token), createdAt: row.createdAt.toISOString() };
}

export async function deleteFeed(ctx: AppContext, actor: Actor) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const deleted = await repo.deleteFeed(tx, actor.userId);
    if (!deleted) throw notFound();
    await recordAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'calendar_feed', entityId: actor.userId, before: { createdAt: deleted.createdAt } },
      now,
    );
  });
}

/** One session's parts, for anyone signed in (sessions are on offer to all). */
export async function sessionCalendar(ctx: AppContext, sessionId: string, locale: Locale) {
  const parts = await repo.partsOfSession(ctx.db, sessionId);
  if (parts.length === 0 && !(await repo.sessionExists(ctx.db, sessionId))) throw notFound();
  const name = parts[0]?.courseName ?? translate(locale, 'calendar.ics.name');
  return writeCalendar(parts, { name, locale, stamp: ctx.clock.now(), publicUrl: ctx.config.publicUrl });
}

/**
 * The personal feed behind the secret address: the sessions one is booked on and those one trains.
 * A wrong or revoked secret, or a deactivated account, answers 404 like any unknown address.
 */
export async function personalCalendar(ctx: AppContext, token: string) {
  const secret = token.endsWith('.ics') ? token.slice(0, -4) : token;
  const owner = await repo.ownerOfFeed(ctx.db, sha256(secret));
  if (!owner) throw notFound();
  const now = ctx.clock.now();
  const since = stockholmDate(new Date(now.getTime() - feedHistoryDays * 86_400_000));
  const parts = await repo.partsOfPerson(ctx.db, owner.userId, owner.employeeId, since);
  const locale: Locale = owner.locale === 'en' ? 'en' : 'sv';
  return writeCalendar(parts, {
    name: translate(locale, 'calendar.ics.name'),
    locale,
    stamp: now,
    publicUrl: ctx.config.publicUrl,
  });
}
