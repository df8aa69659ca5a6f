import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { translate, type Locale } from '../../http/i18n.js';
import { enqueueMail } from '../../mail/outbox.js';
import {
  acknowledgeWithinWorkingDays,
  answerWithinWorkingDays,
  messageFormMinSeconds,
  type MessageDetail,
  type MessageForm,
  type MessageList,
  type MessageReceipt,
  type messageBody,
  type messageListQuery,
} from '#shared/contracts/messages';
import { formatCertificateCode, normaliseCertificateCode } from '#shared/contracts/training-records';
import { changedFields, recordAudit } from '../audit/service.js';
import { newCertificateCode } from '../certification/service.js';
import { activeUsersWithRole, processLeadersOf } from '../users/roles.js';
import { checkFormToken, issueFormToken } from './form-token.js';
import { canOnMessage, messageScope } from './policy.js';
import { presentDetail, presentListItem, presentReceipt } from './presenter.js';
import { currentRetention } from './retention.js';
import * as repo from './repository.js';
import { addWorkingDays } from './working-days.js';

type SubmitInput = z.output<typeof messageBody>;
type ListQuery = z.output<typeof messageListQuery>;

/** A receipt code is a certificate code: 80 random bits as 16 characters of Crockford base32. */
const codeLength = 16;
export const newReceiptCode = newCertificateCode;
export const formatReceiptCode = formatCertificateCode;

const entityType = 'citizen_message';

// ---- The public side --------------------------------------------------------------------------

export async function messageForm(ctx: AppContext): Promise<MessageForm> {
  const [formToken, administrations, retention] = await Promise.all([
    issueFormToken(ctx),
    repo.administrationOptions(ctx.db),
    currentRetention(ctx.db),
  ]);
  return { formToken, minSeconds: messageFormMinSeconds, administrations, retention };
}

/**
 * Keeps out robots without knowing anything about the sender: the honeypot must be empty, and the
 * form must have been handed out by this server at least a few seconds (and at most a day) ago.
 */
export async function checkSpam(ctx: AppContext, body: { website?: string; formToken: string }): Promise<void> {
  if (body.website && body.website.trim() !== '') throw badRequest('message_rejected');
  const token = await checkFormToken(ctx, body.formToken);
  if (token === 'invalid') throw badRequest('message_form_invalid');
  if (token === 'expired') throw badRequest('message_form_expired');
  if (token === 'too_fast') throw new AppError(400, 'message_too_fast', undefined, { seconds: messageFormMinSeconds });
}

/**
 * Stores exactly what the sender gave (kind, subject, administration, text, and a name and email
 * only if they chose to), and routes it: to the process leader of the administration named, else
 * to the administrators. The audit entry says a message came, not what it said or who sent it.
 */
export async function submitMessage(ctx: AppContext, body: SubmitInput): Promise<MessageReceipt> {
  await checkSpam(ctx, body);
  if (body.administrationId && !(await repo.activeAdministrationExists(ctx.db, body.administrationId)))
    throw badRequest('validation_failed', [{ path: 'body.administrationId', message: 'unknown_administration' }]);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const leader = body.administrationId
      ? (await processLeadersOf(tx, [body.administrationId])).get(body.administrationId)
      : undefined;
    const row = await repo.insertMessage(tx, {
      code: newReceiptCode(),
      kind: body.kind,
      subject: body.subject,
      administrationId: body.administrationId,
      text: body.text,
      contactName: body.name,
      contactEmail: body.email,
      assignedUserId: leader?.id ?? null,
      createdAt: now,
      acknowledgeBy: addWorkingDays(now, acknowledgeWithinWorkingDays),
      answerBy: addWorkingDays(now, answerWithinWorkingDays),
    });
    await recordAudit(
      tx,
      null,
      {
        action: 'create',
        entityType,
        entityId: row.id,
        after: {
          kind: row.kind,
          subject: row.subject,
          administrationId: row.administrationId,
          assignedUserId: row.assignedUserId,
        },
      },
      now,
    );
    return presentReceipt(row);
  });
}

