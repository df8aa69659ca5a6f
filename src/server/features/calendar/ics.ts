import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { translate, type Locale } from '../../http/i18n.js';
import type { CalendarPart } from './repository.js';

/**
 * Writes parts of sessions as an iCalendar (RFC 5545) calendar with ical-generator: one VEVENT per
 * part, its UID stable (the part's id) so a calendar program updates a moved part instead of adding
 * a second one, its times in UTC (the parts' Swedish local times converted by the database, so no
 * VTIMEZONE is needed), a cancelled session's parts with STATUS:CANCELLED.
 */
export function writeCalendar(
  parts: CalendarPart[],
  options: { name: string; locale: Locale; stamp: Date; publicUrl: string },
): string {
  const t = (key: string, values: Record<string, string | number> = {}) =>
    translate(options.locale, `calendar.ics.${key}`, values);
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Inkludera', product: 'Inkludera', language: options.locale === 'en' ? 'EN' : 'SV' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const part of parts) {
    let summary = part.sessionTitle ? `${part.courseName}: ${part.sessionTitle}` : part.courseName;
    if (part.partCount > 1) summary = t('partOf', { summary, position: part.position, count: part.partCount });
    if (part.trainer) summary = t('asTrainer', { summary });
    const cancelled = part.sessionStatus === 'cancelled';
    if (cancelled) summary = t('cancelled', { summary });
    const url = part.trainer ? `${options.publicUrl}/training-sessions/${part.sessionId}` : `${options.publicUrl}/my-training`;
    calendar.createEvent({
      id: `training-part-${part.partId}@inkludera`,
      start: part.startsAt,
      end: part.endsAt,
      stamp: options.stamp,
      lastModified: part.updatedAt,
      summary,
      location: part.place,
      description: t('description', { url }),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
