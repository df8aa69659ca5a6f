import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { localeOf } from '../../http/i18n.js';
import {
  coverage,
  coverageExportQuery,
  coverageListQuery,
  coverageQuery,
  newUntrainedPage,
  refresherDuePage,
} from '#shared/contracts/coverage';
import { coverageCsv, coverageXlsx, exportFileName } from './export.js';
import * as service from './service.js';

const tags = ['coverage'];
const access = permission('read', 'coverage');

const contentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

export async function coverageRoutes(app: AppInstance) {
  app.get(
    '/api/coverage',
    {
      schema: {
        tags,
        summary:
          'Training coverage of the municipality, an administration or a unit (default: one’s own scope); gender counts under 5 are "<5"',
        querystring: coverageQuery,
        response: { 200: coverage },
      },
      config: { access },
    },
    async (request) => service.getCoverage(request.ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/coverage/export',
    {
      schema: {
        tags,
        summary: 'The coverage figures as XLSX (one sheet per table) or CSV, with the same "<5" masking',
        querystring: coverageExportQuery,
      },
      config: { access },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const locale = localeOf(request);
      const figures = await service.getCoverage(request.ctx, actorOf(request), query);
      const body = format === 'csv' ? coverageCsv(figures, locale) : await coverageXlsx(figures, locale);
      const fileName = exportFileName(figures, locale, format);
      return reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/api/coverage/new-untrained',
    {
      schema: {
        tags,
        summary: 'Staff of the scope who started after the last held session and have no completed training (audited)',
        querystring: coverageListQuery,
        response: { 200: newUntrainedPage },
      },
      config: { access },
    },
    async (request) => service.listNewUntrained(request.ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/coverage/refresher-due',
    {
      schema: {
        tags,
        summary: 'Staff of the scope whose latest completion of a course is past its refresher interval (audited)',
        querystring: coverageListQuery,
        response: { 200: refresherDuePage },
      },
      config: { access },
    },
    async (request) => service.listRefresherDue(request.ctx, actorOf(request), request.query),
  );
}
