import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StatisticsFigures, StatisticsOccurrence } from '#shared/contracts/activities';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import { buildUser, signIn } from '../../../../test/support/factories.js';
import { addDays } from './schedule.js';
import { figuresOf, isoWeekOf, perPeriod, perSeason, perYear, seasonOf, seasonSpan } from './statistics.js';

const t = useTestApp();

describe('seasons, weeks and figures', () => {
  it('puts a date in vårtermin (1 Jan–14 Jun), sommar (15 Jun–14 Aug) or hösttermin (15 Aug–31 Dec) of its year', () => {
    expect(seasonOf('2026-01-01')).toEqual({ year: 2026, season: 'spring' });
    expect(seasonOf('2026-06-14')).toEqual({ year: 2026, season: 'spring' });
    expect(seasonOf('2026-06-15')).toEqual({ year: 2026, season: 'summer' });
    expect(seasonOf('2026-08-14')).toEqual({ year: 2026, season: 'summer' });
    expect(seasonOf('2026-08-15')).toEqual({ year: 2026, season: 'autumn' });
    expect(seasonOf('2025-12-31')).toEqual({ year: 2025, season: 'autumn' });
    expect(seasonSpan(2026, 'spring')).toEqual({ from: '2026-01-01', to: '2026-06-14' });
    expect(seasonSpan(2026, 'summer')).toEqual({ from: '2026-06-15', to: '2026-08-14' });
    expect(seasonSpan(2026, 'autumn')).toEqual({ from: '2026-08-15', to: '2026-12-31' });
  });

  it('names ISO weeks by the year of their Thursday', () => {
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-01-04')).toBe('2026-W01');
    expect(isoWeekOf('2026-01-05')).toBe('2026-W02');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2026-02-04')).toBe('2026-W06');
  });

  it('averages over the counted occurrences only, and the first-time share over the counts that have first-timers', () => {
    const o = (
      date: string,
      visitors: number | null,
      first: number | null,
      status: StatisticsOccurrence['status'] = 'scheduled',
    ) =>
      ({
        activityId: '00000000-0000-4000-8000-000000000001',
        activityName: 'Café',
        scheduledDate: date,
        date,
        status,
        reason: null,
        held: status !== 'cancelled',
        visitors,
        firstTimeVisitors: first,
      }) satisfies StatisticsOccurrence;
    expect(
      figuresOf([
        o('2026-01-07', 10, 2),
        o('2026-01-14', null, null),
        o('2026-01-21', 6, null),
        o('2026-01-28', null, null, 'cancelled'),
      ]),
    ).toEqual({
      held: 3,
      counted: 2,
      uncounted: 1,
      cancelled: 1,
      visitors: 16,
      firstTimeVisitors: 2,
      averageVisitors: 8,
      firstTimeShare: 0.2,
    });
    expect(figuresOf([o('2026-01-14', null, null)])).toMatchObject({ held: 1, averageVisitors: null, firstTimeShare: null });
    // Every year from the first to the last, an empty one too, each against the year before.
    const years = perYear([o('2024-03-06', 10, null), o('2026-03-04', 15, null)], { from: '2024-03-06', to: '2026-12-31' });
    expect(
      years.map((y) => [y.year, y.partial, y.visitors, y.change?.visitors ?? null, y.change?.visitorsShare ?? null]),
    ).toEqual([
      [2024, true, 10, null, null],
      [2025, false, 0, -10, -1],
      [2026, false, 15, 15, null],
    ]);
  });
});

const arbitraryOccurrence = fc
  .record({
    day: fc.integer({ min: 0, max: 4 * 365 }),
    status: fc.constantFrom('scheduled', 'moved', 'cancelled'),
    visitors: fc.option(fc.integer({ min: 0, max: 40 })),
    first: fc.option(fc.integer({ min: 0, max: 40 })),
  })
  .map(({ day, status, visitors, first }): StatisticsOccurrence => {
    const date = addDays('2024-01-01', day);
    const counted = status !== 'cancelled' ? visitors : null;
    return {
      activityId: '00000000-0000-4000-8000-000000000001',
      activityName: 'Café',
      scheduledDate: date,
      date,
      status: status as StatisticsOccurrence['status'],
      reason: null,
      held: status !== 'cancelled',
      visitors: counted,
      firstTimeVisitors: counted === null || first === null ? null : Math.min(first, counted),
    };
  });

