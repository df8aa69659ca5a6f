import { loadConfig, ConfigError } from './config.js';
import { openDatabase } from './db/client.js';
import { DataDirLockedError } from './db/lock.js';
import { buildApp } from './app.js';
import { systemClock } from './context.js';
import { createFirstAdministrator, needsSetup } from './features/users/service.js';
import { startJobs } from './jobs/scheduler.js';
import { loadDemo } from './features/demo/service.js';
import { failInterruptedImports } from './features/imports/service.js';

/** Without HOST, listen on every address: '::' takes IPv4 too, so http://localhost works whichever way the browser resolves it. */
async function listen(app: Awaited<ReturnType<typeof buildApp>>, port: number, host: string | undefined) {
  if (host) return app.listen({ port, host });
  try {
    return await app.listen({ port, host: '::' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAFNOSUPPORT' && (error as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL') throw error;
    return app.listen({ port, host: '0.0.0.0' });
  }
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  const app = await buildApp({ database, config, clock: systemClock, logger: { level: config.logLevel } });

  await failInterruptedImports(app.appContext);

  if (config.adminEmail && config.adminPassword && (await needsSetup(app.appContext))) {
    await createFirstAdministrator(app.appContext, { name: 'Administratör', email: config.adminEmail, password: config.adminPassword });
    app.log.info({ email: config.adminEmail }, 'created the first administrator from INKLUDERA_ADMIN_EMAIL');
  }

  if (config.demo && (await needsSetup(app.appContext))) {
    const demo = await loadDemo(app.appContext);
    console.log(
      [
        `Loaded the demo municipality: ${demo.administrations} administrations, ${demo.units} units, ${demo.employees} employees.`,
        `Demo accounts (password for all: ${demo.password}):`,
        ...demo.accounts.map((a) => `  ${a.email.padEnd(40)} ${a.role}${a.scope ? ` (${a.scope})` : ''}`),
      ].join('\n'),
    );
  }

  const jobs = startJobs(app);
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));

  await listen(app, config.port, config.host);
  app.log.info(`Inkludera is running on ${config.publicUrl} (database: ${database.kind}${database.kind === 'pglite' ? `, ${config.dataDir}` : ''})`);
}

main().catch((error) => {
  if (error instanceof DataDirLockedError || error instanceof ConfigError) {
    console.error(`Inkludera could not start: ${error.message}`);
  } else {
    console.error('Inkludera could not start:', error);
  }
  process.exit(1);
});
