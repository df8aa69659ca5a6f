import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isoWeekday,
  isScheduledDate,
  occurrencesBetween,
  scheduledDates,
  stockholmMoment,
  type Break,
  type Change,
  type Schedule,
} from './schedule.js';

const cafe: Schedule = {
  weekday: 3,
  startTime: '17:00:00',
  endTime: '20:00:00',
  startsOn: '2026-01-07',
  endsOn: null,
  place: 'Perrongen',
};
const summer: Break = { fromDate: '2026-06-15', toDate: '2026-08-16' };

const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));
const schedule = fc.record({
  weekday: fc.integer({ min: 1, max: 7 }),
  startTime: fc.constant('17:00'),
  endTime: fc.constant('20:00'),
  startsOn: day,
  length: fc.option(fc.integer({ min: 0, max: 700 }), { nil: null }),
  place: fc.constant('Perrongen'),
});
const breaks = fc.array(
  fc.tuple(day, fc.integer({ min: 0, max: 90 })).map(([fromDate, n]) => ({ fromDate, toDate: addDays(fromDate, n) })),
  { maxLength: 4 },
);
const range = fc.tuple(day, fc.integer({ min: 0, max: 400 })).map(([from, n]) => ({ from, to: addDays(from, n) }));
const toSchedule = (s: { length: number | null; startsOn: string } & Omit<Schedule, 'endsOn'>): Schedule => ({
  weekday: s.weekday,
  startTime: s.startTime,
  endTime: s.endTime,
  startsOn: s.startsOn,
  endsOn: s.length === null ? null : addDays(s.startsOn, s.length),
  place: s.place,
});

describe('the weekly schedule', () => {
  it('gives the café every Wednesday but in the summer break', () => {
    const dates = scheduledDates(cafe, [summer], '2026-06-01', '2026-08-31');
    expect(dates).toEqual(['2026-06-03', '2026-06-10', '2026-08-19', '2026-08-26']);
    expect(isScheduledDate(cafe, [summer], '2026-07-01')).toBe(false);
    expect(isScheduledDate(cafe, [summer], '2026-06-10')).toBe(true);
    expect(isScheduledDate(cafe, [summer], '2026-06-11')).toBe(false);
  });

  it('never puts an occurrence in a break, outside its period or on another weekday, and spaces them by whole weeks', () => {
    fc.assert(
      fc.property(schedule.map(toSchedule), breaks, range, (s, bs, { from, to }) => {
        const dates = scheduledDates(s, bs, from, to);
        for (const date of dates) {
          expect(isoWeekday(date)).toBe(s.weekday);
          expect(date >= from && date <= to && date >= s.startsOn).toBe(true);
          if (s.endsOn) expect(date <= s.endsOn).toBe(true);
          expect(bs.some((b) => b.fromDate <= date && date <= b.toDate)).toBe(false);
        }
        for (let i = 1; i < dates.length; i++) {
          const gap = daysBetween(dates[i - 1], dates[i]);
          expect(gap % 7).toBe(0);
          expect(gap).toBeGreaterThan(0);
        }
        // Without breaks: every week of the period has its occurrence (consecutive weeks, 7 days apart).
        const plain = scheduledDates(s, [], from, to);
        for (let i = 1; i < plain.length; i++) expect(daysBetween(plain[i - 1], plain[i])).toBe(7);
        // The same answer as checking every day.
        const everyDay: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) if (isScheduledDate(s, bs, d)) everyDay.push(d);
        expect(dates).toEqual(everyDay);
      }),
      { numRuns: 200 },
    );
  });

  it('applies cancellations and moves: a cancelled one stays listed with its reason, a moved one shows where it went', () => {
    fc.assert(
      fc.property(
        schedule.map(toSchedule),
        breaks,
        range,
        fc.integer({ min: -30, max: 30 }),
        fc.boolean(),
        (s, bs, { from, to }, shift, cancel) => {
          const dates = scheduledDates(s, bs, from, to);
          fc.pre(dates.length > 0);
          const target = dates[Math.floor(dates.length / 2)];
          const change: Change = cancel
            ? {
                scheduledDate: target,
                kind: 'cancelled',
                reason: 'Sjukdom',
                date: null,
                startTime: null,
                endTime: null,
                place: null,
              }
            : {
                scheduledDate: target,
                kind: 'moved',
                reason: null,
                date: addDays(target, shift),
                startTime: '18:00',
                endTime: '21:00',
                place: 'Biblioteket',
              };
          const list = occurrencesBetween('a', s, bs, [change], from, to);
          const hit = list.filter((o) => o.scheduledDate === target);
          if (cancel) {
            expect(hit).toEqual([expect.objectContaining({ status: 'cancelled', reason: 'Sjukdom', date: target })]);
            expect(list).toHaveLength(dates.length);
          } else {
            const inside = change.date! >= from && change.date! <= to;
            expect(hit).toEqual(
              inside
                ? [expect.objectContaining({ status: 'moved', date: change.date, startTime: '18:00', place: 'Biblioteket' })]
                : [],
            );
            expect(list).toHaveLength(dates.length - (inside ? 0 : 1));
          }
          for (const o of list) expect(o.date >= from && o.date <= to).toBe(true);
          const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
          expect(list).toEqual(sorted);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lists an occurrence moved into the range from outside it, and ignores an exception for a date no longer scheduled', () => {
    const moved: Change = {
      scheduledDate: '2026-05-27',
      kind: 'moved',
      reason: 'Flytt',
      date: '2026-06-02',
      startTime: null,
      endTime: null,
      place: null,
    };
    const list = occurrencesBetween('a', cafe, [summer], [moved], '2026-06-01', '2026-06-07');
    expect(list.map((o) => [o.scheduledDate, o.date, o.status, o.startTime, o.place])).toEqual([
      ['2026-05-27', '2026-06-02', 'moved', '17:00', 'Perrongen'],
      ['2026-06-03', '2026-06-03', 'scheduled', '17:00', 'Perrongen'],
    ]);
    const stale: Change = { ...moved, scheduledDate: '2026-07-01' }; // in the summer break
    expect(occurrencesBetween('a', cafe, [summer], [stale], '2026-06-30', '2026-07-10')).toEqual([]);
  });

  it('turns Swedish local times into moments across summer time', () => {
    expect(stockholmMoment('2026-01-07', '17:00').toISOString()).toBe('2026-01-07T16:00:00.000Z');
    expect(stockholmMoment('2026-06-03', '17:00:00').toISOString()).toBe('2026-06-03T15:00:00.000Z');
    expect(stockholmMoment('2026-03-29', '12:00').toISOString()).toBe('2026-03-29T10:00:00.000Z');
  });
});
