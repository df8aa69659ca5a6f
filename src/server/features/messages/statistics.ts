import { stringify } from 'csv-stringify/sync';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import { administrations, citizenMessages } from '../../db/schema/index.js';
import { badRequest, forbidden } from '../../http/errors.js';
import { translate, type Locale } from '../../http/i18n.js';
import {
  messageKinds,
  messageStatuses,
  messageSubjects,
  statisticsMonthsMax,
  type MessageKind,
  type MessageStatistics,
  type MessageStatus,
  type MessageSubject,
  type messageStatisticsQuery,
} from '#shared/contracts/messages';
import { messageScope } from './policy.js';

/**
 * Statistics of citizens' messages (issue 7, item 5): counts per kind, subject, status,
 * administration and month of arrival (Stockholm), and the share answered (and acknowledged) within
 * the targets stored with each message. Counts only: no text, no contact, no names of staff.
 * Scoped as the inbox: administrators all, a process leader their administration's messages.
 * Hateful messages are counted, and left out of the targets (they are never answered).
 */

type Query = z.output<typeof messageStatisticsQuery>;

const monthOf = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).format(at);

const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + m - 1;
};

/** The months asked for: by default the twelve up to this one; at most ten years. */
export function monthRange(query: Query, now: Date): { from: string; to: string } {
  const to = query.to ?? (query.from ? addMonths(query.from, 11) : monthOf(now));
  const from = query.from ?? addMonths(to, -11);
  const span = monthIndex(to) - monthIndex(from) + 1;
  if (span < 1) throw badRequest('validation_failed', [{ path: 'querystring.to', message: 'to_before_from' }]);
  if (span > statisticsMonthsMax)
    throw badRequest('validation_failed', [{ path: 'querystring.from', message: 'statistics_range_too_long' }]);
  return { from, to };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

type Counts = { count: number; answerDue: number; answeredOnTime: number };
const emptyCounts = (): Counts => ({ count: 0, answerDue: 0, answeredOnTime: 0 });
const withShare = (c: Counts) => ({ ...c, answeredOnTimeShare: share(c.answeredOnTime, c.answerDue) });

export async function messageStatistics(ctx: AppContext, actor: Actor, query: Query): Promise<MessageStatistics> {
  const scope = messageScope(actor);
  if (scope && scope.administrationIds.length === 0) throw forbidden();
  const now = ctx.clock.now();
  const { from, to } = monthRange(query, now);
  const m = citizenMessages;
  const month = sql<string>`to_char(${m.createdAt} at time zone 'Europe/Stockholm', 'YYYY-MM')`;
  const judged = sql`not ${m.hateful}`;
  const rows = await ctx.db
    .select({
      month,
      kind: m.kind,
      subject: m.subject,
      status: m.status,
      hateful: m.hateful,
      administrationId: m.administrationId,
      administrationName: administrations.name,
      count: sql<number>`count(*)::int`,
      answerDue: sql<number>`(count(*) filter (where ${judged} and (${m.answeredAt} is not null or ${m.answerBy} < ${now.toISOString()}::timestamptz)))::int`,
      answeredOnTime: sql<number>`(count(*) filter (where ${judged} and ${m.answeredAt} <= ${m.answerBy}))::int`,
      acknowledgeDue: sql<number>`(count(*) filter (where ${judged} and (${m.acknowledgedAt} is not null or ${m.acknowledgeBy} < ${now.toISOString()}::timestamptz)))::int`,
      acknowledgedOnTime: sql<number>`(count(*) filter (where ${judged} and ${m.acknowledgedAt} <= ${m.acknowledgeBy}))::int`,
    })
    .from(m)
    .leftJoin(administrations, eq(administrations.id, m.administrationId))
    .where(
      and(
        scope === null ? undefined : inArray(m.administrationId, scope.administrationIds),
        gte(m.createdAt, sql`(${`${from}-01`}::timestamp at time zone 'Europe/Stockholm')`),
        lt(m.createdAt, sql`(${`${addMonths(to, 1)}-01`}::timestamp at time zone 'Europe/Stockholm')`),
      ),
    )
    .groupBy(month, m.kind, m.subject, m.status, m.hateful, m.administrationId, administrations.name);

  const byKind = new Map<MessageKind, number>(messageKinds.map((k) => [k, 0]));
  const bySubject = new Map<MessageSubject, number>(messageSubjects.map((s) => [s, 0]));
  const byStatus = new Map<MessageStatus, number>(messageStatuses.map((s) => [s, 0]));
  const byMonth = new Map<string, Counts>();
  for (let i = monthIndex(from); i <= monthIndex(to); i++) byMonth.set(addMonths(from, i - monthIndex(from)), emptyCounts());
  const byAdministration = new Map<string | null, Counts & { name: string | null }>();
  const total = { ...emptyCounts(), hateful: 0, acknowledgeDue: 0, acknowledgedOnTime: 0 };
  for (const row of rows) {
    const n = Number(row.count);
    const add = (c: Counts) => {
      c.count += n;
      c.answerDue += Number(row.answerDue);
      c.answeredOnTime += Number(row.answeredOnTime);
    };
    add(total);
    if (row.hateful) total.hateful += n;
    total.acknowledgeDue += Number(row.acknowledgeDue);
    total.acknowledgedOnTime += Number(row.acknowledgedOnTime);
    byKind.set(row.kind as MessageKind, (byKind.get(row.kind as MessageKind) ?? 0) + n);
    bySubject.set(row.subject as MessageSubject, (bySubject.get(row.subject as MessageSubject) ?? 0) + n);
    byStatus.set(row.status as MessageStatus, (byStatus.get(row.status as MessageStatus) ?? 0) + n);
    add(byMonth.get(row.month)!);
    const administration = byAdministration.get(row.administrationId) ?? { ...emptyCounts(), name: row.administrationName };
    add(administration);
    byAdministration.set(row.administrationId, administration);
  }
  const administrationRows = [...byAdministration.entries()]
    .map(([administrationId, c]) => ({ administrationId, name: c.name, ...withShare(c) }))
    // By name, the messages that named none last.
    .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'sv')));
  return {
    from,
    to,
    total: total.count,
    hateful: total.hateful,
    answerDue: total.answerDue,
    answeredOnTime: total.answeredOnTime,
    answeredOnTimeShare: share(total.answeredOnTime, total.answerDue),
    acknowledgeDue: total.acknowledgeDue,
    acknowledgedOnTime: total.acknowledgedOnTime,
    acknowledgedOnTimeShare: share(total.acknowledgedOnTime, total.acknowledgeDue),
    byKind: [...byKind.entries()].map(([kind, count]) => ({ kind, count })),
    bySubject: [...bySubject.entries()].map(([subject, count]) => ({ subject, count })),
    byStatus: [...byStatus.entries()].map(([status, count]) => ({ status, count })),
    byAdministration: administrationRows,
    byMonth: [...byMonth.entries()].map(([monthKey, c]) => ({ month: monthKey, ...withShare(c) })),
  };
}

