import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { publicSiteContacts, publicSiteSettings } from '../../db/schema/index.js';

export type SettingsRow = typeof publicSiteSettings.$inferSelect;
export type ContactRow = typeof publicSiteContacts.$inferSelect;
export type NewSettings = typeof publicSiteSettings.$inferInsert;

export async function findSettings(db: DbOrTx, lock = false): Promise<SettingsRow | undefined> {
  const query = db.select().from(publicSiteSettings).where(eq(publicSiteSettings.id, 1));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The one row, made with the given defaults when it is missing (two at once: one wins, both read it). */
export async function insertSettings(db: DbOrTx, values: NewSettings): Promise<void> {
  await db
    .insert(publicSiteSettings)
    .values({ ...values, id: 1 })
    .onConflictDoNothing();
}

export async function updateSettings(db: DbOrTx, values: Partial<NewSettings>): Promise<void> {
  await db.update(publicSiteSettings).set(values).where(eq(publicSiteSettings.id, 1));
}

export async function contacts(db: DbOrTx): Promise<ContactRow[]> {
  return db.select().from(publicSiteContacts).orderBy(asc(publicSiteContacts.position));
}

/** Replaces the list of contacts with the one given, in its order. */
export async function replaceContacts(db: DbOrTx, rows: Omit<ContactRow, 'position'>[]): Promise<void> {
  await db.delete(publicSiteContacts);
  if (rows.length > 0) await db.insert(publicSiteContacts).values(rows.map((row, index) => ({ ...row, position: index + 1 })));
}
