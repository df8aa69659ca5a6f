import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { programmeGrants, programmeTargets, trainingLevels, trainingProgrammes } from '../../db/schema/index.js';
import type { ProgrammeListQuery } from '#shared/contracts/programmes';

export type ProgrammeRow = typeof trainingProgrammes.$inferSelect;
export type NewProgramme = typeof trainingProgrammes.$inferInsert;
export type TargetRow = Awaited<ReturnType<typeof targetsOf>>[number];
export type GrantRow = typeof programmeGrants.$inferSelect;

/** Per programme: how many targets, the amounts applied for (all grants) and received (granted ones). */
const totals = {
  targetCount: sql<number>`(select count(*)::int from ${programmeTargets} t where t.programme_id = training_programmes.id)`,
  appliedTotal: sql<number>`(select coalesce(sum(g.applied_amount), 0)::float8 from ${programmeGrants} g where g.programme_id = training_programmes.id)`,
  receivedTotal: sql<number>`(select coalesce(sum(g.received_amount) filter (where g.status = 'granted'), 0)::float8 from ${programmeGrants} g where g.programme_id = training_programmes.id)`,
};

const sorts = {
  name: [asc(trainingProgrammes.name), asc(trainingProgrammes.id)],
  '-name': [desc(trainingProgrammes.name), asc(trainingProgrammes.id)],
  startDate: [asc(trainingProgrammes.startDate), asc(trainingProgrammes.name), asc(trainingProgrammes.id)],
  '-startDate': [desc(trainingProgrammes.startDate), asc(trainingProgrammes.name), asc(trainingProgrammes.id)],
} as const;

export async function listProgrammes(db: DbOrTx, query: ProgrammeListQuery) {
  const where = query.q ? sql`${trainingProgrammes.name} ilike ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ programme: trainingProgrammes, ...totals })
      .from(trainingProgrammes)
      .where(where)
      .orderBy(...sorts[query.sort])
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(trainingProgrammes).where(where),
  ]);
  return { rows, total };
}

export async function findProgramme(db: DbOrTx, id: string, lock?: 'update') {
  const query = db
    .select({ programme: trainingProgrammes, ...totals })
    .from(trainingProgrammes)
    .where(eq(trainingProgrammes.id, id));
  const [row] = lock ? await query.for(lock, { of: trainingProgrammes }) : await query;
  return row;
}
export type ProgrammeWithTotals = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

export async function targetsOf(db: DbOrTx, programmeId: string) {
  return db
    .select({
      id: programmeTargets.id,
      population: programmeTargets.population,
      levelId: programmeTargets.levelId,
      levelNameSv: trainingLevels.nameSv,
      levelNameEn: trainingLevels.nameEn,
      levelRank: trainingLevels.rank,
      targetPercent: programmeTargets.targetPercent,
    })
    .from(programmeTargets)
    .innerJoin(trainingLevels, eq(trainingLevels.id, programmeTargets.levelId))
    .where(eq(programmeTargets.programmeId, programmeId))
    .orderBy(asc(programmeTargets.population), asc(trainingLevels.rank));
}

export async function grantsOf(db: DbOrTx, programmeId: string) {
  return db
    .select()
    .from(programmeGrants)
    .where(eq(programmeGrants.programmeId, programmeId))
    .orderBy(asc(programmeGrants.funder), asc(programmeGrants.id));
}

export async function existingLevelIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: trainingLevels.id }).from(trainingLevels).where(inArray(trainingLevels.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function insertProgramme(db: DbOrTx, values: NewProgramme) {
  const [row] = await db.insert(trainingProgrammes).values(values).returning({ id: trainingProgrammes.id });
  return row;
}

export async function updateProgramme(db: DbOrTx, id: string, values: Partial<NewProgramme>) {
  await db.update(trainingProgrammes).set(values).where(eq(trainingProgrammes.id, id));
}

export async function deleteProgramme(db: DbOrTx, id: string) {
  await db.delete(trainingProgrammes).where(eq(trainingProgrammes.id, id));
}

export async function replaceTargets(
  db: DbOrTx,
  programmeId: string,
  targets: Omit<typeof programmeTargets.$inferInsert, 'programmeId'>[],
) {
  await db.delete(programmeTargets).where(eq(programmeTargets.programmeId, programmeId));
  if (targets.length > 0) await db.insert(programmeTargets).values(targets.map((t) => ({ ...t, programmeId })));
}

export async function replaceGrants(
  db: DbOrTx,
  programmeId: string,
  grants: Omit<typeof programmeGrants.$inferInsert, 'programmeId'>[],
) {
  await db.delete(programmeGrants).where(eq(programmeGrants.programmeId, programmeId));
  if (grants.length > 0) await db.insert(programmeGrants).values(grants.map((g) => ({ ...g, programmeId })));
}

export type ReachRow = { children: boolean; rank: number | null; n: number };

/**
 * The employees employed on `day` (the current-employee rule at that day), counted by whether
 * their unit works with children and youth and by the highest rank they completed on or before it.
 */
export async function reachOn(db: DbOrTx, day: string): Promise<ReachRow[]> {
  const result = await db.execute<ReachRow>(sql`
    with staff as (
      select e.id, u.works_with_children as children
        from employees e join units u on u.id = e.unit_id
       where e.start_date <= ${day}::date and (e.end_date is null or e.end_date >= ${day}::date)
    ),
    best as (
      select en.employee_id, max(l.rank) as rank
        from enrolments en
        join courses c on c.id = en.course_id
        join training_levels l on l.id = c.level_id
       where en.completed_on is not null and en.completed_on <= ${day}::date
         and en.employee_id in (select id from staff)
       group by en.employee_id
    )
    select s.children, b.rank::int as rank, count(*)::int as n
      from staff s left join best b on b.employee_id = s.id
     group by s.children, b.rank
  `);
  return result.rows;
}

export type ProgrammeSessionRow = {
  id: string;
  course_id: string;
  course_name: string;
  title: string | null;
  starts_on: string;
  ends_on: string;
  status: string;
  enrolled: number;
  completed: number;
};

/** The sessions linked to a programme, with how many are enrolled (not waiting or cancelled) and have completed. */
export async function sessionsOf(db: DbOrTx, programmeId: string): Promise<ProgrammeSessionRow[]> {
  const result = await db.execute<ProgrammeSessionRow>(sql`
    select s.id, s.course_id, c.name as course_name, s.title,
           to_char(s.starts_on, 'YYYY-MM-DD') as starts_on, to_char(s.ends_on, 'YYYY-MM-DD') as ends_on, s.status,
           count(en.id) filter (where en.status = 'enrolled')::int as enrolled,
           count(en.id) filter (where en.completed_on is not null)::int as completed
      from training_sessions s
      join courses c on c.id = s.course_id
      left join enrolments en on en.session_id = s.id
     where s.programme_id = ${programmeId}::uuid
     group by s.id, c.name
     order by s.starts_on, s.id
  `);
  return result.rows;
}
