/**
 * Hand-written single queries for the certification figures' baselines: the same aggregates the API
 * computes, written plainly once, run from psql (PostgreSQL) or a bare route (both databases).
 */

/**
 * The checklist's computed values for one unit and process, in one statement: the unit's current
 * staff, how many of them completed the course, the sessions held for the unit, the working group
 * members still on the staff, and the confirmations. $1 unit, $2 process, $3 course, $4 the day.
 */
export const checklistSql = `
with staff as not materialized (
  select e.id from employees e
   where e.unit_id = $1::uuid and e.start_date <= $4::date and (e.end_date is null or e.end_date >= $4::date)
)
select (select count(*)::int from staff) as staff,
       (select count(*)::int from staff s
         where exists (select 1 from enrolments en where en.employee_id = s.id and en.course_id = $3::uuid
                         and en.completed_on is not null and en.completed_on <= $4::date)) as trained,
       (select count(*)::int from training_sessions ts
         where ts.status = 'planned' and ts.ends_on <= $4::date
           and exists (select 1 from session_eligibility se where se.session_id = ts.id and se.unit_id = $1::uuid)) as sessions,
       (select count(*)::int from certification_group_members m join staff s on s.id = m.employee_id
         where m.process_id = $2::uuid) as group_size,
       (select count(*)::int from certification_confirmations c where c.process_id = $2::uuid) as confirmed`;

/**
 * Every active unit with its status on the day ($1): certified (a certificate valid that day, not
 * revoked), in process (an open process), expired (a certificate that ran out), or not started; and
 * for a certified unit, how many computed criteria of its current certificates it no longer meets
 * (the course share of today's staff, the working group members still on the staff): the list's
 * below-threshold flags.
 */
export const unitStatusSql = `
with valid as (
  select distinct on (c.unit_id, c.scheme_id) c.id, c.unit_id, c.scheme_id, c.process_id
    from unit_certificates c
   where c.revoked_at is null and c.certified_on <= $1::date and c.valid_until >= $1::date
   order by c.unit_id, c.scheme_id, c.valid_until desc, c.created_at desc
), staff as not materialized (
  select e.id, e.unit_id from employees e where e.start_date <= $1::date and (e.end_date is null or e.end_date >= $1::date)
), below as (
  select v.unit_id, count(*)::int as criteria_below
    from valid v
    join certification_criteria cr on cr.scheme_id = v.scheme_id and cr.kind in ('course_share', 'working_group')
    cross join lateral (
      select case when cr.kind = 'course_share'
                  then (select count(*) from staff s where s.unit_id = v.unit_id
                          and exists (select 1 from enrolments en where en.employee_id = s.id and en.course_id = cr.course_id
                                        and en.completed_on is not null and en.completed_on <= $1::date))
                  else (select count(*) from certification_group_members m join staff s on s.id = m.employee_id
                         where m.process_id = v.process_id and s.unit_id = v.unit_id) end as value,
             (select count(*) from staff s where s.unit_id = v.unit_id) as of
    ) m
   where case when cr.kind = 'course_share' then m.of = 0 or m.value * 100 < cr.threshold * m.of else m.value < cr.threshold end
   group by v.unit_id
)
select u.id, u.name, a.name as administration,
       case when exists (select 1 from valid v where v.unit_id = u.id) then 'certified'
            when exists (select 1 from certification_processes p where p.unit_id = u.id and p.status = 'open') then 'in_process'
            when exists (select 1 from unit_certificates c where c.unit_id = u.id and c.revoked_at is null
                           and c.certified_on <= $1::date) then 'expired'
            else 'not_started' end as status,
       coalesce(b.criteria_below, 0) as criteria_below
  from units u
  join administrations a on a.id = u.administration_id
  left join below b on b.unit_id = u.id
 where u.active
 order by lower(a.name), lower(u.name), u.id`;

/** The statement with its parameters written in, for psql. */
export function inline(text: string, params: string[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => `'${params[Number(n) - 1]!.replace(/'/g, "''")}'`);
}