/** The sender reads the status and the answer with their code; an unknown code is 404. */
export async function receipt(ctx: AppContext, code: string): Promise<MessageReceipt> {
  const normalised = normaliseCertificateCode(code);
  if (normalised.length !== codeLength) throw notFound('message_not_found');
  const row = await repo.findByCode(ctx.db, normalised);
  if (!row) throw notFound('message_not_found');
  return presentReceipt(row);
}

// ---- The staff inbox --------------------------------------------------------------------------

const stockholmMidnight = (isoDate: string) => {
  // Midnight in Stockholm is 23:00 or 22:00 UTC the day before; find the offset of that day.
  const noon = new Date(`${isoDate}T12:00:00Z`);
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' }).format(noon),
  );
  return new Date(noon.getTime() - hour * 3600_000);
};
const nextDay = (isoDate: string) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export async function listMessages(ctx: AppContext, actor: Actor, query: ListQuery): Promise<MessageList> {
  const scope = messageScope(actor);
  if (scope && scope.administrationIds.length === 0) throw forbidden();
  const now = ctx.clock.now();
  const { rows, total } = await repo.listMessages(
    ctx.db,
    scope,
    {
      status: query.status,
      kind: query.kind,
      subject: query.subject,
      administrationId: query.administrationId,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      hateful: query.hateful === 'true',
      from: query.from ? stockholmMidnight(query.from) : undefined,
      toExclusive: query.to ? stockholmMidnight(nextDay(query.to)) : undefined,
    },
    now,
    query.page,
    query.pageSize,
  );
  // The list shows what citizens wrote (an excerpt): the read is logged with the filter and which
  // messages were shown, never their words.
  await recordAudit(
    ctx.db,
    actor,
    { action: 'read', entityType, entityId: null, after: { filter: { ...query }, shown: rows.map((row) => row.id) } },
    now,
  );
  return { items: rows.map((row) => presentListItem(row, now)), total, page: query.page, pageSize: query.pageSize };
}

async function messageFor(ctx: AppContext, actor: Actor, id: string, action: 'read' | 'update') {
  const row = await repo.findMessage(ctx.db, id);
  if (!row) throw notFound('message_not_found');
  if (!canOnMessage(actor, action, row)) throw forbidden();
  return row;
}

/** Those who may handle the message: the administrators, and the process leader of its administration. */
async function assignableFor(db: DbOrTx, message: { administrationId: string | null }) {
  const administrators = await activeUsersWithRole(db, 'administrator');
  const leader = message.administrationId
    ? (await processLeadersOf(db, [message.administrationId])).get(message.administrationId)
    : undefined;
  const people = leader && !administrators.some((a) => a.id === leader.id) ? [leader, ...administrators] : administrators;
  return people.map((p) => ({ id: p.id, name: p.name }));
}

async function detail(ctx: AppContext, id: string): Promise<MessageDetail> {
  const row = await repo.findMessage(ctx.db, id);
  if (!row) throw notFound('message_not_found');
  const [notes, assignable] = await Promise.all([repo.notesOf(ctx.db, id), assignableFor(ctx.db, row)]);
  return presentDetail(row, notes, assignable, ctx.clock.now());
}

/** One message with its notes. A read of what a citizen wrote (and perhaps their contact details) is audited. */
export async function getMessage(ctx: AppContext, actor: Actor, id: string): Promise<MessageDetail> {
  await messageFor(ctx, actor, id, 'read');
  await recordAudit(ctx.db, actor, { action: 'read', entityType, entityId: id }, ctx.clock.now());
  return detail(ctx, id);
}

type Change = Partial<repo.NewMessage>;

