import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * After a bulk load (an import, the demo): brings the planner's statistics and the visibility map
 * up to date, which PostgreSQL's autovacuum does on its own some time later and PGlite, which runs
 * no autovacuum, never does. Without it the embedded database plans the employee list blind and
 * cannot answer its count and page from the indexes alone. Outside any transaction (VACUUM refuses one).
 */
export async function refreshAfterBulkLoad(db: Db, tables: readonly string[]) {
  if (tables.length === 0) return;
  await db.execute(sql.raw(`vacuum (analyze) ${tables.map((table) => `"${table.replace(/"/g, '')}"`).join(', ')}`));
}
