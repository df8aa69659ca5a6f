import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import type { PublicPlan, PublicPlanSummary } from '#shared/contracts/public-site';
import * as repo from './repository.js';

/**
 * The plans as the public site shows them: adopted versions marked public, and of them only what a
 * published plan says (goals, actions with their dates and status, indicators with their targets).
 * Never a person: not who is responsible for an action, not who wrote the plan, no follow-up text.
 */

type PublicRow = Awaited<ReturnType<typeof repo.publicPlanRows>>[number];

const summaryOf = ({ plan, administrationName, unitName }: PublicRow): PublicPlanSummary => ({
  id: plan.seriesId,
  name: plan.name,
  description: plan.description,
  scope: plan.scope as PublicPlanSummary['scope'],
  ownerName: plan.scope === 'administration' ? administrationName : plan.scope === 'unit' ? unitName : null,
  area: plan.area as PublicPlanSummary['area'],
  startYear: plan.startYear,
  endYear: plan.endYear,
  version: plan.version,
  adoptedOn: plan.adoptedOn,
  adoptedBy: plan.adoptedBy,
});

export async function publicPlans(ctx: AppContext): Promise<PublicPlanSummary[]> {
  return (await repo.publicPlanRows(ctx.db)).map(summaryOf);
}

/** The adopted public version of the plan whose series is seriesId; 404 when there is none (a draft, an ended plan, not public). */
export async function publicPlan(ctx: AppContext, seriesId: string): Promise<PublicPlan> {
  const [row] = await repo.publicPlanRows(ctx.db, seriesId);
  if (!row) throw notFound();
  const goals = (await repo.goalsOf(ctx.db, row.plan.id)).map((g) => g.goal);
  const ids = goals.map((g) => g.id);
  const [actions, indicators] = await Promise.all([repo.actionsOf(ctx.db, ids), repo.indicatorsOf(ctx.db, ids)]);
  return {
    ...summaryOf(row),
    goals: goals.map((goal) => ({
      title: goal.title,
      description: goal.description,
      actions: actions
        .filter((a) => a.action.goalId === goal.id)
        .map(({ action }) => ({
          title: action.title,
          description: action.description,
          startDate: action.startDate,
          dueDate: action.dueDate,
          status: action.status as PublicPlan['goals'][number]['actions'][number]['status'],
        })),
      indicators: indicators
        .filter((i) => i.goalId === goal.id)
        .map((i) => ({
          name: i.name,
          description: i.description,
          measure: i.measure as PublicPlan['goals'][number]['indicators'][number]['measure'],
          direction: i.direction as PublicPlan['goals'][number]['indicators'][number]['direction'],
          target: i.target === null ? null : Number(i.target),
          aboutPeople: i.aboutPeople,
        })),
    })),
  };
}
