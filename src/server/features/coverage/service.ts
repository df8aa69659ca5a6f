import type { Actor, AppContext } from '../../context.js';
import { badRequest, forbidden, notFound } from '../../http/errors.js';
import type { Page } from '#shared/contracts/common';
import type {
  ChildRow,
  Coverage,
  CoverageListQuery,
  CoverageQuery,
  CoverageScope,
  GenderRow,
  NewUntrainedPerson,
  RefresherDuePerson,
} from '#shared/contracts/coverage';
import { genders } from '#shared/contracts/organisation';
import { recordAudit } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { maskedShare, maskGenderTable } from './masking.js';
import { can, defaultScope } from './policy.js';
import * as repo from './repository.js';

/*
 * Coverage: the definitions (also in docs/training.md, "Coverage").
 *
 * - The reference date is today in Sweden (ctx.clock).
 * - Staff of a scope: the current employees on the reference date (start date on or before it,
 *   end date null or on or after it: the project's current-employee rule) whose present unit is in
 *   the municipality, the administration or the unit.
 * - Completed: an enrolment whose derived completed_on is set (on or before the reference date).
 *   Highest level reached: the highest training_levels.rank over an employee's completions.
 * - Per level: how many have it as their highest level, and how many have it or a higher one
 *   (cumulative: "at least a lecture"), each also as a share of the staff. Untrained: no completion.
 * - By gender (woman, man, not stated): the same split, where every count under 5 (0 too) is sent
 *   as "<5", with further cells masked so none can be worked out from the totals (masking.ts).
 * - Trend: for each of the last 10 years (this year and the nine before), the completions in that
 *   year per level (by the employees now in the scope, employed or not), and the share of the
 *   staff on the year's counting day (31 December; today for this year) who had completed the
 *   lowest level (by default a lecture) or higher by that day: who had completed any training.
 *   Employees count in the scope by their present unit, also for past years.
 * - New since the last session and untrained: staff who started after the last day of the most
 *   recent session held (not cancelled, ended on or before today; of the chosen course, or of any
 *   course) and have completed nothing. When no session was ever held: all untrained staff.
 * - Refresher due: per employee and course with a refresher interval, the latest completion, when
 *   it plus the interval falls on or before today (a later completion of the same course replaces
 *   an earlier one). With a chosen course, only that course.
 * - Breakdown: for the municipality one row per administration, for an administration one per
 *   unit (for a manager of several units, one per unit): staff, trained (any completion), share.
 */

export type ResolvedScope = { filter: repo.ScopeFilter; scope: CoverageScope };

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** The scope asked for (or the actor's own), checked against the actor's reach: 403 outside it, 404 for what does not exist. */
export async function resolveScope(ctx: AppContext, actor: Actor, query: CoverageQuery): Promise<ResolvedScope> {
  if (query.unitId) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw notFound('unknown_unit');
    if (query.administrationId && query.administrationId !== unit.administration_id) {
      throw badRequest('validation_failed', [{ path: 'querystring.unitId', message: 'unit_not_in_administration' }]);
    }
    if (!can(actor, { kind: 'unit', unitId: unit.id, administrationId: unit.administration_id })) throw forbidden();
    return {
      filter: { kind: 'unit', unitId: unit.id },
      scope: {
        kind: 'unit',
        administrationId: unit.administration_id,
        administrationName: unit.administration_name,
        unitId: unit.id,
        unitName: unit.name,
        unitIds: [unit.id],
      },
    };
  }
  if (query.administrationId) {
    const administration = await repo.findAdministration(ctx.db, query.administrationId);
    if (!administration) throw notFound('unknown_administration');
    if (!can(actor, { kind: 'administration', administrationId: administration.id })) throw forbidden();
    return administrationScope(administration);
  }
  const fallback = defaultScope(actor);
  if (!fallback) throw forbidden();
  if (fallback.kind === 'municipality') {
    return {
      filter: fallback,
      scope: { kind: 'municipality', administrationId: null, administrationName: null, unitId: null, unitName: null, unitIds: [] },
    };
  }
  if (fallback.kind === 'administration') {
    const administration = await repo.findAdministration(ctx.db, fallback.administrationId);
    if (!administration) throw notFound('unknown_administration');
    return administrationScope(administration);
  }
  if (fallback.unitIds.length === 1) return resolveScope(ctx, actor, { unitId: fallback.unitIds[0] });
  return {
    filter: fallback,
    scope: { kind: 'units', administrationId: null, administrationName: null, unitId: null, unitName: null, unitIds: fallback.unitIds },
  };
}

