import type { Actor } from '../../context.js';
import type { Db } from '../../db/client.js';
import { recordAudits, type AuditRecord } from '../audit/service.js';

type Pending = {
  actor: Pick<Actor, 'userId' | 'name'>;
  record: AuditRecord;
  at: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/** At most this many entries in one statement (each carries up to a page of ids). */
const batchSize = 200;

/**
 * The audit entries of list reads, written as a group commit: the entries of the requests that arrive
 * while one insert is on its way go together in the next one. Each request still answers only once its
 * own entry is written (and fails if it is not), and each entry keeps its own actor and time; a busy
 * server writes one statement (one commit) per round trip instead of one per request.
 */
class ReadAuditWriter {
  private waiting: Pending[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  write(actor: Pick<Actor, 'userId' | 'name'>, record: AuditRecord, at: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ actor, record, at, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run() {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, batchSize);
        try {
          await recordAudits(this.db, batch);
          for (const entry of batch) entry.resolve();
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const writers = new WeakMap<Db, ReadAuditWriter>();

export function recordRead(db: Db, actor: Pick<Actor, 'userId' | 'name'>, record: AuditRecord, at: Date): Promise<void> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new ReadAuditWriter(db);
    writers.set(db, writer);
  }
  return writer.write(actor, record, at);
}
