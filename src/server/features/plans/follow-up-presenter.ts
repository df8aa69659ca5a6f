import type { FollowUpPeriod, IndicatorFromData, PlanFollowUp } from '#shared/contracts/plan-follow-up';
import type { PlanIndicator } from '#shared/contracts/plans';
import type { PeriodWithCount } from './follow-up-repository.js';
import type * as fu from './follow-up-repository.js';
import type * as repo from './repository.js';

export function presentPeriod({ period: p, reportCount }: PeriodWithCount): FollowUpPeriod {
  return {
    id: p.id,
    year: p.year,
    name: p.name,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    deadline: p.deadline,
    reminderDaysBefore: p.reminderDaysBefore,
    reportCount: Number(reportCount),
  };
}

const reported = (r: { reportedAt: Date; reportedByName: string | null }) => ({
  reportedAt: r.reportedAt.toISOString(),
  reportedByName: r.reportedByName,
});
const num = (value: number | string | null) => (value === null ? null : Number(value));

export function presentFollowUp(input: {
  row: repo.PlanListRow;
  period: PeriodWithCount;
  periods: PeriodWithCount[];
  content: {
    goals: repo.GoalRow[];
    actions: { action: repo.ActionRow; responsibleName: string | null }[];
    indicators: repo.IndicatorRow[];
  };
  reports: { goals: fu.GoalReportRow[]; actions: fu.ActionReportRow[]; indicators: fu.IndicatorReportRow[] };
  open: boolean;
  can: { owner: boolean; action: (responsibleUserId: string | null) => boolean };
  fromData: Map<string, IndicatorFromData>;
}): PlanFollowUp {
  const { row, content, reports, can } = input;
  const actionReports = new Map(reports.actions.map((r) => [r.actionId, r]));
  const indicatorReports = new Map(reports.indicators.map((r) => [r.indicatorId, r]));
  const goalReports = new Map(reports.goals.map((r) => [r.goalId, r]));
  let splitMissing = 0;
  const goals = content.goals.map((goal) => {
    const report = goalReports.get(goal.id);
    return {
      id: goal.id,
      position: goal.position,
      title: goal.title,
      report: report ? { assessment: report.assessment as 'met', analysis: report.analysis, ...reported(report) } : null,
      canReport: can.owner,
      actions: content.actions
        .filter((a) => a.action.goalId === goal.id)
        .map(({ action, responsibleName }) => {
          const r = actionReports.get(action.id);
          return {
            id: action.id,
            title: action.title,
            responsibleUserId: action.responsibleUserId,
            responsibleName,
            dueDate: action.dueDate,
            currentStatus: action.status as 'done',
            report: r ? { status: r.status as 'done', comment: r.comment, ...reported(r) } : null,
            canReport: can.action(action.responsibleUserId),
          };
        }),
      indicators: content.indicators
        .filter((i) => i.goalId === goal.id)
        .map((indicator) => {
          const r = indicatorReports.get(indicator.id);
          const missing = Boolean(r && indicator.aboutPeople && (r.women === null || r.men === null));
          if (missing) splitMissing += 1;
          return {
            id: indicator.id,
            name: indicator.name,
            measure: indicator.measure as PlanIndicator['measure'],
            direction: indicator.direction as PlanIndicator['direction'],
            target: num(indicator.target),
            aboutPeople: indicator.aboutPeople,
            source: indicator.source as PlanIndicator['source'],
            fromData: input.fromData.get(indicator.id) ?? null,
            report: r
              ? {
                  women: num(r.women),
                  men: num(r.men),
                  total: Number(r.total),
                  missingSplitReason: r.missingSplitReason,
                  comment: r.comment,
                  splitMissing: missing,
                  ...reported(r),
                }
              : null,
            canReport: can.owner,
          };
        }),
    };
  });
  const p = row.plan;
  return {
    plan: {
      id: p.id,
      name: p.name,
      version: p.version,
      status: p.status,
      scope: p.scope as PlanFollowUp['plan']['scope'],
      area: p.area as PlanFollowUp['plan']['area'],
      administrationName: row.administrationName,
      unitName: row.unitName,
      startYear: p.startYear,
      endYear: p.endYear,
    },
    period: presentPeriod(input.period),
    periods: input.periods.map(presentPeriod),
    open: input.open,
    goals,
    actions: { reported: reports.actions.length, total: content.actions.length },
    indicators: { reported: reports.indicators.length, total: content.indicators.length },
    goalsReported: { reported: reports.goals.length, total: content.goals.length },
    splitMissing,
  };
}
