/**
 * The server of the coverage and attendance figures: Inkludera (from dist/, logging every request)
 * on PORT, and in the same process, sharing its database, a bare Fastify server on BARE_PORT with no
 * authentication, validation, audit or response schema:
 *   GET /coverage                the coverage page's core aggregate (staffAggregate) as one plain query
 *   PUT /attendance/:sessionId/:partId  { marks: [{ employeeId, status }] }: the marks upserted in one
 *                                statement and the session's outcomes derived again, in one transaction
 *   node --import tsx bench/servers/training-server.ts   (DATA_DIR or DATABASE_URL, PORT, BARE_PORT, HOST)
 */
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '#server/app';
import { loadConfig } from '#server/config';
import { openDatabase } from '#server/db/client';
import { stockholmDate } from '#server/features/employees/current';
import { recomputeOutcomes } from '#server/features/enrolments/outcomes';
import { rawQuery } from '../lib/raw.js';
import { coverageStatements } from '../lib/coverage-sql.js';

const config = loadConfig();
const database = await openDatabase(config);
const app = await buildApp({ database, config, logger: { level: config.logLevel } });
await app.listen({ port: config.port, host: config.host });

const query = rawQuery(database);
const bare = Fastify();
bare.get('/coverage', async () => {
  const [core] = await coverageStatements(stockholmDate(new Date()));
  return (await query(core.text, core.params)).rows;
});
bare.put('/attendance/:sessionId/:partId', async (request) => {
  const { sessionId, partId } = request.params as { sessionId: string; partId: string };
  const { marks } = request.body as { marks: { employeeId: string; status: string }[] };
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into attendance (part_id, enrolment_id, status, marked_at)
      select ${partId}::uuid, e.id, m.status, now()
        from unnest(${sql.param(marks.map((m) => m.employeeId))}::uuid[], ${sql.param(marks.map((m) => m.status))}::text[]) as m(employee_id, status)
        join enrolments e on e.session_id = ${sessionId}::uuid and e.employee_id = m.employee_id
      on conflict (part_id, enrolment_id) do update set status = excluded.status, marked_at = excluded.marked_at`);
    await recomputeOutcomes(tx, { sessionIds: [sessionId] });
  });
  return { marks: marks.length };
});
await bare.listen({ port: Number(process.env.BARE_PORT), host: config.host });
console.log(`bare routes on ${process.env.BARE_PORT}`);

process.on('SIGTERM', () => {
  void Promise.all([app.close(), bare.close()])
    .then(() => database.close())
    .finally(() => process.exit(0));
});
