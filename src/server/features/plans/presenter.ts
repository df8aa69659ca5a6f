import type { Plan, PlanAction, PlanGoal, PlanIndicator, PlanSummary, PlanVersion } from '#shared/contracts/plans';
import type { ActionRow, IndicatorRow, PlanListRow, PlanRow } from './repository.js';

export const isOverdue = (action: Pick<ActionRow, 'dueDate' | 'status'>, today: string) =>
  action.dueDate !== null && action.dueDate < today && action.status !== 'done' && action.status !== 'cancelled';

export function presentSummary(row: PlanListRow): PlanSummary {
  const p = row.plan;
  return {
    id: p.id,
    seriesId: p.seriesId,
    version: p.version,
    scope: p.scope as PlanSummary['scope'],
    administrationId: p.administrationId,
    administrationName: row.administrationName,
    unitId: p.unitId,
    unitName: row.unitName,
    area: p.area as PlanSummary['area'],
    name: p.name,
    startYear: p.startYear,
    endYear: p.endYear,
    status: p.status as PlanSummary['status'],
    adoptedOn: p.adoptedOn,
    adoptedBy: p.adoptedBy,
    isPublic: p.isPublic,
    goalCount: Number(row.goalCount),
    actionCount: Number(row.actionCount),
    actionsDone: Number(row.actionsDone),
    actionsOverdue: Number(row.actionsOverdue),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentAction(row: { action: ActionRow; responsibleName: string | null }, today: string): PlanAction {
  const a = row.action;
  return {
    id: a.id,
    lineageId: a.lineageId,
    goalId: a.goalId,
    position: a.position,
    title: a.title,
    description: a.description,
    responsibleUserId: a.responsibleUserId,
    responsibleName: row.responsibleName,
    startDate: a.startDate,
    dueDate: a.dueDate,
    status: a.status as PlanAction['status'],
    overdue: isOverdue(a, today),
  };
}

export function presentIndicator(i: IndicatorRow): PlanIndicator {
  return {
    id: i.id,
    lineageId: i.lineageId,
    goalId: i.goalId,
    position: i.position,
    name: i.name,
    description: i.description,
    measure: i.measure as PlanIndicator['measure'],
    direction: i.direction as PlanIndicator['direction'],
    target: i.target === null ? null : Number(i.target),
    aboutPeople: i.aboutPeople,
    source: i.source as PlanIndicator['source'],
  };
}

export function presentVersion(p: PlanRow): PlanVersion {
  return {
    id: p.id,
    version: p.version,
    status: p.status as PlanVersion['status'],
    adoptedOn: p.adoptedOn,
    adoptedBy: p.adoptedBy,
    changeNote: p.changeNote,
    createdAt: p.createdAt.toISOString(),
    createdByName: p.createdByName,
  };
}

export function presentPlan(row: PlanListRow, goals: PlanGoal[], versions: PlanRow[], can: Plan['can']): Plan {
  return {
    ...presentSummary(row),
    description: row.plan.description,
    changeNote: row.plan.changeNote,
    createdAt: row.plan.createdAt.toISOString(),
    createdByName: row.plan.createdByName,
    goals,
    versions: versions.map(presentVersion),
    can,
  };
}
