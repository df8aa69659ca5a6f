import { randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { perDatabase, readVersions, versionKey, VersionedCache, type DataFamily } from '../../http/versioned-cache.js';
import type {
  BelowThreshold,
  Certificate,
  CertificationSettings,
  CertificationProcess,
  CertificationUnitPage,
  ChecklistItem,
  Scheme,
  SchemeSummary,
  UnitCertificateVerification,
  PublicRegister,
  ProcessListItem,
  criterionBody,
  schemeBody,
  updateSchemeBody,
  certificationUnitsQuery,
  CertificationUnitSort,
  UnitCertificationStatus,
} from '#shared/contracts/certification';
import { unitCertificateCodeLength, unitCertificationStatuses } from '#shared/contracts/certification';
import { normaliseCertificateCode } from '#shared/contracts/training-records';
import { changedFields, recordAudit } from '../audit/service.js';
import { stockholmDate } from '../employees/current.js';
import { canForUnit, canScheme, readScope, type UnitTarget } from './policy.js';
import {
  certificateStatus,
  presentCertificate,
  presentCriterion,
  presentProcessSummary,
  presentSchemeSummary,
} from './presenter.js';
import * as repo from './repository.js';

type SchemeInput = z.output<typeof schemeBody>;
type SchemeUpdate = z.output<typeof updateSchemeBody>;
type CriterionInput = z.output<typeof criterionBody>;
type UnitsQuery = z.output<typeof certificationUnitsQuery>;

const today = (ctx: Pick<AppContext, 'clock'>) => stockholmDate(ctx.clock.now());

// ---- Schemes ---------------------------------------------------------------------------------

function requireScheme(actor: Actor, action: 'create' | 'read' | 'update' | 'delete') {
  if (!canScheme(actor, action)) throw forbidden();
}

export async function listSchemes(ctx: AppContext, actor: Actor, active?: boolean): Promise<{ items: SchemeSummary[] }> {
  requireScheme(actor, 'read');
  const rows = await repo.listSchemes(ctx.db, active);
  return { items: rows.map(presentSchemeSummary) };
}

async function schemeDetail(db: DbOrTx, id: string): Promise<Scheme> {
  const row = await repo.findScheme(db, id);
  if (!row) throw notFound();
  const criteria = await repo.criteriaOf(db, id);
  return { ...presentSchemeSummary(row), criteria: criteria.map(presentCriterion) };
}

export async function getScheme(ctx: AppContext, actor: Actor, id: string): Promise<Scheme> {
  requireScheme(actor, 'read');
  return schemeDetail(ctx.db, id);
}

/** Criteria name courses that exist; only the kinds that use a course may name one. */
async function checkCriteria(db: DbOrTx, criteria: CriterionInput[]): Promise<repo.NewCriterion[]> {
  const known = await repo.existingCourseIds(db, [...new Set(criteria.flatMap((c) => (c.courseId ? [c.courseId] : [])))]);
  const details: { path: string; message: string }[] = [];
  const rows = criteria.map((c, index) => {
    const usesCourse = c.kind === 'course_share' || c.kind === 'sessions_held';
    if (usesCourse && c.courseId && !known.has(c.courseId))
      details.push({ path: `body.criteria.${index}.courseId`, message: 'unknown_course' });
    return {
      kind: c.kind,
      label: c.label,
      description: c.description,
      courseId: usesCourse ? c.courseId : null,
      threshold: c.kind === 'confirmed' || c.kind === 'action_plan' ? null : c.threshold,
      planArea: c.kind === 'action_plan' ? c.planArea : null,
    };
  });
  if (details.length > 0) throw badRequest('validation_failed', details);
  return rows;
}

const auditedCriteria = (criteria: repo.NewCriterion[]) =>
  criteria.map((c) => ({
    kind: c.kind,
    label: c.label,
    description: c.description,
    courseId: c.courseId,
    threshold: c.threshold,
    planArea: c.planArea,
  }));

export async function createScheme(ctx: AppContext, actor: Actor, body: SchemeInput): Promise<Scheme> {
  requireScheme(actor, 'create');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const criteria = await checkCriteria(tx, body.criteria);
    const { id } = await repo.insertScheme(tx, {
      name: body.name,
      issuer: body.issuer,
      description: body.description,
      validityYears: body.validityYears,
      active: body.active,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceCriteria(tx, id, criteria);
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'certification_scheme',
        entityId: id,
        after: {
          name: body.name,
          issuer: body.issuer,
          description: body.description,
          validityYears: body.validityYears,
          active: body.active,
          criteria: auditedCriteria(criteria),
        },
      },
      now,
    );
    return schemeDetail(tx, id);
  });
}

