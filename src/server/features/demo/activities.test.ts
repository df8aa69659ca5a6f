import { describe, expect, it } from 'vitest';
import { activities, activityBreaks, activityHeadcounts, activityOccurrenceChanges } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { buildUser } from '../../../../test/support/factories.js';
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
      expect(h.visitors).toBeGreaterThanOrEqual(6);
      expect(h.visitors).toBeLessThanOrEqual(14);
      expect(h.firstTimeVisitors!).toBeLessThanOrEqual(h.visitors);
    }
    const mean = headcounts.reduce((sum, h) => sum + h.visitors, 0) / headcounts.length;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(12);
    const changes = await db.select().from(activityOccurrenceChanges);
    expect(changes.filter((c) => c.kind === 'cancelled').map((c) => c.scheduledDate)).toEqual(['2024-12-25', '2025-12-24']);
    expect(changes.some((c) => c.kind === 'moved')).toBe(true);
  });
});
