import type { AppInstance } from '../../app.js';
import { permission } from '../../http/access.js';
import { auditListQuery, auditPage } from '#shared/contracts/system';
import { listAudit } from './service.js';
import { presentAuditEntry } from './presenter.js';

export async function auditRoutes(app: AppInstance) {
  app.get(
    '/api/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit log (administrators)',
        querystring: auditListQuery,
        response: { 200: auditPage },
      },
      config: { access: permission('read', 'audit') },
    },
    async (request) => {
      const result = await listAudit(request.ctx, request.query);
      return { ...result, items: result.items.map(presentAuditEntry) };
    },
  );
}
