import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/**
 * Marks reminders as sent, each (kind, key) once: the keys returned are the ones this call marked.
 * Two runs at once both try; the second waits on the first's rows and marks nothing, so no reminder
 * goes out twice.
 */
export async function markSent(tx: DbOrTx, kind: string, keys: string[], now: Date): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const result = await tx.execute<{ key: string }>(sql`
    insert into sent_reminders (kind, key, sent_at)
    select ${kind}, k, ${now.toISOString()}::timestamptz from unnest(array[${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]) as k
    on conflict (kind, key) do nothing
    returning key`);
  return new Set(result.rows.map((r) => r.key));
}

export async function reminderDaysBefore(db: DbOrTx): Promise<number> {
  const result = await db.execute<{ days: number }>(sql`select reminder_days_before as days from training_settings where id = 1`);
  return result.rows[0]?.days ?? 3;
}

/** The language of the account linked to an employee (the oldest active one), as SQL. */
const employeeLocale = (employeeId: SQL) =>
  sql`(select u.locale from users u where u.employee_id = ${employeeId} and u.active order by u.created_at limit 1)`;

export type PartReminder = {
  key: string;
  email: string;
  locale: string | null;
  courseName: string;
  sessionTitle: string | null;
  date: string;
  startTime: string;
  endTime: string;
  place: string | null;
  position: number;
  partCount: number;
};

/**
 * The enrolled (current staff with an address) of planned sessions whose part is within the next
 * `days` days (after today), not yet reminded of that part. Key: part id and enrolment id.
 */
export async function partsToRemind(db: DbOrTx, today: string, days: number): Promise<PartReminder[]> {
  const result = await db.execute<{
    key: string;
    email: string;
    locale: string | null;
    course_name: string;
    session_title: string | null;
    date: string;
    start_time: string;
    end_time: string;
    place: string | null;
    position: number;
    part_count: string;
  }>(sql`
    select p.id || ':' || e.id as key, emp.email, ${employeeLocale(sql`emp.id`)} as locale,
           c.name as course_name, s.title as session_title, p.date::text as date,
           p.start_time::text as start_time, p.end_time::text as end_time, p.place, p.position,
           (select count(*) from session_parts q where q.session_id = s.id) as part_count
      from session_parts p
      join training_sessions s on s.id = p.session_id and s.status = 'planned'
      join enrolments e on e.session_id = s.id and e.status = 'enrolled'
      join employees emp on emp.id = e.employee_id
      join courses c on c.id = s.course_id
     where p.date > ${today}::date
       and p.date <= ${today}::date + ${days}::int
       and emp.email is not null
       and (emp.end_date is null or emp.end_date >= ${today}::date)
       and not exists (select 1 from sent_reminders r where r.kind = 'training_part' and r.key = p.id || ':' || e.id)
     order by p.date, p.start_time, e.id`);
  return result.rows.map((r) => ({
    key: r.key,
    email: r.email,
    locale: r.locale,
    courseName: r.course_name,
    sessionTitle: r.session_title,
    date: r.date,
    startTime: r.start_time.slice(0, 5),
    endTime: r.end_time.slice(0, 5),
    place: r.place,
    position: r.position,
    partCount: Number(r.part_count),
  }));
}

export type RefresherDue = {
  key: string;
  managerUserId: string;
  managerEmail: string;
  managerLocale: string;
  employeeName: string;
  courseName: string;
  dueOn: string;
};

/**
 * Refreshers that have fallen due for current staff: the latest completion of a course that needs
 * refreshing is older than its refresher years, and the person is not already booked or queued on a
 * session of it to come. One row per manager of the person's unit; key: the completed enrolment.
 */
export async function refreshersDue(db: DbOrTx, today: string): Promise<RefresherDue[]> {
  const result = await db.execute<{
    key: string;
    manager_user_id: string;
    manager_email: string;
    manager_locale: string;
    employee_name: string;
    course_name: string;
    due_on: string;
  }>(sql`
    select e.id::text as key, u.id as manager_user_id, u.email as manager_email, u.locale as manager_locale,
           emp.first_name || ' ' || emp.last_name as employee_name, c.name as course_name,
           (e.completed_on + make_interval(years => c.refresher_years))::date::text as due_on
      from enrolments e
      join courses c on c.id = e.course_id
      join employees emp on emp.id = e.employee_id
      join user_roles r on r.role = 'unit_manager' and r.unit_id = emp.unit_id
      join users u on u.id = r.user_id and u.active
     where e.completed_on is not null
       and c.refresher_years is not null
       and (e.completed_on + make_interval(years => c.refresher_years))::date <= ${today}::date
       and (emp.end_date is null or emp.end_date >= ${today}::date)
       and not exists (
         select 1 from enrolments later
          where later.employee_id = e.employee_id and later.course_id = e.course_id
            and later.completed_on is not null and (later.completed_on, later.id) > (e.completed_on, e.id))
       and not exists (
         select 1 from enrolments booked
           join training_sessions bs on bs.id = booked.session_id
          where booked.employee_id = e.employee_id and booked.course_id = e.course_id
            and booked.status in ('enrolled', 'waiting') and bs.status = 'planned' and bs.ends_on >= ${today}::date)
       and not exists (select 1 from sent_reminders sr where sr.kind = 'refresher_due' and sr.key = e.id::text)
     order by u.id, emp.last_name, emp.first_name, c.name`);
  return result.rows.map((r) => ({
    key: r.key,
    managerUserId: r.manager_user_id,
    managerEmail: r.manager_email,
    managerLocale: r.manager_locale,
    employeeName: r.employee_name,
    courseName: r.course_name,
    dueOn: r.due_on,
  }));
}

/** Courses offered yearly with no planned session starting in this year. */
export async function coursesWithoutSessionThisYear(db: DbOrTx, year: number) {
  const result = await db.execute<{ id: string; name: string }>(sql`
    select c.id, c.name from courses c
     where c.active and c.offered_yearly
       and not exists (
         select 1 from training_sessions s
          where s.course_id = c.id and s.status = 'planned'
            and s.starts_on >= ${`${year}-01-01`}::date and s.starts_on <= ${`${year}-12-31`}::date)
     order by c.name, c.id`);
  return result.rows;
}

export async function coordinators(db: DbOrTx) {
  const result = await db.execute<{ id: string; email: string; locale: string }>(sql`
    select distinct u.id, u.email, u.locale from users u
      join user_roles r on r.user_id = u.id and r.role = 'training_coordinator'
     where u.active
     order by u.id`);
  return result.rows;
}
