import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/**
 * The SQL of coverage. It reads other features' tables (employees, units, enrolments, courses,
 * levels) because the figures are aggregates over all of them, done by the database in a few
 * statements: at 60,000 employees and a million attendance marks nothing is counted in JavaScript.
 * The derived employee_training (each employee's first completion and highest level),
 * employee_levels and enrolments.completed_on are the only inputs about training; attendance is
 * never read.
 *
 * "Staff on day D" is the project's current-employee rule (employees/current.ts) at D:
 * start_date <= D and (end_date is null or end_date >= D). Employees belong to the scope by their
 * present unit (employees.unit_id).
 */

export type ScopeFilter =
  | { kind: 'municipality' }
  | { kind: 'administration'; administrationId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'units'; unitIds: string[] };

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The condition on units u that puts an employee in the scope. */
function scopeOnUnits(scope: ScopeFilter): SQL {
  switch (scope.kind) {
    case 'municipality':
      return sql`true`;
    case 'administration':
      return sql`u.administration_id = ${scope.administrationId}::uuid`;
    case 'unit':
      return sql`u.id = ${scope.unitId}::uuid`;
    case 'units':
      return scope.unitIds.length > 0 ? sql`u.id in (${idList(scope.unitIds)})` : sql`false`;
  }
}

/** Which child of the scope an employee counts in: their administration for the municipality, else their unit. */
const childKey = (scope: ScopeFilter): SQL => (scope.kind === 'municipality' ? sql`u.administration_id` : sql`u.id`);

const employedOn = (day: SQL | string) =>
  sql`e.start_date <= ${day}::date and (e.end_date is null or e.end_date >= ${day}::date)`;

export type StaffRow = {
  /** Employed on `today`: a row of the day's figures. */
  current: boolean;
  child: string;
  gender: string;
  /** The rank of the highest level completed on or before `today`; null: none. */
  rank: number | null;
  /** The run of years the people count in for the trend: employed on 31 December (today in this year). */
  first_year: number;
  last_year: number;
  /** The year of their first completion of any level (on or before `today`); null: none. */
  trained_year: number | null;
  n: number;
};

/**
 * The page's core aggregate: everyone of the scope employed at some point since 31 December of
 * `years.from`, counted in one pass by whether they are employed today, child, gender, the rank of
 * the highest level completed by today, the run of years they were employed on each year's counting
 * day, and the year of their first completion. The figures of the day are summed from the rows of
 * the current staff, the trend's shares from all rows (a few thousand groups at 60,000 employees).
 *
 * employee_training holds each person's first completion and highest level; the rare person whose
 * highest level was reached after `today` (a completion dated later) is looked up in employee_levels.
 */
export async function staffAggregate(
  db: DbOrTx,
  scope: ScopeFilter,
  years: { from: number; to: number; today: string },
): Promise<StaffRow[]> {
  const { today } = years;
  const firstDay = `${years.from}-12-31`;
  // Employed on 31 December of year y is an end date on or after it: the last such y is the year of
  // the day after the end date, less one. date_part is a double, cheaper per row than extract's numeric.
  const result = await db.execute<StaffRow>(sql`
    with late as (
      select el.employee_id, max(l.rank) as rank
        from employee_training t
        join employee_levels el on el.employee_id = t.employee_id
        join training_levels l on l.id = el.level_id
       where t.highest_completed_on > ${today}::date and el.first_completed_on <= ${today}::date
       group by el.employee_id
    )
    select (e.end_date is null or e.end_date >= ${today}::date) as current,
           ${childKey(scope)} as child,
           e.gender,
           (case when t.highest_completed_on <= ${today}::date then t.highest_rank else late.rank end)::int as rank,
           greatest(date_part('year', e.start_date)::int, ${years.from}::int) as first_year,
           case when e.end_date is null or e.end_date >= ${today}::date then ${years.to}::int
                else least(date_part('year', e.end_date + 1)::int - 1, ${years.to}::int) end as last_year,
           case when t.first_completed_on <= ${today}::date then date_part('year', t.first_completed_on)::int end as trained_year,
           count(*)::int as n
      from employees e
      join units u on u.id = e.unit_id
      left join employee_training t on t.employee_id = e.id
      left join late on late.employee_id = e.id
     where e.start_date <= ${today}::date
       and (e.end_date is null or e.end_date >= ${firstDay}::date)
       and ${scopeOnUnits(scope)}
     group by 1, 2, 3, 4, 5, 6, 7
  `);
  return result.rows;
}

