import type { OutboxMessage } from '#shared/contracts/system';
import type { OutboxRow } from './repository.js';

const statuses = ['pending', 'sent', 'failed'] as const;

export function presentMessage(row: OutboxRow): OutboxMessage {
  const status = statuses.find((s) => s === row.status) ?? 'pending';
  return {
    id: row.id,
    toAddress: row.toAddress,
    subject: row.subject,
    body: row.body,
    status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: status === 'pending' ? row.nextAttemptAt.toISOString() : null,
  };
}
