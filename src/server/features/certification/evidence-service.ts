import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Actor, AppContext } from '../../context.js';
import { AppError, conflict, notFound } from '../../http/errors.js';
import {
  evidenceFileTypes,
  evidenceMaxBytes,
  evidenceMaxFilesPerCriterion,
  type EvidenceFile,
  type EvidenceFileType,
} from '#shared/contracts/certification-evidence';
import { recordAudit } from '../audit/service.js';
import * as repo from './evidence-repository.js';
import { presentEvidenceFile } from './presenter.js';
import { changeableProcess, confirmedCriterion, visibleProcess } from './service.js';

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

/** The type by the name's ending; the content type stored is ours, never the one the client claimed. */
function typeOf(fileName: string): EvidenceFileType | undefined {
  const ending = path.posix.extname(fileName).slice(1).toLowerCase();
  return Object.hasOwn(evidenceFileTypes, ending) ? (ending as EvidenceFileType) : undefined;
}

/** Every evidence file of a process the actor may see (the process's own 404 otherwise). */
export async function listEvidence(ctx: AppContext, actor: Actor, processId: string): Promise<{ items: EvidenceFile[] }> {
  await visibleProcess(ctx.db, actor, processId);
  return { items: (await repo.filesOf(ctx.db, processId)).map(presentEvidenceFile) };
}

export async function attachEvidence(
  ctx: AppContext,
  actor: Actor,
  processId: string,
  criterionId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<EvidenceFile> {
  const fileName = cleanFileName(file.name);
  const type = typeOf(fileName);
  if (!fileName || !type) throw new AppError(415, 'evidence_file_type', [{ path: 'body.file', message: 'evidence_file_type' }]);
  if (file.bytes.byteLength === 0) throw new AppError(400, 'empty_file', [{ path: 'body.file', message: 'empty_file' }]);
  if (file.bytes.byteLength > evidenceMaxBytes) throw new AppError(413, 'payload_too_large');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await changeableProcess(tx, actor, processId);
    const criterion = await confirmedCriterion(tx, row, criterionId);
    if ((await repo.countFor(tx, processId, criterionId)) >= evidenceMaxFilesPerCriterion)
      throw conflict('evidence_too_many_files');
    const created = await repo.insertFile(tx, {
      processId,
      criterionId,
      fileName,
      contentType: evidenceFileTypes[type],
      size: file.bytes.byteLength,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: file.bytes,
      uploadedByUserId: actor.userId,
      uploadedByName: actor.name,
      uploadedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'attach',
        entityType: 'certification_process',
        entityId: processId,
        after: { criterion: criterion.label, file: fileName, size: created.size, sha256: created.sha256 },
      },
      now,
    );
    return presentEvidenceFile(created);
  });
}

/** A file with its content, for download. */
export async function evidenceContent(ctx: AppContext, actor: Actor, processId: string, fileId: string) {
  await visibleProcess(ctx.db, actor, processId);
  const found = await repo.findFile(ctx.db, processId, fileId, true);
  if (!found?.content) throw notFound();
  return { ...found, content: found.content };
}

/** Removing a file: only while the process is open, as confirmations change only then. */
export async function removeEvidence(ctx: AppContext, actor: Actor, processId: string, fileId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await changeableProcess(tx, actor, processId);
    const found = await repo.findFile(tx, processId, fileId, false);
    if (!found) throw notFound();
    const criterion = await confirmedCriterion(tx, row, found.criterionId);
    await repo.deleteFile(tx, fileId);
    await recordAudit(
      tx,
      actor,
      {
        action: 'detach',
        entityType: 'certification_process',
        entityId: processId,
        before: { criterion: criterion.label, file: found.fileName, size: found.size, sha256: found.sha256 },
      },
      now,
    );
  });
}
