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
  type ActionMessages,
  type ExampleBody,
  type LinkableActions,
  type PublicExamples,
  linkableActionsMax,
  type messageBody,
  type messageListQuery,
} from '#shared/contracts/messages';
import { formatCertificateCode, normaliseCertificateCode } from '#shared/contracts/training-records';
import { changedFields, recordAudit } from '../audit/service.js';
import { newCertificateCode } from '../certification/service.js';
import { activeUsersWithRole, processLeadersOf } from '../users/roles.js';
import {
  actionLineagesOfPlan,
  actionsByLineage,
  linkableAction,
  searchLinkableActions,
  type PlanReach,
} from '../plans/action-lookup.js';
import { canRead as canReadPlans } from '../plans/policy.js';
import { checkFormToken, issueFormToken } from './form-token.js';
import { canOnMessage, messageScope } from './policy.js';
import {
  presentActionOption,
  presentDetail,
  presentLink,
  presentListItem,
  presentPublicExample,
  presentReceipt,
} from './presenter.js';
import { currentRetention } from './retention.js';
import * as repo from './repository.js';
import { dayAfter, stockholmMidnight } from '../employees/current.js';
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
    // A report of an accessibility problem goes to the administrators (who answer for the web pages).
    const leader =
      body.administrationId && body.subject !== 'accessibility'
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
      toExclusive: query.to ? stockholmMidnight(dayAfter(query.to)) : undefined,
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
  const [notes, assignable, links, example] = await Promise.all([
    repo.notesOf(ctx.db, id),
    assignableFor(ctx.db, row),
    repo.linksOf(ctx.db, id),
    repo.findExample(ctx.db, id),
  ]);
  const actions = await actionsByLineage(
    ctx.db,
    links.map((l) => l.actionLineageId),
  );
  const presentedLinks = links.flatMap((l) => {
    const action = actions.get(l.actionLineageId);
    return action ? [presentLink(l, action)] : [];
  });
  return presentDetail(row, notes, assignable, presentedLinks, example, ctx.clock.now());
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
  change(
    ctx,
    actor,
    id,
    () => ({ hateful }),
    async (tx, _row, now) => {
      // A hateful message is never shown in public: its published example goes.
      if (hateful && (await repo.deleteExample(tx, id)))
        await recordAudit(tx, actor, { action: 'unpublish', entityType, entityId: id, after: { reason: 'hateful' } }, now);
    },
  );

// ---- Links to plan actions (issue 7, item 3) -----------------------------------------------------

/**
 * The plans a message may be linked to: an administrator's, every plan; a process leader's, the
 * municipality's plans and those of the administrations they lead (and of their units).
 */
function reachOf(actor: Actor): PlanReach {
  if (!canReadPlans(actor)) throw forbidden();
  return messageScope(actor) === null ? null : { administrationIds: actor.administrationIds };
}

/** Actions of draft and adopted plans within the actor's reach, found by plan, goal or action name. */
export async function linkableActions(ctx: AppContext, actor: Actor, q: string): Promise<LinkableActions> {
  const reach = reachOf(actor);
  const found = await searchLinkableActions(ctx.db, q, reach, linkableActionsMax);
  return { items: found.map(presentActionOption) };
}

/** Links the message to an action (its lineage, so the link stays through the plan's versions); audited. */
export async function linkAction(ctx: AppContext, actor: Actor, id: string, actionId: string): Promise<MessageDetail> {
  await messageFor(ctx, actor, id, 'update');
  const reach = reachOf(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findMessage(tx, id, 'update');
    if (!row) throw notFound('message_not_found');
    const action = await linkableAction(tx, actionId, reach);
    if (!action) throw badRequest('validation_failed', [{ path: 'body.actionId', message: 'message_action_not_linkable' }]);
    const link = await repo.insertLink(tx, {
      messageId: id,
      actionLineageId: action.actionLineageId,
      planSeriesId: action.planSeriesId,
      linkedByUserId: actor.userId,
      linkedByName: actor.name,
      createdAt: now,
    });
    if (!link) throw conflict('message_link_exists');
    await recordAudit(
      tx,
      actor,
      {
        action: 'link',
        entityType,
        entityId: id,
        after: { link: link.id, actionId: action.actionId, actionLineageId: action.actionLineageId, planId: action.planId },
      },
      now,
    );
  });
  return detail(ctx, id);
}

