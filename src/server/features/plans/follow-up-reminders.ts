import type { AppContext } from '../../context.js';
import { translate, type Locale } from '../../http/i18n.js';
import { enqueueMail, type MailMessage } from '../../mail/outbox.js';
import { stockholmDate } from '../employees/current.js';
import { formatLongDate } from '../training-records/certificate.js';
import { markSent } from '../training-reminders/repository.js';
import { remindersDue, type ReminderRow } from './follow-up-repository.js';

type ReminderContext = Pick<AppContext, 'db' | 'clock' | 'config'>;
const kind = 'plan_follow_up';
const localeOf = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'sv');

/**
 * Reminders of a follow-up period's deadline, through the outbox: from the period's
 * reminder_days_before days before its deadline until the deadline, each person who has something
 * left to report (see remindersDue) gets one mail per period, listing the plans and how many items
 * are left in each. sent_reminders keeps who was reminded of which period; all in one transaction.
 * The scheduler runs it hourly; tests call it with a set clock.
 */
export async function sendFollowUpReminders(ctx: ReminderContext) {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  return ctx.db.transaction(async (tx) => {
    const due = await remindersDue(tx, today, kind);
    const keyOf = (r: ReminderRow) => `${r.period_id}:${r.user_id}`;
    const marked = await markSent(tx, kind, [...new Set(due.map(keyOf))], now);
    const byKey = new Map<string, ReminderRow[]>();
    for (const row of due.filter((r) => marked.has(keyOf(r)))) byKey.set(keyOf(row), [...(byKey.get(keyOf(row)) ?? []), row]);
    const messages: MailMessage[] = [...byKey.values()].map((rows) => {
      const first = rows[0];
      const locale = localeOf(first.locale);
      const values = {
        period: first.period_name,
        deadline: formatLongDate(first.deadline, locale),
        list: rows
          .map((r) =>
            translate(locale, 'mail.planFollowUp.line', {
              plan: r.plan_name,
              count: r.missing,
              url: `${ctx.config.publicUrl}/plans/${r.plan_id}/follow-up?period=${r.period_id}`,
            }),
          )
          .join('\n'),
      };
      return {
        to: first.email,
        subject: translate(locale, 'mail.planFollowUp.subject', values),
        body: translate(locale, 'mail.planFollowUp.body', values),
      };
    });
    await enqueueMail(ctx, tx, messages);
    return { reminded: messages.length };
  });
}
