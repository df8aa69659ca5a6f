import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import type { updateTrainingSettingsBody } from '#shared/contracts/courses';
import { changedFields, recordAudit } from '../audit/service.js';
import * as repo from './repository.js';

/**
 * The municipality's training settings: how many months a new employee may go untrained before
 * the start page lists them, and how many days before each part the enrolled are reminded. The
 * routes require read:course and update:course, which only exist with access 'any'.
 */
export async function getSettings(ctx: AppContext) {
  return repo.readSettings(ctx.db);
}

/** For the other training features (reminders, the yearly rule): the settings as they are now. */
export async function currentSettings(db: DbOrTx) {
  const row = await repo.readSettings(db);
  return { newEmployeeMonths: row.newEmployeeMonths, reminderDaysBefore: row.reminderDaysBefore };
}

export async function updateSettings(ctx: AppContext, actor: Actor, body: z.output<typeof updateTrainingSettingsBody>) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await repo.readSettings(tx, true);
    const before = { newEmployeeMonths: current.newEmployeeMonths, reminderDaysBefore: current.reminderDaysBefore };
    const diff = changedFields(before, { ...before, ...body });
    if (!diff.changed) return current;
    await repo.updateSettings(tx, { ...diff.after, updatedAt: now });
    await recordAudit(
      tx,
      actor,
      { action: 'update', entityType: 'training_settings', before: diff.before, after: diff.after },
      now,
    );
    return repo.readSettings(tx);
  });
}
