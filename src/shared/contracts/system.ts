import { z } from 'zod';
import { listQuery, page } from './common.js';

export const auditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditPage = page(auditEntry);
export const auditListQuery = listQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  actorUserId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const outboxMessage = z.object({
  id: z.uuid(),
  toAddress: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /** When delivery is tried next; null once the message is sent or has failed for good. */
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
export const outboxPage = page(outboxMessage);
export const outboxListQuery = listQuery.extend({
  /** Part of the recipient's address or the subject. */
  q: z.string().trim().max(200).optional(),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
});
export const outboxInfo = z.object({ smtpConfigured: z.boolean() });

export const overview = z.object({
  counts: z.object({
    /** null: the person is responsible for no part of the organisation (employees, trainers, hosts). */
    administrations: z.number().int().nullable(),
    units: z.number().int().nullable(),
    unitsWorkingWithChildren: z.number().int().nullable(),
    employees: z.number().int().nullable(),
    users: z.number().int().nullable(),
    pendingMail: z.number().int().nullable(),
  }),
  /** The yearly rule and new employees without training: for those who plan training (coordinators, administrators); else null. */
  training: z
    .object({
      coursesWithoutSession: z.array(z.object({ id: z.uuid(), name: z.string() })),
      newUntrained: z.object({ count: z.number().int(), months: z.number().int() }),
    })
    .nullable(),
  /**
   * The rule that units working with children and youth be certified, within what the person may
   * see of certification; null for those who see none of it. missing: no valid certificate today.
   */
  certification: z
    .object({
      childrenUnits: z.number().int(),
      missing: z.number().int(),
      /** Certified units in scope that no longer meet a computed criterion of their certificate. */
      belowThreshold: z.number().int(),
    })
    .nullable(),
});
export type Overview = z.infer<typeof overview>;

export const health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });
