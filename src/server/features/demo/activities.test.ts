import { describe, expect, it } from 'vitest';
import { activities, activityBreaks, activityHeadcounts, activityOccurrenceChanges } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { buildUser, signIn } from '../../../../test/support/factories.js';
import { seededRandom } from './generator.js';
import { writeActivitiesDemo } from './activities.js';
import { inBreak, isoWeekday } from '../activities/schedule.js';

const t = useTestApp();

describe('the demo café', () => {
  it('has two years of weekly headcounts of about ten, none in a summer break, a cancellation at Christmas', async () => {
    const db = t.database.db;
    const host = await buildUser(db, { roles: [{ role: 'activity_host' }] });
    const counts = await db.transaction((tx) =>
      writeActivitiesDemo(tx, {
        host: { userId: host.id },
        today: '2026-12-04',
        now: new Date('2026-12-04T09:00:00Z'),
        random: seededRandom(3),
      }),
    );
    const [cafe] = await db.select().from(activities);
    expect(cafe).toMatchObject({ name: 'MOGAI – HBTQ-café', place: 'Perrongen, Katrineholm', weekday: 3 });
    const breaks = await db.select().from(activityBreaks);
    expect(breaks.map((b) => b.fromDate)).toEqual(['2024-06-15', '2025-06-15', '2026-06-15', '2027-06-15']);
    const headcounts = await db.select().from(activityHeadcounts);
    expect(headcounts.length).toBe(counts.activityHeadcounts);
    expect(headcounts.length).toBeGreaterThan(70);
    expect(headcounts.length).toBeLessThan(90);
    for (const h of headcounts) {
      expect(isoWeekday(h.scheduledDate)).toBe(3);
      expect(inBreak(h.scheduledDate, breaks)).toBe(false);
      expect(h.scheduledDate < '2026-12-04').toBe(true);
      expect(h.visitors).toBeGreaterThanOrEqual(5);
      expect(h.visitors).toBeLessThanOrEqual(14);
      expect(h.firstTimeVisitors!).toBeLessThanOrEqual(h.visitors);
    }
    const mean = headcounts.reduce((sum, h) => sum + h.visitors, 0) / headcounts.length;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(12);
    const changes = await db.select().from(activityOccurrenceChanges);
    expect(
      changes
        .filter((c) => c.kind === 'cancelled')
        .map((c) => `${c.scheduledDate} ${c.reason}`)
        .sort(),
    ).toEqual(['2024-12-25 Julledigt', '2025-02-26 Sportlov', '2025-12-24 Julledigt', '2026-02-25 Sportlov']);
    expect(changes.filter((c) => c.kind === 'moved').map((c) => `${c.scheduledDate} ${c.date}`)).toEqual([
      '2025-10-01 2025-10-02',
      '2026-10-07 2026-10-08',
    ]);
    // The last Wednesday (2 December) is left for the host to count.
    expect(headcounts.some((h) => h.scheduledDate === '2026-12-02')).toBe(false);
  });

  it('gives the statistics sensible seasons (no summer) and a trend over the years', async () => {
    const db = t.database.db;
    t.clock.set('2026-12-04T09:00:00Z');
    const host = await buildUser(db, { roles: [{ role: 'activity_host' }] });
    await db.transaction((tx) =>
      writeActivitiesDemo(tx, {
        host: { userId: host.id },
        today: '2026-12-04',
        now: new Date('2026-12-04T09:00:00Z'),
        random: seededRandom(3),
      }),
    );
    const { agent } = await signIn(t.app, db, 'administrator');
    const stats = (await agent.get('/api/activity-statistics')).json();
    expect(stats.history).toEqual({ from: '2024-12-04', to: '2026-12-04' });
    // Terms and no summers: the café has its summer break then.
    expect(stats.seasons.map((s: { year: number; season: string }) => `${s.season} ${s.year}`)).toEqual([
      'autumn 2024',
      'spring 2025',
      'autumn 2025',
      'spring 2026',
      'autumn 2026',
    ]);
    for (const s of stats.seasons.slice(1, -1)) {
      expect(s.held).toBeGreaterThan(15);
      expect(s.averageVisitors).toBeGreaterThan(7);
      expect(s.averageVisitors).toBeLessThan(13);
    }
    // Three years, the first and the last partial; the café grows from about 8 to about 11.
    const years = stats.years;
    expect(years.map((y: { year: number; partial: boolean }) => `${y.year} ${y.partial}`)).toEqual([
      '2024 true',
      '2025 false',
      '2026 true',
    ]);
    expect(years[1]).toMatchObject({ cancelled: 2 });
    expect(years[1].held).toBeGreaterThan(35);
    expect(years[2].change.averageVisitors).toBeGreaterThan(0.5);
    expect(years[2].averageVisitors).toBeGreaterThan(years[1].averageVisitors);
    // The uncounted ones are said, and the averages are over the counted only.
    expect(stats.totals.uncounted).toBeGreaterThanOrEqual(1);
    expect(stats.totals.averageVisitors).toBeCloseTo(stats.totals.visitors / stats.totals.counted);
  });
});