/**
 * Name, issuer, description, validity and whether it is offered can always change (validity applies
 * to certificates issued from then on). The criteria are fixed once a unit has started on the scheme:
 * a checklist in progress, and the snapshots of issued certificates, must keep meaning what they said.
 */
export async function updateScheme(ctx: AppContext, actor: Actor, id: string, body: SchemeUpdate): Promise<Scheme> {
  requireScheme(actor, 'update');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findScheme(tx, id, 'update');
    if (!current) throw notFound();
    const { criteria: newCriteria, ...fields } = body;
    const s = current.scheme;
    const before: Record<string, unknown> = {
      name: s.name,
      issuer: s.issuer,
      description: s.description,
      validityYears: s.validityYears,
      active: s.active,
    };
    const after: Record<string, unknown> = { ...before, ...fields };
    if (newCriteria) {
      if (current.inUse) throw conflict('scheme_in_use');
      const rows = await checkCriteria(tx, newCriteria);
      before.criteria = auditedCriteria(await repo.criteriaOf(tx, id));
      after.criteria = auditedCriteria(rows);
      await repo.replaceCriteria(tx, id, rows);
    }
    const changes = changedFields(before, after);
    if (changes) {
      await repo.updateScheme(tx, id, { ...fields, updatedAt: now });
      await recordAudit(tx, actor, { action: 'update', entityType: 'certification_scheme', entityId: id, ...changes }, now);
    }
    return schemeDetail(tx, id);
  });
}

export async function deleteScheme(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireScheme(actor, 'delete');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findScheme(tx, id, 'update');
    if (!current) throw notFound();
    if (current.inUse) throw conflict('scheme_in_use');
    await repo.deleteScheme(tx, id);
    await recordAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'certification_scheme', entityId: id, before: { name: current.scheme.name } },
      now,
    );
  });
}

// ---- Where the units stand ----------------------------------------------------------------------

/**
 * Every active unit's status on a day, for other features' own rules inside their transaction (the
 * network demo): no actor, so the caller decides who sees what.
 */
export function unitStatusesOn(db: DbOrTx, day: string) {
  return repo.unitStatuses(db, { today: day, scope: null });
}

export async function listUnitStatuses(ctx: AppContext, actor: Actor, query: UnitsQuery): Promise<CertificationUnitPage> {
  const scope = readScope(actor, 'certification');
  if (scope && scope.administrationIds.length === 0 && scope.unitIds.length === 0) throw forbidden();
  const rows = await repo.unitStatuses(ctx.db, {
    today: today(ctx),
    schemeId: query.schemeId,
    administrationId: query.administrationId,
    worksWithChildren: query.worksWithChildren === undefined ? undefined : query.worksWithChildren === 'true',
    q: query.q,
    scope,
  });
  // The counts describe the filtered units whatever their status, so a chart of them stays whole while one status is listed.
  const counts = Object.fromEntries(unitCertificationStatuses.map((status) => [status, 0])) as CertificationUnitPage['counts'];
  for (const row of rows) counts[row.status] += 1;
  const listed = sortUnitStatuses(query.status ? rows.filter((row) => row.status === query.status) : rows, query.sort);
  const start = (query.page - 1) * query.pageSize;
  const shown = listed.slice(start, start + query.pageSize);
  const below = await belowThresholdByCertificate(
    ctx.db,
    today(ctx),
    shown.filter((row) => row.status === 'certified').map((row) => row.unit_id),
  );
  return {
    items: shown.map((row) => ({
      unitId: row.unit_id,
      unitName: row.unit_name,
      administrationId: row.administration_id,
      administrationName: row.administration_name,
      worksWithChildren: row.works_with_children,
      status: row.status,
      certificateId: row.certificate_id,
      schemeName: row.scheme_name,
      validUntil: row.valid_until,
      openProcessId: row.open_process_id,
      belowThreshold: (row.status === 'certified' && row.certificate_id && below.get(row.certificate_id)) || [],
    })),
    total: listed.length,
    page: query.page,
    pageSize: query.pageSize,
    counts,
  };
}

