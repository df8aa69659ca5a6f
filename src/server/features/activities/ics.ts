import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Occurrence } from '#shared/contracts/activities';
import { translate, type Locale } from '../../http/i18n.js';
import { stockholmMoment } from './schedule.js';

/**
 * The public activities as an iCalendar (RFC 5545) feed: one VEVENT per occurrence, its UID the
 * activity and the scheduled date (stable when the occurrence is moved, so calendar programs update
 * it), times in UTC, a cancelled occurrence with STATUS:CANCELLED and its reason.
 */
export function writeActivityCalendar(
  items: { name: string; description: string | null; occurrences: Occurrence[] }[],
  options: { locale: Locale; stamp: Date; publicUrl: string },
): string {
  const t = (key: string, values: Record<string, string | number> = {}) =>
    translate(options.locale, `activities.ics.${key}`, values);
  const calendar = ical({
    name: t('name'),
    prodId: { company: 'Inkludera', product: 'Inkludera', language: options.locale === 'en' ? 'EN' : 'SV' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const item of items) {
    for (const o of item.occurrences) {
      const cancelled = o.status === 'cancelled';
      const notes = [item.description, o.reason ? `${t(cancelled ? 'cancelledBecause' : 'movedBecause')}: ${o.reason}` : null];
      calendar.createEvent({
        id: `activity-${o.activityId}-${o.scheduledDate}@inkludera`,
        start: stockholmMoment(o.date, o.startTime),
        end: stockholmMoment(o.date, o.endTime),
        stamp: options.stamp,
        summary: cancelled ? t('cancelled', { summary: item.name }) : item.name,
        location: o.place,
        description: notes.filter(Boolean).join('\n\n') || null,
        url: `${options.publicUrl}/activities/upcoming`,
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }
  return calendar.toString();
}
