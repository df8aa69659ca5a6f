import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditLog, citizenMessageNotes, citizenMessages } from '#server/db/schema/index';
import type { MessageDetail, RetentionSettings } from '#shared/contracts/messages';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, signIn } from '../../../../test/support/factories.js';
import { jobs } from '../../jobs/scheduler.js';
import { applyRetention, currentRetention } from './retention.js';
import { newReceiptCode } from './service.js';

const t = useTestApp();
const db = () => t.database.db;

type Seed = {
  closedAt?: Date | null;
  createdAt?: Date;
  hateful?: boolean;
  contact?: boolean;
  notes?: number;
  administrationId?: string | null;
};

const secretText = 'Hemlig text om personalens bemötande på fritidsgården.';
const secretAnswer = 'Tack, vi har pratat med personalen.';
const secretNote = 'Intern anteckning: ring rektorn.';

/** A message as it stands in the table, closed (or not) on a given instant. */
async function seed(options: Seed = {}) {
  const createdAt = options.createdAt ?? new Date('2024-01-10T10:00:00Z');
  const closedAt = options.closedAt === undefined ? new Date('2024-02-01T10:00:00Z') : options.closedAt;
  const [row] = await db()
    .insert(citizenMessages)
    .values({
      code: newReceiptCode(),
      kind: 'problem',
      subject: 'hbtq',
      administrationId: options.administrationId ?? null,
      text: secretText,
      contactName: options.contact === false ? null : 'Kim Andersson',
      contactEmail: options.contact === false ? null : 'kim@example.se',
      status: closedAt ? 'closed' : 'new',
      hateful: options.hateful ?? false,
      createdAt,
      acknowledgeBy: new Date(createdAt.getTime() + 2 * 86_400_000),
      answerBy: new Date(createdAt.getTime() + 14 * 86_400_000),
      answer: closedAt && !options.hateful ? secretAnswer : null,
      answeredAt: closedAt && !options.hateful ? closedAt : null,
      closedAt,
    })
    .returning();
  for (let i = 0; i < (options.notes ?? 0); i++) {
    await db()
      .insert(citizenMessageNotes)
      .values({ messageId: row.id, text: secretNote, createdAt: createdAt, authorName: 'Handläggare' });
  }
  return row;
}

const rowOf = async (id: string) => (await db().select().from(citizenMessages).where(eq(citizenMessages.id, id)))[0];
const notesOf = async (id: string) => db().select().from(citizenMessageNotes).where(eq(citizenMessageNotes.messageId, id));

/** Whole days from the Stockholm date of a to that of b. */
const stockholmDays = (a: Date, b: Date) => {
  const day = (d: Date) =>
    Date.parse(`${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d)}T00:00:00Z`);
  return Math.round((day(b) - day(a)) / 86_400_000);
};

describe('the retention settings', () => {
  it('start at 90 days for contact details and two years for the text, are changed by an administrator within bounds, and are audited', async () => {
    const { agent, user } = await signIn(t.app, db(), 'administrator');
    const read = await agent.get('/api/messages/retention');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ contactRetentionDays: 90, textRetentionDays: 730 });

    for (const body of [
      { contactRetentionDays: 0, textRetentionDays: 730 },
      { contactRetentionDays: 30.5, textRetentionDays: 730 },
      { contactRetentionDays: 90, textRetentionDays: 3651 },
      { contactRetentionDays: 100, textRetentionDays: 60 },
      { contactRetentionDays: 90 },
      { contactRetentionDays: '90', textRetentionDays: 730 },
    ]) {
      const response = await agent.put('/api/messages/retention', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }

    const changed = await agent.put('/api/messages/retention', { contactRetentionDays: 30, textRetentionDays: 365 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject<Partial<RetentionSettings>>({ contactRetentionDays: 30, textRetentionDays: 365 });
    expect(await currentRetention(db())).toEqual({ contactRetentionDays: 30, textRetentionDays: 365 });
    expect(await auditEntriesFor(db(), 'citizen_message_settings')).toMatchObject([
      {
        action: 'update',
        actorUserId: user.id,
        before: { contactRetentionDays: 90, textRetentionDays: 730 },
        after: { contactRetentionDays: 30, textRetentionDays: 365 },
      },
    ]);
  });

  it('are read and changed by administrators only: a process leader is refused', async () => {
    const administration = await buildAdministration(db());
    const { agent } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: administration.id }]);
    expect((await agent.get('/api/messages/retention')).statusCode).toBe(403);
    expect((await agent.put('/api/messages/retention', { contactRetentionDays: 30, textRetentionDays: 365 })).statusCode).toBe(
      403,
    );
  });

  it('are stated on the public form as they are set, in Swedish and in English', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/feedback' });
    expect(before.body).toContain('Namn och e-post tas bort 90 dagar efter att ärendet avslutats.');
    expect(before.body).toContain('tas bort 2 år efter att ärendet avslutats');
    const { agent } = await signIn(t.app, db(), 'administrator');
    await agent.put('/api/messages/retention', { contactRetentionDays: 30, textRetentionDays: 400 });
    const sv = await t.app.inject({ method: 'GET', url: '/feedback' });
    expect(sv.body).toContain('Namn och e-post tas bort 30 dagar efter');
    expect(sv.body).toContain('tas bort 400 dagar efter att ärendet avslutats');
    const en = await t.app.inject({ method: 'GET', url: '/feedback?lang=en' });
    expect(en.body).toContain('Names and emails are removed 30 days after the case is closed.');
    const form = await t.app.inject({ method: 'GET', url: '/api/public/messages/form' });
    expect(form.json().retention).toEqual({ contactRetentionDays: 30, textRetentionDays: 400 });
    await agent.put('/api/messages/retention', { contactRetentionDays: 1, textRetentionDays: 365 });
    const one = await t.app.inject({ method: 'GET', url: '/feedback?lang=en' });
    expect(one.body).toContain('removed 1 day after the case is closed');
    expect(one.body).toContain('removed 1 year after the case is closed');
  });
});

