import { sql } from 'drizzle-orm';
import type { AppInstance } from '../../app.js';
import { publicAccess } from '../../http/access.js';
import { health } from '#shared/contracts/system';

export async function healthRoutes(app: AppInstance) {
  app.get(
    '/api/health',
    {
      schema: { tags: ['system'], summary: 'Liveness and database kind (stable contract)', response: { 200: health } },
      config: { access: publicAccess },
    },
    async (request) => {
      await request.ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: request.ctx.dbKind };
    },
  );
}