const swedish = new Intl.Collator('sv', { sensitivity: 'base' });
const statusRank = (status: UnitCertificationStatus) => unitCertificationStatuses.indexOf(status);

/**
 * The status list in the order asked for ('unitName', 'administrationName', 'status' in the order
 * certified, in process, expired, not started, or 'validUntil'; '-' in front for descending), ties
 * by administration and unit. Sorted here, not in SQL: the whole filtered list is in hand anyway
 * (for the counts), and names sort in Swedish order (å, ä, ö after z) whatever the database's
 * collation. Units without a certificate come last by validUntil in both directions.
 */
export function sortUnitStatuses(rows: repo.UnitStatusRow[], sort: string | undefined): repo.UnitStatusRow[] {
  if (!sort) return rows; // the query's order: administration, then unit
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as CertificationUnitSort;
  const direction = descending ? -1 : 1;
  const byPlace = (a: repo.UnitStatusRow, b: repo.UnitStatusRow) =>
    swedish.compare(a.administration_name, b.administration_name) ||
    swedish.compare(a.unit_name, b.unit_name) ||
    (a.unit_id < b.unit_id ? -1 : a.unit_id > b.unit_id ? 1 : 0);
  const byName = (a: repo.UnitStatusRow, b: repo.UnitStatusRow) => swedish.compare(a.unit_name, b.unit_name) || byPlace(a, b);
  const compare: Record<CertificationUnitSort, (a: repo.UnitStatusRow, b: repo.UnitStatusRow) => number> = {
    unitName: (a, b) => direction * byName(a, b),
    administrationName: (a, b) => direction * byPlace(a, b),
    status: (a, b) => direction * (statusRank(a.status) - statusRank(b.status) || byPlace(a, b)),
    validUntil: (a, b) => {
      if (a.valid_until === null || b.valid_until === null) {
        if (a.valid_until !== b.valid_until) return a.valid_until === null ? 1 : -1;
        return byPlace(a, b);
      }
      return direction * (a.valid_until < b.valid_until ? -1 : a.valid_until > b.valid_until ? 1 : byPlace(a, b));
    },
  };
  return [...rows].sort(compare[key]);
}

/** The computed criteria that certified units (these) no longer meet, by certificate. */
async function belowThresholdByCertificate(db: DbOrTx, day: string, unitIds: string[]): Promise<Map<string, BelowThreshold[]>> {
  const byCertificate = new Map<string, BelowThreshold[]>();
  if (unitIds.length === 0) return byCertificate;
  for (const row of await repo.criteriaBelowThreshold(db, day, unitIds)) {
    const list = byCertificate.get(row.certificate_id) ?? [];
    list.push({
      criterionId: row.criterion_id,
      label: row.label,
      kind: row.kind,
      threshold: row.threshold,
      value: row.value,
      of: row.of,
      percent: row.kind === 'course_share' && row.of ? Math.floor((row.value * 100) / row.of) : null,
    });
    byCertificate.set(row.certificate_id, list);
  }
  return byCertificate;
}

/**
 * For the start page: the units that work with children and youth and how many of them have no
 * valid certificate; and how many certified units in scope no longer meet a computed criterion.
 */
