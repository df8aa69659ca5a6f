import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { citizenMessageExamples, citizenMessageNotes, citizenMessageSettings, citizenMessages } from '../../db/schema/index.js';
import { forbidden } from '../../http/errors.js';
import type { RetentionSettings, RetentionSettingsBody } from '#shared/contracts/messages';
import { changedFields, recordAudit } from '../audit/service.js';
import { canManageRetention } from './policy.js';

/**
 * Retention of citizens' messages (issue 7, item 4). The administrator sets, in whole days, how
 * long after a message is closed its name and email are kept, and how long its text, answer and
 * notes are. A daily job removes what is due; the row stays with its kind, subject, administration,
 * dates and status for the statistics. A message marked hateful is counted from the day it was
 * closed or, if it never was (they are hidden and never answered), from the day it arrived.
 */

const settingsEntity = 'citizen_message_settings';
const retentionEntity = 'citizen_message_retention';

type SettingsRow = typeof citizenMessageSettings.$inferSelect;

/** The one row (id 1), which the migration inserts; made again with the defaults should it be missing. */
async function readSettings(db: DbOrTx, lock = false): Promise<SettingsRow> {
  const query = db.select().from(citizenMessageSettings).where(eq(citizenMessageSettings.id, 1));
  const [row] = lock ? await query.for('update') : await query;
  if (row) return row;
  const [created] = await db.insert(citizenMessageSettings).values({ id: 1 }).onConflictDoNothing().returning();
  return created ?? readSettings(db, lock);
}

const present = (row: SettingsRow): RetentionSettings => ({
  contactRetentionDays: row.contactRetentionDays,
  textRetentionDays: row.textRetentionDays,
  updatedAt: row.updatedAt.toISOString(),
});

/** The periods as they are now: for the public form and the job. */
export async function currentRetention(db: DbOrTx) {
  const row = await readSettings(db);
  return { contactRetentionDays: row.contactRetentionDays, textRetentionDays: row.textRetentionDays };
}

export async function getRetentionSettings(ctx: AppContext, actor: Actor): Promise<RetentionSettings> {
  if (!canManageRetention(actor, 'read')) throw forbidden();
  return present(await readSettings(ctx.db));
}

export async function updateRetentionSettings(
  ctx: AppContext,
  actor: Actor,
  body: RetentionSettingsBody,
): Promise<RetentionSettings> {
  if (!canManageRetention(actor, 'update')) throw forbidden();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await readSettings(tx, true);
    const before = { contactRetentionDays: current.contactRetentionDays, textRetentionDays: current.textRetentionDays };
    const diff = changedFields(before, body);
    if (!diff.changed) return present(current);
    await tx
      .update(citizenMessageSettings)
      .set({ ...diff.after, updatedAt: now })
      .where(eq(citizenMessageSettings.id, 1));
    await recordAudit(tx, actor, { action: 'update', entityType: settingsEntity, before: diff.before, after: diff.after }, now);
    return present(await readSettings(tx));
  });
}

/** YYYY-MM-DD in Stockholm. */
const stockholmDate = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);

/** The day the retention periods count from: closing, or for a hateful message never closed, arrival. */
const startDay = sql`(coalesce(${citizenMessages.closedAt}, case when ${citizenMessages.hateful} then ${citizenMessages.createdAt} end) at time zone 'Europe/Stockholm')::date`;

/** Due on the day today when the start day plus the days is today or earlier. */
const dueBy = (days: number, today: string): SQL => sql`${startDay} + ${days}::int <= ${today}::date`;

export type RetentionResult = { contactsRemoved: number; textsRemoved: number; notesRemoved: number; examplesRemoved: number };

/**
 * Removes what is due on the Stockholm day of now, in one transaction: the name and email of
 * messages whose contact period has run out, and the text, answer, notes (and any contact details
 * left) of those whose text period has. The audit log gets how many, never what they said; nothing
 * is written when nothing was due. Run hourly, it removes each day's share at the first run of the day.
 */
export async function applyRetention(ctx: AppContext): Promise<RetentionResult> {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const settings = await readSettings(tx, true);
    // The text first: its removal takes the contact details along, counted once, as a text removed.
    const texts = await tx
      .update(citizenMessages)
      .set({
        text: '',
        answer: null,
        contactName: null,
        contactEmail: null,
        textRemovedAt: now,
        contactRemovedAt: sql`case when ${citizenMessages.contactName} is not null or ${citizenMessages.contactEmail} is not null then ${now.toISOString()}::timestamptz else ${citizenMessages.contactRemovedAt} end`,
      })
      .where(and(isNull(citizenMessages.textRemovedAt), dueBy(settings.textRetentionDays, today)))
      .returning({ id: citizenMessages.id });
    const ids = texts.map((r) => r.id);
    const notes =
      ids.length === 0
        ? []
        : await tx
            .delete(citizenMessageNotes)
            .where(inArray(citizenMessageNotes.messageId, ids))
            .returning({ id: citizenMessageNotes.id });
    // A published example of a message whose text goes, goes with it (its wording came from that text).
    const examples =
      ids.length === 0
        ? []
        : await tx
            .delete(citizenMessageExamples)
            .where(inArray(citizenMessageExamples.messageId, ids))
            .returning({ id: citizenMessageExamples.messageId });
    const contacts = await tx
      .update(citizenMessages)
      .set({ contactName: null, contactEmail: null, contactRemovedAt: now })
      .where(
        and(
          or(isNotNull(citizenMessages.contactName), isNotNull(citizenMessages.contactEmail)),
          dueBy(settings.contactRetentionDays, today),
        ),
      )
      .returning({ id: citizenMessages.id });
    const result = {
      contactsRemoved: contacts.length,
      textsRemoved: texts.length,
      notesRemoved: notes.length,
      examplesRemoved: examples.length,
    };
    if (result.contactsRemoved + result.textsRemoved + result.notesRemoved + result.examplesRemoved > 0) {
      await recordAudit(
        tx,
        null,
        {
          action: 'delete',
          entityType: retentionEntity,
          after: {
            ...result,
            contactRetentionDays: settings.contactRetentionDays,
            textRetentionDays: settings.textRetentionDays,
          },
        },
        now,
      );
    }
    return result;
  });
}
