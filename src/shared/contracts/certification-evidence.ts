import { z } from 'zod';

/**
 * Files attached as evidence to the confirmed criteria of a certification process (a routine for
 * introducing new employees, the minutes of a decision, a final test). See docs/certification.md.
 */

/** At most 20 files for one criterion of a process (types and size: documents.ts). */
export const evidenceMaxFilesPerCriterion = 20;

export const evidenceFile = z.object({
  id: z.uuid(),
  criterionId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type EvidenceFile = z.infer<typeof evidenceFile>;
export const evidenceFileList = z.object({ items: z.array(evidenceFile) });
export const evidenceFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
