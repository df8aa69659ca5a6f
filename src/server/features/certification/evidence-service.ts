import type { Actor, AppContext } from '../../context.js';
import { conflict, notFound } from '../../http/errors.js';
import { checkedDocument } from '../../http/documents.js';
import { evidenceMaxFilesPerCriterion, type EvidenceFile } from '#shared/contracts/certification-evidence';
import { recordAudit } from '../audit/service.js';
import * as repo from './evidence-repository.js';
import { presentEvidenceFile } from './presenter.js';
import { changeableProcess, confirmedCriterion, visibleProcess } from './service.js';

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
  const document = checkedDocument(file, 'evidence_file_type');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await changeableProcess(tx, actor, processId);
    const criterion = await confirmedCriterion(tx, row, criterionId);
    if ((await repo.countFor(tx, processId, criterionId)) >= evidenceMaxFilesPerCriterion)
      throw conflict('evidence_too_many_files');
    const created = await repo.insertFile(tx, {
      processId,
      criterionId,
      ...document,
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
        after: { criterion: criterion.label, file: document.fileName, size: created.size, sha256: created.sha256 },
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
