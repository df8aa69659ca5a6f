import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  administrations,
  courses,
  sessionEligibility,
  sessionParts,
  sessionTrainers,
  trainingProgrammes,
  trainingSessions,
  units,
  users,
} from '../../db/schema/index.js';
import type { SessionListQuery } from '#shared/contracts/training-sessions';

export type NewSession = typeof trainingSessions.$inferInsert;
export type NewPart = typeof sessionParts.$inferInsert;
export type PartRow = typeof sessionParts.$inferSelect;
export type Named = { id: string; name: string };

const enrolledCountSql = sql<number>`(select count(*) from enrolments e where e.session_id = ${trainingSessions.id} and e.status = 'enrolled')::int`;
const waitingCountSql = sql<number>`(select count(*) from enrolments e where e.session_id = ${trainingSessions.id} and e.status = 'waiting')::int`;

const sessionColumns = {
  ...getTableColumns(trainingSessions),
  courseName: courses.name,
  enrolledCount: enrolledCountSql,
  waitingCount: waitingCountSql,
};
export type SessionRow = typeof trainingSessions.$inferSelect & {
  courseName: string;
  enrolledCount: number;
  waitingCount: number;
};

export type SessionFilter = Pick<SessionListQuery, 'courseId' | 'from' | 'to' | 'status' | 'trainerId'>;

/** Takes the pool, not a transaction: the page and its total are read in parallel. */
export async function listSessions(db: Db, filter: SessionFilter, sort: SessionListQuery['sort'], limit: number, offset: number) {
  const where = and(
    filter.courseId ? eq(trainingSessions.courseId, filter.courseId) : undefined,
    filter.status ? eq(trainingSessions.status, filter.status) : undefined,
    // A session overlaps the period: it ends on or after from and starts on or before to.
    filter.from ? gte(trainingSessions.endsOn, filter.from) : undefined,
    filter.to ? lte(trainingSessions.startsOn, filter.to) : undefined,
    filter.trainerId
      ? sql`exists (select 1 from session_trainers st where st.session_id = ${trainingSessions.id} and st.user_id = ${filter.trainerId})`
      : undefined,
  );
  const direction = sort === '-startsOn' ? desc : asc;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(sessionColumns)
      .from(trainingSessions)
      .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
      .where(where)
      .orderBy(direction(trainingSessions.startsOn), direction(trainingSessions.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(trainingSessions).where(where),
  ]);
  return { rows: rows as SessionRow[], total };
}

export async function findSession(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select(sessionColumns)
    .from(trainingSessions)
    .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
    .where(eq(trainingSessions.id, id));
  return row as SessionRow | undefined;
}

export async function insertSession(db: DbOrTx, values: NewSession) {
  const [row] = await db.insert(trainingSessions).values(values).returning({ id: trainingSessions.id });
  return row;
}

export async function updateSession(db: DbOrTx, id: string, values: Partial<NewSession>) {
  await db.update(trainingSessions).set(values).where(eq(trainingSessions.id, id));
}

// ---------------------------------------------------------------------------------------------
// Parts, trainers, eligibility: one query each for a whole page of sessions

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export async function partsOf(db: DbOrTx, sessionIds: string[]): Promise<Map<string, PartRow[]>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(sessionParts)
    .where(inArray(sessionParts.sessionId, sessionIds))
    .orderBy(asc(sessionParts.sessionId), asc(sessionParts.position));
  return groupBy(rows, (r) => r.sessionId);
}

export async function trainersOf(db: DbOrTx, sessionIds: string[]): Promise<Map<string, Named[]>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select({ sessionId: sessionTrainers.sessionId, id: users.id, name: users.name })
    .from(sessionTrainers)
    .innerJoin(users, eq(users.id, sessionTrainers.userId))
    .where(inArray(sessionTrainers.sessionId, sessionIds))
    .orderBy(asc(users.name));
  const grouped = groupBy(rows, (r) => r.sessionId);
  return new Map([...grouped].map(([k, list]) => [k, list.map(({ id, name }) => ({ id, name }))]));
}

export type EligibilityOf = { administrations: Named[]; units: Named[] };

export async function eligibilityOf(db: DbOrTx, sessionIds: string[]): Promise<Map<string, EligibilityOf>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select({
      sessionId: sessionEligibility.sessionId,
      administrationId: administrations.id,
      administrationName: administrations.name,
      unitId: units.id,
      unitName: units.name,
    })
    .from(sessionEligibility)
    .leftJoin(administrations, eq(administrations.id, sessionEligibility.administrationId))
    .leftJoin(units, eq(units.id, sessionEligibility.unitId))
    .where(inArray(sessionEligibility.sessionId, sessionIds))
    .orderBy(asc(administrations.name), asc(units.name));
  const result = new Map<string, EligibilityOf>();
  for (const row of rows) {
    const entry = result.get(row.sessionId) ?? { administrations: [], units: [] };
    if (row.administrationId) entry.administrations.push({ id: row.administrationId, name: row.administrationName! });
    if (row.unitId) entry.units.push({ id: row.unitId, name: row.unitName! });
    result.set(row.sessionId, entry);
  }
  return result;
}

export async function insertParts(db: DbOrTx, values: NewPart[]) {
  if (values.length === 0) return;
  await db.insert(sessionParts).values(values);
}

export async function updatePart(db: DbOrTx, id: string, values: Partial<NewPart>) {
  await db.update(sessionParts).set(values).where(eq(sessionParts.id, id));
}

/** Removes parts; their attendance marks go with them (ON DELETE CASCADE). */
export async function deleteParts(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(sessionParts).where(inArray(sessionParts.id, ids));
}

export async function replaceTrainers(db: DbOrTx, sessionId: string, userIds: string[]) {
  await db.delete(sessionTrainers).where(eq(sessionTrainers.sessionId, sessionId));
  if (userIds.length > 0) await db.insert(sessionTrainers).values(userIds.map((userId) => ({ sessionId, userId })));
}

export async function replaceEligibility(db: DbOrTx, sessionId: string, administrationIds: string[], unitIds: string[]) {
  await db.delete(sessionEligibility).where(eq(sessionEligibility.sessionId, sessionId));
  const rows = [
    ...administrationIds.map((administrationId) => ({ sessionId, administrationId })),
    ...unitIds.map((unitId) => ({ sessionId, unitId })),
  ];
  if (rows.length > 0) await db.insert(sessionEligibility).values(rows);
}

// ---------------------------------------------------------------------------------------------
// Trainers, programmes, recipients

export async function programmeExists(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.select({ id: trainingProgrammes.id }).from(trainingProgrammes).where(eq(trainingProgrammes.id, id));
  return rows.length > 0;
}

export type Recipient = { email: string; locale: 'sv' | 'en'; status: 'enrolled' | 'waiting' };

/**
 * Everyone enrolled or waiting on a session who has an email address, with the language of the
 * user account linked to their employee record (Swedish without one).
 */
export async function recipientsOf(db: DbOrTx, sessionId: string): Promise<Recipient[]> {
  const result = await db.execute<{ email: string; locale: string | null; status: 'enrolled' | 'waiting' }>(sql`
    select emp.email, e.status,
           (select u.locale from users u where u.employee_id = emp.id and u.active order by u.created_at limit 1) as locale
      from enrolments e
      join employees emp on emp.id = e.employee_id
     where e.session_id = ${sessionId}
       and e.status in ('enrolled', 'waiting')
       and emp.email is not null
     order by e.status, e.queued_at, e.id`);
  return result.rows.map((r) => ({ email: r.email, locale: r.locale === 'en' ? 'en' : 'sv', status: r.status }));
}