export async function certificationSummary(
  ctx: AppContext,
  actor: Actor,
): Promise<{ childrenUnits: number; missing: number; belowThreshold: number } | null> {
  const scope = readScope(actor, 'certification');
  if (scope && scope.administrationIds.length === 0 && scope.unitIds.length === 0) return null;
  const day = today(ctx);
  const rows = await repo.unitStatuses(ctx.db, { today: day, scope });
  const children = rows.filter((row) => row.works_with_children);
  const certified = rows.filter((row) => row.status === 'certified').map((row) => row.unit_id);
  const below = certified.length > 0 ? await repo.criteriaBelowThreshold(ctx.db, day, certified) : [];
  return {
    childrenUnits: children.length,
    missing: children.filter((row) => row.status !== 'certified').length,
    belowThreshold: new Set(below.map((row) => row.unit_id)).size,
  };
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<CertificationSettings> {
  requireScheme(actor, 'read');
  return { renewalReminderMonths: await repo.reminderMonths(ctx.db) };
}

export async function saveSettings(ctx: AppContext, actor: Actor, body: CertificationSettings): Promise<CertificationSettings> {
  requireScheme(actor, 'update');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.reminderMonths(tx);
    const changes = changedFields({ renewalReminderMonths: before }, { renewalReminderMonths: body.renewalReminderMonths });
    if (changes) {
      await repo.saveReminderMonths(tx, body.renewalReminderMonths, now);
      await recordAudit(tx, actor, { action: 'update', entityType: 'certification_settings', entityId: null, ...changes }, now);
    }
    return { renewalReminderMonths: await repo.reminderMonths(tx) };
  });
}

// ---- Processes and their checklists ----------------------------------------------------------------

const unitOf = (row: { process: { unitId: string }; administrationId: string }): UnitTarget => ({
  unitId: row.process.unitId,
  administrationId: row.administrationId,
});

/** A process the actor may see, else 404 (whether it exists is not for them to learn). */
export async function visibleProcess(db: DbOrTx, actor: Actor, id: string, lock?: 'update') {
  return visible(actor, await repo.findProcess(db, id, lock));
}

function visible<Row extends repo.ProcessRow>(actor: Actor, row: Row | null): Row {
  if (!row || !canForUnit(actor, 'read', 'certification', unitOf(row))) throw notFound();
  return row;
}

function requireOpen(row: repo.ProcessRow) {
  if (row.process.status !== 'open') throw conflict('process_not_open');
}

/** Each criterion against its threshold, on the day: the live checklists of these processes, by process id. */
export async function checklistsOf(
  db: DbOrTx,
  processes: { id: string; unitId: string; schemeId: string }[] | string[],
  day: string,
): Promise<Map<string, ChecklistItem[]>> {
  const checklists = new Map<string, ChecklistItem[]>(processes.map((p) => [typeof p === 'string' ? p : p.id, []]));
  for (const row of await repo.checklistRows(db, processes, day)) checklists.get(row.processId)?.push(checklistItemOf(row));
  return checklists;
}

export async function checklistOf(db: DbOrTx, process: { id: string; unitId: string; schemeId: string }, day: string) {
  return (await checklistsOf(db, [process], day)).get(process.id) ?? [];
}

function checklistItemOf(row: repo.ChecklistRow): ChecklistItem {
  const base = presentCriterion(row);
  if (row.kind === 'confirmed') {
    return {
      ...base,
      met: row.confirmedAt !== null,
      value: null,
      of: null,
      percent: null,
      confirmation:
        row.confirmedAt !== null
          ? { evidence: row.evidence ?? '', confirmedByName: row.confirmedByName, confirmedAt: row.confirmedAt }
          : null,
    };
  }
  const value = row.value ?? 0;
  const { of } = row;
  // A plan is there or not; every other computed kind has its threshold.
  const threshold = row.threshold ?? 1;
  const met = row.kind === 'course_share' ? of !== null && of > 0 && value * 100 >= threshold * of : value >= threshold;
  const percent = row.kind === 'course_share' && of ? Math.floor((value * 100) / of) : null;
  return { ...base, met, value, of, percent, confirmation: null };
}

async function processDetail(db: DbOrTx, row: repo.ProcessRow, day: string): Promise<CertificationProcess> {
  const [checklist, group] = await Promise.all([checklistOf(db, row.process, day), repo.groupOf(db, row.process.id, day)]);
  return detailOf(row, checklist, group, day);
}

function detailOf(
  row: repo.ProcessRow,
  checklist: ChecklistItem[],
  group: repo.GroupMember[],
  day: string,
): CertificationProcess {
  return {
    ...presentProcessSummary(row),
    checklist,
    group: group.map((g) => ({
      employeeId: g.employeeId,
      name: `${g.firstName} ${g.lastName}`,
      title: g.title,
      current: g.current,
    })),
    ready: row.process.status === 'open' && checklist.every((item) => item.met),
    certificateId: row.certificateId,
    asOf: day,
  };
}

