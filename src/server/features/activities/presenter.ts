import type { Activity, Headcount, PublicActivity, Occurrence } from '#shared/contracts/activities';
import type { ActivityRow, BreakRow, ChangeRow, HeadcountRow } from './repository.js';
import { hhmm, type Change, type Schedule } from './schedule.js';

export const scheduleOf = (a: ActivityRow): Schedule => ({
  weekday: a.weekday,
  startTime: a.startTime,
  endTime: a.endTime,
  startsOn: a.startsOn,
  endsOn: a.endsOn,
  place: a.place,
});

export const changeOf = (c: ChangeRow): Change => ({
  scheduledDate: c.scheduledDate,
  kind: c.kind as Change['kind'],
  reason: c.reason,
  date: c.date,
  startTime: c.startTime,
  endTime: c.endTime,
  place: c.place,
});

const presentBreak = (b: BreakRow) => ({ fromDate: b.fromDate, toDate: b.toDate, label: b.label });

export function presentActivity(
  a: ActivityRow,
  breaks: BreakRow[],
  hosts: { userId: string; name: string }[],
  can: Activity['can'],
): Activity {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    place: a.place,
    weekday: a.weekday,
    startTime: hhmm(a.startTime),
    endTime: hhmm(a.endTime),
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    breaks: breaks.map(presentBreak),
    hosts: hosts.map((h) => ({ userId: h.userId, name: h.name })),
    updatedAt: a.updatedAt.toISOString(),
    can,
  };
}

/** A headcount leaves the server as the numbers and the host's note: never who recorded it or anything about visitors. */
export const presentHeadcount = (h: HeadcountRow): Headcount => ({
  visitors: h.visitors,
  firstTimeVisitors: h.firstTimeVisitors,
  note: h.note,
  recordedAt: h.recordedAt.toISOString(),
});

/** The public view: the schedule and occurrences, no hosts, no headcounts. */
export function presentPublicActivity(a: ActivityRow, breaks: BreakRow[], occurrences: Occurrence[]): PublicActivity {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    place: a.place,
    weekday: a.weekday,
    startTime: hhmm(a.startTime),
    endTime: hhmm(a.endTime),
    breaks: breaks.map(presentBreak),
    occurrences,
  };
}
