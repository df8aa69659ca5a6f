/**
 * The server of the employees-list figures: Inkludera (from dist/, as `node dist/server/main.js` builds
 * it, logging every request) on PORT, and in the same process, sharing its database, a bare Fastify
 * route on BARE_PORT that runs the list's page query and count as plain SQL: no authentication, no
 * validation, no audit, no response schema.
 *   node --import tsx bench/servers/list-server.ts   (DATA_DIR or DATABASE_URL, PORT, BARE_PORT, HOST)
 */
import Fastify from 'fastify';
import { buildApp } from '#server/app';
import { loadConfig } from '#server/config';
import { openDatabase } from '#server/db/client';
import { stockholmDate } from '#server/features/employees/current';
import { rawQuery } from '../lib/raw.js';
import { countQuery, pageQuery } from './list-queries.js';

const config = loadConfig();
const database = await openDatabase(config);
const app = await buildApp({ database, config, logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });

const query = rawQuery(database);
const bare = Fastify();
bare.get('/employees', async (request) => {
  const { administrationId, page = '1', pageSize = '50' } = request.query as Record<string, string>;
  const today = stockholmDate(new Date());
  const [rows, count] = await Promise.all([
    query(pageQuery, [administrationId, today, Number(pageSize), (Number(page) - 1) * Number(pageSize)]),
    query<{ total: string }>(countQuery, [administrationId, today]),
  ]);
  return { items: rows.rows, total: Number(count.rows[0].total), page: Number(page), pageSize: Number(pageSize) };
});
await bare.listen({ port: Number(process.env.BARE_PORT), host: config.host });
console.log(`bare route on ${process.env.BARE_PORT}`);

process.on('SIGTERM', () => {
  void Promise.all([app.close(), bare.close()])
    .then(() => database.close())
    .finally(() => process.exit(0));
});
