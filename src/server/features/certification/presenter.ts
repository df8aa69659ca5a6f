import type {
  Certificate,
  Criterion,
  CriterionKind,
  ProcessSummary,
  SchemeSummary,
  SnapshotItem,
} from '#shared/contracts/certification';
import type { EvidenceFile } from '#shared/contracts/certification-evidence';
import type { EvidenceFileRow } from './evidence-repository.js';
import type { CertificateRow, CriterionRow, ProcessRow, SchemeRow } from './repository.js';

/** Revoked, else valid through its last day, else expired. */
export function certificateStatus(row: { revokedAt: Date | null; validUntil: string }, day: string): Certificate['status'] {
  if (row.revokedAt) return 'revoked';
  return row.validUntil >= day ? 'valid' : 'expired';
}

export function presentSchemeSummary(row: { scheme: SchemeRow; inUse: boolean; criterionCount: number }): SchemeSummary {
  const s = row.scheme;
  return {
    id: s.id,
    name: s.name,
    issuer: s.issuer,
    description: s.description,
    validityYears: s.validityYears,
    active: s.active,
    criterionCount: Number(row.criterionCount),
    inUse: Boolean(row.inUse),
  };
}

export const presentCriterion = (c: CriterionRow): Criterion => ({
  id: c.id,
  position: c.position,
  kind: c.kind as CriterionKind,
  label: c.label,
  description: c.description,
  courseId: c.courseId,
  courseName: c.courseName,
  threshold: c.threshold,
  planArea: c.planArea as Criterion['planArea'],
});

export const presentProcessSummary = (row: ProcessRow): ProcessSummary => ({
  id: row.process.id,
  unitId: row.process.unitId,
  unitName: row.unitName,
  administrationName: row.administrationName,
  schemeId: row.process.schemeId,
  schemeName: row.schemeName,
  status: row.process.status as ProcessSummary['status'],
  openedAt: row.process.openedAt.toISOString(),
  openedByName: row.process.openedByName,
  closedAt: row.process.closedAt?.toISOString() ?? null,
  renewalOfCertificateId: row.process.renewalOfCertificateId,
});

/** Who certified and who revoked are for staff; the public register and check never show them. */
export const presentCertificate = (row: CertificateRow, day: string): Certificate => ({
  id: row.certificate.id,
  unitId: row.certificate.unitId,
  unitName: row.unitName,
  administrationName: row.administrationName,
  schemeId: row.certificate.schemeId,
  schemeName: row.schemeName,
  issuer: row.issuer,
  processId: row.certificate.processId,
  certifiedOn: row.certificate.certifiedOn,
  validUntil: row.certificate.validUntil,
  status: certificateStatus(row.certificate, day),
  code: row.certificate.code,
  certifiedByName: row.certificate.certifiedByName,
  revokedAt: row.certificate.revokedAt?.toISOString() ?? null,
  revokedReason: row.certificate.revokedReason,
  snapshot: row.certificate.snapshot as SnapshotItem[],
});

/** An evidence file as listed: its name, type, size and who attached it when; never its content. */
export const presentEvidenceFile = (row: EvidenceFileRow): EvidenceFile => ({
  id: row.id,
  criterionId: row.criterionId,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  uploadedByName: row.uploadedByName,
  uploadedAt: row.uploadedAt.toISOString(),
});
