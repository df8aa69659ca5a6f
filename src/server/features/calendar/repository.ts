import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { calendarFeeds, users } from '../../db/schema/index.js';

export async function findFeed(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  return row;
}

/** One address per person: a new one replaces (and so revokes) the old. */
export async function upsertFeed(tx: DbOrTx, userId: string, tokenHash: string, now: Date) {
  const [row] = await tx
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: now } })
    .returning({ createdAt: calendarFeeds.createdAt });
  return row;
}

export async function deleteFeed(tx: DbOrTx, userId: string) {
  const rows = await tx
    .delete(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId))
    .returning({ createdAt: calendarFeeds.createdAt });
  return rows[0];
}

/** The active account a feed address belongs to. */
export async function ownerOfFeed(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ userId: users.id, employeeId: users.employeeId, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), eq(users.active, true)));
  return row;
}

export type CalendarPart = {
  partId: string;
  sessionId: string;
  position: number;
  partCount: number;
  courseName: string;
  sessionTitle: string | null;
  place: string | null;
  sessionStatus: string;
  /** The part's start and end as moments: its date and times are Swedish local time. */
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  trainer: boolean;
};

type PartSqlRow = {
  part_id: string;
  session_id: string;
  position: number;
  part_count: string;
  course_name: string;
  session_title: string | null;
  place: string | null;
  session_status: string;
  starts_at: Date | string;
  ends_at: Date | string;
  updated_at: Date | string;
  trainer: boolean;
};

const toPart = (r: PartSqlRow): CalendarPart => ({
  partId: r.part_id,
  sessionId: r.session_id,
  position: r.position,
  partCount: Number(r.part_count),
  courseName: r.course_name,
  sessionTitle: r.session_title,
  place: r.place,
  sessionStatus: r.session_status,
  startsAt: new Date(r.starts_at),
  endsAt: new Date(r.ends_at),
  updatedAt: new Date(r.updated_at),
  trainer: r.trainer,
});

/** The parts of the given sessions (a subquery of session ids with a trainer flag), with their moments in UTC. */
function partsOfSessions(sessions: SQL) {
  return sql`
    select p.id as part_id, p.session_id, p.position,
           (select count(*) from session_parts q where q.session_id = p.session_id) as part_count,
           c.name as course_name, s.title as session_title, p.place, s.status as session_status,
           (p.date + p.start_time) at time zone 'Europe/Stockholm' as starts_at,
           (p.date + p.end_time) at time zone 'Europe/Stockholm' as ends_at,
           s.updated_at, chosen.trainer
      from (${sessions}) chosen
      join training_sessions s on s.id = chosen.session_id
      join courses c on c.id = s.course_id
      join session_parts p on p.session_id = s.id`;
}

export async function partsOfSession(db: DbOrTx, sessionId: string): Promise<CalendarPart[]> {
  const result = await db.execute<PartSqlRow>(sql`
    ${partsOfSessions(sql`select id as session_id, false as trainer from training_sessions where id = ${sessionId}`)}
     order by p.position`);
  return result.rows.map(toPart);
}

export async function sessionExists(db: DbOrTx, sessionId: string) {
  const result = await db.execute(sql`select 1 from training_sessions where id = ${sessionId}`);
  return result.rows.length > 0;
}

/**
 * A person's parts from `since` on: the sessions their employee record is booked on (not the waiting
 * list), and the sessions they train. A session they both train and attend shows once, as trainer.
 */
export async function partsOfPerson(
  db: DbOrTx,
  userId: string,
  employeeId: string | null,
  since: string,
): Promise<CalendarPart[]> {
  const booked = employeeId
    ? sql`select session_id, false as trainer from enrolments where employee_id = ${employeeId} and status = 'enrolled'`
    : sql`select null::uuid as session_id, false as trainer where false`;
  const result = await db.execute<PartSqlRow>(sql`
    ${partsOfSessions(sql`
      select session_id, bool_or(trainer) as trainer from (
        ${booked}
        union all
        select session_id, true as trainer from session_trainers where user_id = ${userId}
      ) both_kinds group by session_id`)}
     where p.date >= ${since}
     order by p.date, p.start_time, p.id`);
  return result.rows.map(toPart);
}