const percent = (value: number | null, locale: Locale) =>
  value === null
    ? ''
    : new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1, useGrouping: false }).format(
        Math.round(value * 1000) / 10,
      );

/**
 * The statistics as CSV (semicolons, a BOM for Excel): one line per group, with the count and the
 * answer target's figures where they apply. Nothing anyone wrote: the groups are the fixed kinds,
 * subjects and statuses, the administrations' names and the months.
 */
export function statisticsCsv(stats: MessageStatistics, locale: Locale): string {
  const t = (key: string) => translate(locale, key);
  const records: (string | number)[][] = [
    [
      t('messages.statistics.csv.section'),
      t('messages.statistics.csv.group'),
      t('messages.statistics.csv.count'),
      t('messages.statistics.csv.answerDue'),
      t('messages.statistics.csv.answeredOnTime'),
      t('messages.statistics.csv.share'),
    ],
  ];
  const section = (key: string) => t(`messages.statistics.csv.sections.${key}`);
  records.push([
    section('total'),
    `${stats.from} – ${stats.to}`,
    stats.total,
    stats.answerDue,
    stats.answeredOnTime,
    percent(stats.answeredOnTimeShare, locale),
  ]);
  records.push([section('hateful'), '', stats.hateful, '', '', '']);
  for (const row of stats.byKind) records.push([section('kind'), t(`messages.kinds.${row.kind}`), row.count, '', '', '']);
  for (const row of stats.bySubject)
    records.push([section('subject'), t(`messages.subjects.${row.subject}`), row.count, '', '', '']);
  for (const row of stats.byStatus)
    records.push([section('status'), t(`messages.statuses.${row.status}`), row.count, '', '', '']);
  for (const row of stats.byAdministration)
    records.push([
      section('administration'),
      row.name ?? t('messages.statistics.noAdministration'),
      row.count,
      row.answerDue,
      row.answeredOnTime,
      percent(row.answeredOnTimeShare, locale),
    ]);
  for (const row of stats.byMonth)
    records.push([
      section('month'),
      row.month,
      row.count,
      row.answerDue,
      row.answeredOnTime,
      percent(row.answeredOnTimeShare, locale),
    ]);
  return `\uFEFF${stringify(records, { delimiter: ';', record_delimiter: '\r\n' })}`;
}
