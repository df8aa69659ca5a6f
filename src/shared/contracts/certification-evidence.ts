import { z } from 'zod';

/**
 * Files attached as evidence to the confirmed criteria of a certification process (a routine for
 * introducing new employees, the minutes of a decision, a final test). See docs/certification.md.
 */

/** What may be attached: documents and pictures people keep evidence in, by file name ending. */
export const evidenceFileTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  txt: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
} as const;
export type EvidenceFileType = keyof typeof evidenceFileTypes;

/** 10 MB a file, and at most 20 files for one criterion of a process. */
export const evidenceMaxBytes = 10 * 1024 * 1024;
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
