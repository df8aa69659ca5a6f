import type { Tx } from '../../db/client.js';
import {
  activities,
  activityBreaks,
  activityHeadcounts,
  activityHosts,
  activityOccurrenceChanges,
} from '../../db/schema/index.js';
import { addDays, daysBetween, isoWeekday, scheduledDates, type Break } from '../activities/schedule.js';
import { isoWeekOf } from '../activities/statistics.js';

/**
 * The demo municipality's HBTQ café (issue 7, item 11): MOGAI at Perrongen, every Wednesday 17–20
 * for the last two years, with a summer break each year (mid June to mid August, this coming one
 * too), hosted by the demo host. The occurrences that are over have a headcount of about ten visitors
 * (growing a little over the two years), a few of them first-timers: numbers only, as always
 * (docs/activities.md); the last one is not counted yet and a few were forgotten. Two occurrences a
 * year are cancelled (Christmas, the sports holiday) and one moved, to show the exceptions.
 */
export type ActivitiesDemoInput = {
  host: { userId: string };
  today: string;
  now: Date;
  random: { int: (min: number, max: number) => number; chance: (p: number) => boolean };
};

const notes = ['Filmkväll', 'Spelkväll', 'Besök av RFSL Ungdom', 'Pysselkväll inför Pride', 'Fika och samtal'];

export async function writeActivitiesDemo(tx: Tx, input: ActivitiesDemoInput): Promise<Record<string, number>> {
  const year = Number(input.today.slice(0, 4));
  // The Wednesday two years back from today.
  let startsOn = addDays(input.today, -730);
  while (isoWeekday(startsOn) !== 3) startsOn = addDays(startsOn, 1);
  const breaks: (Break & { label: string })[] = [year - 2, year - 1, year, year + 1].map((y) => ({
    fromDate: `${y}-06-15`,
    toDate: `${y}-08-16`,
    label: 'Sommaruppehåll',
  }));
  const [cafe] = await tx
    .insert(activities)
    .values({
      name: 'MOGAI – HBTQ-café',
      description:
        'En trygg mötesplats för dig som är HBTQ+ eller undrar, mellan 13 och 25 år. Fika, spel och samtal. Du behöver inte anmäla dig och ingen frågar vem du är.',
      place: 'Perrongen, Katrineholm',
      weekday: 3,
      startTime: '17:00',
      endTime: '20:00',
      startsOn,
      endsOn: null,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: activities.id });
  await tx.insert(activityBreaks).values(breaks.map((b) => ({ activityId: cafe.id, ...b })));
  await tx.insert(activityHosts).values({ activityId: cafe.id, userId: input.host.userId });

  const past = scheduledDates(
    { weekday: 3, startTime: '17:00', endTime: '20:00', startsOn, endsOn: null, place: '' },
    breaks,
    startsOn,
    addDays(input.today, -1),
  );
  // The Wednesday nearest Christmas (Julledigt) and the one of the sports holiday (sportlov, week 9 in
  // Katrineholm) are cancelled each year; the first one of each October is moved to the Thursday.
  const cancelled = new Map<string, string>();
  for (const d of past) {
    if (d.slice(5) >= '12-21' && d.slice(5) <= '12-27') cancelled.set(d, 'Julledigt');
    else if (isoWeekOf(d).endsWith('-W09')) cancelled.set(d, 'Sportlov');
  }
  const moved = new Set(past.filter((d) => d.slice(5, 7) === '10' && Number(d.slice(8)) <= 7));
  const changes = [
    ...[...cancelled].map(([d, reason]) => ({
      activityId: cafe.id,
      scheduledDate: d,
      kind: 'cancelled',
      reason,
      updatedAt: input.now,
    })),
    ...[...moved].map((d) => ({
      activityId: cafe.id,
      scheduledDate: d,
      kind: 'moved',
      reason: 'Perrongen används för val av ungdomsråd',
      date: addDays(d, 1),
      startTime: '17:00',
      endTime: '20:00',
      place: 'Stadsbiblioteket, Katrineholm',
      updatedAt: input.now,
    })),
  ];
  if (changes.length > 0) await tx.insert(activityOccurrenceChanges).values(changes);

  const held = past.filter((d) => !cancelled.has(d) && (!moved.has(d) || addDays(d, 1) < input.today));
  // The last one, when it was this past week, is not counted yet (the host has it to do), and now
  // and then a count was forgotten.
  // The café grows a little: about 8 visitors a time two years ago, about 11 now; more first-timers
  // at the start of the autumn term.
  const last = held.at(-1);
  const recent = last !== undefined && last >= addDays(input.today, -7) ? last : undefined;
  const counted = held.filter((d) => d !== recent && !input.random.chance(0.03));
  const headcounts = counted.map((scheduledDate) => {
    const growth = (3 * daysBetween(startsOn, scheduledDate)) / 730;
    const visitors = Math.max(3, Math.round(8 + growth) + input.random.int(-3, 3));
    const termStart = ['08', '09'].includes(scheduledDate.slice(5, 7)) ? 1 : 0;
    return {
      activityId: cafe.id,
      scheduledDate,
      visitors,
      firstTimeVisitors: Math.min(visitors, input.random.int(0, 2) + termStart),
      note: input.random.chance(0.15) ? notes[input.random.int(0, notes.length - 1)] : null,
      recordedAt: new Date(`${addDays(scheduledDate, moved.has(scheduledDate) ? 1 : 0)}T19:30:00Z`),
      recordedByUserId: input.host.userId,
    };
  });
  if (headcounts.length > 0) await tx.insert(activityHeadcounts).values(headcounts);
  return { activities: 1, activityOccurrenceChanges: changes.length, activityHeadcounts: headcounts.length };
}
