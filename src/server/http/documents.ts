import { createHash } from 'node:crypto';
import { create as contentDisposition } from 'content-disposition';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { documentFileTypes, documentMaxBytes, type DocumentFileType } from '#shared/contracts/documents';
import { AppError, badRequest } from './errors.js';

/**
 * The name a file keeps: its last path segment, without control characters, at most 200
 * characters with its ending kept. Browsers send a bare name; other clients may not.
 */
export function cleanFileName(name: string): string {
  const base = path.posix
    .basename(name.replaceAll('\\', '/'))
    .replace(/\p{Cc}/gu, '')
    .trim();
  if (base.length <= 200) return base;
  const ending = path.posix.extname(base).slice(0, 10);
  return base.slice(0, 200 - ending.length) + ending;
}

function typeOf(fileName: string): DocumentFileType | undefined {
  const ending = path.posix.extname(fileName).slice(1).toLowerCase();
  return Object.hasOwn(documentFileTypes, ending) ? (ending as DocumentFileType) : undefined;
}

/** The multipart field "file" of a request, read whole (the body limit bounds it). */
export async function uploadedFile(request: FastifyRequest): Promise<{ name: string; bytes: Uint8Array }> {
  if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  const file = await request.file();
  if (!file) throw badRequest('validation_failed', [{ path: 'body.file', message: 'file_missing' }]);
  return { name: file.filename, bytes: new Uint8Array(await file.toBuffer()) };
}

/**
 * An uploaded document checked and described: its clean name, the content type by its ending (ours,
 * never the one the client claimed), size and SHA-256. typeError is the code of the 415 answer.
 */
export function checkedDocument(file: { name: string; bytes: Uint8Array }, typeError: string) {
  const fileName = cleanFileName(file.name);
  const type = typeOf(fileName);
  if (!fileName || !type) throw new AppError(415, typeError, [{ path: 'body.file', message: typeError }]);
  if (file.bytes.byteLength === 0) throw new AppError(400, 'empty_file', [{ path: 'body.file', message: 'empty_file' }]);
  if (file.bytes.byteLength > documentMaxBytes) throw new AppError(413, 'payload_too_large');
  return {
    fileName,
    contentType: documentFileTypes[type],
    size: file.bytes.byteLength,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    content: file.bytes,
  };
}

/** The headers of a document sent for download: as an attachment, never sniffed, never cached by others. */
export function documentHeaders(fileName: string) {
  return {
    'content-disposition': contentDisposition(fileName),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
