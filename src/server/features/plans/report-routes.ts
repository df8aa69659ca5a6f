import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { documentHeaders } from '../../http/documents.js';
import { localeOf } from '../../http/i18n.js';
import { idParams } from '#shared/contracts/common';
import {
  planReport,
  planReportExportQuery,
  planReportQuery,
  reportExport,
  reportExportBody,
  reportExportList,
} from '#shared/contracts/plan-report';
import { getReportExport, listReportExports, reportExportFile, startReportExport } from './report-exports.js';
import { buildReport } from './report-service.js';
import { renderReport, reportContentTypes, reportFileName } from './report-documents.js';

const tags = ['action plans'];

/** The follow-up report of a period and a scope, on the screen and as PDF, Word and Excel. */
export async function planReportRoutes(app: AppInstance) {
  app.get(
    '/api/plan-reports',
    {
      schema: {
        tags,
        summary:
          'The follow-up report of a period for the municipality, an administration or a unit: per plan and goal the assessment and analysis, the actions, the indicators with outcome by gender and trend',
        querystring: planReportQuery,
        response: { 200: planReport },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => buildReport(request.ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/plan-reports/export',
    {
      schema: {
        tags,
        summary: 'The same report as a tagged PDF, a Word document (docx) or an Excel workbook (xlsx); lang chooses its language',
        querystring: planReportExportQuery,
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request, reply) => {
      const report = await buildReport(request.ctx, actorOf(request), request.query);
      const locale = request.query.lang ?? localeOf(request);
      const file = await renderReport(report, request.query.format, locale);
      return reply
        .type(reportContentTypes[request.query.format])
        .headers(documentHeaders(reportFileName(report, request.query.format, locale)))
        .send(file);
    },
  );

  app.post(
    '/api/plan-reports/exports',
    {
      schema: {
        tags,
        summary:
          'Start writing the report as a file in the background (202); follow its progress with GET /api/plan-reports/exports/:id and fetch the file when its phase is done',
        body: reportExportBody,
        response: { 202: reportExport },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request, reply) => {
      const locale = request.body.lang ?? localeOf(request);
      const job = await startReportExport(request.ctx, actorOf(request), request.body, locale, request.log);
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/plan-reports/exports',
    {
      schema: {
        tags,
        summary: 'The exports the signed-in person started that the server still holds, newest first',
        response: { 200: reportExportList },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => ({ items: listReportExports(actorOf(request)) }),
  );

  app.get(
    '/api/plan-reports/exports/:id',
    {
      schema: {
        tags,
        summary: 'An export: its phase, plans written of all, pages, the time left',
        params: idParams,
        response: { 200: reportExport },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => getReportExport(actorOf(request), request.params.id),
  );

  app.get(
    '/api/plan-reports/exports/:id/file',
    {
      schema: { tags, summary: 'The finished export as a file (409 while it is written or when it failed)', params: idParams },
      config: { access: permission('read', 'action_plan') },
    },
    async (request, reply) => {
      const { file, fileName, contentType } = reportExportFile(actorOf(request), request.params.id);
      return reply.type(contentType).headers(documentHeaders(fileName)).send(file);
    },
  );
}
