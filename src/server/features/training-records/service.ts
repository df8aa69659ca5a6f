import type { Actor, AppContext } from '../../context.js';
import { conflict, notFound } from '../../http/errors.js';
import type { EmployeeTraining, MyTraining, CertificateVerification } from '#shared/contracts/training-records';
import { normaliseCertificateCode, formatCertificateCode } from '#shared/contracts/training-records';
import { recordAudit } from '../audit/service.js';
import { feedStatus } from '../calendar/service.js';
import { stockholmDate } from '../employees/current.js';
import { renderCertificate } from './certificate.js';
import { canReadCertificate, canReadRecord } from './policy.js';
import { hoursOf, presentPart, presentRecordEntry } from './presenter.js';
import * as repo from './repository.js';

const fullName = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`;

/**
 * An employee's training record. Outside the reader's scope the answer is 404, as for an employee
 * who does not exist. The read is audited as the employee reads are (DOMAIN.md).
 */
export async function employeeTraining(ctx: AppContext, actor: Actor, employeeId: string): Promise<EmployeeTraining> {
  const owner = await repo.findEmployeeTarget(ctx.db, employeeId);
  if (!owner || !canReadRecord(actor, owner)) throw notFound();
  const rows = await repo.recordOf(ctx.db, employeeId);
  await recordAudit(ctx.db, actor, { action: 'read', entityType: 'training_record', entityId: employeeId }, ctx.clock.now());
  return { employeeId, name: fullName(owner), items: rows.map(presentRecordEntry) };
}

/**
 * "My training": one's record, one's places on sessions to come (and where one stands in line), the
 * sessions one may still sign up to, and whether one has a calendar address. An account linked to no
 * employee record has no record: an empty page that says so, not an error.
 */
export async function myTraining(ctx: AppContext, actor: Actor): Promise<MyTraining> {
  const calendarFeed = await feedStatus(ctx.db, actor.userId);
  const owner = actor.employeeId ? await repo.findEmployeeTarget(ctx.db, actor.employeeId) : undefined;
  if (!owner) return { employee: null, record: [], upcoming: [], open: [], calendarFeed };
  const today = stockholmDate(ctx.clock.now());
  const [record, upcoming, open] = await Promise.all([
    repo.recordOf(ctx.db, owner.id),
    repo.upcomingOf(ctx.db, owner.id, today),
    repo.openSessionsFor(ctx.db, owner.id, today),
  ]);
  const parts = await repo.partsOf(ctx.db, [...new Set([...upcoming.map((u) => u.sessionId), ...open.map((o) => o.sessionId)])]);
  const partsBySession = new Map<string, ReturnType<typeof presentPart>[]>();
  for (const part of parts) {
    const list = partsBySession.get(part.sessionId) ?? [];
    list.push(presentPart(part));
    partsBySession.set(part.sessionId, list);
  }
  return {
    employee: { id: owner.id, name: fullName(owner) },
    record: record.map(presentRecordEntry),
    upcoming: upcoming.map((u) => ({ ...u, parts: partsBySession.get(u.sessionId) ?? [] })),
    open: open.map(({ totalMinutes, ...o }) => ({
      ...o,
      totalHours: hoursOf(totalMinutes),
      parts: partsBySession.get(o.sessionId) ?? [],
    })),
    calendarFeed,
  };
}

/** Where anyone can check a certificate's code. */
export const verifyUrl = (ctx: Pick<AppContext, 'config'>, code: string) =>
  `${ctx.config.publicUrl}/verify/${formatCertificateCode(code)}`;

/**
 * The certificate of completion of one enrolment as PDF: for the person it belongs to and for those
 * who may read their record (404 for anyone else, as for an enrolment that does not exist); 409 while
 * the course is not completed. A read of someone's personal data: audited.
 */
export async function certificate(ctx: AppContext, actor: Actor, enrolmentId: string) {
  const row = await repo.findCertificate(ctx.db, enrolmentId);
  if (!row || !canReadCertificate(actor, { id: row.employeeId, unitId: row.unitId, administrationId: row.administrationId })) {
    throw notFound();
  }
  if (row.completedOn === null || row.verificationCode === null) throw conflict('certificate_not_completed');
  await recordAudit(
    ctx.db,
    actor,
    { action: 'read', entityType: 'training_certificate', entityId: enrolmentId },
    ctx.clock.now(),
  );
  const pdf = await renderCertificate({
    name: fullName(row),
    course: row.courseName,
    hours: hoursOf(row.attendedMinutes),
    completedOn: row.completedOn,
    code: row.verificationCode,
    verifyUrl: verifyUrl(ctx, row.verificationCode),
    locale: actor.locale,
  });
  return { pdf, filename: `certificate-${row.completedOn}.pdf` };
}

/** The public check of a certificate: the facts printed on it, or 404. Nothing else about the person. */
export async function verifyCertificate(ctx: AppContext, code: string): Promise<CertificateVerification> {
  const normalised = normaliseCertificateCode(code);
  if (!/^[0-9A-Z]{4,40}$/.test(normalised)) throw notFound('certificate_not_found');
  const row = await repo.findByVerificationCode(ctx.db, normalised);
  if (!row || row.completedOn === null) throw notFound('certificate_not_found');
  return {
    valid: true,
    name: fullName(row),
    course: row.courseName,
    hours: hoursOf(row.attendedMinutes),
    completedOn: row.completedOn,
  };
}

/** For the start page: how many new employees have no training yet, and after how many months they count. */
export function newEmployeesWithoutTraining(ctx: Pick<AppContext, 'db' | 'clock'>) {
  return repo.newEmployeesWithoutTraining(ctx.db, stockholmDate(ctx.clock.now()));
}