export async function listProcesses(
  ctx: AppContext,
  actor: Actor,
  filter: { unitId?: string; status?: string },
): Promise<{ items: ProcessListItem[] }> {
  const scope = readScope(actor, 'certification');
  if (scope && scope.administrationIds.length === 0 && scope.unitIds.length === 0) throw forbidden();
  const rows = await repo.listProcesses(ctx.db, { ...filter, scope });
  const day = today(ctx);
  // The open processes' checklists in one statement, rather than asked for process by process.
  const checklists = await checklistsOf(
    ctx.db,
    rows.filter((row) => row.process.status === 'open').map((row) => row.process),
    day,
  );
  return {
    items: rows.map((row) => {
      const checklist = checklists.get(row.process.id);
      const met = checklist?.filter((item) => item.met).length ?? 0;
      return {
        ...presentProcessSummary(row),
        readiness: checklist ? { met, total: checklist.length, ready: met === checklist.length } : null,
      };
    }),
  };
}

type ProcessDetailRow = Awaited<ReturnType<typeof repo.findProcessDetail>>;

/**
 * Every family of tables that findProcessDetail reads: the unit, its administration and staff
 * (organisation); courses, sessions open to the unit and completions (training); the scheme, its
 * criteria, the process, its group, confirmations and certificate (certification); adopted plans (plans).
 */
const processDetailFamilies: readonly DataFamily[] = ['organisation', 'training', 'certification', 'plans'];

/**
 * A process's page as read (the row, not the answer: who may see it is decided per request), per
 * database, per (process, day), while the data versions of processDetailFamilies stay those it was
 * read under (docs/decisions/0012). An id that names no process is kept too (null), until the next write.
 */
// About 1 KB for the process and 300 bytes per criterion or member, in the heap.
const processDetailCacheOf = perDatabase(
  () =>
    new VersionedCache<ProcessDetailRow>(16 * 1024 * 1024, (row) =>
      row ? 1024 + 300 * (row.checklist.length + row.group.length) : 64,
    ),
);

/**
 * The process with its live checklist and working group on the day. Read from the cache while no
 * table it depends on has changed since (a write by this process, another one, or psql changes a
 * version, read on every request after it arrived); the policy is checked on every request.
 */
export async function getProcess(ctx: AppContext, actor: Actor, id: string): Promise<CertificationProcess> {
  const day = today(ctx);
  const version = versionKey(await readVersions(ctx.db), processDetailFamilies);
  const detail = await processDetailCacheOf(ctx.db).get(`${day} ${id}`, version, () => repo.findProcessDetail(ctx.db, id, day));
  const row = visible(actor, detail);
  return detailOf(row, row.checklist.map(checklistItemOf), row.group, day);
}

/**
 * Opens a process for a unit. When the unit held a certificate of the scheme, the new process is its
 * renewal, and starts from the last one: its working group (those still in the unit) and confirmations.
 */
