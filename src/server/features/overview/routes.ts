import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { overview } from '#shared/contracts/system';
import * as service from './service.js';

export async function overviewRoutes(app: AppInstance) {
  app.get(
    '/api/overview',
    {
      schema: {
        tags: ['overview'],
        summary: 'Counts for the start page, for the part of the organisation one is responsible for',
        response: { 200: overview },
      },
      config: { access: permission('read', 'overview') },
    },
    async (request) => service.overview(request.ctx, actorOf(request)),
  );
}
