import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { trainingSettings } from '../../db/schema/index.js';

export type SettingsRow = typeof trainingSettings.$inferSelect;

/** The one row (id 1), which the migration inserts; created again with the defaults should it be missing. */
export async function readSettings(db: DbOrTx, lock = false): Promise<SettingsRow> {
  const query = db.select().from(trainingSettings).where(eq(trainingSettings.id, 1));
  const [row] = lock ? await query.for('update') : await query;
  if (row) return row;
  const [created] = await db.insert(trainingSettings).values({ id: 1 }).onConflictDoNothing().returning();
  return created ?? (await readSettings(db, lock));
}

export async function updateSettings(db: DbOrTx, values: Partial<typeof trainingSettings.$inferInsert>) {
  await db.update(trainingSettings).set(values).where(eq(trainingSettings.id, 1));
}