function administrationScope(administration: { id: string; name: string }): ResolvedScope {
  return {
    filter: { kind: 'administration', administrationId: administration.id },
    scope: {
      kind: 'administration',
      administrationId: administration.id,
      administrationName: administration.name,
      unitId: null,
      unitName: null,
      unitIds: [],
    },
  };
}

export const trendYears = 10;

/** The trend's level: the lowest, so that the trend counts everyone who completed any training. */
function trendLevel(levels: repo.LevelRow[]) {
  return levels[0];
}

/** The coverage of one scope on today's date: six statements, each an aggregate in SQL, run side by side. */
export async function getCoverage(ctx: AppContext, actor: Actor, query: CoverageQuery): Promise<Coverage> {
  const { filter, scope } = await resolveScope(ctx, actor, query);
  const today = stockholmDate(ctx.clock.now());
  const thisYear = Number(today.slice(0, 4));
  const years = { from: thisYear - trendYears + 1, to: thisYear, today };
  const levels = await repo.levels(ctx.db);
  const trendLevelRow = trendLevel(levels);

  const [staffRows, trendCompletions, lastEnded, children, refresherDueCount] = await Promise.all([
    repo.staffAggregate(ctx.db, filter, years),
    repo.trendCompletions(ctx.db, filter, years),
    repo.lastSessionEndedOn(ctx.db, today, query.courseId),
    repo.childrenOf(ctx.db, filter),
    repo.countRefresherDue(ctx.db, filter, today, query.courseId),
  ]);
  const newUntrainedCount = await repo.countNewUntrained(ctx.db, filter, today, lastEnded);

  // Every figure of the day is a sum over the current staff's rows (child x gender x highest rank).
  const rows = staffRows.filter((row) => row.current);
  const sum = (pick: (row: repo.StaffRow) => boolean) => rows.reduce((n, row) => (pick(row) ? n + row.n : n), 0);
  const staff = sum(() => true);
  const untrained = sum((row) => row.rank === null);

  const coverageLevels = levels.map((level) => {
    const highest = sum((row) => row.rank === level.rank);
    const atLeast = sum((row) => row.rank !== null && row.rank >= level.rank);
    return {
      levelId: level.id,
      key: level.key,
      nameSv: level.name_sv,
      nameEn: level.name_en,
      rank: level.rank,
      highest,
      highestShare: share(highest, staff),
      atLeast,
      atLeastShare: share(atLeast, staff),
    };
  });

  const table = maskGenderTable({
    totals: genders.map((g) => sum((row) => row.gender === g)),
    parts: genders.map((g) => [
      sum((row) => row.gender === g && row.rank === null),
      ...levels.map((level) => sum((row) => row.gender === g && row.rank === level.rank)),
    ]),
  });
  const byGender: GenderRow[] = genders.map((gender, g) => ({
    gender,
    staff: table.totals[g],
    untrained: table.parts[g][0],
    untrainedShare: maskedShare(table.parts[g][0], table.totals[g]),
    levels: levels.map((level, l) => ({
      levelId: level.id,
      highest: table.parts[g][l + 1],
      share: maskedShare(table.parts[g][l + 1], table.totals[g]),
    })),
  }));

  const childKind = filter.kind === 'municipality' ? 'administration' : 'unit';
  const childRows: ChildRow[] = children
    .map((child) => {
      const childStaff = sum((row) => row.child === child.id);
      const trained = sum((row) => row.child === child.id && row.rank !== null);
      return { kind: childKind, id: child.id, name: child.name, staff: childStaff, trained, share: share(trained, childStaff), active: child.active };
    })
    .filter((child) => child.active || child.staff > 0)
    .map(({ active: _active, ...child }) => child as ChildRow);

  const trend = {
    levelId: trendLevelRow?.id ?? null,
    years: Array.from({ length: trendYears }, (_, i) => {
      const year = years.from + i;
      const countedOn = year === thisYear ? today : `${year}-12-31`;
      const inYear = staffRows.filter((row) => row.first_year <= year && year <= row.last_year);
      const yearStaff = inYear.reduce((n, row) => n + row.n, 0);
      const yearTrained = inYear.reduce((n, row) => (row.trained_year !== null && row.trained_year <= year ? n + row.n : n), 0);
      return {
        year,
        countedOn,
        completions: levels.map((level) => ({
          levelId: level.id,
          count: trendCompletions.find((row) => row.year === year && row.level_id === level.id)?.n ?? 0,
        })),
        staff: yearStaff,
        trained: yearTrained,
        share: share(yearTrained, yearStaff),
      };
    }),
  };

  return {
    scope,
    date: today,
    staff,
    trained: staff - untrained,
    untrained,
    untrainedShare: share(untrained, staff),
    levels: coverageLevels,
    byGender,
    trend,
    children: childRows,
    lastSessionEndedOn: lastEnded,
    newUntrainedCount,
    refresherDueCount,
  };
}