describe('the statistics’ sums (property)', () => {
  it('a year is the sum of its seasons and of its months, and the average is over the counted only', () => {
    fc.assert(
      fc.property(fc.array(arbitraryOccurrence, { maxLength: 60 }), (list) => {
        const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
        const history = { from: sorted[0]?.date ?? null, to: '2027-12-31' };
        const seasons = perSeason(sorted);
        const months = perPeriod(sorted, 'month');
        const sum = (
          rows: StatisticsFigures[],
          key: 'held' | 'counted' | 'uncounted' | 'cancelled' | 'visitors' | 'firstTimeVisitors',
        ) => rows.reduce((total, r) => total + r[key], 0);
        for (const year of perYear(sorted, history)) {
          const ofYear = <T extends { year: number } | { period: string }>(rows: T[]) =>
            rows.filter((r) => ('year' in r ? r.year : Number(r.period.slice(0, 4))) === year.year);
          for (const key of ['held', 'counted', 'uncounted', 'cancelled', 'visitors', 'firstTimeVisitors'] as const) {
            expect(sum(ofYear(seasons), key)).toBe(year[key]);
            expect(sum(ofYear(months), key)).toBe(year[key]);
          }
          expect(year.held).toBe(year.counted + year.uncounted);
          expect(year.averageVisitors).toBe(year.counted > 0 ? year.visitors / year.counted : null);
        }
        // Every season holds only its own dates.
        for (const s of seasons) expect(s.from <= s.to).toBe(true);
        for (const o of sorted) {
          const { year, season } = seasonOf(o.date);
          const span = seasonSpan(year, season);
          expect(span.from <= o.date && o.date <= span.to).toBe(true);
        }
      }),
    );
  });
});

/**
 * A hand-computed activity: Tuesdays 17:00–20:00 from 12 August 2025 to 27 January 2026, breaks
 * from 20 August to 30 November and from 20 December to 4 January. Today is Wednesday 21 January 2026.
 *
 *   2025-08-12  5 visitors, 2 first-time           sommar 2025
 *   2025-08-19  7 visitors, first-timers not given hösttermin 2025
 *   2025-12-02 10 visitors, 3 first-time           hösttermin 2025
 *   2025-12-09  cancelled                          hösttermin 2025
 *   2025-12-16  held, no count                     hösttermin 2025
 *   2026-01-06  moved to Tuesday 30 December 2025: 8 visitors, 1 first-time: hösttermin 2025, year 2025, week 2026-W01
 *   2026-01-13 12 visitors, 4 first-time           vårtermin 2026
 *   2026-01-20  held, no count                     vårtermin 2026
 *   2026-01-27  not yet: not in the statistics
 */
async function handComputed() {
  t.clock.set('2026-01-21T12:00:00Z');
  const db = t.database.db;
  const { agent: admin } = await signIn(t.app, db, 'administrator');
  const host = await buildUser(db, { roles: [{ role: 'activity_host' }], name: 'Mika Värd' });
  const cafeHost = new Agent(t.app);
  await cafeHost.login(host.email, host.password);
  const body = {
    name: 'Tisdagscafé',
    place: 'Perrongen',
    weekday: 2,
    startTime: '17:00',
    endTime: '20:00',
    startsOn: '2025-08-12',
    endsOn: '2026-01-27',
    breaks: [
      { fromDate: '2025-08-20', toDate: '2025-11-30', label: 'Renovering' },
      { fromDate: '2025-12-20', toDate: '2026-01-04', label: 'Jullov' },
    ],
    hostIds: [host.id],
  };
  const cafe = (await admin.post('/api/activities', body)).json();
  expect(
    (await admin.put(`/api/activities/${cafe.id}/occurrences/2025-12-09/change`, { kind: 'cancelled', reason: 'Sjukdom' }))
      .statusCode,
  ).toBe(200);
  const moved = await admin.put(`/api/activities/${cafe.id}/occurrences/2026-01-06/change`, {
    kind: 'moved',
    date: '2025-12-30',
    startTime: '17:00',
    endTime: '20:00',
    place: 'Stadsbiblioteket',
  });
  expect(moved.statusCode, moved.body).toBe(200);
  for (const [date, visitors, firstTimeVisitors, note] of [
    ['2025-08-12', 5, 2, null],
    ['2025-08-19', 7, null, null],
    ['2025-12-02', 10, 3, 'Filmkväll'],
    ['2026-01-06', 8, 1, null],
    ['2026-01-13', 12, 4, null],
  ] as const) {
    const recorded = await cafeHost.put(`/api/activities/${cafe.id}/occurrences/${date}/headcount`, {
      visitors,
      firstTimeVisitors,
      note,
    });
    expect(recorded.statusCode, `${date} ${recorded.body}`).toBe(200);
  }
  return { admin, cafeHost, cafe, host, body };
}