/** Applies a change to a message the actor may handle, under its row lock, audited with the fields that changed. */
async function change(
  ctx: AppContext,
  actor: Actor,
  id: string,
  decide: (row: repo.MessageView, now: Date, tx: Tx) => Promise<Change> | Change,
  after?: (tx: Tx, row: repo.MessageView, now: Date) => Promise<void>,
): Promise<MessageDetail> {
  await messageFor(ctx, actor, id, 'update');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findMessage(tx, id, 'update');
    if (!row) throw notFound('message_not_found');
    const values = await decide(row, now, tx);
    const audited = Object.fromEntries(Object.keys(values).map((k) => [k, row[k as keyof repo.MessageView]]));
    const diff = changedFields(audited, values);
    if (diff.changed) {
      await repo.updateMessage(tx, id, values);
      // The answer's words are not repeated in the log; that it was answered, when and by whom, is.
      if ('answer' in diff.after) diff.after.answer = diff.before.answer = undefined;
      await recordAudit(tx, actor, { action: 'update', entityType, entityId: id, before: diff.before, after: diff.after }, now);
    }
    await after?.(tx, row, now);
  });
  return detail(ctx, id);
}

/** A message that staff have seen and taken on is acknowledged: the first target is met. */
const acknowledged = (row: repo.MessageView, now: Date): Change =>
  row.status === 'new' ? { status: 'in_progress', acknowledgedAt: now } : {};

const requireOpen = (row: repo.MessageView) => {
  if (row.status === 'closed') throw conflict('message_closed');
};

export const acknowledgeMessage = (ctx: AppContext, actor: Actor, id: string) =>
  change(ctx, actor, id, (row, now) => {
    requireOpen(row);
    return acknowledged(row, now);
  });

export const assignMessage = (ctx: AppContext, actor: Actor, id: string, userId: string | null) =>
  change(ctx, actor, id, async (row, now, tx) => {
    requireOpen(row);
    if (userId !== null && !(await assignableFor(tx, row)).some((p) => p.id === userId))
      throw badRequest('validation_failed', [{ path: 'body.userId', message: 'message_not_assignable' }]);
    return { assignedUserId: userId, ...(userId ? acknowledged(row, now) : {}) };
  });

export async function addNote(ctx: AppContext, actor: Actor, id: string, text: string): Promise<MessageDetail> {
  await messageFor(ctx, actor, id, 'update');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const note = await repo.insertNote(tx, {
      messageId: id,
      text,
      authorUserId: actor.userId,
      authorName: actor.name,
      createdAt: now,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'create', entityType: 'citizen_message_note', entityId: note.id, after: { messageId: id } },
      now,
    );
  });
  return detail(ctx, id);
}

function answerMail(ctx: AppContext, row: repo.MessageView, answer: string) {
  const url = `${ctx.config.publicUrl.replace(/\/$/, '')}/feedback/status`;
  const code = formatReceiptCode(row.code);
  const part = (locale: Locale) => [translate(locale, 'messages.mail.body', { code, url }), '', answer].join('\n');
  return {
    to: row.contactEmail!,
    subject: translate('sv', 'messages.mail.subject'),
    body: [part('sv'), '', '----', '', translate('en', 'messages.mail.subject'), '', part('en')].join('\n'),
  };
}

/**
 * The answer is shown on the receipt page, and mailed through the outbox when the sender left an
 * email. A later answer replaces it (and is mailed again).
 */
export const answerMessage = (ctx: AppContext, actor: Actor, id: string, text: string) =>
  change(
    ctx,
    actor,
    id,
    (row, now) => {
      requireOpen(row);
      if (row.hateful) throw conflict('message_hateful');
      return { ...acknowledged(row, now), status: 'answered', answer: text, answeredAt: now, answeredByName: actor.name };
    },
    async (tx, row) => {
      if (row.contactEmail) await enqueueMail(ctx, tx, answerMail(ctx, row, text));
    },
  );

export const closeMessage = (ctx: AppContext, actor: Actor, id: string) =>
  change(ctx, actor, id, (row, now) => {
    requireOpen(row);
    return { status: 'closed', closedAt: now };
  });

/** Hateful messages are hidden from the inbox (the filter hateful=true shows them) and never answered. */
export const markHateful = (ctx: AppContext, actor: Actor, id: string, hateful: boolean) =>
  change(ctx, actor, id, () => ({ hateful }));
