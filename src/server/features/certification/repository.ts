import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { containsPattern } from '../../db/lists.js';
import {
  administrations,
  certificationConfirmations,
  certificationCriteria,
  certificationGroupMembers,
  certificationProcesses,
  certificationSchemes,
  courses,
  employees,
  unitCertificates,
  units,
} from '../../db/schema/index.js';

export type SchemeRow = typeof certificationSchemes.$inferSelect;
export type CriterionRow = typeof certificationCriteria.$inferSelect & { courseName: string | null };
export type NewCriterion = Omit<typeof certificationCriteria.$inferInsert, 'schemeId' | 'position'>;
export type ProcessRow = Awaited<ReturnType<typeof findProcess>> & object;
export type CertificateRow = Awaited<ReturnType<typeof findCertificate>> & object;
export type UnitScope = { administrationIds: string[]; unitIds: string[] } | null;

/** A scheme is in use once a process (and so perhaps a certificate) refers to it: its criteria are then fixed. */
const schemeInUse = sql<boolean>`exists (select 1 from ${certificationProcesses} p where p.scheme_id = certification_schemes.id)`;
const criterionCount = sql<number>`(select count(*)::int from ${certificationCriteria} c where c.scheme_id = certification_schemes.id)`;

export async function listSchemes(db: DbOrTx, active?: boolean) {
  return db
    .select({ scheme: certificationSchemes, inUse: schemeInUse, criterionCount })
    .from(certificationSchemes)
    .where(active === undefined ? undefined : eq(certificationSchemes.active, active))
    .orderBy(asc(sql`lower(${certificationSchemes.name})`));
}