export async function openProcess(
  ctx: AppContext,
  actor: Actor,
  body: { unitId: string; schemeId: string },
): Promise<CertificationProcess> {
  const now = ctx.clock.now();
  const day = today(ctx);
  return ctx.db.transaction(async (tx) => {
    const unit = await repo.findUnit(tx, body.unitId);
    if (!unit) throw badRequest('validation_failed', [{ path: 'body.unitId', message: 'unknown_unit' }]);
    if (!canForUnit(actor, 'create', 'certification', { unitId: unit.id, administrationId: unit.administrationId }))
      throw forbidden();
    if (!unit.active) throw conflict('unit_closed');
    const scheme = await repo.findScheme(tx, body.schemeId);
    if (!scheme) throw badRequest('validation_failed', [{ path: 'body.schemeId', message: 'unknown_scheme' }]);
    if (!scheme.scheme.active) throw conflict('scheme_inactive');
    if (await repo.openProcessOf(tx, unit.id, scheme.scheme.id)) throw conflict('process_already_open');
    const renews = await repo.latestCertificateOf(tx, unit.id, scheme.scheme.id);
    let created: { id: string };
    try {
      created = await repo.insertProcess(tx, {
        unitId: unit.id,
        schemeId: scheme.scheme.id,
        status: 'open',
        openedAt: now,
        openedByUserId: actor.userId,
        openedByName: actor.name,
        renewalOfCertificateId: renews?.id ?? null,
      });
    } catch (error) {
      // Two people opening the same process at once: the unique index lets one through.
      if ((error as { code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505')
        throw conflict('process_already_open');
      throw error;
    }
    if (renews) await repo.copyProcessContent(tx, renews.processId, created.id, unit.id, day);
    await recordAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'certification_process',
        entityId: created.id,
        after: { unitId: unit.id, schemeId: scheme.scheme.id, renewalOfCertificateId: renews?.id ?? null },
      },
      now,
    );
    return processDetail(tx, (await repo.findProcess(tx, created.id))!, day);
  });
}

/** A process the actor may change: visible, theirs to update, and open. */
export async function changeableProcess(tx: DbOrTx, actor: Actor, id: string) {
  const row = await visibleProcess(tx, actor, id, 'update');
  if (!canForUnit(actor, 'update', 'certification', unitOf(row))) throw forbidden();
  requireOpen(row);
  return row;
}

/**
 * The working group: employees of the unit, named by the unit manager or a coordinator. It outlives
 * the certification: a certified unit whose group has shrunk names new members here.
 */
export async function setGroup(ctx: AppContext, actor: Actor, id: string, employeeIds: string[]): Promise<CertificationProcess> {
  const now = ctx.clock.now();
  const day = today(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await visibleProcess(tx, actor, id, 'update');
    if (!canForUnit(actor, 'update', 'certification', unitOf(row))) throw forbidden();
    if (row.process.status === 'cancelled') throw conflict('process_not_open');
    const wanted = [...new Set(employeeIds)];
    const before = (await repo.groupOf(tx, id, day)).map((g) => g.employeeId);
    // Members already in the group may stay after leaving the unit (they no longer count); new ones must be staff now.
    const staff = await repo.currentStaffAmong(tx, row.process.unitId, wanted, day);
    const details = employeeIds.flatMap((employeeId, index) =>
      staff.has(employeeId) || before.includes(employeeId) ? [] : [{ path: `body.employeeIds.${index}`, message: 'not_in_unit' }],
    );
    if (details.length > 0) throw badRequest('validation_failed', details);
    await repo.replaceGroup(tx, id, wanted);
    const changes = changedFields({ group: [...before].sort() }, { group: [...wanted].sort() });
    if (changes)
      await recordAudit(tx, actor, { action: 'update', entityType: 'certification_process', entityId: id, ...changes }, now);
    return processDetail(tx, row, day);
  });
}

export async function confirmedCriterion(tx: DbOrTx, row: repo.ProcessRow, criterionId: string) {
  const criterion = (await repo.criteriaOf(tx, row.process.schemeId)).find((c) => c.id === criterionId);
  if (!criterion) throw notFound('unknown_criterion');
  if (criterion.kind !== 'confirmed') throw conflict('criterion_is_computed');
  return criterion;
}

export async function confirmCriterion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  criterionId: string,
  evidence: string,
): Promise<CertificationProcess> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await changeableProcess(tx, actor, id);
    const criterion = await confirmedCriterion(tx, row, criterionId);
    await repo.upsertConfirmation(tx, {
      processId: id,
      criterionId,
      evidence,
      confirmedByUserId: actor.userId,
      confirmedByName: actor.name,
      confirmedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'confirm', entityType: 'certification_process', entityId: id, after: { criterion: criterion.label, evidence } },
      now,
    );
    return processDetail(tx, row, today(ctx));
  });
}

export async function removeConfirmation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  criterionId: string,
): Promise<CertificationProcess> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await changeableProcess(tx, actor, id);
    const criterion = await confirmedCriterion(tx, row, criterionId);
    const existing = (await repo.confirmationsOf(tx, id)).find((c) => c.criterionId === criterionId);
    if (existing) {
      await repo.deleteConfirmation(tx, id, criterionId);
      await recordAudit(
        tx,
        actor,
        {
          action: 'unconfirm',
          entityType: 'certification_process',
          entityId: id,
          before: { criterion: criterion.label, evidence: existing.evidence },
        },
        now,
      );
    }
    return processDetail(tx, row, today(ctx));
  });
}

