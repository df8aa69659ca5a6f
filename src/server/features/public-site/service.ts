import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { badRequest, forbidden } from '../../http/errors.js';
import { translate } from '../../http/i18n.js';
import type { PublicSiteContent, PublicSiteSettings, publicSiteSettingsBody } from '#shared/contracts/public-site';
import type { z } from 'zod';
import { changedFields, recordAudit } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { usersByIds } from '../users/roles.js';
import { canManagePublicSite } from './policy.js';
import { presentContacts, presentPublicContent, presentSettings } from './presenter.js';
import type { StartData } from './pages.js';
import * as repo from './repository.js';

/**
 * The public site's settings (issue 7, item 1): the start page's text and the accessibility
 * statement in Swedish and English, and the contact persons shown, chosen among the users. The
 * administrator reads and changes them; every change is audited in its own transaction.
 */

const entity = 'public_site_settings';

/** The one row; made with the default texts (which the administrator is meant to rewrite) the first time. */
async function readSettings(db: DbOrTx, now: Date, lock = false): Promise<repo.SettingsRow> {
  const row = await repo.findSettings(db, lock);
  if (row) return row;
  await repo.insertSettings(db, {
    introSv: translate('sv', 'publicSite.defaults.intro'),
    introEn: translate('en', 'publicSite.defaults.intro'),
    shortcomingsSv: translate('sv', 'publicSite.defaults.shortcomings'),
    shortcomingsEn: translate('en', 'publicSite.defaults.shortcomings'),
    testingSv: translate('sv', 'publicSite.defaults.testing'),
    testingEn: translate('en', 'publicSite.defaults.testing'),
    statementDate: stockholmDate(now),
    updatedAt: now,
  });
  return (await repo.findSettings(db, lock))!;
}

async function loadSettings(db: DbOrTx, now: Date, lock = false): Promise<PublicSiteSettings> {
  const row = await readSettings(db, now, lock);
  const contactRows = await repo.contacts(db);
  const users = await usersByIds(
    db,
    contactRows.map((c) => c.userId),
  );
  return presentSettings(row, presentContacts(contactRows, users));
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<PublicSiteSettings> {
  if (!canManagePublicSite(actor, 'read')) throw forbidden();
  return loadSettings(ctx.db, ctx.clock.now());
}

const invalid = (path: string, message: string) => badRequest('validation_failed', [{ path, message }]);

const settingsFields = (s: PublicSiteSettings | z.output<typeof publicSiteSettingsBody>) => ({
  introSv: s.introSv,
  introEn: s.introEn,
  accessibilityStatus: s.accessibilityStatus,
  shortcomingsSv: s.shortcomingsSv,
  shortcomingsEn: s.shortcomingsEn,
  testingSv: s.testingSv,
  testingEn: s.testingEn,
  statementDate: s.statementDate,
});
const contactFields = (list: { userId: string; roleSv: string; roleEn: string; phone: string | null }[]) =>
  list.map((c) => ({ userId: c.userId, roleSv: c.roleSv, roleEn: c.roleEn, phone: c.phone }));

/**
 * Saves every text and the list of contacts at once. A contact must be a user; a new one must be
 * active (one already chosen and since deactivated may stay, hidden from the public until active again).
 * The statement's date is not after today in Sweden.
 */
export async function updateSettings(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof publicSiteSettingsBody>,
): Promise<PublicSiteSettings> {
  if (!canManagePublicSite(actor, 'update')) throw forbidden();
  const now = ctx.clock.now();
  if (body.statementDate > stockholmDate(now)) throw invalid('body.statementDate', 'statement_in_future');
  return ctx.db.transaction(async (tx) => {
    const current = await loadSettings(tx, now, true);
    const users = new Map(
      (
        await usersByIds(
          tx,
          body.contacts.map((c) => c.userId),
        )
      ).map((u) => [u.id, u]),
    );
    const chosen = new Set(current.contacts.map((c) => c.userId));
    body.contacts.forEach((contact, index) => {
      const user = users.get(contact.userId);
      if (!user || (!user.active && !chosen.has(contact.userId))) throw invalid(`body.contacts.${index}.userId`, 'unknown_user');
    });
    const settings = changedFields(settingsFields(current), settingsFields(body));
    const [contactsBefore, contactsAfter] = [contactFields(current.contacts), contactFields(body.contacts)];
    const contactsChanged = JSON.stringify(contactsBefore) !== JSON.stringify(contactsAfter);
    if (!settings.changed && !contactsChanged) return current;
    if (settings.changed) await repo.updateSettings(tx, { ...settings.after, updatedAt: now });
    else await repo.updateSettings(tx, { updatedAt: now });
    if (contactsChanged) await repo.replaceContacts(tx, contactsAfter);
    await recordAudit(
      tx,
      actor,
      {
        action: 'update',
        entityType: entity,
        before: { ...settings.before, ...(contactsChanged ? { contacts: contactsBefore } : {}) },
        after: { ...settings.after, ...(contactsChanged ? { contacts: contactsAfter } : {}) },
      },
      now,
    );
    const saved = await loadSettings(tx, now);
    startPageCache.delete(ctx.db);
    return saved;
  });
}

/**
 * The start page gathers a little of every other page (about ten queries): what it shows is kept
 * in this process for a few seconds, so a busy start page costs the database one read of each
 * every few seconds. The pages say they may be cached for a minute anyway; the administrator's own
 * change (saving the settings) is shown at once. Kept per database and per day in Sweden.
 */
export const startPageSeconds = 10;
const startPageCache = new WeakMap<object, { at: number; day: string; data: Promise<StartData> }>();

export async function startPageData(ctx: AppContext, load: () => Promise<StartData>): Promise<StartData> {
  const day = stockholmDate(ctx.clock.now());
  const cached = startPageCache.get(ctx.db);
  if (cached && cached.day === day && performance.now() - cached.at < startPageSeconds * 1000) return cached.data;
  const data = load();
  startPageCache.set(ctx.db, { at: performance.now(), day, data });
  // A failed read is not kept: the next request tries again.
  data.catch(() => {
    if (startPageCache.get(ctx.db)?.data === data) startPageCache.delete(ctx.db);
  });
  return data;
}

/** The settings as the public pages use them (the contacts filtered there and in the JSON to the active users). */
export async function siteSettings(ctx: AppContext): Promise<PublicSiteSettings> {
  return loadSettings(ctx.db, ctx.clock.now());
}

export async function publicContent(ctx: AppContext): Promise<PublicSiteContent> {
  return presentPublicContent(await siteSettings(ctx), ctx.config.publicUrl);
}
