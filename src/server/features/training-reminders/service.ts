import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { translate, type Locale } from '../../http/i18n.js';
import { enqueueMail, type MailMessage } from '../../mail/outbox.js';
import { stockholmDate } from '../employees/current.js';
import { formatLongDate } from '../training-records/certificate.js';
import * as repo from './repository.js';

type ReminderContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** The yearly rule as the start page shows it: courses offered yearly with no planned session this year. */
export function coursesWithoutSessionThisYear(db: DbOrTx, today: string) {
  return repo.coursesWithoutSessionThisYear(db, Number(today.slice(0, 4)));
}

const localeOf = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'sv');

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row);
    groups.set(key(row), list);
  }
  return groups;
}

/**
 * The daily reminders by mail, each sent once (sent_reminders keeps what went out), in the
 * recipient's language, through the outbox:
 * (a) to the enrolled, training_settings.reminderDaysBefore days before each part (or on the first
 *     run after that, if the job did not run that day, as long as the part is still to come);
 * (b) to the unit managers when a refresher has fallen due for their staff;
 * (c) to the training coordinators when a course offered yearly has no session planned this year.
 * Each kind is one transaction: the reminders marked sent are exactly the ones whose mail is queued.
 * The scheduler runs it every hour; tests call it with a set clock.
 */
export async function sendTrainingReminders(ctx: ReminderContext) {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  const participants = await remindParticipants(ctx, today, now);
  const refreshers = await remindManagersOfRefreshers(ctx, today, now);
  const yearly = await remindCoordinatorsOfYearlyRule(ctx, today, now);
  return { participants, refreshers, yearly };
}

async function remindParticipants(ctx: ReminderContext, today: string, now: Date) {
  return ctx.db.transaction(async (tx) => {
    const days = await repo.reminderDaysBefore(tx);
    const due = await repo.partsToRemind(tx, today, days);
    const marked = await repo.markSent(
      tx,
      'training_part',
      due.map((d) => d.key),
      now,
    );
    const messages: MailMessage[] = due
      .filter((d) => marked.has(d.key))
      .map((d) => {
        const locale = localeOf(d.locale);
        const course = d.sessionTitle ? `${d.courseName}: ${d.sessionTitle}` : d.courseName;
        const values = {
          course,
          date: formatLongDate(d.date, locale),
          start: d.startTime,
          end: d.endTime,
          place: d.place ?? translate(locale, 'mail.training.reminder.noPlace'),
          part:
            d.partCount > 1 ? translate(locale, 'mail.training.reminder.part', { position: d.position, count: d.partCount }) : '',
          url: `${ctx.config.publicUrl}/my-training`,
        };
        return {
          to: d.email,
          subject: translate(locale, 'mail.training.reminder.subject', values),
          body: translate(locale, 'mail.training.reminder.body', values),
        };
      });
    await enqueueMail(ctx, tx, messages);
    return messages.length;
  });
}

async function remindManagersOfRefreshers(ctx: ReminderContext, today: string, now: Date) {
  return ctx.db.transaction(async (tx) => {
    const due = await repo.refreshersDue(tx, today);
    const marked = await repo.markSent(tx, 'refresher_due', [...new Set(due.map((d) => d.key))], now);
    const messages: MailMessage[] = [];
    for (const rows of groupBy(
      due.filter((d) => marked.has(d.key)),
      (d) => d.managerUserId,
    ).values()) {
      const locale = localeOf(rows[0].managerLocale);
      const lines = rows.map((d) =>
        translate(locale, 'mail.training.refresherDue.line', {
          name: d.employeeName,
          course: d.courseName,
          date: formatLongDate(d.dueOn, locale),
        }),
      );
      const values = { count: rows.length, list: lines.join('\n'), url: `${ctx.config.publicUrl}/training-sessions` };
      messages.push({
        to: rows[0].managerEmail,
        subject: translate(locale, 'mail.training.refresherDue.subject', values),
        body: translate(locale, 'mail.training.refresherDue.body', values),
      });
    }
    await enqueueMail(ctx, tx, messages);
    return messages.length;
  });
}

async function remindCoordinatorsOfYearlyRule(ctx: ReminderContext, today: string, now: Date) {
  return ctx.db.transaction(async (tx) => {
    const year = Number(today.slice(0, 4));
    const [courses, recipients] = await Promise.all([repo.coursesWithoutSessionThisYear(tx, year), repo.coordinators(tx)]);
    // Without a coordinator to tell, nothing is marked: whoever is appointed later still hears of it.
    if (recipients.length === 0 || courses.length === 0) return 0;
    const keyOf = (course: { id: string }) => `${course.id}:${year}`;
    const marked = await repo.markSent(tx, 'yearly_rule', courses.map(keyOf), now);
    const fresh = courses.filter((c) => marked.has(keyOf(c)));
    if (fresh.length === 0) return 0;
    const messages = recipients.map((r) => {
      const locale = localeOf(r.locale);
      const values = {
        year,
        count: fresh.length,
        list: fresh.map((c) => `- ${c.name}`).join('\n'),
        url: `${ctx.config.publicUrl}/training-sessions`,
      };
      return {
        to: r.email,
        subject: translate(locale, 'mail.training.yearlyRule.subject', values),
        body: translate(locale, 'mail.training.yearlyRule.body', values),
      };
    });
    await enqueueMail(ctx, tx, messages);
    return messages.length;
  });
}