describe('the retention job', () => {
  it('removes the contact details on the 90th day after closing (Stockholm days), not the day before, and keeps the rest', async () => {
    // Closed at 00:30 in Stockholm on 1 February 2024 (23:30 UTC the day before).
    const closedAt = new Date('2024-01-31T23:30:00Z');
    const message = await seed({ closedAt, notes: 1 });
    const other = await seed({ closedAt: new Date('2024-02-01T22:59:00Z') }); // 23:59 on 1 Feb in Stockholm
    const open = await seed({ closedAt: null });
    const anonymous = await seed({ closedAt, contact: false });

    // 1 Feb + 90 days = 1 May. On 30 April at 23:59 in Stockholm nothing is due.
    t.clock.set('2024-04-30T21:59:00Z');
    expect(await applyRetention(t.app.appContext)).toEqual({
      contactsRemoved: 0,
      textsRemoved: 0,
      notesRemoved: 0,
      examplesRemoved: 0,
    });
    expect(await auditEntriesFor(db(), 'citizen_message_retention')).toEqual([]);

    t.clock.set('2024-04-30T22:00:00Z'); // midnight, 1 May in Stockholm
    expect(await applyRetention(t.app.appContext)).toEqual({
      contactsRemoved: 2,
      textsRemoved: 0,
      notesRemoved: 0,
      examplesRemoved: 0,
    });
    for (const id of [message.id, other.id]) {
      const row = await rowOf(id);
      expect(row).toMatchObject({
        contactName: null,
        contactEmail: null,
        contactRemovedAt: new Date('2024-04-30T22:00:00Z'),
        text: secretText,
        answer: secretAnswer,
        textRemovedAt: null,
        status: 'closed',
        kind: 'problem',
        subject: 'hbtq',
      });
    }
    expect(await notesOf(message.id)).toHaveLength(1);
    expect(await rowOf(open.id)).toMatchObject({ contactName: 'Kim Andersson', contactEmail: 'kim@example.se' });
    expect(await rowOf(anonymous.id)).toMatchObject({ contactRemovedAt: null, text: secretText });

    // The same day again: nothing more, and no second entry.
    t.clock.set('2024-05-01T12:00:00Z');
    expect(await applyRetention(t.app.appContext)).toEqual({
      contactsRemoved: 0,
      textsRemoved: 0,
      notesRemoved: 0,
      examplesRemoved: 0,
    });
    expect(await auditEntriesFor(db(), 'citizen_message_retention')).toHaveLength(1);
  });

  it('removes the text, the answer and the notes two years (730 days) after closing, keeping the row for statistics, and logs only the counts', async () => {
    const administration = await buildAdministration(db());
    const closedAt = new Date('2024-02-01T10:00:00Z');
    const due = await seed({ closedAt, notes: 2, administrationId: administration.id });
    const dueAnonymous = await seed({ closedAt, contact: false });
    const later = await seed({ closedAt: new Date('2024-02-02T10:00:00Z'), notes: 1 });

    // 1 Feb 2024 + 730 days = 31 Jan 2026. The contact details of all three went long before.
    t.clock.set('2026-01-30T12:00:00Z');
    expect(await applyRetention(t.app.appContext)).toEqual({
      contactsRemoved: 2,
      textsRemoved: 0,
      notesRemoved: 0,
      examplesRemoved: 0,
    });
    t.clock.set('2026-01-31T12:00:00Z');
    expect(await applyRetention(t.app.appContext)).toEqual({
      contactsRemoved: 0,
      textsRemoved: 2,
      notesRemoved: 2,
      examplesRemoved: 0,
    });

    const row = await rowOf(due.id);
    expect(row).toMatchObject({
      text: '',
      answer: null,
      contactName: null,
      contactEmail: null,
      textRemovedAt: new Date('2026-01-31T12:00:00Z'),
      kind: 'problem',
      subject: 'hbtq',
      status: 'closed',
      administrationId: administration.id,
      createdAt: due.createdAt,
      closedAt,
      answeredAt: closedAt,
    });
    expect(await notesOf(due.id)).toEqual([]);
    expect(await rowOf(dueAnonymous.id)).toMatchObject({ text: '', contactRemovedAt: null });
    expect(await rowOf(later.id)).toMatchObject({ text: secretText, answer: secretAnswer });
    expect(await notesOf(later.id)).toHaveLength(1);

    const entries = await auditEntriesFor(db(), 'citizen_message_retention');
    expect(entries).toMatchObject([
      {
        action: 'delete',
        actorUserId: null,
        entityId: null,
        after: { contactsRemoved: 2, textsRemoved: 0, notesRemoved: 0, examplesRemoved: 0 },
      },
      {
        action: 'delete',
        actorUserId: null,
        entityId: null,
        after: {
          contactsRemoved: 0,
          textsRemoved: 2,
          notesRemoved: 2,
          examplesRemoved: 0,
          contactRetentionDays: 90,
          textRetentionDays: 730,
        },
      },
    ]);
    // Not a word of what was removed anywhere in the log.
    const log = JSON.stringify(await db().select().from(auditLog));
    for (const secret of [secretText, secretAnswer, secretNote, 'Kim Andersson', 'kim@example.se'])
      expect(log).not.toContain(secret);

    // Staff opening the message see that the text was removed, and when.
    const { agent } = await signIn(t.app, db(), 'administrator');
    const detail = (await agent.get(`/api/messages/${due.id}`)).json() as MessageDetail;
    expect(detail).toMatchObject({ text: '', answer: null, notes: [], textRemovedAt: '2026-01-31T12:00:00.000Z' });
  });

  it('covers hateful messages: closed ones from closing, those never closed from the day they arrived', async () => {
    const createdAt = new Date('2024-03-01T10:00:00Z');
    const hatefulOpen = await seed({ createdAt, closedAt: null, hateful: true, notes: 1 });
    const hatefulClosed = await seed({ createdAt, closedAt: new Date('2024-04-01T10:00:00Z'), hateful: true });
    const ordinaryOpen = await seed({ createdAt, closedAt: null });

    t.clock.set('2024-05-30T10:00:00Z'); // 1 March + 90 days
    expect(await applyRetention(t.app.appContext)).toEqual({
      contactsRemoved: 1,
      textsRemoved: 0,
      notesRemoved: 0,
      examplesRemoved: 0,
    });
    expect(await rowOf(hatefulOpen.id)).toMatchObject({ contactName: null, text: secretText });
    expect(await rowOf(hatefulClosed.id)).toMatchObject({ contactName: 'Kim Andersson' });

    t.clock.set('2026-03-01T10:00:00Z'); // 1 March 2024 + 730 days
    expect(await applyRetention(t.app.appContext)).toEqual({
      contactsRemoved: 1,
      textsRemoved: 1,
      notesRemoved: 1,
      examplesRemoved: 0,
    });
    expect(await rowOf(hatefulOpen.id)).toMatchObject({ text: '', hateful: true, status: 'new' });
    expect(await rowOf(hatefulClosed.id)).toMatchObject({ contactName: null, text: secretText });
    // A message that is not hateful and not closed is kept: its periods have not begun.
    expect(await rowOf(ordinaryOpen.id)).toMatchObject({ text: secretText, contactName: 'Kim Andersson' });
  });

  it('removes exactly what is due for any closing time, period and day (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2025-12-31T23:59:59Z'), noInvalidDate: true }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true }),
        async (closings, contactDays, extra, now) => {
          await db().execute(sql`delete from citizen_messages`);
          await db().execute(sql`delete from audit_log`);
          const textDays = contactDays + extra;
          await db().execute(
            sql`insert into citizen_message_settings (id, contact_retention_days, text_retention_days) values (1, ${contactDays}, ${textDays})
                on conflict (id) do update set contact_retention_days = excluded.contact_retention_days, text_retention_days = excluded.text_retention_days`,
          );
          const rows = [];
          for (const closedAt of closings)
            rows.push(await seed({ createdAt: new Date(closedAt.getTime() - 86_400_000), closedAt }));
          t.clock.set(now);
          const result = await applyRetention(t.app.appContext);
          const textDue = closings.map((c) => stockholmDays(c, now) >= textDays);
          const contactDue = closings.map((c, i) => !textDue[i] && stockholmDays(c, now) >= contactDays);
          expect(result).toEqual({
            contactsRemoved: contactDue.filter(Boolean).length,
            textsRemoved: textDue.filter(Boolean).length,
            notesRemoved: 0,
            examplesRemoved: 0,
          });
          for (const [i, row] of rows.entries()) {
            const after = await rowOf(row.id);
            expect(after.text === '', `text of ${closings[i].toISOString()} at ${now.toISOString()}`).toBe(textDue[i]);
            expect(after.contactName === null).toBe(textDue[i] || contactDue[i]);
          }
          const entries = await auditEntriesFor(db(), 'citizen_message_retention');
          expect(entries).toHaveLength(result.contactsRemoved + result.textsRemoved > 0 ? 1 : 0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is one of the server’s scheduled jobs', () => {
    expect(jobs.map((job) => job.name)).toContain('message-retention');
  });
});
