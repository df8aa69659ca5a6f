import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { translate, type Locale } from '../../http/i18n.js';
import { enqueueMail, type MailMessage } from '../../mail/outbox.js';
import { stockholmDate } from '../employees/current.js';
import { formatLongDate } from '../training-records/certificate.js';
import { markSent } from '../training-reminders/repository.js';
import * as repo from './repository.js';

type ReminderContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

const localeOf = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'sv');

/** The day this many months before a date; the 31st becomes the month's last day. */
export function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/**
 * The daily certification mail, each sent once (sent_reminders keeps what went out), through the
 * outbox, to the unit's managers and the administrators:
 * (a) a renewal reminder at each of the configured months before a certificate runs out; when the job
 *     first sees a certificate with several steps already passed, only the latest is sent;
 * (b) a flag when a certified unit no longer meets a computed criterion (once per fall: when the unit
 *     meets it again, a later fall is told again).
 * Each kind is one transaction. The scheduler runs it hourly; tests call it with a set clock.
 */
export async function sendCertificationReminders(ctx: ReminderContext) {
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  const renewals = await remindRenewals(ctx, today, now);
  const belowThreshold = await flagBelowThreshold(ctx, today, now);
  return { renewals, belowThreshold };
}

type Line = { unitId: string; text: (locale: Locale) => string };

/** One message per recipient: administrators hear of every unit, managers of their own. */
const lineKey = { course_share: 'shareLine', working_group: 'groupLine', action_plan: 'planLine' } as const;

async function messagesFor(tx: DbOrTx, lines: Line[], kind: 'renewal' | 'belowThreshold', url: string): Promise<MailMessage[]> {
  if (lines.length === 0) return [];
  const recipients = await repo.recipientsFor(tx, [...new Set(lines.map((l) => l.unitId))]);
  const byEmail = new Map<string, { locale: Locale; units: Set<string> | 'all' }>();
  for (const r of recipients) {
    const entry = byEmail.get(r.email) ?? { locale: localeOf(r.locale), units: new Set<string>() };
    if (r.role === 'administrator') entry.units = 'all';
    else if (entry.units !== 'all' && r.unit_id) entry.units.add(r.unit_id);
    byEmail.set(r.email, entry);
  }
  const messages: MailMessage[] = [];
  for (const [email, { locale, units }] of byEmail) {
    const own = lines.filter((l) => units === 'all' || units.has(l.unitId));
    if (own.length === 0) continue;
    const values = { count: own.length, list: own.map((l) => l.text(locale)).join('\n'), url };
    messages.push({
      to: email,
      subject: translate(locale, `mail.certification.${kind}.subject`, values),
      body: translate(locale, `mail.certification.${kind}.body`, values),
    });
  }
  return messages;
}

async function remindRenewals(ctx: ReminderContext, today: string, now: Date) {
  return ctx.db.transaction(async (tx) => {
    const months = await repo.reminderMonths(tx);
    if (months.length === 0) return 0;
    const candidates = await repo.certificatesRunningOut(tx, today, Math.max(...months));
    const due = candidates.flatMap((certificate) => {
      const passed = months.filter((m) => monthsBefore(certificate.valid_until, m) <= today);
      return passed.length > 0 ? [{ certificate, passed, latest: Math.min(...passed) }] : [];
    });
    const key = (id: string, month: number) => `${id}:${month}`;
    const marked = await markSent(
      tx,
      'certificate_renewal',
      due.flatMap((d) => d.passed.map((m) => key(d.certificate.certificate_id, m))),
      now,
    );
    const fresh = due.filter((d) => marked.has(key(d.certificate.certificate_id, d.latest)));
    const lines: Line[] = fresh.map(({ certificate: c }) => ({
      unitId: c.unit_id,
      text: (locale) =>
        translate(locale, 'mail.certification.renewal.line', {
          unit: c.unit_name,
          scheme: c.scheme_name,
          date: formatLongDate(c.valid_until, locale),
        }),
    }));
    const messages = await messagesFor(tx, lines, 'renewal', `${ctx.config.publicUrl}/certification`);
    await enqueueMail(ctx, tx, messages);
    return messages.length;
  });
}

async function flagBelowThreshold(ctx: ReminderContext, today: string, now: Date) {
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.criteriaBelowThreshold(tx, today);
    const keyOf = (row: repo.BelowThresholdRow) => `${row.certificate_id}:${row.criterion_id}`;
    const keys = rows.map(keyOf);
    // Met again: forget the flag, so that a later fall is told again.
    await tx.execute(sql`
      delete from sent_reminders where kind = 'certificate_below_threshold'
        ${
          keys.length > 0
            ? sql`and key not in (${sql.join(
                keys.map((k) => sql`${k}`),
                sql`, `,
              )})`
            : sql``
        }`);
    const marked = await markSent(tx, 'certificate_below_threshold', keys, now);
    const fresh = rows.filter((row) => marked.has(keyOf(row)));
    const units = new Map((await repo.unitNames(tx, [...new Set(fresh.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
    const lines: Line[] = fresh.map((row) => ({
      unitId: row.unit_id,
      text: (locale) =>
        translate(locale, `mail.certification.belowThreshold.${lineKey[row.kind]}`, {
          unit: units.get(row.unit_id) ?? '',
          criterion: row.label,
          value: row.value,
          of: row.of ?? 0,
          percent: row.of ? Math.floor((row.value * 100) / row.of) : 0,
          threshold: row.threshold,
        }),
    }));
    const messages = await messagesFor(tx, lines, 'belowThreshold', `${ctx.config.publicUrl}/certification`);
    await enqueueMail(ctx, tx, messages);
    return messages.length;
  });
}
