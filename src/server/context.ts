import type { Config } from './config.js';
import type { Db, DatabaseKind } from './db/client.js';
import type { Role } from '#shared/permissions';

export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

/** What every service gets: the database, the clock and the configuration. */
export type AppContext = {
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
};

export type ActorRole = { role: Role; administrationId: string | null; unitId: string | null };

/** The signed-in person on whose behalf a request runs. */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  locale: 'sv' | 'en';
  employeeId: string | null;
  roles: ActorRole[];
  permissions: ReadonlySet<string>;
  /** Administrations the actor leads as process leader. */
  administrationIds: string[];
  /** Units the actor manages. */
  unitIds: string[];
  /** How the request was authenticated; sessionId is set for browser sessions. */
  via: 'session' | 'token';
  sessionId: string | null;
};
