import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { courses, employees, enrolments, sessionParts, trainingLevels, trainingSessions, units } from '../../db/schema/index.js';
import { eligibleCondition } from '../enrolments/eligibility.js';

/** The employee a record belongs to, placed as the employees' policy needs it. */
export async function findEmployeeTarget(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      unitId: employees.unitId,
      administrationId: units.administrationId,
    })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(eq(employees.id, id));
  return row;
}

const refresherDueOn = sql<string | null>`case
  when ${enrolments.completedOn} is not null and ${courses.refresherYears} is not null
  then (${enrolments.completedOn} + make_interval(years => ${courses.refresherYears}))::date::text end`;

/** Every enrolment of one employee, newest session first. */
export async function recordOf(db: DbOrTx, employeeId: string) {
  return db
    .select({
      enrolmentId: enrolments.id,
      sessionId: enrolments.sessionId,
      courseId: enrolments.courseId,
      courseName: courses.name,
      sessionTitle: trainingSessions.title,
      topic: courses.topic,
      levelKey: trainingLevels.key,
      levelNameSv: trainingLevels.nameSv,
      levelNameEn: trainingLevels.nameEn,
      startsOn: trainingSessions.startsOn,
      endsOn: trainingSessions.endsOn,
      sessionStatus: trainingSessions.status,
      status: enrolments.status,
      attendedMinutes: enrolments.attendedMinutes,
      totalMinutes: trainingSessions.totalMinutes,
      completedOn: enrolments.completedOn,
      refresherDueOn,
      verificationCode: enrolments.verificationCode,
    })
    .from(enrolments)
    .innerJoin(trainingSessions, eq(trainingSessions.id, enrolments.sessionId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(trainingLevels, eq(trainingLevels.id, courses.levelId))
    .where(eq(enrolments.employeeId, employeeId))
    .orderBy(desc(trainingSessions.startsOn), asc(courses.name), asc(enrolments.id));
}
export type RecordRow = Awaited<ReturnType<typeof recordOf>>[number];

/**
 * One's places on planned sessions that have not ended: booked, or queued with the position in
 * line (first come, first served by queued_at, then id, as the waiting list serves them).
 */
export async function upcomingOf(db: DbOrTx, employeeId: string, today: string) {
  const result = await db.execute<{
    enrolment_id: string;
    session_id: string;
    course_name: string;
    session_title: string | null;
    status: 'enrolled' | 'waiting';
    queue_position: string | null;
    starts_on: string;
    ends_on: string;
  }>(sql`
    select e.id as enrolment_id, e.session_id, c.name as course_name, s.title as session_title, e.status,
           case when e.status = 'waiting' then (
             select count(*) + 1 from enrolments w
              where w.session_id = e.session_id and w.status = 'waiting'
                and (w.queued_at, w.id) < (e.queued_at, e.id)
           ) end as queue_position,
           s.starts_on::text as starts_on, s.ends_on::text as ends_on
      from enrolments e
      join training_sessions s on s.id = e.session_id
      join courses c on c.id = e.course_id
     where e.employee_id = ${employeeId}
       and e.status in ('enrolled', 'waiting')
       and s.status = 'planned'
       and s.ends_on >= ${today}
     order by s.starts_on, c.name, e.id`);
  return result.rows.map((r) => ({
    enrolmentId: r.enrolment_id,
    sessionId: r.session_id,
    courseName: r.course_name,
    sessionTitle: r.session_title,
    status: r.status,
    queuePosition: r.queue_position === null ? null : Number(r.queue_position),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  }));
}

/**
 * Planned sessions not yet begun that this employee may sign up to (the one eligibility rule) and is
 * not already booked or queued on, with their free seats. At most 100, soonest first.
 */
export async function openSessionsFor(db: DbOrTx, employeeId: string, today: string) {
  const result = await db.execute<{
    session_id: string;
    course_name: string;
    session_title: string | null;
    level_key: string;
    level_name_sv: string;
    level_name_en: string;
    starts_on: string;
    ends_on: string;
    total_minutes: number;
    capacity: number;
    enrolled: string;
    waiting: string;
  }>(sql`
    select s.id as session_id, c.name as course_name, s.title as session_title,
           l.key as level_key, l.name_sv as level_name_sv, l.name_en as level_name_en,
           s.starts_on::text as starts_on, s.ends_on::text as ends_on, s.total_minutes, s.capacity,
           (select count(*) from enrolments x where x.session_id = s.id and x.status = 'enrolled') as enrolled,
           (select count(*) from enrolments x where x.session_id = s.id and x.status = 'waiting') as waiting
      from training_sessions s
      join courses c on c.id = s.course_id
      join training_levels l on l.id = c.level_id
     where s.status = 'planned'
       and s.starts_on >= ${today}
       and not exists (
         select 1 from enrolments mine
          where mine.session_id = s.id and mine.employee_id = ${employeeId} and mine.status in ('enrolled', 'waiting'))
       and ${eligibleCondition(sql`s.id`, sql`${employeeId}::uuid`)}
     order by s.starts_on, c.name, s.id
     limit 100`);
  return result.rows.map((r) => ({
    sessionId: r.session_id,
    courseName: r.course_name,
    sessionTitle: r.session_title,
    levelKey: r.level_key,
    levelNameSv: r.level_name_sv,
    levelNameEn: r.level_name_en,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    totalMinutes: r.total_minutes,
    capacity: r.capacity,
    freeSeats: Math.max(0, r.capacity - Number(r.enrolled)),
    waitingCount: Number(r.waiting),
  }));
}

export async function partsOf(db: DbOrTx, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .select({
      id: sessionParts.id,
      sessionId: sessionParts.sessionId,
      position: sessionParts.position,
      date: sessionParts.date,
      startTime: sessionParts.startTime,
      endTime: sessionParts.endTime,
      place: sessionParts.place,
    })
    .from(sessionParts)
    .where(inArray(sessionParts.sessionId, sessionIds))
    .orderBy(asc(sessionParts.sessionId), asc(sessionParts.position));
}
export type PartRow = Awaited<ReturnType<typeof partsOf>>[number];

/** What a certificate shows, and who it belongs to (for the policy). */
export async function findCertificate(db: DbOrTx, enrolmentId: string) {
  const [row] = await db
    .select({
      enrolmentId: enrolments.id,
      employeeId: enrolments.employeeId,
      status: enrolments.status,
      firstName: employees.firstName,
      lastName: employees.lastName,
      unitId: employees.unitId,
      administrationId: units.administrationId,
      courseName: courses.name,
      attendedMinutes: enrolments.attendedMinutes,
      completedOn: enrolments.completedOn,
      verificationCode: enrolments.verificationCode,
    })
    .from(enrolments)
    .innerJoin(employees, eq(employees.id, enrolments.employeeId))
    .innerJoin(units, eq(units.id, employees.unitId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(eq(enrolments.id, enrolmentId));
  return row;
}

/** A completed enrolment by its verification code: only what the public page shows. */
export async function findByVerificationCode(db: DbOrTx, code: string) {
  const [row] = await db
    .select({
      firstName: employees.firstName,
      lastName: employees.lastName,
      courseName: courses.name,
      attendedMinutes: enrolments.attendedMinutes,
      completedOn: enrolments.completedOn,
    })
    .from(enrolments)
    .innerJoin(employees, eq(employees.id, enrolments.employeeId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(eq(enrolments.verificationCode, code), sql`${enrolments.completedOn} is not null`));
  return row;
}

/**
 * New employees still without training: current staff who started within the last 12 months but at
 * least training_settings.newEmployeeMonths months ago, and have completed no course at all.
 */
export async function newEmployeesWithoutTraining(db: DbOrTx, today: string) {
  const result = await db.execute<{ months: number; n: string }>(sql`
    with settings as (select coalesce((select new_employee_months from training_settings where id = 1), 3) as months)
    select settings.months, (
      select count(*) from employees e
       where (e.end_date is null or e.end_date >= ${today}::date)
         and e.start_date > (${today}::date - interval '12 months')::date
         and e.start_date <= (${today}::date - make_interval(months => settings.months))::date
         and not exists (select 1 from enrolments x where x.employee_id = e.id and x.completed_on is not null)
    ) as n
    from settings`);
  return { months: result.rows[0].months, count: Number(result.rows[0].n) };
}
