import type { Actor, AppContext } from '../../context.js';
import type { Overview } from '#shared/contracts/system';
import { countUsers } from '../auth/service.js';
import { stockholmDate } from '../employees/current.js';
import { overviewScope, seesMail, seesUsers } from './policy.js';
import * as repo from './repository.js';

export async function overview(ctx: AppContext, actor: Actor): Promise<Overview> {
  const scope = overviewScope(actor);
  const nothing = { administrations: null, units: null, unitsWorkingWithChildren: null, employees: null };
  const [counts, users, pendingMail] = await Promise.all([
    scope === 'none' ? nothing : repo.organisationCounts(ctx.db, scope, stockholmDate(ctx.clock.now())),
    seesUsers(actor) ? countUsers(ctx.db) : null,
    seesMail(actor) ? repo.pendingMailCount(ctx.db) : null,
  ]);
  return { counts: { ...counts, users, pendingMail } };
}
