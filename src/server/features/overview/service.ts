import type { Actor, AppContext } from '../../context.js';
import type { Overview } from '#shared/contracts/system';
import { countUsers } from '../auth/service.js';
import { certificationSummary } from '../certification/service.js';
import { stockholmDate } from '../employees/current.js';
import { newEmployeesWithoutTraining } from '../training-records/service.js';
import { coursesWithoutSessionThisYear } from '../training-reminders/service.js';
import { overviewScope, seesMail, seesTrainingPlanning, seesUsers } from './policy.js';
import * as repo from './repository.js';

export async function overview(ctx: AppContext, actor: Actor): Promise<Overview> {
  const scope = overviewScope(actor);
  const nothing = { administrations: null, units: null, unitsWorkingWithChildren: null, employees: null };
  const today = stockholmDate(ctx.clock.now());
  const [counts, users, pendingMail, training, certification] = await Promise.all([
    scope === 'none' ? nothing : repo.organisationCounts(ctx.db, scope, today),
    seesUsers(actor) ? countUsers(ctx.db) : null,
    seesMail(actor) ? repo.pendingMailCount(ctx.db) : null,
    seesTrainingPlanning(actor) ? trainingToPlan(ctx, today) : null,
    certificationSummary(ctx, actor),
  ]);
  return { counts: { ...counts, users, pendingMail }, training, certification };
}

async function trainingToPlan(ctx: AppContext, today: string) {
  const [coursesWithoutSession, newUntrained] = await Promise.all([
    coursesWithoutSessionThisYear(ctx.db, today),
    newEmployeesWithoutTraining(ctx),
  ]);
  return { coursesWithoutSession, newUntrained };
}