export type TrendCompletionRow = { year: number; level_id: string; n: number };

/** Completions (not people: one person may complete several courses) per year and level by the scope's employees. */
export async function trendCompletions(
  db: DbOrTx,
  scope: ScopeFilter,
  years: { from: number; to: number; today: string },
): Promise<TrendCompletionRow[]> {
  if (scope.kind === 'municipality') {
    // Every completion counts: per course and year, a count of one range of enrolments_course_completed_on_idx.
    const result = await db.execute<TrendCompletionRow>(sql`
      select y::int as year, c.level_id,
             sum((select count(*) from enrolments en
                   where en.course_id = c.id and en.completed_on is not null
                     and en.completed_on between make_date(y, 1, 1) and least(make_date(y, 12, 31), ${years.today}::date)))::int as n
        from courses c
        cross join generate_series(${years.from}::int, ${years.to}::int) as y
       group by 1, 2
    `);
    return result.rows;
  }
  const result = await db.execute<TrendCompletionRow>(sql`
    select extract(year from en.completed_on)::int as year, c.level_id, count(*)::int as n
      from enrolments en
      join courses c on c.id = en.course_id
      join employees e on e.id = en.employee_id
      join units u on u.id = e.unit_id and ${scopeOnUnits(scope)}
     where en.completed_on is not null and en.completed_on between ${`${years.from}-01-01`}::date and ${years.today}::date
     group by 1, 2
  `);
  return result.rows;
}

/** The last day of the most recent session held (not cancelled, ended on or before today), of one course or any. */
export async function lastSessionEndedOn(db: DbOrTx, today: string, courseId?: string): Promise<string | null> {
  const result = await db.execute<{ ended: string | null }>(sql`
    select to_char(max(ends_on), 'YYYY-MM-DD') as ended
      from training_sessions
     where status <> 'cancelled' and ends_on <= ${today}::date
       ${courseId ? sql`and course_id = ${courseId}::uuid` : sql``}
  `);
  return result.rows[0]?.ended ?? null;
}

const personColumns = sql`e.id as employee_id, e.first_name, e.last_name, e.unit_id, u.name as unit_name, a.name as administration_name`;

/** Staff of the scope who started after `since` (any start when null) and have completed nothing. */
function newUntrainedFrom(scope: ScopeFilter, today: string, since: string | null) {
  return sql`
      from employees e
      join units u on u.id = e.unit_id
      join administrations a on a.id = u.administration_id
     where ${employedOn(today)} and ${scopeOnUnits(scope)}
       ${since ? sql`and e.start_date > ${since}::date` : sql``}
       and not exists (
         select 1 from employee_levels el
          where el.employee_id = e.id and el.first_completed_on <= ${today}::date
       )`;
}

export type NewUntrainedRow = {
  employee_id: string;
  first_name: string;
  last_name: string;
  unit_id: string;
  unit_name: string;
  administration_name: string;
  start_date: string;
};

