import type { Db } from '../db/client.js';
import { dataVersions } from '../db/schema/index.js';

/**
 * The in-process caches of answers that many requests ask for again and again (the employee list,
 * the API token's actor): an entry is used only while the data version it was made under is still
 * the database's (see docs/decisions/0012). The versions are read on every request, after it arrived,
 * so a write committed before it (by this process, another one, or psql) is never answered stale.
 */

export type DataFamily = 'organisation' | 'access';
export type Versions = ReadonlyMap<string, number>;

type Waiter = { resolve: (versions: Versions) => void; reject: (error: unknown) => void };

/**
 * Reads every family's version in one query. Requests that ask while a read is on its way wait for
 * the next one (it starts after they asked), so a busy server reads the versions once per round trip,
 * not once per request, and no request is answered from a read that began before it arrived.
 */
class VersionReader {
  private waiting: Waiter[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  read(): Promise<Versions> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run() {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          const rows = await this.db.select({ family: dataVersions.family, version: dataVersions.version }).from(dataVersions);
          const versions = new Map(rows.map((r) => [r.family, Number(r.version)]));
          for (const waiter of batch) waiter.resolve(versions);
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const readers = new WeakMap<Db, VersionReader>();

export function readVersions(db: Db): Promise<Versions> {
  let reader = readers.get(db);
  if (!reader) {
    reader = new VersionReader(db);
    readers.set(db, reader);
  }
  return reader.read();
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

type Entry<V> = { version: string; value: Promise<V>; size: number };

/**
 * A least-recently-used map bounded by an estimate of its entries' size in bytes. Each entry carries
 * the data version it was made under; an entry of another version is a miss (and is replaced). A value
 * is kept as its promise, so concurrent requests for the same key and version compute it once.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get size() {
    return this.entries.size;
  }

  get totalBytes() {
    return this.bytes;
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string, entry: Entry<V>) {
    if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.bytes -= entry.size;
    }
  }

  /** The value of key made under version; computed (once for concurrent callers) when missing. */
  async get(key: string, version: string | null, compute: () => Promise<V>): Promise<V> {
    if (version === null) return compute();
    const found = this.entries.get(key);
    if (found && found.version === version) {
      // Most recently used: to the end of the map's order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.value;
    }
    if (found) this.remove(key, found);
    const entry: Entry<V> = { version, value: compute(), size: 0 };
    this.entries.set(key, entry);
    try {
      const value = await entry.value;
      if (this.entries.get(key) === entry) {
        entry.size = key.length + this.sizeOf(value);
        this.bytes += entry.size;
        this.evict();
      }
      return value;
    } catch (error) {
      this.remove(key, entry);
      throw error;
    }
  }

  private evict() {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(key, entry);
    }
  }
}