export async function unlinkAction(ctx: AppContext, actor: Actor, id: string, linkId: string): Promise<MessageDetail> {
  await messageFor(ctx, actor, id, 'update');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await repo.deleteLink(tx, id, linkId);
    if (!removed) throw notFound();
    await recordAudit(
      tx,
      actor,
      {
        action: 'unlink',
        entityType,
        entityId: id,
        before: { link: removed.id, actionLineageId: removed.actionLineageId, planSeriesId: removed.planSeriesId },
      },
      now,
    );
  });
  return detail(ctx, id);
}

/**
 * The messages linked to each action of a plan version (by lineage, so the links made on an earlier
 * version show too): the count for everyone who reads plans, and the messages themselves (no text)
 * only those the actor may read in the inbox. Hateful messages are counted, never listed.
 */
export async function actionMessages(ctx: AppContext, actor: Actor, planId: string): Promise<ActionMessages> {
  if (!canReadPlans(actor)) throw forbidden();
  const lineages = await actionLineagesOfPlan(ctx.db, planId);
  if (!lineages) throw notFound();
  const linked = await repo.messagesLinkedTo(ctx.db, lineages);
  const items = lineages.flatMap((lineage) => {
    const rows = linked.filter((r) => r.actionLineageId === lineage);
    if (rows.length === 0) return [];
    return [
      {
        actionLineageId: lineage,
        count: rows.length,
        messages: rows
          .filter((r) => !r.hateful && canOnMessage(actor, 'read', r))
          .map((r) => ({
            id: r.id,
            kind: r.kind as MessageDetail['kind'],
            subject: r.subject as MessageDetail['subject'],
            status: r.status as MessageDetail['status'],
            createdAt: r.createdAt.toISOString(),
          })),
      },
    ];
  });
  return { items };
}

// ---- Published examples (issue 7, item 3) --------------------------------------------------------

/** The words of a name (three letters or more) and the email: none may be in a public example. */
function containsContact(text: string, contact: { name: string | null; email: string | null }): boolean {
  const lower = text.toLocaleLowerCase('sv');
  if (contact.email && lower.includes(contact.email.toLocaleLowerCase('sv'))) return true;
  const words = (contact.name ?? '').split(/[\s,.]+/u).filter((w) => w.length >= 3);
  return words.some((word) => {
    const escaped = word.toLocaleLowerCase('sv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(lower);
  });
}

/**
 * Publishes the answer among the examples on the public site, in the public wording staff edited
 * (pre-filled from the message and its answer). Only an answered message, never a hateful one; the
 * wording may not contain the sender's name or email while they are kept. Publishing again replaces
 * the wording. Audited without the words.
 */
export async function publishExample(ctx: AppContext, actor: Actor, id: string, body: ExampleBody): Promise<MessageDetail> {
  await messageFor(ctx, actor, id, 'update');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findMessage(tx, id, 'update');
    if (!row) throw notFound('message_not_found');
    if (row.hateful) throw conflict('message_hateful');
    if (row.textRemovedAt) throw conflict('message_text_removed');
    if (row.answer === null) throw conflict('message_not_answered');
    const contact = { name: row.contactName, email: row.contactEmail };
    const problems = (['question', 'answer'] as const)
      .filter((field) => containsContact(body[field], contact))
      .map((field) => ({ path: `body.${field}`, message: 'example_contains_contact' }));
    if (problems.length > 0) throw badRequest('validation_failed', problems);
    const before = await repo.findExample(tx, id);
    await repo.upsertExample(tx, {
      messageId: id,
      question: body.question,
      answer: body.answer,
      publishedAt: before?.publishedAt ?? now,
      publishedByUserId: actor.userId,
      publishedByName: actor.name,
    });
    await recordAudit(tx, actor, { action: 'publish', entityType, entityId: id, after: { republished: before !== null } }, now);
  });
  return detail(ctx, id);
}

export async function unpublishExample(ctx: AppContext, actor: Actor, id: string): Promise<MessageDetail> {
  await messageFor(ctx, actor, id, 'update');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteExample(tx, id))) throw notFound('message_example_not_found');
    await recordAudit(tx, actor, { action: 'unpublish', entityType, entityId: id }, now);
  });
  return detail(ctx, id);
}

/** The most examples the public pages show. */
export const publicExamplesMax = 100;

export async function publishedExamples(ctx: AppContext): Promise<PublicExamples> {
  const rows = await repo.publicExamples(ctx.db, publicExamplesMax);
  return { items: rows.map(presentPublicExample) };
}