export async function cancelProcess(ctx: AppContext, actor: Actor, id: string): Promise<CertificationProcess> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await changeableProcess(tx, actor, id);
    await repo.setProcessStatus(tx, id, 'cancelled', now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'cancel',
        entityType: 'certification_process',
        entityId: id,
        before: { status: 'open' },
        after: { status: 'cancelled' },
      },
      now,
    );
    return processDetail(tx, (await repo.findProcess(tx, row.process.id))!, today(ctx));
  });
}

// ---- Certificates ----------------------------------------------------------------------------------

/** valid until: the day of certification plus the scheme's years (29 February becomes 28 February). */
export function validUntilOf(certifiedOn: string, years: number): string {
  const [y, m, d] = certifiedOn.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 80 random bits as 16 characters of Crockford base32: no I, L, O or U to misread. */
export function newCertificateCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += crockford[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/**
 * Certifies the units of these processes, all or none: every process open, every criterion met on the
 * day of certification, and the actor allowed to certify each unit. The certificate keeps a snapshot
 * of the checklist as it stood.
 */
export async function certify(
  ctx: AppContext,
  actor: Actor,
  body: { processIds: string[]; certifiedOn?: string },
): Promise<{ items: Certificate[] }> {
  const now = ctx.clock.now();
  const day = today(ctx);
  const certifiedOn = body.certifiedOn ?? day;
  if (certifiedOn > day) throw badRequest('validation_failed', [{ path: 'body.certifiedOn', message: 'certified_in_future' }]);
  const ids = [...new Set(body.processIds)];
  return ctx.db.transaction(async (tx) => {
    const rows = new Map((await repo.findProcesses(tx, ids)).map((row) => [row.process.id, row]));
    const problems: { path: string; message: string }[] = [];
    const ready: { row: repo.ProcessRow; checklist: ChecklistItem[] }[] = [];
    for (const [index, id] of body.processIds.entries()) {
      const row = rows.get(id);
      if (!row || !canForUnit(actor, 'read', 'certification', unitOf(row))) {
        problems.push({ path: `body.processIds.${index}`, message: 'unknown_process' });
        continue;
      }
      if (!canForUnit(actor, 'create', 'certificate', unitOf(row))) throw forbidden();
      if (ready.some((r) => r.row.process.id === id)) continue;
      if (row.process.status !== 'open') {
        problems.push({ path: `body.processIds.${index}`, message: 'process_not_open' });
        continue;
      }
      const checklist = await checklistOf(tx, row.process, certifiedOn);
      if (!checklist.every((item) => item.met)) {
        problems.push({ path: `body.processIds.${index}`, message: 'criteria_not_met' });
        continue;
      }
      ready.push({ row, checklist });
    }
    if (problems.some((p) => p.message === 'unknown_process')) throw badRequest('validation_failed', problems);
    if (problems.length > 0) throw conflict('criteria_not_met', problems);
    const issued: string[] = [];
    for (const { row, checklist } of ready) {
      const snapshot = checklist.map((item) => ({
        label: item.label,
        kind: item.kind,
        threshold: item.threshold,
        value: item.value,
        of: item.of,
        percent: item.percent,
        evidence: item.confirmation?.evidence ?? null,
      }));
      const validUntil = validUntilOf(certifiedOn, row.validityYears);
      const { id } = await repo.insertCertificate(tx, {
        unitId: row.process.unitId,
        schemeId: row.process.schemeId,
        processId: row.process.id,
        certifiedOn,
        validUntil,
        code: newCertificateCode(),
        snapshot,
        certifiedByUserId: actor.userId,
        certifiedByName: actor.name,
        createdAt: now,
      });
      await repo.setProcessStatus(tx, row.process.id, 'certified', now);
      await recordAudit(
        tx,
        actor,
        {
          action: 'create',
          entityType: 'unit_certificate',
          entityId: id,
          after: {
            unitId: row.process.unitId,
            schemeId: row.process.schemeId,
            processId: row.process.id,
            certifiedOn,
            validUntil,
          },
        },
        now,
      );
      issued.push(id);
    }
    const items: Certificate[] = [];
    for (const id of issued) items.push(presentCertificate((await repo.findCertificate(tx, id))!, day));
    return { items };
  });
}

async function visibleCertificate(db: DbOrTx, actor: Actor, id: string, lock?: 'update') {
  const row = await repo.findCertificate(db, id, lock);
  if (
    !row ||
    !canForUnit(actor, 'read', 'certificate', { unitId: row.certificate.unitId, administrationId: row.administrationId })
  )
    throw notFound();
  return row;
}

export async function listCertificates(
  ctx: AppContext,
  actor: Actor,
  filter: { unitId?: string },
): Promise<{ items: Certificate[] }> {
  const scope = readScope(actor, 'certificate');
  if (scope && scope.administrationIds.length === 0 && scope.unitIds.length === 0) throw forbidden();
  const day = today(ctx);
  const rows = await repo.listCertificates(ctx.db, { ...filter, scope });
  return { items: rows.map((row) => presentCertificate(row, day)) };
}

export async function getCertificate(ctx: AppContext, actor: Actor, id: string): Promise<Certificate> {
  return presentCertificate(await visibleCertificate(ctx.db, actor, id), today(ctx));
}

export async function revoke(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<Certificate> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await visibleCertificate(tx, actor, id, 'update');
    if (!canForUnit(actor, 'update', 'certificate', { unitId: row.certificate.unitId, administrationId: row.administrationId }))
      throw forbidden();
    if (row.certificate.revokedAt) throw conflict('certificate_revoked');
    await repo.revokeCertificate(tx, id, { revokedAt: now, revokedReason: reason, revokedByName: actor.name });
    await recordAudit(tx, actor, { action: 'revoke', entityType: 'unit_certificate', entityId: id, after: { reason } }, now);
    return presentCertificate((await repo.findCertificate(tx, id))!, today(ctx));
  });
}

