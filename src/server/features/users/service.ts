import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { conflict } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/crypto.js';
import * as repo from './repository.js';

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
      { action: 'create', entityType: 'user', entityId: user.id, after: { name: user.name, email: user.email, roles: ['administrator'] } },
      now,
    );
    return user;
  });
}

export async function needsSetup(ctx: AppContext): Promise<boolean> {
  return (await repo.userCount(ctx.db)) === 0;
}

export type { Actor, DbOrTx };
