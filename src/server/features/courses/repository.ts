import { and, asc, count, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { courses, trainingLevels } from '../../db/schema/index.js';
import { orderFor, searchWords } from '../../db/lists.js';
import type { CourseListQuery } from '#shared/contracts/courses';

export type LevelRow = typeof trainingLevels.$inferSelect;
export type NewLevel = typeof trainingLevels.$inferInsert;
export type NewCourse = typeof courses.$inferInsert;

const levelColumns = {
  id: trainingLevels.id,
  key: trainingLevels.key,
  nameSv: trainingLevels.nameSv,
  nameEn: trainingLevels.nameEn,
  rank: trainingLevels.rank,
  active: trainingLevels.active,
};
export type LevelView = { id: string; key: string; nameSv: string; nameEn: string; rank: number; active: boolean };

const courseColumns = { ...getTableColumns(courses), level: levelColumns };
export type CourseRow = typeof courses.$inferSelect & { level: LevelView };

// ---------------------------------------------------------------------------------------------
// Levels

export async function listLevels(db: DbOrTx): Promise<LevelView[]> {
  return db.select(levelColumns).from(trainingLevels).orderBy(asc(trainingLevels.rank));
}

export async function findLevel(db: DbOrTx, id: string, lock = false): Promise<LevelView | undefined> {
  const query = db.select(levelColumns).from(trainingLevels).where(eq(trainingLevels.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function keyTaken(db: DbOrTx, key: string): Promise<boolean> {
  const rows = await db.select({ id: trainingLevels.id }).from(trainingLevels).where(eq(trainingLevels.key, key));
  return rows.length > 0;
}

export async function rankTaken(db: DbOrTx, rank: number, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: trainingLevels.id })
    .from(trainingLevels)
    .where(and(eq(trainingLevels.rank, rank), exceptId ? ne(trainingLevels.id, exceptId) : undefined));
  return rows.length > 0;
}

export async function insertLevel(db: DbOrTx, values: NewLevel) {
  const [row] = await db.insert(trainingLevels).values(values).returning({ id: trainingLevels.id });
  return row;
}

export async function updateLevel(db: DbOrTx, id: string, values: Partial<NewLevel>) {
  await db.update(trainingLevels).set(values).where(eq(trainingLevels.id, id));
}

// ---------------------------------------------------------------------------------------------
// Courses

export type CourseFilter = Pick<CourseListQuery, 'q' | 'topic' | 'levelId' | 'active'>;

const sortColumns = {
  name: [sql`lower(${courses.name})`],
  topic: [courses.topic, sql`lower(${courses.name})`],
  level: [trainingLevels.rank, sql`lower(${courses.name})`],
  hours: [courses.nominalMinutes, sql`lower(${courses.name})`],
  createdAt: [courses.createdAt],
};

/** Takes the pool, not a transaction: the page and its total are read in parallel. */
export async function listCourses(db: Db, filter: CourseFilter, sort: CourseListQuery['sort'], limit: number, offset: number) {
  const where = and(
    filter.topic ? eq(courses.topic, filter.topic) : undefined,
    filter.levelId ? eq(courses.levelId, filter.levelId) : undefined,
    filter.active === undefined ? undefined : eq(courses.active, filter.active),
    ...searchWords(filter.q, [courses.name, courses.provider, courses.description]),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(courseColumns)
      .from(courses)
      .innerJoin(trainingLevels, eq(trainingLevels.id, courses.levelId))
      .where(where)
      .orderBy(...orderFor(sort, sortColumns, courses.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(courses).where(where),
  ]);
  return { rows: rows as CourseRow[], total };
}

export async function findCourse(db: DbOrTx, id: string, lock = false): Promise<CourseRow | undefined> {
  const query = db
    .select(courseColumns)
    .from(courses)
    .innerJoin(trainingLevels, eq(trainingLevels.id, courses.levelId))
    .where(eq(courses.id, id));
  const [row] = lock ? await query.for('update', { of: courses }) : await query;
  return row as CourseRow | undefined;
}

export async function insertCourse(db: DbOrTx, values: NewCourse) {
  const [row] = await db.insert(courses).values(values).returning({ id: courses.id });
  return row;
}

export async function updateCourse(db: DbOrTx, id: string, values: Partial<NewCourse>) {
  await db.update(courses).set(values).where(eq(courses.id, id));
}
