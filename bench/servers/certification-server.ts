/**
 * The server of the certification figures: Inkludera (from dist/, logging every request) on PORT,
 * and in the same process, sharing its database, a bare Fastify server on BARE_PORT with no
 * authentication, validation or response schema, running the hand-written baselines:
 *   GET /checklist/:unitId/:processId/:courseId   the checklist's computed values in one query
 *   GET /units                                    every active unit's status in one query
 *   node --import tsx bench/servers/certification-server.ts   (DATA_DIR or DATABASE_URL, PORT, BARE_PORT, HOST)
 */
import Fastify from 'fastify';
import { buildApp } from '#server/app';
import { loadConfig } from '#server/config';
import { openDatabase } from '#server/db/client';
import { stockholmDate } from '#server/features/employees/current';
import { rawQuery } from '../lib/raw.js';
import { checklistSql, unitStatusSql } from '../lib/certification-sql.js';

const config = loadConfig();
const database = await openDatabase(config);
const app = await buildApp({ database, config, logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });

const query = rawQuery(database);
const bare = Fastify();
bare.get('/checklist/:unitId/:processId/:courseId', async (request) => {
  const { unitId, processId, courseId } = request.params as { unitId: string; processId: string; courseId: string };
  return (await query(checklistSql, [unitId, processId, courseId, stockholmDate(new Date())])).rows[0];
});
bare.get('/units', async () => (await query(unitStatusSql, [stockholmDate(new Date())])).rows);
await bare.listen({ port: Number(process.env.BARE_PORT), host: config.host });
console.log(`bare routes on ${process.env.BARE_PORT}`);

process.on('SIGTERM', () => {
  void Promise.all([app.close(), bare.close()])
    .then(() => database.close())
    .finally(() => process.exit(0));
});
