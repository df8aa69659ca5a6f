import { eq, sql } from 'drizzle-orm';
import { refreshEmployeeLevels } from '#server/features/enrolments/outcomes';
import type { Db } from '#server/db/client';
import { courses, enrolments, sessionParts, trainingLevels, trainingSessions } from '#server/db/schema/index';
import { buildEmployee } from './factories.js';

/** The levels the migration seeds, by key: lecture, half_day, workshop, certification_course. */
export async function levelId(db: Db, key = 'lecture') {
  const [level] = await db.select().from(trainingLevels).where(eq(trainingLevels.key, key));
  if (!level) throw new Error(`no training level ${key}`);
  return level.id;
}

let sequence = 0;

export async function buildCourse(db: Db, overrides: Partial<typeof courses.$inferInsert> & { level?: string } = {}) {
  const { level, ...values } = overrides;
  const [row] = await db
    .insert(courses)
    .values({
      name: `Kurs ${++sequence}`,
      topic: 'hbtq',
      levelId: values.levelId ?? (await levelId(db, level ?? 'lecture')),
      nominalMinutes: 240,
      completionThreshold: 80,
      ...values,
    })
    .returning();
  return row;
}

export type PartSpec = { date: string; startTime?: string; endTime?: string; place?: string };

/**
 * A planned session with its parts (default: one part 09:00-13:00), capacity 20. startsOn, endsOn
 * and totalMinutes are computed from the parts as the sessions service does.
 */
export async function buildSession(
  db: Db,
  options: { courseId?: string; capacity?: number; parts?: PartSpec[]; status?: string; eligibility?: string } = {},
) {
  const courseId = options.courseId ?? (await buildCourse(db)).id;
  const parts = (options.parts ?? [{ date: '2026-04-01' }]).map((p, index) => ({
    position: index + 1,
    date: p.date,
    startTime: p.startTime ?? '09:00',
    endTime: p.endTime ?? '13:00',
    place: p.place ?? 'Stadshuset',
  }));
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const dates = parts.map((p) => p.date).sort();
  const [session] = await db
    .insert(trainingSessions)
    .values({
      courseId,
      capacity: options.capacity ?? 20,
      status: options.status ?? 'planned',
      eligibility: options.eligibility ?? 'everyone',
      startsOn: dates[0],
      endsOn: dates[dates.length - 1],
      totalMinutes: parts.reduce((sum, p) => sum + minutes(p.endTime) - minutes(p.startTime), 0),
    })
    .returning();
  const rows = await db
    .insert(sessionParts)
    .values(parts.map((p) => ({ ...p, sessionId: session.id })))
    .returning();
  return { ...session, parts: rows.sort((a, b) => a.position - b.position) };
}

export async function buildEnrolment(
  db: Db,
  session: { id: string; courseId: string },
  overrides: Partial<typeof enrolments.$inferInsert> = {},
) {
  const employeeId = overrides.employeeId ?? (await buildEmployee(db)).id;
  const [row] = await db
    .insert(enrolments)
    .values({
      sessionId: session.id,
      courseId: session.courseId,
      employeeId,
      status: 'enrolled',
      source: 'coordinator',
      enrolledAt: new Date('2026-03-01T09:00:00Z'),
      queuedAt: new Date('2026-03-01T09:00:00Z'),
      ...overrides,
    })
    .returning();
  // A completion written straight into the row, as coverage tests do, needs its derived levels too.
  if (row.completedOn) await refreshEmployeeLevels(db, sql`select ${row.employeeId}::uuid`);
  return row;
}
