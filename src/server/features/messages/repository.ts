import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  administrations,
  citizenMessageActionLinks,
  citizenMessageExamples,
  citizenMessageFormKeys,
  citizenMessageNotes,
  citizenMessages,
  users,
} from '../../db/schema/index.js';

export type MessageRow = typeof citizenMessages.$inferSelect;
export type NewMessage = typeof citizenMessages.$inferInsert;
export type MessageView = MessageRow & { administrationName: string | null; assignedName: string | null };
export type NoteRow = typeof citizenMessageNotes.$inferSelect;
export type LinkRow = typeof citizenMessageActionLinks.$inferSelect;
export type ExampleRow = typeof citizenMessageExamples.$inferSelect;
export type PublicExampleRow = ExampleRow & { kind: string; subject: string };

/** Which messages a list may show: null for all, else those of these administrations. */
export type MessageScope = { administrationIds: string[] } | null;

export type MessageFilter = {
  status?: string;
  kind?: string;
  subject?: string;
  administrationId?: string;
  overdue?: boolean;
  hateful: boolean;
  /** Received at or after, before (UTC instants). */
  from?: Date;
  toExclusive?: Date;
};

/** The form key, made by whoever asks first (the candidate), else the one already stored. */
export async function formKey(db: DbOrTx, candidate: string): Promise<string> {
  await db.insert(citizenMessageFormKeys).values({ id: 1, secret: candidate }).onConflictDoNothing();
  const [row] = await db.select({ secret: citizenMessageFormKeys.secret }).from(citizenMessageFormKeys);
  return row.secret;
}

export async function administrationOptions(db: DbOrTx) {
  return db
    .select({ id: administrations.id, name: administrations.name })
    .from(administrations)
    .where(eq(administrations.active, true))
    .orderBy(asc(administrations.name));
}

export async function activeAdministrationExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: administrations.id })
    .from(administrations)
    .where(and(eq(administrations.id, id), eq(administrations.active, true)));
  return row !== undefined;
}

export async function insertMessage(db: DbOrTx, values: NewMessage): Promise<MessageRow> {
  const [row] = await db.insert(citizenMessages).values(values).returning();
  return row;
}

export async function findByCode(db: DbOrTx, code: string): Promise<MessageRow | null> {
  const [row] = await db.select().from(citizenMessages).where(eq(citizenMessages.code, code));
  return row ?? null;
}

const viewColumns = { message: citizenMessages, administrationName: administrations.name, assignedName: users.name };

function viewQuery(db: DbOrTx) {
  return db
    .select(viewColumns)
    .from(citizenMessages)
    .leftJoin(administrations, eq(administrations.id, citizenMessages.administrationId))
    .leftJoin(users, eq(users.id, citizenMessages.assignedUserId));
}

const toView = (r: { message: MessageRow; administrationName: string | null; assignedName: string | null }): MessageView => ({
  ...r.message,
  administrationName: r.administrationName,
  assignedName: r.assignedName,
});

export async function findMessage(db: DbOrTx, id: string, lock?: 'update'): Promise<MessageView | null> {
  if (lock) await db.select({ id: citizenMessages.id }).from(citizenMessages).where(eq(citizenMessages.id, id)).for('update');
  const [row] = await viewQuery(db).where(eq(citizenMessages.id, id));
  return row ? toView(row) : null;
}

/** Past a target at the instant now: not acknowledged in time, or not answered in time. */
export function overdueCondition(now: Date): SQL {
  return or(
    and(eq(citizenMessages.status, 'new'), lt(citizenMessages.acknowledgeBy, now)),
    and(inArray(citizenMessages.status, ['new', 'in_progress']), lt(citizenMessages.answerBy, now)),
  )!;
}

function conditions(scope: MessageScope, filter: MessageFilter, now: Date): SQL | undefined {
  return and(
    scope === null
      ? undefined
      : scope.administrationIds.length === 0
        ? sql`false`
        : inArray(citizenMessages.administrationId, scope.administrationIds),
    eq(citizenMessages.hateful, filter.hateful),
    filter.status ? eq(citizenMessages.status, filter.status) : undefined,
    filter.kind ? eq(citizenMessages.kind, filter.kind) : undefined,
    filter.subject ? eq(citizenMessages.subject, filter.subject) : undefined,
    filter.administrationId ? eq(citizenMessages.administrationId, filter.administrationId) : undefined,
    filter.overdue === true ? overdueCondition(now) : filter.overdue === false ? sql`not (${overdueCondition(now)})` : undefined,
    filter.from ? gte(citizenMessages.createdAt, filter.from) : undefined,
    filter.toExclusive ? lt(citizenMessages.createdAt, filter.toExclusive) : undefined,
  );
}

