import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { documentHeaders } from '../../http/documents.js';
import { localeOf } from '../../http/i18n.js';
import { planReport, planReportExportQuery, planReportQuery } from '#shared/contracts/plan-report';
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
}
