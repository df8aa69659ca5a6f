import type { AppInstance } from '../../app.js';
import { publicAccess } from '../../http/access.js';
import { demoResult } from '#shared/contracts/demo';
import { loadDemo } from './service.js';

export async function demoRoutes(app: AppInstance) {
  app.post(
    '/api/setup/demo',
    {
      schema: {
        tags: ['setup'],
        summary: 'Load the demo municipality (only on an empty system); answers the demo accounts and their password',
        response: { 200: demoResult },
      },
      config: { access: publicAccess, csrf: 'origin', rateLimit: { max: 3, timeWindow: '1 minute' } },
    },
    async (request) => loadDemo(request.ctx),
  );
}
