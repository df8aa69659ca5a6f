import type { Actor } from '../../context.js';
import type { Db } from '../../db/client.js';
import { batched } from '../../db/batched.js';
import { recordAudits, type AuditRecord } from '../audit/service.js';

type Entry = { actor: Pick<Actor, 'userId' | 'name'>; record: AuditRecord; at: Date };

/** At most this many entries in one statement (each carries up to a page of ids). */
const batchSize = 200;

/**
 * The audit entries of list reads, written as a group commit (batched): the entries of the requests
 * that arrive while one insert is on its way go together in the next one. Each request still answers
 * only once its own entry is written (and fails if it is not), and each entry keeps its own actor and time.
 */
const writers = new WeakMap<Db, (entry: Entry) => Promise<void>>();

export function recordRead(db: Db, actor: Pick<Actor, 'userId' | 'name'>, record: AuditRecord, at: Date): Promise<void> {
  let write = writers.get(db);
  if (!write) {
    write = batched<Entry, void>((entries) => recordAudits(db, entries), batchSize);
    writers.set(db, write);
  }
  return write({ actor, record, at });
}