export async function findScheme(db: DbOrTx, id: string, lock?: 'update') {
  const query = db
    .select({ scheme: certificationSchemes, inUse: schemeInUse, criterionCount })
    .from(certificationSchemes)
    .where(eq(certificationSchemes.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row ?? null;
}

export async function criteriaOf(db: DbOrTx, schemeId: string): Promise<CriterionRow[]> {
  const rows = await db
    .select({ criterion: certificationCriteria, courseName: courses.name })
    .from(certificationCriteria)
    .leftJoin(courses, eq(courses.id, certificationCriteria.courseId))
    .where(eq(certificationCriteria.schemeId, schemeId))
    .orderBy(asc(certificationCriteria.position));
  return rows.map((r) => ({ ...r.criterion, courseName: r.courseName }));
}

export async function insertScheme(db: DbOrTx, values: typeof certificationSchemes.$inferInsert) {
  const [row] = await db.insert(certificationSchemes).values(values).returning({ id: certificationSchemes.id });
  return row;
}

export async function updateScheme(db: DbOrTx, id: string, values: Partial<typeof certificationSchemes.$inferInsert>) {
  await db.update(certificationSchemes).set(values).where(eq(certificationSchemes.id, id));
}

export async function deleteScheme(db: DbOrTx, id: string) {
  await db.delete(certificationSchemes).where(eq(certificationSchemes.id, id));
}

export async function replaceCriteria(db: DbOrTx, schemeId: string, criteria: NewCriterion[]) {
  await db.delete(certificationCriteria).where(eq(certificationCriteria.schemeId, schemeId));
  if (criteria.length === 0) return;
  await db.insert(certificationCriteria).values(criteria.map((c, position) => ({ ...c, schemeId, position })));
}

export async function existingCourseIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db.select({ id: courses.id }).from(courses).where(inArray(courses.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function findUnit(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: units.id,
      name: units.name,
      active: units.active,
      administrationId: units.administrationId,
      administrationName: administrations.name,
    })
    .from(units)
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .where(eq(units.id, id));
  return row ?? null;
}

const processColumns = {
  process: certificationProcesses,
  unitName: units.name,
  administrationId: units.administrationId,
  administrationName: administrations.name,
  schemeName: certificationSchemes.name,
  validityYears: certificationSchemes.validityYears,
  issuer: certificationSchemes.issuer,
  certificateId: unitCertificates.id,
};

/** The process with its unit, administration, scheme and certificate; `extra` adds columns of its own. */
function processQuery<Extra extends SelectedFields = Record<never, never>>(db: DbOrTx, extra?: Extra) {
  return db
    .select({ ...processColumns, ...(extra as Extra) })
    .from(certificationProcesses)
    .innerJoin(units, eq(units.id, certificationProcesses.unitId))
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .innerJoin(certificationSchemes, eq(certificationSchemes.id, certificationProcesses.schemeId))
    .leftJoin(unitCertificates, eq(unitCertificates.processId, certificationProcesses.id));
}

export async function findProcess(db: DbOrTx, id: string, lock?: 'update') {
  const query = processQuery(db).where(eq(certificationProcesses.id, id));
  const [row] = lock ? await query.for(lock, { of: certificationProcesses }) : await query;
  return row ?? null;
}

export async function findProcesses(db: DbOrTx, ids: string[]) {
  return processQuery(db).where(inArray(certificationProcesses.id, ids)).for('update', { of: certificationProcesses });
}

export async function listProcesses(db: DbOrTx, filter: { unitId?: string; status?: string; scope: UnitScope }) {
  return processQuery(db)
    .where(
      and(
        filter.unitId ? eq(certificationProcesses.unitId, filter.unitId) : undefined,
        filter.status ? eq(certificationProcesses.status, filter.status) : undefined,
        scopeSql(filter.scope),
      ),
    )
    .orderBy(desc(certificationProcesses.openedAt), asc(certificationProcesses.id));
}

function scopeSql(scope: UnitScope) {
  if (!scope) return undefined;
  const parts = [
    scope.administrationIds.length > 0 ? inArray(units.administrationId, scope.administrationIds) : undefined,
    scope.unitIds.length > 0 ? inArray(units.id, scope.unitIds) : undefined,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

export async function openProcessOf(db: DbOrTx, unitId: string, schemeId: string) {
  const [row] = await db
    .select({ id: certificationProcesses.id })
    .from(certificationProcesses)
    .where(
      and(
        eq(certificationProcesses.unitId, unitId),
        eq(certificationProcesses.schemeId, schemeId),
        eq(certificationProcesses.status, 'open'),
      ),
    );
  return row ?? null;
}

export async function insertProcess(db: DbOrTx, values: typeof certificationProcesses.$inferInsert) {
  const [row] = await db.insert(certificationProcesses).values(values).returning({ id: certificationProcesses.id });
  return row;
}

export async function setProcessStatus(
  db: DbOrTx,
  id: string,
  status: 'open' | 'certified' | 'cancelled',
  closedAt: Date | null,
) {
  await db.update(certificationProcesses).set({ status, closedAt }).where(eq(certificationProcesses.id, id));
}

/** The unit's newest certificate of the scheme that was not revoked, and the process it came from: what a renewal starts from. */
export async function latestCertificateOf(db: DbOrTx, unitId: string, schemeId: string) {
  const [row] = await db
    .select({ id: unitCertificates.id, processId: unitCertificates.processId })
    .from(unitCertificates)
    .where(
      and(
        eq(unitCertificates.unitId, unitId),
        eq(unitCertificates.schemeId, schemeId),
        sql`${unitCertificates.revokedAt} is null`,
      ),
    )
    .orderBy(desc(unitCertificates.certifiedOn), desc(unitCertificates.createdAt))
    .limit(1);
  return row ?? null;
}

/** The process's working group; current: employed in the process's unit on the day (needs only the id, so it can run beside findProcess). */
export type GroupMember = { employeeId: string; firstName: string; lastName: string; title: string | null; current: boolean };

export async function groupOf(db: DbOrTx, processId: string, today: string): Promise<GroupMember[]> {
  return db
    .select({
      employeeId: employees.id,
      firstName: employees.firstName,
      lastName: employees.lastName,
      title: employees.title,
      current: sql<boolean>`(${employees.unitId} = ${certificationProcesses.unitId} and ${employees.startDate} <= ${today}::date and (${employees.endDate} is null or ${employees.endDate} >= ${today}::date))`,
    })
    .from(certificationGroupMembers)
    .innerJoin(certificationProcesses, eq(certificationProcesses.id, certificationGroupMembers.processId))
    .innerJoin(employees, eq(employees.id, certificationGroupMembers.employeeId))
    .where(eq(certificationGroupMembers.processId, processId))
    .orderBy(asc(employees.lastName), asc(employees.firstName), asc(employees.id));
}

export async function replaceGroup(db: DbOrTx, processId: string, employeeIds: string[]) {
  await db.delete(certificationGroupMembers).where(eq(certificationGroupMembers.processId, processId));
  if (employeeIds.length > 0)
    await db.insert(certificationGroupMembers).values(employeeIds.map((employeeId) => ({ processId, employeeId })));
}

/** Of these employees, those employed in the unit today. */
export async function currentStaffAmong(db: DbOrTx, unitId: string, employeeIds: string[], today: string) {
  if (employeeIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: employees.id })
    .from(employees)
    .where(
      and(
        inArray(employees.id, employeeIds),
        eq(employees.unitId, unitId),
        sql`${employees.startDate} <= ${today}::date and (${employees.endDate} is null or ${employees.endDate} >= ${today}::date)`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function confirmationsOf(db: DbOrTx, processId: string) {
  return db.select().from(certificationConfirmations).where(eq(certificationConfirmations.processId, processId));
}

export async function upsertConfirmation(db: DbOrTx, values: typeof certificationConfirmations.$inferInsert) {
  await db
    .insert(certificationConfirmations)
    .values(values)
    .onConflictDoUpdate({
      target: [certificationConfirmations.processId, certificationConfirmations.criterionId],
      set: {
        evidence: values.evidence,
        confirmedByUserId: values.confirmedByUserId,
        confirmedByName: values.confirmedByName,
        confirmedAt: values.confirmedAt,
      },
    });
}

export async function deleteConfirmation(db: DbOrTx, processId: string, criterionId: string) {
  await db
    .delete(certificationConfirmations)
    .where(and(eq(certificationConfirmations.processId, processId), eq(certificationConfirmations.criterionId, criterionId)));
}

/** A renewal starts where the last certification ended: the same working group (those still in the unit) and confirmations. */
export async function copyProcessContent(db: DbOrTx, fromProcessId: string, toProcessId: string, unitId: string, today: string) {
  await db.execute(sql`
    insert into certification_group_members (process_id, employee_id)
    select ${toProcessId}::uuid, m.employee_id
      from certification_group_members m
      join employees e on e.id = m.employee_id
     where m.process_id = ${fromProcessId}::uuid
       and e.unit_id = ${unitId}::uuid and e.start_date <= ${today}::date and (e.end_date is null or e.end_date >= ${today}::date)`);
  await db.execute(sql`
    insert into certification_confirmations (process_id, criterion_id, evidence, confirmed_by_user_id, confirmed_by_name, confirmed_at)
    select ${toProcessId}::uuid, c.criterion_id, c.evidence, c.confirmed_by_user_id, c.confirmed_by_name, c.confirmed_at
      from certification_confirmations c
     where c.process_id = ${fromProcessId}::uuid`);
}

export type ChecklistRow = CriterionRow & {
  processId: string;
  /** Computed criteria: the live value (and, for a share, its denominator); null for confirmed ones. */
  value: number | null;
  of: number | null;
  evidence: string | null;
  confirmedByName: string | null;
  /** ISO 8601, UTC. */
  confirmedAt: string | null;
};

/**
 * Each process's criteria with their live values on a day and their confirmations, in one statement
 * for any number of processes: given with their unit and scheme (their rows need not exist yet: the
 * demo computes a checklist in the transaction that writes the process), or by id alone (read from
 * their rows, so the checklist can be asked for beside the process itself). What each kind counts:
 * course_share: of the unit's current staff, those who completed the course on or before the day;
 * sessions_held: sessions (not cancelled) that ended on or before the day and were open to the unit by name;
 * working_group: the process's members employed in the unit on the day;
 * action_plan: the unit's adopted plans of the area (or of both areas) whose period covers the day's year.
 */
export async function checklistRows(
  db: DbOrTx,
  processes: { id: string; unitId: string; schemeId: string }[] | string[],
  day: string,
): Promise<ChecklistRow[]> {
  if (processes.length === 0) return [];
  const source = processes.every((p) => typeof p === 'string')
    ? sql`select id, unit_id, scheme_id from certification_processes
           where id in (${sql.join(
             processes.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})`
    : sql`values ${sql.join(
        processes.map((p) => sql`(${p.id}::uuid, ${p.unitId}::uuid, ${p.schemeId}::uuid)`),
        sql`, `,
      )}`;
  const result = await db.execute<ChecklistRow>(checklistStatement(source, day));
  return result.rows.map(checklistRowOf);
}

/** The checklist's rows as normalised numbers; they come from a result row or from json_agg. */
function checklistRowOf(row: ChecklistRow): ChecklistRow {
  return {
    ...row,
    position: Number(row.position),
    threshold: row.threshold === null ? null : Number(row.threshold),
    value: row.value === null ? null : Number(row.value),
    of: row.of === null ? null : Number(row.of),
  };
}

/** The statement behind checklistRows, for processes given as rows of (id, unit_id, scheme_id). */
function checklistStatement(source: SQL, day: string) {
  return sql`
    with p(id, unit_id, scheme_id) as (${source}),
    staff as (
      select p.id as process_id, e.id as employee_id
        from p join employees e on e.unit_id = p.unit_id
       where e.start_date <= ${day}::date and (e.end_date is null or e.end_date >= ${day}::date)
    )
    select p.id as "processId", cr.id, cr.scheme_id as "schemeId", cr.position, cr.kind, cr.label, cr.description,
           cr.course_id as "courseId", co.name as "courseName", cr.threshold, cr.plan_area as "planArea",
           case cr.kind
             when 'course_share' then
               (select count(*)::int from staff s
                 where s.process_id = p.id
                   and exists (select 1 from enrolments en where en.employee_id = s.employee_id and en.course_id = cr.course_id
                                 and en.completed_on is not null and en.completed_on <= ${day}::date))
             when 'sessions_held' then
               (select count(*)::int from training_sessions ts
                 where ts.status = 'planned' and ts.ends_on <= ${day}::date
                   and (cr.course_id is null or ts.course_id = cr.course_id)
                   and exists (select 1 from session_eligibility se where se.session_id = ts.id and se.unit_id = p.unit_id))
             when 'working_group' then
               (select count(*)::int from certification_group_members m
                  join staff s on s.process_id = p.id and s.employee_id = m.employee_id
                 where m.process_id = p.id)
             when 'action_plan' then
               (select count(*)::int from action_plans ap
                 where ap.scope = 'unit' and ap.unit_id = p.unit_id and ap.status = 'adopted'
                   and ap.area in (cr.plan_area, 'both')
                   and ap.start_year <= extract(year from ${day}::date) and ap.end_year >= extract(year from ${day}::date))
           end as value,
           case when cr.kind = 'course_share' then (select count(*)::int from staff s where s.process_id = p.id) end as of,
           cf.evidence, cf.confirmed_by_name as "confirmedByName",
           to_char(cf.confirmed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "confirmedAt"
      from p
      join certification_criteria cr on cr.scheme_id = p.scheme_id
      left join courses co on co.id = cr.course_id
      left join certification_confirmations cf on cf.process_id = p.id and cf.criterion_id = cr.id
     order by p.id, cr.position`;
}

/**
 * A process with its live checklist and its working group, in one statement (one round trip: the
 * page of a process is read far more often than it changes). The checklist is checklistRows'
 * statement as a subquery; the group is groupOf's rows.
 */
export async function findProcessDetail(db: DbOrTx, id: string, today: string) {
  const [row] = await processQuery(db, {
      checklist: sql<ChecklistRow[]>`(select coalesce(json_agg(c order by c.position), '[]'::json) from (${checklistStatement(
        sql`select id, unit_id, scheme_id from certification_processes where id = ${id}::uuid`,
        today,
      )}) c)`,
      group: sql<GroupMember[]>`(select coalesce(json_agg(json_build_object(
          'employeeId', e.id, 'firstName', e.first_name, 'lastName', e.last_name, 'title', e.title,
          'current', (e.unit_id = ${certificationProcesses.unitId} and e.start_date <= ${today}::date and (e.end_date is null or e.end_date >= ${today}::date))
        ) order by e.last_name, e.first_name, e.id), '[]'::json)
        from certification_group_members m join employees e on e.id = m.employee_id
       where m.process_id = ${certificationProcesses.id})`,
    }).where(eq(certificationProcesses.id, id));
  return row ? { ...row, checklist: row.checklist.map(checklistRowOf) } : null;
}

export type UnitStatusRow = {
  unit_id: string;
  unit_name: string;
  administration_id: string;
  administration_name: string;
  works_with_children: boolean;
  certificate_id: string | null;
  scheme_name: string | null;
  valid_until: string | null;
  open_process_id: string | null;
  status: 'certified' | 'in_process' | 'expired' | 'not_started';
};

/**
 * Every active unit in scope with where it stands: certified (a certificate valid on the day),
 * in process (an open process), expired (a certificate that has run out and none in process),
 * or not started. The certificate shown is the one valid longest, else the one that ran out last.
 */
export async function unitStatuses(
  db: DbOrTx,
  filter: {
    today: string;
    schemeId?: string;
    administrationId?: string;
    worksWithChildren?: boolean;
    q?: string;
    scope: UnitScope;
  },
): Promise<UnitStatusRow[]> {
  const scheme = filter.schemeId ? sql`and scheme_id = ${filter.schemeId}::uuid` : sql``;
  const scope = filter.scope
    ? sql`and (${
        filter.scope.administrationIds.length > 0
          ? sql`u.administration_id in (${sql.join(
              filter.scope.administrationIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : sql`false`
      }
           or ${
             filter.scope.unitIds.length > 0
               ? sql`u.id in (${sql.join(
                   filter.scope.unitIds.map((id) => sql`${id}::uuid`),
                   sql`, `,
                 )})`
               : sql`false`
           })`
    : sql``;
  const result = await db.execute<UnitStatusRow>(sql`
    with certificate as (
      select distinct on (unit_id) unit_id, id, scheme_id, valid_until
        from unit_certificates
       where revoked_at is null and certified_on <= ${filter.today}::date ${scheme}
       order by unit_id, valid_until desc, created_at desc
    ), open_process as (
      select distinct on (unit_id) unit_id, id
        from certification_processes
       where status = 'open' ${scheme}
       order by unit_id, opened_at desc
    )
    select u.id as unit_id, u.name as unit_name, a.id as administration_id, a.name as administration_name,
           u.works_with_children, c.id as certificate_id, s.name as scheme_name, c.valid_until::text as valid_until,
           o.id as open_process_id,
           case when c.valid_until >= ${filter.today}::date then 'certified'
                when o.id is not null then 'in_process'
                when c.id is not null then 'expired'
                else 'not_started' end as status
      from units u
      join administrations a on a.id = u.administration_id
      left join certificate c on c.unit_id = u.id
      left join certification_schemes s on s.id = c.scheme_id
      left join open_process o on o.unit_id = u.id
     where u.active
       ${filter.administrationId ? sql`and u.administration_id = ${filter.administrationId}::uuid` : sql``}
       ${filter.worksWithChildren === undefined ? sql`` : sql`and u.works_with_children = ${filter.worksWithChildren}`}
       ${filter.q ? sql`and u.name ilike ${containsPattern(filter.q)}` : sql``}
       ${scope}
     order by lower(a.name), lower(u.name), u.id`);
  return result.rows;
}

const certificateColumns = {
  certificate: unitCertificates,
  unitName: units.name,
  administrationId: units.administrationId,
  administrationName: administrations.name,
  schemeName: certificationSchemes.name,
  issuer: certificationSchemes.issuer,
};

function certificateQuery(db: DbOrTx) {
  return db
    .select(certificateColumns)
    .from(unitCertificates)
    .innerJoin(units, eq(units.id, unitCertificates.unitId))
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .innerJoin(certificationSchemes, eq(certificationSchemes.id, unitCertificates.schemeId));
}

export async function findCertificate(db: DbOrTx, id: string, lock?: 'update') {
  const query = certificateQuery(db).where(eq(unitCertificates.id, id));
  const [row] = lock ? await query.for(lock, { of: unitCertificates }) : await query;
  return row ?? null;
}

export async function findCertificateByCode(db: DbOrTx, code: string) {
  const [row] = await certificateQuery(db).where(eq(unitCertificates.code, code));
  return row ?? null;
}

export async function listCertificates(db: DbOrTx, filter: { unitId?: string; scope: UnitScope }) {
  return certificateQuery(db)
    .where(and(filter.unitId ? eq(unitCertificates.unitId, filter.unitId) : undefined, scopeSql(filter.scope)))
    .orderBy(desc(unitCertificates.certifiedOn), desc(unitCertificates.createdAt));
}

export async function insertCertificate(db: DbOrTx, values: typeof unitCertificates.$inferInsert) {
  const [row] = await db.insert(unitCertificates).values(values).returning({ id: unitCertificates.id });
  return row;
}

export async function revokeCertificate(
  db: DbOrTx,
  id: string,
  values: { revokedAt: Date; revokedReason: string; revokedByName: string },
) {
  await db.update(unitCertificates).set(values).where(eq(unitCertificates.id, id));
}

/** The public register: certificates valid on the day, not revoked. */
export async function validCertificates(db: DbOrTx, today: string) {
  return certificateQuery(db)
    .where(
      and(
        // A unit that has closed is no longer certified anywhere, whatever its certificate says.
        eq(units.active, true),
        sql`${unitCertificates.revokedAt} is null`,
        sql`${unitCertificates.certifiedOn} <= ${today}::date`,
        sql`${unitCertificates.validUntil} >= ${today}::date`,
      ),
    )
    .orderBy(asc(sql`lower(${administrations.name})`), asc(sql`lower(${units.name})`), asc(certificationSchemes.name));
}

/** The newest valid certificate of each unit and scheme on the day (a renewal may overlap the one it renews). */
const currentCertificates = (today: string, unitIds?: string[]) => sql`
  select distinct on (c.unit_id, c.scheme_id) c.id, c.unit_id, c.scheme_id, c.process_id, c.valid_until
    from unit_certificates c
   where c.revoked_at is null and c.certified_on <= ${today}::date and c.valid_until >= ${today}::date
     ${
       unitIds
         ? unitIds.length > 0
           ? sql`and c.unit_id in (${sql.join(
               unitIds.map((id) => sql`${id}::uuid`),
               sql`, `,
             )})`
           : sql`and false`
         : sql``
     }
   order by c.unit_id, c.scheme_id, c.valid_until desc, c.created_at desc`;

export type BelowThresholdRow = {
  certificate_id: string;
  unit_id: string;
  criterion_id: string;
  label: string;
  kind: 'course_share' | 'working_group' | 'action_plan';
  threshold: number;
  value: number;
  of: number | null;
};

/**
 * Of the certificates valid on the day (of these units, or all), the computed criteria the unit no
 * longer meets: staff who completed the course below the share (people joined, or trained people
 * left), the working group below its size, or no adopted action plan for the year (the plan ended or
 * its period ran out). Sessions held never fall, so they are not checked.
 */
export async function criteriaBelowThreshold(db: DbOrTx, today: string, unitIds?: string[]): Promise<BelowThresholdRow[]> {
  const current = sql`e.start_date <= ${today}::date and (e.end_date is null or e.end_date >= ${today}::date)`;
  const result = await db.execute<BelowThresholdRow>(sql`
    with valid as (${currentCertificates(today, unitIds)}),
    measured as (
      select v.id as certificate_id, v.unit_id, cr.id as criterion_id, cr.label, cr.kind, cr.threshold, cr.position,
             case when cr.kind = 'course_share' then
                    (select count(*)::int from employees e
                      where e.unit_id = v.unit_id and ${current}
                        and exists (select 1 from enrolments en where en.employee_id = e.id and en.course_id = cr.course_id
                                      and en.completed_on is not null and en.completed_on <= ${today}::date))
                  when cr.kind = 'action_plan' then
                    (select count(*)::int from action_plans ap
                      where ap.scope = 'unit' and ap.unit_id = v.unit_id and ap.status = 'adopted'
                        and ap.area in (cr.plan_area, 'both')
                        and ap.start_year <= extract(year from ${today}::date) and ap.end_year >= extract(year from ${today}::date))
                  else
                    (select count(*)::int from certification_group_members m join employees e on e.id = m.employee_id
                      where m.process_id = v.process_id and e.unit_id = v.unit_id and ${current})
             end as value,
             case when cr.kind = 'course_share' then
                    (select count(*)::int from employees e where e.unit_id = v.unit_id and ${current})
             end as of
        from valid v
        join certification_criteria cr on cr.scheme_id = v.scheme_id and cr.kind in ('course_share', 'working_group', 'action_plan')
    )
    select certificate_id, unit_id, criterion_id, label, kind, coalesce(threshold, 1) as threshold, value, of
      from measured
     where case when kind = 'course_share' then of = 0 or value * 100 < threshold * of else value < coalesce(threshold, 1) end
     order by unit_id, position`);
  return result.rows.map((row) => ({
    ...row,
    threshold: Number(row.threshold),
    value: Number(row.value),
    of: row.of === null ? null : Number(row.of),
  }));
}

export type RenewalRow = {
  certificate_id: string;
  unit_id: string;
  unit_name: string;
  scheme_name: string;
  valid_until: string;
};

/** The certificates valid on the day that run out within this many months: the candidates for a renewal reminder. */
export async function certificatesRunningOut(db: DbOrTx, today: string, withinMonths: number): Promise<RenewalRow[]> {
  const result = await db.execute<RenewalRow>(sql`
    with valid as (${currentCertificates(today)})
    select v.id as certificate_id, v.unit_id, u.name as unit_name, s.name as scheme_name, v.valid_until::text as valid_until
      from valid v
      join units u on u.id = v.unit_id
      join certification_schemes s on s.id = v.scheme_id
     where v.valid_until < (${today}::date + make_interval(months => ${withinMonths}::int))::date
     order by v.valid_until, u.name`);
  return result.rows;
}

/** Who hears about a unit's certificate: its managers and the administrators (active users). */
export async function recipientsFor(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  const result = await db.execute<{ unit_id: string | null; email: string; locale: string; role: string }>(sql`
    select distinct r.unit_id, u.email, u.locale, r.role
      from users u
      join user_roles r on r.user_id = u.id
     where u.active
       and (r.role = 'administrator'
            or (r.role = 'unit_manager' and r.unit_id in (${sql.join(
              unitIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})))
     order by u.email`);
  return result.rows;
}

export async function reminderMonths(db: DbOrTx): Promise<number[]> {
  const result = await db.execute<{ months: number[] }>(
    sql`select renewal_reminder_months as months from certification_settings where id = 1`,
  );
  return (result.rows[0]?.months ?? [6, 3, 1]).map(Number);
}

export async function saveReminderMonths(db: DbOrTx, months: number[], now: Date) {
  await db.execute(sql`
    insert into certification_settings (id, renewal_reminder_months, updated_at)
    values (1, ${`{${months.join(',')}}`}::integer[], ${now.toISOString()}::timestamptz)
    on conflict (id) do update set renewal_reminder_months = excluded.renewal_reminder_months, updated_at = excluded.updated_at`);
}

export async function unitNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
}
