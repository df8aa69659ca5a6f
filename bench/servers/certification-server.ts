/**
 * The server of the certification figures: Inkludera (from dist/, logging every request) on PORT,
 * and in the same process, sharing its database, a bare Fastify server on BARE_PORT with no
 * authentication, validation or response schema, running the hand-written baselines:
 *   GET /checklist/:unitId/:processId/:courseId   the checklist's computed values in one query
 *   GET /units                                    every active unit's status in one query
 * and, to show where the API's time goes, each step of its routes timed in this process, one after
 * another (Authorization: Bearer <token> as for the API; the answer is the milliseconds of each step):
 *   GET /steps/checklist/:processId               GET /api/certification/processes/:id
 *   GET /steps/units                              GET /api/certification/units?pageSize=1000
 *   node --import tsx bench/servers/certification-server.ts   (DATA_DIR or DATABASE_URL, PORT, BARE_PORT, HOST)
 */
import Fastify, { type FastifyRequest } from 'fastify';
import { buildApp } from '#server/app';
import { loadConfig } from '#server/config';
import { systemClock } from '#server/context';
import { openDatabase } from '#server/db/client';
import { actorFromApiToken } from '#server/features/auth/service';
import * as repo from '#server/features/certification/repository';
import * as service from '#server/features/certification/service';
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

// ---- Where the time goes: the API's steps, each timed alone ----------------------------------------

const ctx = { db: database.db, dbKind: database.kind, clock: systemClock, config };

function stepTimer() {
  const ms: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    ms[name] = performance.now() - started;
    return result;
  };
  return { ms, time };
}

async function actorOf(request: FastifyRequest, time: ReturnType<typeof stepTimer>['time']) {
  const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  // The plugin's own call: the token's row, then the user's roles.
  const actor = await time('auth (token and roles)', () => actorFromApiToken(ctx, token));
  if (!actor) throw new Error('the token was refused');
  return actor;
}

bare.get('/steps/checklist/:processId', async (request) => {
  const { processId } = request.params as { processId: string };
  const { ms, time } = stepTimer();
  const day = stockholmDate(new Date());
  const actor = await actorOf(request, time);
  const row = await time('findProcessDetail (the process, its checklist and group in one statement)', () =>
    repo.findProcessDetail(ctx.db, processId, day),
  );
  if (!row) throw new Error('no such process');
  await time('service.getProcess (whole)', () => service.getProcess(ctx, actor, processId));
  return ms;
});

bare.get('/steps/units', async (request) => {
  const { ms, time } = stepTimer();
  const day = stockholmDate(new Date());
  const actor = await actorOf(request, time);
  const rows = await time('unitStatuses', () => repo.unitStatuses(ctx.db, { today: day, scope: null }));
  const certified = rows.filter((r) => r.status === 'certified').map((r) => r.unit_id);
  await time('criteriaBelowThreshold', () => repo.criteriaBelowThreshold(ctx.db, day, certified));
  await time('service.listUnitStatuses (whole)', () =>
    service.listUnitStatuses(ctx, actor, { page: 1, pageSize: 1000 } as Parameters<typeof service.listUnitStatuses>[2]),
  );
  return ms;
});

await bare.listen({ port: Number(process.env.BARE_PORT), host: config.host });
console.log(`bare routes on ${process.env.BARE_PORT}`);

process.on('SIGTERM', () => {
  void Promise.all([app.close(), bare.close()])
    .then(() => database.close())
    .finally(() => process.exit(0));
});
