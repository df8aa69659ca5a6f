/**
 * Documents people attach: certification evidence, a plan's attachments (the adopted plan as PDF,
 * minutes). Which types, by file name ending, and how large.
 */
export const documentFileTypes = {
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
export type DocumentFileType = keyof typeof documentFileTypes;

/** 10 MB a file. */
export const documentMaxBytes = 10 * 1024 * 1024;

/** The endings for a file input's accept attribute: ".pdf,.docx,...". */
export const acceptedDocumentEndings = Object.keys(documentFileTypes)
  .map((ending) => `.${ending}`)
  .join(',');