/** Newest first. */
export async function listMessages(
  db: DbOrTx,
  scope: MessageScope,
  filter: MessageFilter,
  now: Date,
  pageNumber: number,
  pageSize: number,
) {
  const where = conditions(scope, filter, now);
  const [rows, [{ total }]] = await Promise.all([
    viewQuery(db)
      .where(where)
      .orderBy(desc(citizenMessages.createdAt), asc(citizenMessages.id))
      .limit(pageSize)
      .offset((pageNumber - 1) * pageSize),
    db.select({ total: count() }).from(citizenMessages).where(where),
  ]);
  return { rows: rows.map(toView), total: Number(total) };
}

export async function updateMessage(db: DbOrTx, id: string, values: Partial<NewMessage>) {
  await db.update(citizenMessages).set(values).where(eq(citizenMessages.id, id));
}

export async function notesOf(db: DbOrTx, messageId: string): Promise<NoteRow[]> {
  return db
    .select()
    .from(citizenMessageNotes)
    .where(eq(citizenMessageNotes.messageId, messageId))
    .orderBy(asc(citizenMessageNotes.createdAt), asc(citizenMessageNotes.id));
}

export async function insertNote(db: DbOrTx, values: typeof citizenMessageNotes.$inferInsert): Promise<NoteRow> {
  const [row] = await db.insert(citizenMessageNotes).values(values).returning();
  return row;
}

// ---- Links to plan actions

export async function linksOf(db: DbOrTx, messageId: string): Promise<LinkRow[]> {
  return db
    .select()
    .from(citizenMessageActionLinks)
    .where(eq(citizenMessageActionLinks.messageId, messageId))
    .orderBy(asc(citizenMessageActionLinks.createdAt), asc(citizenMessageActionLinks.id));
}

/** The new link, or null when the message is linked to that action already. */
export async function insertLink(db: DbOrTx, values: typeof citizenMessageActionLinks.$inferInsert): Promise<LinkRow | null> {
  const [row] = await db.insert(citizenMessageActionLinks).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function deleteLink(db: DbOrTx, messageId: string, linkId: string): Promise<LinkRow | null> {
  const [row] = await db
    .delete(citizenMessageActionLinks)
    .where(and(eq(citizenMessageActionLinks.id, linkId), eq(citizenMessageActionLinks.messageId, messageId)))
    .returning();
  return row ?? null;
}

/** The messages linked to these action lineages, with what decides who may read them; no text. */
export async function messagesLinkedTo(db: DbOrTx, lineageIds: string[]) {
  if (lineageIds.length === 0) return [];
  return db
    .select({
      actionLineageId: citizenMessageActionLinks.actionLineageId,
      id: citizenMessages.id,
      kind: citizenMessages.kind,
      subject: citizenMessages.subject,
      status: citizenMessages.status,
      hateful: citizenMessages.hateful,
      administrationId: citizenMessages.administrationId,
      createdAt: citizenMessages.createdAt,
    })
    .from(citizenMessageActionLinks)
    .innerJoin(citizenMessages, eq(citizenMessages.id, citizenMessageActionLinks.messageId))
    .where(inArray(citizenMessageActionLinks.actionLineageId, lineageIds))
    .orderBy(desc(citizenMessages.createdAt), asc(citizenMessages.id));
}

// ---- Published examples

export async function findExample(db: DbOrTx, messageId: string): Promise<ExampleRow | null> {
  const [row] = await db.select().from(citizenMessageExamples).where(eq(citizenMessageExamples.messageId, messageId));
  return row ?? null;
}

export async function upsertExample(db: DbOrTx, values: typeof citizenMessageExamples.$inferInsert): Promise<void> {
  await db
    .insert(citizenMessageExamples)
    .values(values)
    .onConflictDoUpdate({
      target: citizenMessageExamples.messageId,
      set: {
        question: values.question,
        answer: values.answer,
        publishedAt: values.publishedAt,
        publishedByUserId: values.publishedByUserId,
        publishedByName: values.publishedByName,
      },
    });
}

export async function deleteExample(db: DbOrTx, messageId: string): Promise<boolean> {
  const rows = await db
    .delete(citizenMessageExamples)
    .where(eq(citizenMessageExamples.messageId, messageId))
    .returning({ id: citizenMessageExamples.messageId });
  return rows.length > 0;
}

/** The published examples, newest first; never of a message marked hateful or whose text was removed. */
export async function publicExamples(db: DbOrTx, limit: number): Promise<PublicExampleRow[]> {
  const rows = await db
    .select({ example: citizenMessageExamples, kind: citizenMessages.kind, subject: citizenMessages.subject })
    .from(citizenMessageExamples)
    .innerJoin(citizenMessages, eq(citizenMessages.id, citizenMessageExamples.messageId))
    .where(and(eq(citizenMessages.hateful, false), sql`${citizenMessages.textRemovedAt} is null`))
    .orderBy(desc(citizenMessageExamples.publishedAt), asc(citizenMessageExamples.messageId))
    .limit(limit);
  return rows.map((r) => ({ ...r.example, kind: r.kind, subject: r.subject }));
}
