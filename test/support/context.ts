import type { Config } from '#server/config';
import type { AppContext, Clock } from '#server/context';
import type { Database } from '#server/db/client';

/** The services' context on a test database, for tests that call services without the HTTP app. */
export function createDatabaseContext(database: Database, clock: Clock, config: Config): AppContext {
  return { db: database.db, dbKind: database.kind, clock, config };
}
