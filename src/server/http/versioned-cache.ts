import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client.js';
import { batched } from '../db/batched.js';
import { dataVersions } from '../db/schema/index.js';

/**
 * The in-process caches of answers that many requests ask for again and again (the employee list,
 * the API token's actor, a certification process's page): an entry is used only while the data version it was made under is still
 * the database's (see docs/decisions/0012). The versions are read on every request, after it arrived,
 * so a write committed before it (by this process, another one, or psql) is never answered stale.
 */

/**
 * The families of tables whose triggers keep a version in data_versions (migrations 0011 and 0021):
 * organisation (employees, employee_unit_history, units, administrations), access (users, user_roles,
 * api_tokens), training (courses, training_sessions, session_eligibility, enrolments), certification
 * (certification_schemes, _criteria, _processes, _group_members, _confirmations, unit_certificates)
 * and plans (action_plans). A cache names every family whose tables its values read.
 */
export type DataFamily = 'organisation' | 'access' | 'training' | 'certification' | 'plans';
export type Versions = ReadonlyMap<string, number>;

/**
 * Every family's version in one query, per database. Requests that ask while a read is on its way
 * wait for the next one (it starts after they asked), so a busy server reads the versions once per
 * round trip, not once per request, and no request is answered from a read that began before it arrived.
 */
const readers = new WeakMap<Db, () => Promise<Versions>>();

/**
 * One of something per database, made on first use: two databases in one process (tests, benchmarks)
 * count their versions each from 1, so a cache must never be shared between them.
 */
export function perDatabase<T>(make: () => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make();
      made.set(db, value);
    }
    return value;
  };
}

export function readVersions(db: Db): Promise<Versions> {
  let read = readers.get(db);
  if (!read) {
    read = batched<void, Versions>(async () => {
      const rows = await db.select({ family: dataVersions.family, version: dataVersions.version }).from(dataVersions);
      return new Map(rows.map((r) => [r.family, Number(r.version)]));
    });
    readers.set(db, read);
  }
  return read();
}

/**
 * The version key of these families, or null when one is missing (its row truncated, as the tests
 * do): then nothing is cached or served from the cache until a write puts the row back.
 */
export function versionKey(versions: Versions, families: readonly DataFamily[]): string | null {
  const parts: number[] = [];
  for (const family of families) {
    const version = versions.get(family);
    if (version === undefined) return null;
    parts.push(version);
  }
  return parts.join('.');
}

/**
 * A least-recently-used cache (lru-cache) bounded by an estimate of its entries' size in bytes, whose
 * keys carry the data version they were made under: an entry of an older version is never asked for
 * again and ages out. Concurrent requests for the same key and version compute the value once
 * (lru-cache's fetch); a failed computation is not kept, nor a value of undefined (answered, not cached).
 */
export class VersionedCache<V> {
  private readonly cache: LRUCache<string, { value: V }, () => Promise<V>>;

  constructor(maxBytes: number, sizeOf: (value: V) => number) {
    this.cache = new LRUCache<string, { value: V }, () => Promise<V>>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => Math.max(1, key.length + sizeOf(entry.value)),
      // undefined from fetchMethod leaves nothing in the cache.
      fetchMethod: async (_key, _stale, { context }) => {
        const value = await context();
        return value === undefined ? undefined : { value };
      },
    });
  }

  /** The value of key made under version; computed (once for concurrent callers) when missing. */
  async get(key: string, version: string | null, compute: () => Promise<V>): Promise<V> {
    if (version === null) return compute();
    const entry = await this.cache.fetch(`${version} ${key}`, { context: compute });
    return entry?.value as V;
  }
}
