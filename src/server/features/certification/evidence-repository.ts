import { and, asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { certificationEvidenceFiles } from '../../db/schema/index.js';

const listed = {
  id: certificationEvidenceFiles.id,
  processId: certificationEvidenceFiles.processId,
  criterionId: certificationEvidenceFiles.criterionId,
  fileName: certificationEvidenceFiles.fileName,
  contentType: certificationEvidenceFiles.contentType,
  size: certificationEvidenceFiles.size,
  sha256: certificationEvidenceFiles.sha256,
  uploadedByName: certificationEvidenceFiles.uploadedByName,
  uploadedAt: certificationEvidenceFiles.uploadedAt,
};
export type EvidenceFileRow = { [K in keyof typeof listed]: (typeof certificationEvidenceFiles.$inferSelect)[K] };

/** A process's files without their content, oldest first. */
export async function filesOf(db: DbOrTx, processId: string): Promise<EvidenceFileRow[]> {
  return db
    .select(listed)
    .from(certificationEvidenceFiles)
    .where(eq(certificationEvidenceFiles.processId, processId))
    .orderBy(asc(certificationEvidenceFiles.uploadedAt), asc(certificationEvidenceFiles.fileName));
}

export async function countFor(db: DbOrTx, processId: string, criterionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(certificationEvidenceFiles)
    .where(and(eq(certificationEvidenceFiles.processId, processId), eq(certificationEvidenceFiles.criterionId, criterionId)));
  return row?.n ?? 0;
}

export async function findFile(db: DbOrTx, processId: string, fileId: string, withContent: boolean) {
  const [row] = await db
    .select({ ...listed, ...(withContent ? { content: certificationEvidenceFiles.content } : {}) })
    .from(certificationEvidenceFiles)
    .where(and(eq(certificationEvidenceFiles.processId, processId), eq(certificationEvidenceFiles.id, fileId)));
  return row as (EvidenceFileRow & { content?: Uint8Array }) | undefined;
}

export async function insertFile(db: DbOrTx, values: typeof certificationEvidenceFiles.$inferInsert): Promise<EvidenceFileRow> {
  const [row] = await db.insert(certificationEvidenceFiles).values(values).returning(listed);
  return row!;
}

export async function deleteFile(db: DbOrTx, fileId: string): Promise<void> {
  await db.delete(certificationEvidenceFiles).where(eq(certificationEvidenceFiles.id, fileId));
}
