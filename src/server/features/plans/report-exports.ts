import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor, AppContext } from '../../context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import type { Locale } from '../../http/i18n.js';
import { etaSeconds } from '../../jobs/progress.js';
import type { ReportExport, ReportExportBody, ReportExportPhase, ReportFormat } from '#shared/contracts/plan-report';
import { canRead } from './policy.js';
import { renderReport, reportContentTypes, reportFileName, reportTitle } from './report-documents.js';
import { buildReport, checkReportRequest, type ReportRequest } from './report-service.js';

/**
 * The follow-up report written in the background: POST starts it and answers at once; the page asks
 * for its progress every second (plans written of all, pages, the time left) and then fetches the
 * file. Jobs live in this server process's memory, not in a table: a file is written again from the
 * data in seconds, and a report of the whole municipality is 30 MB that need not be kept. A person may
 * leave the page and come back while the server runs; a restart forgets the jobs (the page then lists
 * none, and the person starts again). Only the person who started a job sees it.
 */

type Job = {
  id: string;
  ownerId: string;
  format: ReportFormat;
  locale: Locale;
  request: ReportRequest;
  phase: ReportExportPhase;
  title: string | null;
  done: number;
  total: number;
  pages: number;
  startedAt: Date;
  /** When the document began to be written (the pace for the time left). */
  writingSince: number | null;
  finishedAt: Date | null;
  file: Buffer | null;
  fileName: string | null;
  error: string | null;
};

const jobs = new Map<string, Job>();
/** A finished job (its file) is kept this long after it finished. */
const keepMs = 30 * 60_000;
/** Exports one person may have running at once. */
const runningPerPerson = 2;
/** At most this many bytes of finished files are kept; the oldest go first. */
const keptBytes = 200 * 1024 * 1024;

type Render = typeof renderReport;

function prune(now: number) {
  for (const [id, job] of jobs) if (job.finishedAt && now - job.finishedAt.getTime() > keepMs) jobs.delete(id);
  const finished = [...jobs.values()]
    .filter((j) => j.file !== null)
    .sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime());
  let bytes = 0;
  for (const job of finished) {
    bytes += job.file!.byteLength;
    if (bytes > keptBytes) jobs.delete(job.id);
  }
}

function present(job: Job, now = Date.now()): ReportExport {
  const writing = job.phase === 'writing' && job.writingSince !== null;
  return {
    id: job.id,
    format: job.format,
    phase: job.phase,
    periodId: job.request.periodId,
    scope: job.request.scope,
    title: job.title,
    done: job.done,
    total: job.total,
    pages: job.pages,
    etaSeconds: writing ? etaSeconds({ done: job.done, total: job.total, startedAt: job.writingSince! }, now) : null,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    fileName: job.fileName,
    fileSize: job.file?.byteLength ?? null,
    error: job.error,
  };
}

async function run(ctx: AppContext, actor: Actor, job: Job, render: Render, log: FastifyBaseLogger) {
  try {
    const report = await buildReport(ctx, actor, job.request);
    job.title = reportTitle(report, job.locale);
    job.total = report.plans.length;
    job.phase = 'writing';
    job.writingSince = Date.now();
    const file = await render(report, job.format, job.locale, (progress) => {
      job.done = progress.done;
      job.total = progress.total;
      job.pages = progress.pages;
    });
    job.file = file;
    job.fileName = reportFileName(report, job.format, job.locale);
    job.done = job.total;
    job.phase = 'done';
  } catch (error) {
    job.phase = 'failed';
    job.error = error instanceof AppError ? error.code : 'export_failed';
    log.error({ err: error, exportId: job.id }, 'the report export failed');
  } finally {
    job.finishedAt = new Date();
  }
}

/** Starts an export; the request is checked first (400/403/404 as for the report itself). */
export async function startReportExport(
  ctx: AppContext,
  actor: Actor,
  body: ReportExportBody & { format: ReportFormat },
  locale: Locale,
  log: FastifyBaseLogger,
  render: Render = renderReport,
): Promise<ReportExport> {
  if (!canRead(actor)) throw forbidden();
  prune(Date.now());
  const running = [...jobs.values()].filter((j) => j.ownerId === actor.userId && j.finishedAt === null).length;
  if (running >= runningPerPerson) throw conflict('report_exports_running');
  const request: ReportRequest = {
    periodId: body.periodId,
    scope: body.scope ?? 'municipality',
    administrationId: body.administrationId,
    unitId: body.unitId,
  };
  await checkReportRequest(ctx, actor, request);
  const job: Job = {
    id: randomUUID(),
    ownerId: actor.userId,
    format: body.format,
    locale,
    request,
    phase: 'gathering',
    title: null,
    done: 0,
    total: 0,
    pages: 0,
    startedAt: new Date(),
    writingSince: null,
    finishedAt: null,
    file: null,
    fileName: null,
    error: null,
  };
  jobs.set(job.id, job);
  void run(ctx, actor, job, render, log);
  return present(job);
}

function ownJob(actor: Actor, id: string): Job {
  if (!canRead(actor)) throw forbidden();
  const job = jobs.get(id);
  // Another person's export is not found: its existence is nobody else's business.
  if (!job || job.ownerId !== actor.userId) throw notFound('unknown_report_export');
  return job;
}

export function getReportExport(actor: Actor, id: string): ReportExport {
  return present(ownJob(actor, id));
}

/** The person's exports, newest first (those the server still holds). */
export function listReportExports(actor: Actor): ReportExport[] {
  if (!canRead(actor)) throw forbidden();
  prune(Date.now());
  return [...jobs.values()]
    .filter((j) => j.ownerId === actor.userId)
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
    .map((j) => present(j));
}

/** The finished file; 409 report_export_not_ready while it is written, report_export_failed when it failed. */
export function reportExportFile(actor: Actor, id: string) {
  const job = ownJob(actor, id);
  if (job.phase === 'failed') throw conflict('report_export_failed');
  if (job.file === null || job.fileName === null) throw conflict('report_export_not_ready');
  return { file: job.file, fileName: job.fileName, contentType: reportContentTypes[job.format] };
}