export async function countNewUntrained(db: DbOrTx, scope: ScopeFilter, today: string, since: string | null) {
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n ${newUntrainedFrom(scope, today, since)}`);
  return result.rows[0].n;
}

export async function listNewUntrained(
  db: DbOrTx,
  scope: ScopeFilter,
  today: string,
  since: string | null,
  limit: number,
  offset: number,
): Promise<NewUntrainedRow[]> {
  const result = await db.execute<NewUntrainedRow>(sql`
    select ${personColumns}, to_char(e.start_date, 'YYYY-MM-DD') as start_date
    ${newUntrainedFrom(scope, today, since)}
     order by e.start_date desc, e.last_name, e.first_name, e.id
     limit ${limit} offset ${offset}
  `);
  return result.rows;
}

/**
 * Per employee of the scope and course with a refresher interval: the latest completion; due when
 * it plus the interval is on or before today (a later completion of the course replaces it).
 */
function refresherDueFrom(scope: ScopeFilter, today: string, courseId?: string) {
  // The latest completions are grouped in the order of enrolments_course_completed_idx, and only
  // those due are checked against the staff: most completions are never joined to anyone.
  return sql`
    with latest as (
      select en.course_id, en.employee_id, max(en.completed_on) as completed_on
        from enrolments en
       where en.completed_on is not null and en.completed_on <= ${today}::date
         -- Only courses that need a refresher: a handful, so most completions are never read.
         and en.course_id in (select id from courses where refresher_years is not null)
         ${courseId ? sql`and en.course_id = ${courseId}::uuid` : sql``}
       group by en.course_id, en.employee_id
    ),
    due as (
      select l.employee_id, l.course_id, l.completed_on, c.name as course_name,
             (l.completed_on + make_interval(years => c.refresher_years))::date as due_on
        from latest l
        join courses c on c.id = l.course_id
       where (l.completed_on + make_interval(years => c.refresher_years))::date <= ${today}::date
         and exists (
           select 1 from employees e join units u on u.id = e.unit_id
            where e.id = l.employee_id and ${employedOn(today)} and ${scopeOnUnits(scope)}
         )
    )`;
}

export type RefresherDueRow = Omit<NewUntrainedRow, 'start_date'> & {
  course_id: string;
  course_name: string;
  completed_on: string;
  due_on: string;
};

export async function countRefresherDue(db: DbOrTx, scope: ScopeFilter, today: string, courseId?: string) {
  const result = await db.execute<{ n: number }>(sql`${refresherDueFrom(scope, today, courseId)} select count(*)::int as n from due`);
  return result.rows[0].n;
}

export async function listRefresherDue(
  db: DbOrTx,
  scope: ScopeFilter,
  today: string,
  courseId: string | undefined,
  limit: number,
  offset: number,
): Promise<RefresherDueRow[]> {
  const result = await db.execute<RefresherDueRow>(sql`
    ${refresherDueFrom(scope, today, courseId)}
    select ${personColumns}, d.course_id, d.course_name,
           to_char(d.completed_on, 'YYYY-MM-DD') as completed_on, to_char(d.due_on, 'YYYY-MM-DD') as due_on
      from due d
      join employees e on e.id = d.employee_id
      join units u on u.id = e.unit_id
      join administrations a on a.id = u.administration_id
     order by d.due_on, e.last_name, e.first_name, e.id, d.course_name
     limit ${limit} offset ${offset}
  `);
  return result.rows;
}

export type LevelRow = { id: string; key: string; name_sv: string; name_en: string; rank: number };

/** All levels, lowest rank first (inactive ones too: completions of them still count). */
export async function levels(db: DbOrTx): Promise<LevelRow[]> {
  const result = await db.execute<LevelRow>(
    sql`select id, key, name_sv, name_en, rank from training_levels order by rank`,
  );
  return result.rows;
}

export type NamedRow = { id: string; name: string; administration_id: string; active: boolean };

export async function findUnit(db: DbOrTx, id: string): Promise<(NamedRow & { administration_name: string }) | undefined> {
  const result = await db.execute<NamedRow & { administration_name: string }>(sql`
    select u.id, u.name, u.administration_id, u.active, a.name as administration_name
      from units u join administrations a on a.id = u.administration_id where u.id = ${id}::uuid
  `);
  return result.rows[0];
}

export async function findAdministration(db: DbOrTx, id: string): Promise<{ id: string; name: string } | undefined> {
  const result = await db.execute<{ id: string; name: string }>(
    sql`select id, name from administrations where id = ${id}::uuid`,
  );
  return result.rows[0];
}

/** The children a scope's breakdown lists: its administrations or units, with whether they are open. */
export async function childrenOf(db: DbOrTx, scope: ScopeFilter): Promise<{ id: string; name: string; active: boolean }[]> {
  let query: SQL;
  switch (scope.kind) {
    case 'municipality':
      query = sql`select id, name, active from administrations order by name, id`;
      break;
    case 'administration':
      query = sql`select id, name, active from units where administration_id = ${scope.administrationId}::uuid order by name, id`;
      break;
    case 'units':
      if (scope.unitIds.length === 0) return [];
      query = sql`select id, name, active from units where id in (${idList(scope.unitIds)}) order by name, id`;
      break;
    case 'unit':
      return [];
  }
  const result = await db.execute<{ id: string; name: string; active: boolean }>(query);
  return result.rows;
}