describe('the visitor statistics', () => {
  it('per occurrence, month, season and year of a hand-computed activity, across a year boundary', async () => {
    const { admin, cafe } = await handComputed();
    const response = await admin.get(`/api/activity-statistics?activityId=${cafe.id}&period=month&from=2025-12-01&to=2026-01-31`);
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json();

    // Each occurrence of the range that is over, the cancelled one marked, the moved one on its new date.
    expect(
      stats.occurrences.map(
        (o: StatisticsOccurrence) => `${o.date} ${o.scheduledDate} ${o.status} ${o.held} ${o.visitors} ${o.firstTimeVisitors}`,
      ),
    ).toEqual([
      '2025-12-02 2025-12-02 scheduled true 10 3',
      '2025-12-09 2025-12-09 cancelled false null null',
      '2025-12-16 2025-12-16 scheduled true null null',
      '2025-12-30 2026-01-06 moved true 8 1',
      '2026-01-13 2026-01-13 scheduled true 12 4',
      '2026-01-20 2026-01-20 scheduled true null null',
    ]);
    expect(stats.occurrences[1].reason).toBe('Sjukdom');

    expect(stats.rows).toEqual([
      {
        period: '2025-12',
        held: 3,
        counted: 2,
        uncounted: 1,
        cancelled: 1,
        visitors: 18,
        firstTimeVisitors: 4,
        averageVisitors: 9,
        firstTimeShare: 4 / 18,
      },
      {
        period: '2026-01',
        held: 2,
        counted: 1,
        uncounted: 1,
        cancelled: 0,
        visitors: 12,
        firstTimeVisitors: 4,
        averageVisitors: 12,
        firstTimeShare: 4 / 12,
      },
    ]);
    expect(stats.totals).toEqual({
      held: 5,
      counted: 3,
      uncounted: 2,
      cancelled: 1,
      visitors: 30,
      firstTimeVisitors: 8,
      averageVisitors: 10,
      firstTimeShare: 8 / 30,
    });

    // The seasons and years cover the whole history up to today, whatever the range.
    expect(stats.history).toEqual({ from: '2025-08-12', to: '2026-01-21' });
    expect(stats.seasons).toEqual([
      {
        year: 2025,
        season: 'summer',
        from: '2025-06-15',
        to: '2025-08-14',
        held: 1,
        counted: 1,
        uncounted: 0,
        cancelled: 0,
        visitors: 5,
        firstTimeVisitors: 2,
        averageVisitors: 5,
        firstTimeShare: 0.4,
      },
      {
        year: 2025,
        season: 'autumn',
        from: '2025-08-15',
        to: '2025-12-31',
        held: 4,
        counted: 3,
        uncounted: 1,
        cancelled: 1,
        visitors: 25,
        firstTimeVisitors: 4,
        averageVisitors: 25 / 3,
        firstTimeShare: 4 / 18,
      },
      {
        year: 2026,
        season: 'spring',
        from: '2026-01-01',
        to: '2026-06-14',
        held: 2,
        counted: 1,
        uncounted: 1,
        cancelled: 0,
        visitors: 12,
        firstTimeVisitors: 4,
        averageVisitors: 12,
        firstTimeShare: 4 / 12,
      },
    ]);
    expect(stats.years).toEqual([
      {
        year: 2025,
        partial: true,
        held: 5,
        counted: 4,
        uncounted: 1,
        cancelled: 1,
        visitors: 30,
        firstTimeVisitors: 6,
        averageVisitors: 7.5,
        firstTimeShare: 6 / 23,
        change: null,
      },
      {
        year: 2026,
        partial: true,
        held: 2,
        counted: 1,
        uncounted: 1,
        cancelled: 0,
        visitors: 12,
        firstTimeVisitors: 4,
        averageVisitors: 12,
        firstTimeShare: 4 / 12,
        change: { held: -3, visitors: -18, visitorsShare: -0.6, averageVisitors: 4.5 },
      },
    ]);

    // Per ISO week (the cancelled one's week has no held occurrence) the moved occurrence (30 December) is in 2026-W01.
    const weeks = (
      await admin.get(`/api/activity-statistics?activityId=${cafe.id}&period=week&from=2025-12-01&to=2026-01-31`)
    ).json();
    expect(
      weeks.rows.map((r: { period: string; visitors: number; held: number }) => `${r.period} ${r.held} ${r.visitors}`),
    ).toEqual(['2025-W49 1 10', '2025-W50 0 0', '2025-W51 1 0', '2026-W01 1 8', '2026-W03 1 12', '2026-W04 1 0']);
  });

  it('refuses to cancel a counted occurrence, and keeps counting a headcount whose day left the schedule', async () => {
    const { admin, cafe, body } = await handComputed();
    const refused = await admin.put(`/api/activities/${cafe.id}/occurrences/2025-12-02/change`, {
      kind: 'cancelled',
      reason: 'x',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('occurrence_counted');
    // The first break now starts on 10 August, over 12 and 19 August: their counts still count, on their days.
    await admin.put(`/api/activities/${cafe.id}`, {
      ...body,
      breaks: [{ fromDate: '2025-08-10', toDate: '2025-11-30' }, body.breaks[1]],
    });
    const occurrences = (await admin.get(`/api/activities/${cafe.id}/occurrences?from=2025-08-01&to=2025-08-31`)).json();
    expect(occurrences.items).toEqual([]);
    const stats = (await admin.get(`/api/activity-statistics?activityId=${cafe.id}`)).json();
    expect(stats.history.from).toBe('2025-08-12');
    expect(stats.seasons[0]).toMatchObject({ year: 2025, season: 'summer', held: 1, counted: 1, visitors: 5 });
    expect(stats.years[0]).toMatchObject({ year: 2025, held: 5, counted: 4, uncounted: 1, cancelled: 1, visitors: 30 });
  });

  it('shows a host only their activities, administrators all; the CSV holds the same numbers and no note', async () => {
    const { admin, cafeHost, cafe } = await handComputed();
    const other = (
      await admin.post('/api/activities', {
        name: 'Språkcafé',
        place: 'Biblioteket',
        weekday: 1,
        startTime: '10:00',
        endTime: '11:00',
        startsOn: '2026-01-12',
        endsOn: '2026-01-12',
        breaks: [],
        hostIds: [],
      })
    ).json();
    await admin.put(`/api/activities/${other.id}/occurrences/2026-01-12/headcount`, { visitors: 20 });
    const range = 'from=2025-12-01&to=2026-01-31';

    const all = (await admin.get(`/api/activity-statistics?${range}`)).json();
    expect(all.totals).toMatchObject({ held: 6, counted: 4, visitors: 50 });
    expect(all.occurrences.find((o: StatisticsOccurrence) => o.date === '2026-01-12')).toMatchObject({
      activityName: 'Språkcafé',
    });
    expect(all.years.at(-1)).toMatchObject({ year: 2026, visitors: 32 });

    const own = (await cafeHost.get(`/api/activity-statistics?${range}`)).json();
    expect(own.totals).toMatchObject({ held: 5, counted: 3, visitors: 30 });
    expect(own.occurrences.every((o: StatisticsOccurrence) => o.activityId === cafe.id)).toBe(true);
    expect((await cafeHost.get(`/api/activity-statistics?activityId=${other.id}`)).statusCode).toBe(404);
    expect((await cafeHost.get(`/api/activity-statistics.csv?activityId=${other.id}`)).statusCode).toBe(404);
    const { agent: employee } = await signIn(t.app, t.database.db, 'employee');
    expect((await employee.get('/api/activity-statistics')).statusCode).toBe(403);
    expect((await employee.get('/api/activity-statistics.csv')).statusCode).toBe(403);

    const csv = await cafeHost.get(`/api/activity-statistics.csv?${range}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="activity-statistics-2025-12-01-2026-01-31.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Del;Grupp;Aktivitet;Status;Hållna;Med antal;Utan antal;Inställda;Besökare;Första gången;Snitt per tillfälle;Andel första gången (%);Förändring besökare;Förändring (%);Förändring snitt',
    );
    expect(lines).toContain('Totalt;2025-12-01 – 2026-01-31;;;5;3;2;1;30;8;10;26,7;;;');
    expect(lines).toContain('Tillfälle;2025-12-09;Tisdagscafé;Inställt;0;0;0;1;;;;;;;');
    expect(lines).toContain('Tillfälle;2025-12-30;Tisdagscafé;Flyttat;1;1;0;0;8;1;;;;;');
    expect(lines).toContain('Månad;2025-12;;;3;2;1;1;18;4;9;22,2;;;');
    expect(lines).toContain('Säsong;Hösttermin 2025;;;4;3;1;1;25;4;8,3;22,2;;;');
    expect(lines).toContain('År;2026 (del av året);;;2;1;1;0;12;4;12;33,3;-18;-60;4,5');
    expect(csv.body).not.toContain('Filmkväll');
    expect(csv.body).not.toContain('Språkcafé');
  });
});