/**
 * The lists name people: a read of personal data by staff, audited as the employee list is
 * (the filter and the ids shown, entity 'employee', so "who saw Anna?" finds it).
 */
async function auditListRead(ctx: AppContext, actor: Actor, list: string, query: CoverageListQuery, ids: string[]) {
  await recordAudit(
    ctx.db,
    actor,
    {
      action: 'read',
      entityType: 'employee',
      entityId: null,
      after: {
        list,
        administrationId: query.administrationId ?? null,
        unitId: query.unitId ?? null,
        courseId: query.courseId ?? null,
        page: query.page,
        pageSize: query.pageSize,
        ids,
      },
    },
    ctx.clock.now(),
  );
}

export async function listNewUntrained(
  ctx: AppContext,
  actor: Actor,
  query: CoverageListQuery,
): Promise<Page<NewUntrainedPerson> & { lastSessionEndedOn: string | null }> {
  const { filter } = await resolveScope(ctx, actor, query);
  const today = stockholmDate(ctx.clock.now());
  const since = await repo.lastSessionEndedOn(ctx.db, today, query.courseId);
  const offset = (query.page - 1) * query.pageSize;
  const [rows, total] = await Promise.all([
    repo.listNewUntrained(ctx.db, filter, today, since, query.pageSize, offset),
    repo.countNewUntrained(ctx.db, filter, today, since),
  ]);
  await auditListRead(ctx, actor, 'coverage.newUntrained', query, [...new Set(rows.map((r) => r.employee_id))]);
  return {
    items: rows.map((row) => ({ ...person(row), startDate: row.start_date })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    lastSessionEndedOn: since,
  };
}

export async function listRefresherDue(ctx: AppContext, actor: Actor, query: CoverageListQuery): Promise<Page<RefresherDuePerson>> {
  const { filter } = await resolveScope(ctx, actor, query);
  const today = stockholmDate(ctx.clock.now());
  const offset = (query.page - 1) * query.pageSize;
  const [rows, total] = await Promise.all([
    repo.listRefresherDue(ctx.db, filter, today, query.courseId, query.pageSize, offset),
    repo.countRefresherDue(ctx.db, filter, today, query.courseId),
  ]);
  await auditListRead(ctx, actor, 'coverage.refresherDue', query, [...new Set(rows.map((r) => r.employee_id))]);
  return {
    items: rows.map((row) => ({
      ...person(row),
      courseId: row.course_id,
      courseName: row.course_name,
      completedOn: row.completed_on,
      dueOn: row.due_on,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Which fields of a person leave the server: name, unit and administration, nothing more (never gender). */
function person(row: repo.NewUntrainedRow | repo.RefresherDueRow) {
  return {
    employeeId: row.employee_id,
    firstName: row.first_name,
    lastName: row.last_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    administrationName: row.administration_name,
  };
}