/** For the PDF: the certificate, if the actor may read it. */
export async function certificateForPdf(ctx: AppContext, actor: Actor, id: string) {
  const row = await visibleCertificate(ctx.db, actor, id);
  return presentCertificate(row, today(ctx));
}

// ---- The public register --------------------------------------------------------------------------

export async function publicRegister(ctx: AppContext): Promise<PublicRegister> {
  const day = today(ctx);
  const rows = await repo.validCertificates(ctx.db, day);
  // A unit renewed before its certificate ran out holds two valid ones for a while: the register shows the newer.
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.certificate.unitId}/${row.certificate.schemeId}`;
    const seen = newest.get(key);
    if (!seen || row.certificate.validUntil > seen.certificate.validUntil) newest.set(key, row);
  }
  return {
    asOf: day,
    items: rows
      .filter((row) => newest.get(`${row.certificate.unitId}/${row.certificate.schemeId}`) === row)
      .map((row) => ({
        unitName: row.unitName,
        administrationName: row.administrationName,
        schemeName: row.schemeName,
        issuer: row.issuer,
        validFrom: row.certificate.certifiedOn,
        validUntil: row.certificate.validUntil,
      })),
  };
}

/**
 * The register as open data: RFC 4180 CSV in UTF-8, with machine-readable column names. It starts
 * with a byte order mark, as the training coverage export does, so that Excel reads å, ä and ö right.
 */
export function registerCsv(register: PublicRegister): string {
  return `\uFEFF${stringify(
    register.items.map((item) => [
      item.unitName,
      item.administrationName,
      item.schemeName,
      item.issuer,
      item.validFrom,
      item.validUntil,
    ]),
    {
      header: true,
      columns: ['unit', 'administration', 'scheme', 'issuer', 'valid_from', 'valid_until'],
      record_delimiter: '\r\n',
    },
  )}`;
}

/** Anyone checks a certificate by its code: the register's facts and whether it holds today; nothing about any person. */
export async function verifyUnitCertificate(ctx: AppContext, code: string): Promise<UnitCertificateVerification> {
  const normalised = normaliseCertificateCode(code);
  if (normalised.length !== unitCertificateCodeLength) throw notFound('certificate_not_found');
  const row = await repo.findCertificateByCode(ctx.db, normalised);
  if (!row) throw notFound('certificate_not_found');
  return {
    unitName: row.unitName,
    administrationName: row.administrationName,
    schemeName: row.schemeName,
    issuer: row.issuer,
    validFrom: row.certificate.certifiedOn,
    validUntil: row.certificate.validUntil,
    status: certificateStatus(row.certificate, today(ctx)),
  };
}
