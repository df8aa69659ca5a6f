import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/**
 * Derives each enrolment's attended minutes and completion from the attendance marks: the sum of
 * the parts marked present; completed when that reaches the course's threshold share of the
 * session's total minutes, on the day of the last part attended. Excused and absent parts and
 * parts before a late enrolment count nothing towards completion (they differ only in whether the
 * person is counted absent). A completed enrolment gets a random verification code for its
 * certificate (76 random bits of a v4 UUID, as 19 hex digits); one that stops being completed keeps
 * no code, so an old certificate no longer checks out.
 *
 * Called in the transaction that changes marks, parts, enrolments or a course's threshold.
 */
export async function recomputeOutcomes(tx: DbOrTx, where: { sessionIds: string[] } | { courseId: string }) {
  const scope =
    'courseId' in where
      ? sql`e.course_id = ${where.courseId}`
      : where.sessionIds.length === 0
        ? sql`false`
        : sql`e.session_id in (${sql.join(
            where.sessionIds.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  await tx.execute(sql`
    with marks as (
      select e.id,
             coalesce(sum(extract(epoch from (p.end_time - p.start_time)) / 60)
                      filter (where a.status = 'present'), 0)::int as minutes,
             max(p.date) filter (where a.status = 'present') as last_present
        from enrolments e
        left join attendance a on a.enrolment_id = e.id
        left join session_parts p on p.id = a.part_id
       where ${scope}
       group by e.id
    ), derived as (
      select m.id, m.minutes,
             case when e.status = 'enrolled' and s.total_minutes > 0
                       and m.minutes * 100 >= c.completion_threshold * s.total_minutes
                  then m.last_present end as completed_on
        from marks m
        join enrolments e on e.id = m.id
        join training_sessions s on s.id = e.session_id
        join courses c on c.id = e.course_id
    )
    update enrolments e
       set attended_minutes = d.minutes,
           completed_on = d.completed_on,
           verification_code = case
             when d.completed_on is null then null
             when e.verification_code is not null then e.verification_code
             else upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)
                        || substr(replace(gen_random_uuid()::text, '-', ''), 14, 7)) end
      from derived d
     where e.id = d.id
       and (e.attended_minutes is distinct from d.minutes
            or e.completed_on is distinct from d.completed_on
            or (d.completed_on is null) <> (e.verification_code is null))
  `);
  await refreshEmployeeLevels(tx, sql`select distinct e.employee_id from enrolments e where ${scope}`);
}

/**
 * Rewrites employee_levels (the first day each employee completed each level) for the employees
 * that `employeeIds` (a query of one column, or 'all') selects, from their enrolments. Called by
 * recomputeOutcomes, and by bulk loaders that set completions themselves.
 */
export async function refreshEmployeeLevels(tx: DbOrTx, employeeIds: SQL | 'all') {
  const scope = employeeIds === 'all' ? sql`true` : sql`employee_id in (${employeeIds})`;
  const enrolmentScope = employeeIds === 'all' ? sql`true` : sql`en.employee_id in (${employeeIds})`;
  await tx.execute(sql`delete from employee_levels where ${scope}`);
  await tx.execute(sql`
    insert into employee_levels (employee_id, level_id, first_completed_on)
    select en.employee_id, c.level_id, min(en.completed_on)
      from enrolments en
      join courses c on c.id = en.course_id
     where en.completed_on is not null and ${enrolmentScope}
     group by en.employee_id, c.level_id`);
  await refreshEmployeeTraining(tx, employeeIds);
}

/**
 * Rewrites employee_training (each employee's first completion, and the highest level's rank with
 * the day it was first reached) from employee_levels, for the employees that `employeeIds` selects.
 * Called by refreshEmployeeLevels, and for everyone when a level's rank changes.
 */
export async function refreshEmployeeTraining(tx: DbOrTx, employeeIds: SQL | 'all') {
  const scope = employeeIds === 'all' ? sql`true` : sql`employee_id in (${employeeIds})`;
  const levelScope = employeeIds === 'all' ? sql`true` : sql`el.employee_id in (${employeeIds})`;
  await tx.execute(sql`delete from employee_training where ${scope}`);
  await tx.execute(sql`
    insert into employee_training (employee_id, first_completed_on, highest_rank, highest_completed_on)
    select el.employee_id, min(el.first_completed_on), max(l.rank),
           (array_agg(el.first_completed_on order by l.rank desc))[1]
      from employee_levels el
      join training_levels l on l.id = el.level_id
     where ${levelScope}
     group by el.employee_id`);
}
