import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { arrayParam } from '../../db/array-param.js';
import type { Tx } from '../../db/client.js';
import {
  courses,
  programmeGrants,
  programmeTargets,
  sessionEligibility,
  sessionParts,
  sessionTrainers,
  trainingLevels,
  trainingProgrammes,
  trainingSessions,
} from '../../db/schema/index.js';
import { refreshEmployeeLevels } from '../enrolments/outcomes.js';
import { seededRandom, type DemoMunicipality, type Random } from './generator.js';

/**
 * The demo municipality's training history, shaped like the source texts: the three-year programme
 * 2015-2017 (a lecture by RFSL for every employee, the 20-hour certification course in four half days
 * for the units that work with children and youth, paid for by grants), then one or two sessions a
 * year for new employees and those who need to refresh their knowledge (none in autumn 2020, "på grund
 * av rådande omständigheter"; Lyckliga Gatorna's certification course in spring 2021), and sessions
 * planned after today, one of them full with a waiting list.
 *
 * The 'large' history (the benchmark's municipality of 60,000) adds ten years of in-house sessions in
 * every unit and renewals of the certification course: about a million attendance marks.
 *
 * Deterministic: the plan is made in JavaScript with the generator's seeded random, from the
 * municipality and today's date; the same seed, size and day give the same history. It is written
 * with multi-row statements and INSERT ... SELECT from arrays (decision 0006), and the derived
 * outcomes by one set-based recomputeOutcomes per course.
 */

export type TrainingHistory = 'source' | 'large';

/** The large history is the default from this many employees: the benchmark's municipality. */
export const largeHistoryFrom = 20_000;

type LevelKey = 'lecture' | 'half_day' | 'workshop' | 'certification_course';
export type CourseKey = 'lecture' | 'equality' | 'normCriticism' | 'certification' | 'refresher';

const placeStadshuset = 'Stadshuset, sessionssalen';
const placePerrongen = 'Kulturhuset Perrongen';
const placeSafiren = 'Safiren, konferensrummet';
const placeAngeln = 'Kulturhuset Ängeln';
const lecturePlaces = [placeStadshuset, placePerrongen, placeSafiren];

export const demoCourses: Record<
  CourseKey,
  {
    name: string;
    description: string;
    topic: 'hbtq' | 'gender_equality' | 'norm_criticism' | 'own';
    level: LevelKey;
    /** One part's times; the certification course has four such parts, four weeks apart. */
    times: [string, string];
    parts: number;
    /** Days from one part to the next. */
    spacing: number;
    provider: string | null;
    refresherYears: number | null;
    offeredYearly: boolean;
    capacity: number;
  }
> = {
  lecture: {
    name: 'HBTQ-föreläsning',
    description: 'Grundläggande föreläsning om hbtq, normer och bemötande, för alla anställda.',
    topic: 'hbtq',
    level: 'lecture',
    times: ['13:00', '15:00'],
    parts: 1,
    spacing: 0,
    provider: 'RFSL',
    refresherYears: null,
    offeredYearly: false,
    capacity: 150,
  },
  equality: {
    name: 'Jämställdhet i praktiken',
    description: 'Halvdag om jämställdhetsintegrering i den egna verksamheten: kartlägga, analysera, åtgärda, följa upp.',
    topic: 'gender_equality',
    level: 'half_day',
    times: ['08:30', '12:30'],
    parts: 1,
    spacing: 0,
    provider: 'Internt (HR-avdelningen)',
    refresherYears: null,
    offeredYearly: false,
    capacity: 30,
  },
  normCriticism: {
    name: 'Normkritik – workshop',
    description: 'Tre eftermiddagar om normer i bemötande, bilder och blanketter, med övningar i grupp.',
    topic: 'norm_criticism',
    level: 'workshop',
    times: ['13:00', '16:00'],
    parts: 3,
    spacing: 7,
    provider: 'Internt (HR-avdelningen)',
    refresherYears: null,
    offeredYearly: false,
    capacity: 20,
  },
  certification: {
    name: 'HBTQ-certifieringsutbildning 20 timmar',
    description:
      'RFSL:s hbtq-certifiering: fyra halvdagar för all personal i verksamheten (20 timmar). Certifikatet gäller i tre år.',
    topic: 'hbtq',
    level: 'certification_course',
    times: ['08:00', '13:00'],
    parts: 4,
    spacing: 28,
    provider: 'RFSL',
    refresherYears: 3,
    offeredYearly: false,
    capacity: 35,
  },
  refresher: {
    name: 'HBTQ – uppfräschning',
    description: 'Årlig föreläsning för nyanställda och för dem som behöver uppdatera sina kunskaper.',
    topic: 'hbtq',
    level: 'lecture',
    times: ['14:00', '16:00'],
    parts: 1,
    spacing: 0,
    provider: 'Internt (HR-avdelningen)',
    refresherYears: null,
    offeredYearly: true,
    capacity: 40,
  },
};
const courseKeys = Object.keys(demoCourses) as CourseKey[];

export const demoProgramme = {
  name: 'Vidareutbildning i HBTQ för samtliga anställda 2015–2017',
  description:
    'Alla kommunens anställda utbildas i olika grader, från en föreläsning till en 20-timmarsutbildning med certifiering. ' +
    'De som arbetar närmast barn och unga certifieras. Utbildningen ges av RFSL.',
  startDate: '2015-01-01',
  endDate: '2017-12-31',
  targets: [
    { population: 'all_employees', level: 'lecture' as LevelKey, targetPercent: 90 },
    { population: 'children_and_youth_units', level: 'certification_course' as LevelKey, targetPercent: 80 },
  ],
  grants: [
    {
      funder: 'Socialstyrelsen',
      appliedAmount: 1_500_000,
      receivedAmount: 1_500_000,
      status: 'granted',
      decidedOn: '2015-05-12',
      note: 'Finansierar RFSL:s utbildning av alla anställda.',
    },
    {
      funder: 'Länsstyrelsen i Södermanlands län',
      appliedAmount: 250_000,
      receivedAmount: 180_000,
      status: 'granted',
      decidedOn: '2016-02-24',
      note: 'Certifieringsutbildningen för verksamheter som arbetar med barn och unga.',
    },
  ],
};

export type PlannedPart = { day: number; startTime: string; endTime: string; place: string };
export type PlannedSession = {
  course: CourseKey;
  title: string | null;
  capacity: number;
  status: 'planned' | 'cancelled';
  cancelReason: string | null;
  inProgramme: boolean;
  parts: PlannedPart[];
  /** Restricted to these units (indexes into municipality.units); null: everyone may sign up. */
  unitIndexes: number[] | null;
};

/** A growable column of small integers: the plan of a million attendance marks stays compact. */
class IntColumn {
  data = new Int32Array(1024);
  length = 0;
  push(value: number) {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  slice(from: number, to: number): number[] {
    return Array.from(this.data.subarray(from, Math.min(to, this.length)));
  }
}

export const enrolmentSources = ['coordinator', 'manager', 'self'] as const;
type Source = (typeof enrolmentSources)[number];
/** Attendance per part, two bits each (part 1 in the lowest): no mark, present, absent, excused. */
export const markNames = [null, 'present', 'absent', 'excused'] as const;
const present = 1;
const absent = 2;
const excused = 3;

export type EnrolmentPlan = {
  length: number;
  session: IntColumn;
  employee: IntColumn;
  /** 1: on the waiting list. */
  waiting: IntColumn;
  /** Index into enrolmentSources. */
  source: IntColumn;
  /** Minutes between the sign-up and midnight of the session's first day (Europe/Stockholm). */
  queuedMinutes: IntColumn;
  marks: IntColumn;
  /** The minutes of the parts marked present, and the day of the last of them (0: none). */
  attendedMinutes: IntColumn;
  lastPresent: IntColumn;
};

export type TrainingPlan = { sessions: PlannedSession[]; enrolments: EnrolmentPlan; today: number };

const dayMs = 86_400_000;
export const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / dayMs);
export const isoOf = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);
const dayOfDate = (year: number, month: number, date: number) => Math.round(Date.UTC(year, month - 1, date) / dayMs);
const weekdayOf = (day: number) => new Date(day * dayMs).getUTCDay();
/** The first Tuesday, Wednesday or Thursday on or after the day: the days training is held. */
function trainingDayFrom(day: number) {
  const shift = [2, 1, 0, 0, 0, 4, 3][weekdayOf(day)];
  return day + shift;
}
/** Term time: no training from midsummer to mid-August, nor around Christmas. */
function inTerm(day: number) {
  const date = new Date(day * dayMs);
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return !((m === 6 && d >= 15) || m === 7 || (m === 8 && d < 15) || (m === 12 && d >= 15) || (m === 1 && d < 10));
}
/** n training days spread evenly over [from, to], in term time. */
function spreadDays(from: number, to: number, n: number): number[] {
  const days: number[] = [];
  for (let d = trainingDayFrom(from); d <= to; d = trainingDayFrom(d + 1)) if (inTerm(d)) days.push(d);
  if (days.length === 0) return [];
  return Array.from({ length: n }, (_, i) => days[Math.min(days.length - 1, Math.floor(((i + 0.5) * days.length) / n))]);
}

export type PlanOptions = {
  today: string;
  seed?: number;
  history?: TrainingHistory;
  /** Employees (indexes) with a demo account: they always take part, so that "My training" shows a history. */
  featured?: number[];
};

/** The whole history as data: sessions with parts, and every enrolment with its marks. */
export function planTrainingHistory(municipality: DemoMunicipality, options: PlanOptions): TrainingPlan {
  const random: Random = seededRandom((options.seed ?? 2015) ^ 0x5eed);
  const history = options.history ?? (municipality.employees.length >= largeHistoryFrom ? 'large' : 'source');
  const today = dayOf(options.today);
  const thisYear = new Date(today * dayMs).getUTCFullYear();
  const featured = new Set(options.featured ?? []);

  const unitIndex = new Map(municipality.units.map((u, i) => [u.key, i]));
  const employeeCount = municipality.employees.length;
  const start = new Int32Array(employeeCount);
  const end = new Int32Array(employeeCount);
  const unitOf = new Int32Array(employeeCount);
  const staffOf: number[][] = municipality.units.map(() => []);
  municipality.employees.forEach((e, i) => {
    start[i] = dayOf(e.startDate);
    end[i] = e.endDate ? dayOf(e.endDate) : 2_000_000_000;
    unitOf[i] = unitIndex.get(e.unitKey)!;
    staffOf[unitOf[i]].push(i);
  });
  const employedThrough = (e: number, from: number, to: number) => start[e] <= from && end[e] >= to;
  /** Has taken part in HBTQ training (the lecture, the course or a refresher). */
  const hbtqTrained = new Uint8Array(employeeCount);

  const sessions: PlannedSession[] = [];
  const enrolments: EnrolmentPlan = {
    length: 0,
    session: new IntColumn(),
    employee: new IntColumn(),
    waiting: new IntColumn(),
    source: new IntColumn(),
    queuedMinutes: new IntColumn(),
    marks: new IntColumn(),
    attendedMinutes: new IntColumn(),
    lastPresent: new IntColumn(),
  };

  let placeTurn = 0;
  function addSession(
    course: CourseKey,
    first: number,
    extra: Partial<Omit<PlannedSession, 'course' | 'parts'>> & { place?: string } = {},
  ): number {
    const c = demoCourses[course];
    const place = extra.place ?? lecturePlaces[placeTurn++ % lecturePlaces.length];
    sessions.push({
      course,
      title: extra.title ?? null,
      capacity: extra.capacity ?? c.capacity,
      status: extra.status ?? 'planned',
      cancelReason: extra.cancelReason ?? null,
      inProgramme: extra.inProgramme ?? false,
      parts: Array.from({ length: c.parts }, (_, k) => ({
        day: trainingDayFrom(first + k * c.spacing),
        startTime: c.times[0],
        endTime: c.times[1],
        place,
      })),
      unitIndexes: extra.unitIndexes ?? null,
    });
    return sessions.length - 1;
  }
  const firstDay = (s: number) => sessions[s].parts[0].day;
  const lastDay = (s: number) => sessions[s].parts[sessions[s].parts.length - 1].day;

  /**
   * Seats people on a session first come, first served: each gets a sign-up time; the first
   * `capacity` are enrolled, the rest wait (only on a session still to come; past sessions keep
   * only those who had a seat). Marks are set for the parts before today.
   */
  function seat(s: number, people: number[], how: { source: Source; presentChance: number }) {
    const session = sessions[s];
    const begins = firstDay(s);
    const queued = people.map((e) => {
      let day = begins - random.int(7, 45);
      if (day >= today) day = today - random.int(1, 20);
      return { e, minutes: (begins - day) * 1440 - random.int(7 * 60, 17 * 60) };
    });
    // Featured people signed up first; otherwise the earliest sign-up (most minutes before) first.
    queued.sort((a, b) => Number(featured.has(b.e)) - Number(featured.has(a.e)) || b.minutes - a.minutes);
    const upcoming = begins > today;
    queued.forEach(({ e, minutes: queuedMinutes }, order) => {
      const waiting = order >= session.capacity;
      if (waiting && !upcoming) return;
      let marks = 0;
      let minutes = 0;
      let lastPresent = 0;
      if (!waiting && session.status === 'planned') {
        session.parts.forEach((part, p) => {
          if (part.day >= today) return;
          const roll = featured.has(e) ? 0 : random.next();
          const mark =
            roll < how.presentChance ? present : roll < how.presentChance + (1 - how.presentChance) * 0.6 ? absent : excused;
          marks |= mark << (2 * p);
          if (mark !== present) return;
          minutes += minutesOf(part.endTime) - minutesOf(part.startTime);
          lastPresent = Math.max(lastPresent, part.day);
          if (demoCourses[session.course].topic === 'hbtq') hbtqTrained[e] = 1;
        });
      }
      enrolments.session.push(s);
      enrolments.employee.push(e);
      enrolments.waiting.push(waiting ? 1 : 0);
      enrolments.source.push(enrolmentSources.indexOf(how.source));
      enrolments.queuedMinutes.push(queuedMinutes);
      enrolments.marks.push(marks);
      enrolments.attendedMinutes.push(minutes);
      enrolments.lastPresent.push(lastPresent);
      enrolments.length++;
    });
  }

  /**
   * Spreads the candidates who take part (each with `chance`, featured people always) over the
   * sessions they are employed throughout, at random among those with a free seat.
   */
  function distribute(
    sessionIndexes: number[],
    candidates: Iterable<number>,
    chance: (e: number) => number,
    how: { source: Source; presentChance: number },
  ) {
    const seated = sessionIndexes.map(() => [] as number[]);
    for (const e of candidates) {
      if (!featured.has(e) && random.next() >= chance(e)) continue;
      const open: number[] = [];
      sessionIndexes.forEach((s, i) => {
        if (employedThrough(e, firstDay(s), lastDay(s)) && seated[i].length < sessions[s].capacity) open.push(i);
      });
      if (open.length > 0) seated[random.pick(open)].push(e);
    }
    sessionIndexes.forEach((s, i) => seat(s, seated[i], how));
  }

  const all = Array.from({ length: employeeCount }, (_, i) => i);
  const sessionsFor = (expected: number, capacity: number) => Math.max(1, Math.ceil(expected / (capacity * 0.85)));
  const employedCount = (from: number, to: number) => all.filter((e) => start[e] <= to && end[e] >= from).length;

  // 2015-2017: a lecture by RFSL for every employee, from autumn 2015 to autumn 2017.
  {
    const from = dayOfDate(2015, 9, 1);
    const to = dayOfDate(2017, 11, 30);
    const days = spreadDays(from, to, sessionsFor(employedCount(from, to) * 0.96, demoCourses.lecture.capacity));
    const indexes = days.map((day) => addSession('lecture', day, { inProgramme: true }));
    distribute(indexes, all, () => 0.96, { source: 'coordinator', presentChance: 0.97 });
  }

  // 2016-2017: the certification course for the units that work with children and youth, in groups
  // of at most 35, four half days four weeks apart; Lyckliga Gatorna was not certified until later.
  const childrenUnits = municipality.units.flatMap((u, i) => (u.worksWithChildren && u.name !== 'Lyckliga Gatorna' ? [i] : []));
  const courseStarts = [dayOfDate(2016, 1, 19), dayOfDate(2016, 8, 23), dayOfDate(2017, 1, 17), dayOfDate(2017, 8, 22)];
  const certificationCourse = (unit: number, begins: number, extra: Partial<PlannedSession>, chance: number) => {
    const staff = staffOf[unit].filter((e) => employedThrough(e, begins, begins + 84));
    if (staff.length === 0) return;
    const groups = Math.ceil(staff.length / demoCourses.certification.capacity);
    const indexes = Array.from({ length: groups }, (_, g) => {
      const first = trainingDayFrom(begins + g);
      return addSession('certification', first, {
        title: `${municipality.units[unit].name}${groups > 1 ? `, grupp ${g + 1}` : ''}`,
        capacity: Math.ceil(staff.length / groups) + 2,
        unitIndexes: [unit],
        place: placeSafiren,
        ...extra,
      });
    });
    distribute(indexes, staff, () => chance, { source: 'manager', presentChance: 0.96 });
  };
  childrenUnits.forEach((unit, n) => {
    const window = courseStarts[Math.floor((n * courseStarts.length) / childrenUnits.length)];
    certificationCourse(unit, window + 7 * (n % 6), { inProgramme: true }, 0.95);
  });

  // Since 2018: the yearly refresher in spring, and a half day or a workshop in autumn, for new
  // employees above all. Autumn 2020 was cancelled; Lyckliga Gatorna took the course in spring 2021.
  const newcomerChance = (e: number) => (hbtqTrained[e] ? 0.01 : 0.5);
  for (let year = 2018; year <= thisYear; year++) {
    const spring = year === 2020 ? dayOfDate(2020, 3, 4) : trainingDayFrom(dayOfDate(year, 3, 8 + random.int(0, 14)));
    const springCandidates = all.filter((e) => employedThrough(e, spring, spring));
    const expected = springCandidates.reduce((n, e) => n + newcomerChance(e), 0);
    const springSessions = spreadDays(spring, spring + 21, sessionsFor(expected, demoCourses.refresher.capacity)).map((day) =>
      addSession('refresher', day),
    );
    distribute(springSessions, springCandidates, newcomerChance, { source: 'self', presentChance: 0.93 });

    if (year === 2021) {
      const lyckligaGatorna = municipality.units.findIndex((u) => u.name === 'Lyckliga Gatorna');
      if (lyckligaGatorna >= 0) certificationCourse(lyckligaGatorna, trainingDayFrom(dayOfDate(2021, 3, 2)), {}, 0.95);
    }

    const course: CourseKey = year % 2 === 0 ? 'equality' : 'normCriticism';
    const autumn = trainingDayFrom(dayOfDate(year, 10, 5 + random.int(0, 14)));
    const autumnCandidates = all.filter((e) => employedThrough(e, autumn, autumn));
    const autumnSessions = spreadDays(
      autumn,
      autumn + 21,
      sessionsFor(autumnCandidates.length * 0.009, demoCourses[course].capacity),
    ).map((day) =>
      addSession(
        course,
        day,
        year === 2020
          ? {
              status: 'cancelled',
              cancelReason: 'Inställt på grund av rådande omständigheter (covid-19). Nästa tillfälle blir våren 2021.',
            }
          : { place: placeAngeln },
      ),
    );
    distribute(autumnSessions, autumnCandidates, () => 0.009, { source: 'self', presentChance: 0.92 });
  }

  if (history === 'large') {
    // Ten years of in-house sessions in every unit: a half day on gender equality in spring, the
    // workshops on norms in autumn; the certification course renewed in 2021 and 2024.
    const participation = { equality: 0.25, normCriticism: 0.45 };
    for (let year = thisYear - 9; year <= thisYear; year++) {
      municipality.units.forEach((unit, u) => {
        const place = `${unit.name}, personalrummet`;
        for (const [course, month] of [
          ['equality', 2],
          ['normCriticism', 9],
        ] as const) {
          const day = trainingDayFrom(dayOfDate(year, month, 1) + ((u * 3) % 70));
          const staff = staffOf[u].filter((e) => employedThrough(e, day, day));
          if (staff.length === 0) continue;
          const groups = Math.ceil((staff.length * participation[course]) / 30);
          const indexes = Array.from({ length: groups }, (_, g) =>
            addSession(course, day + g, {
              title: unit.name,
              capacity: Math.ceil(staff.length / groups),
              unitIndexes: [u],
              place,
            }),
          );
          distribute(indexes, staff, () => participation[course], { source: 'manager', presentChance: 0.93 });
        }
      });
      if (year === 2021 || year === 2024) {
        childrenUnits.forEach((unit, n) => {
          certificationCourse(unit, trainingDayFrom(dayOfDate(year, 1, 12) + 7 * (n % 14)), {}, 0.8);
        });
      }
    }
  }

  // After today: a workshop in four weeks, full, with a waiting list; next spring's refresher.
  {
    const day = trainingDayFrom(today + 28);
    const s = addSession('normCriticism', day, { place: placePerrongen });
    const employed = all.filter((e) => employedThrough(e, day, day) && !featured.has(e));
    const people = new Set<number>();
    while (people.size < Math.min(employed.length, sessions[s].capacity + 6)) people.add(random.pick(employed));
    seat(s, [...people], { source: 'self', presentChance: 1 });

    const spring = trainingDayFrom(dayOfDate(thisYear + 1, 3, 10));
    const springSessions = spreadDays(spring, spring + 14, Math.max(1, Math.round(employeeCount / 3000))).map((d) =>
      addSession('refresher', d, { place: placeStadshuset }),
    );
    distribute(
      springSessions,
      all.filter((e) => employedThrough(e, spring, spring)),
      (e) => (hbtqTrained[e] ? 0.002 : 0.15),
      { source: 'self', presentChance: 1 },
    );
  }

  return { sessions, enrolments, today };
}

export type TrainingIds = {
  employeeIds: string[];
  unitIds: string[];
  trainerUserId: string;
  coordinatorUserId: string;
  /** employee index -> their user account, for sign-ups of their own. */
  userOfEmployee: Map<number, string>;
};

/** Rows per statement: each statement sends one array per column. */
const rowsPerStatement = 50_000;

/** The completion threshold of every demo course, in percent. */
const completionThreshold = 80;

/** A day and a time in Europe/Stockholm as timestamptz text. */
const stockholmTime = (day: number, time: string) => `${isoOf(day)} ${time} Europe/Stockholm`;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Ids shaped like UUID version 7: 48 bits that grow row by row from `from` (a time in ms), then
 * random bits. Rows written in this order go to the right edge of their indexes instead of all over
 * them, so a bulk load writes (and logs) each index page about once. PostgreSQL 15 has no uuidv7().
 */
function orderedIds(count: number, from: number): string[] {
  const random = randomBytes(count * 8).toString('hex');
  return Array.from({ length: count }, (_, i) => {
    const time = (from + i).toString(16).padStart(12, '0');
    const r = random.slice(i * 16, i * 16 + 16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${r.slice(0, 3)}-8${r.slice(3, 6)}-${r.slice(6, 16)}00`;
  });
}

/**
 * The same ids made in SQL for row `n` (an int column) from `from`; the random bits are an md5 of
 * the row and a secret of this load, so that two statements can make the same id.
 */
const orderedIdSql = (n: SQL, from: number, secret: string) =>
  sql`(lpad(to_hex(${from}::bigint + ${n}), 12, '0') || '7' || substr(md5(${secret} || ${n}), 1, 3) || '8'
       || substr(md5(${secret} || ${n}), 4, 15))::uuid`;

/**
 * INSERT INTO table (columns) SELECT * FROM unnest(one array per column), in statements of
 * rowsPerStatement rows: a multi-row write whose size in parameters does not grow with the rows.
 */
async function insertArrays(
  tx: Tx,
  table: PgTable | string,
  columns: [name: string, type: string, value: (row: number) => unknown][],
  rows: number,
) {
  for (let from = 0; from < rows; from += rowsPerStatement) {
    const to = Math.min(rows, from + rowsPerStatement);
    const arrays = columns.map(([, type, value]) => {
      const values = new Array<unknown>(to - from);
      for (let row = from; row < to; row++) values[row - from] = value(row);
      return arrayParam(values, type);
    });
    await tx.execute(
      sql`insert into ${typeof table === 'string' ? sql.identifier(table) : table} (${sql.join(
        columns.map(([name]) => sql.identifier(name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
  }
}

export type TrainingCounts = { courses: number; trainingSessions: number; enrolments: number; attendance: number };

/**
 * Writes the plan in the demo's transaction, with ids made here (random, as the tables' defaults
 * would make them) so that no row needs to be read back. The enrolments get their derived outcomes
 * as they are written, by the rule of recomputeOutcomes (enrolments/outcomes.ts): attended minutes
 * are the minutes of the parts marked present; completed when they reach the course's threshold
 * share of the session's minutes, on the last day attended; a verification code when completed.
 * Writing them at once rather than updating 800,000 rows after leaves no dead rows behind (PGlite
 * has no autovacuum); the demo's test checks that recomputeOutcomes would change nothing.
 */
export async function writeTrainingHistory(tx: Tx, plan: TrainingPlan, ids: TrainingIds, now: Date): Promise<TrainingCounts> {
  const levels = await tx.select({ id: trainingLevels.id, key: trainingLevels.key }).from(trainingLevels);
  const levelId = new Map(levels.map((l) => [l.key, l.id]));

  const courseRows = await tx
    .insert(courses)
    .values(
      courseKeys.map((key) => {
        const c = demoCourses[key];
        return {
          name: c.name,
          description: c.description,
          topic: c.topic,
          levelId: levelId.get(c.level)!,
          nominalMinutes: (minutesOf(c.times[1]) - minutesOf(c.times[0])) * c.parts,
          completionThreshold: completionThreshold,
          provider: c.provider,
          refresherYears: c.refresherYears,
          offeredYearly: c.offeredYearly,
          createdAt: now,
          updatedAt: now,
        };
      }),
    )
    .returning({ id: courses.id });
  const courseId = new Map(courseKeys.map((key, i) => [key, courseRows[i].id]));

  const [programme] = await tx
    .insert(trainingProgrammes)
    .values({
      name: demoProgramme.name,
      description: demoProgramme.description,
      startDate: demoProgramme.startDate,
      endDate: demoProgramme.endDate,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: trainingProgrammes.id });
  await tx.insert(programmeTargets).values(
    demoProgramme.targets.map((t) => ({
      programmeId: programme.id,
      population: t.population,
      levelId: levelId.get(t.level)!,
      targetPercent: t.targetPercent,
    })),
  );
  await tx.insert(programmeGrants).values(demoProgramme.grants.map((g) => ({ programmeId: programme.id, ...g })));

  const sessions = plan.sessions;
  const sessionIds = orderedIds(sessions.length, now.getTime());
  const totalMinutes = sessions.map((s) => s.parts.reduce((n, p) => n + minutesOf(p.endTime) - minutesOf(p.startTime), 0));
  await insertArrays(
    tx,
    trainingSessions,
    [
      ['id', 'uuid', (i) => sessionIds[i]],
      ['course_id', 'uuid', (i) => courseId.get(sessions[i].course)],
      ['programme_id', 'uuid', (i) => (sessions[i].inProgramme ? programme.id : null)],
      ['title', 'text', (i) => sessions[i].title],
      ['capacity', 'int', (i) => sessions[i].capacity],
      ['eligibility', 'text', (i) => (sessions[i].unitIndexes ? 'restricted' : 'everyone')],
      ['status', 'text', (i) => sessions[i].status],
      ['cancel_reason', 'text', (i) => sessions[i].cancelReason],
      ['starts_on', 'date', (i) => isoOf(sessions[i].parts[0].day)],
      ['ends_on', 'date', (i) => isoOf(sessions[i].parts[sessions[i].parts.length - 1].day)],
      ['total_minutes', 'int', (i) => totalMinutes[i]],
      ['created_at', 'timestamptz', () => now.toISOString()],
      ['updated_at', 'timestamptz', () => now.toISOString()],
    ],
    sessions.length,
  );
  const parts = sessions.flatMap((s, i) => s.parts.map((p, position) => ({ ...p, session: i, position: position + 1 })));
  const partIds = orderedIds(parts.length, now.getTime());
  await insertArrays(
    tx,
    sessionParts,
    [
      ['id', 'uuid', (i) => partIds[i]],
      ['session_id', 'uuid', (i) => sessionIds[parts[i].session]],
      ['position', 'int', (i) => parts[i].position],
      ['date', 'date', (i) => isoOf(parts[i].day)],
      ['start_time', 'time', (i) => parts[i].startTime],
      ['end_time', 'time', (i) => parts[i].endTime],
      ['place', 'text', (i) => parts[i].place],
    ],
    parts.length,
  );
  await insertArrays(
    tx,
    sessionTrainers,
    [
      ['session_id', 'uuid', (i) => sessionIds[i]],
      ['user_id', 'uuid', () => ids.trainerUserId],
    ],
    sessions.length,
  );
  const eligibility = sessions.flatMap((s, i) => (s.unitIndexes ?? []).map((u) => ({ session: i, unit: u })));
  await insertArrays(
    tx,
    sessionEligibility,
    [
      ['session_id', 'uuid', (i) => sessionIds[eligibility[i].session]],
      ['unit_id', 'uuid', (i) => ids.unitIds[eligibility[i].unit]],
    ],
    eligibility.length,
  );

  // The enrolments and marks: the plan's numbers go into temporary tables, and set-based SQL turns
  // them into rows with the ids of the sessions, parts and employees.
  await tx.execute(sql`create temporary table demo_sessions (n int primary key, id uuid not null, course_id uuid not null,
    starts_on date not null, total_minutes int not null) on commit drop`);
  await tx.execute(sql`create temporary table demo_parts (session_n int not null, position int not null, id uuid not null,
    marked_at timestamptz not null) on commit drop`);
  await tx.execute(sql`create temporary table demo_employees (n int primary key, id uuid not null, user_id uuid) on commit drop`);
  await tx.execute(sql`create temporary table demo_enrolments (n int not null, session_n int not null,
    employee_n int not null, waiting int not null, source int not null, queued_minutes int not null, marks int not null,
    attended_minutes int not null, last_present int not null) on commit drop`);
  await insertArrays(
    tx,
    'demo_sessions',
    [
      ['n', 'int', (i) => i],
      ['id', 'uuid', (i) => sessionIds[i]],
      ['course_id', 'uuid', (i) => courseId.get(sessions[i].course)],
      ['starts_on', 'date', (i) => isoOf(sessions[i].parts[0].day)],
      ['total_minutes', 'int', (i) => totalMinutes[i]],
    ],
    sessions.length,
  );
  await insertArrays(
    tx,
    'demo_parts',
    [
      ['session_n', 'int', (i) => parts[i].session],
      ['position', 'int', (i) => parts[i].position],
      ['id', 'uuid', (i) => partIds[i]],
      // The trainer marked the part as it ended.
      ['marked_at', 'timestamptz', (i) => stockholmTime(parts[i].day, parts[i].endTime)],
    ],
    parts.length,
  );
  await insertArrays(
    tx,
    'demo_employees',
    [
      ['n', 'int', (i) => i],
      ['id', 'uuid', (i) => ids.employeeIds[i]],
      ['user_id', 'uuid', (i) => ids.userOfEmployee.get(i) ?? null],
    ],
    ids.employeeIds.length,
  );
  const e = plan.enrolments;
  await insertArrays(
    tx,
    'demo_enrolments',
    [
      ['n', 'int', (i) => i],
      ['session_n', 'int', (i) => e.session.data[i]],
      ['employee_n', 'int', (i) => e.employee.data[i]],
      ['waiting', 'int', (i) => e.waiting.data[i]],
      ['source', 'int', (i) => e.source.data[i]],
      ['queued_minutes', 'int', (i) => e.queuedMinutes.data[i]],
      ['marks', 'int', (i) => e.marks.data[i]],
      ['attended_minutes', 'int', (i) => e.attendedMinutes.data[i]],
      ['last_present', 'int', (i) => e.lastPresent.data[i]],
    ],
    e.length,
  );
  await tx.execute(sql`analyze demo_sessions, demo_parts, demo_employees, demo_enrolments`);
  const secret = randomBytes(16).toString('hex');
  const enrolmentId = orderedIdSql(sql`p.n`, now.getTime(), secret);

  await tx.execute(sql`
    insert into enrolments (id, session_id, employee_id, course_id, status, source, queued_at, enrolled_at, enrolled_by_user_id,
                            attended_minutes, completed_on, verification_code)
    select ${enrolmentId}, s.id, em.id, s.course_id,
           case when p.waiting = 1 then 'waiting' else 'enrolled' end,
           (${arrayParam([...enrolmentSources], 'text')})[p.source + 1],
           q.queued_at,
           case when p.waiting = 1 then null else q.queued_at end,
           case p.source when ${enrolmentSources.indexOf('coordinator')} then ${ids.coordinatorUserId}::uuid
                         when ${enrolmentSources.indexOf('self')} then em.user_id end,
           p.attended_minutes,
           q.completed_on,
           case when q.completed_on is not null
                then upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)
                           || substr(replace(gen_random_uuid()::text, '-', ''), 14, 7)) end
      from demo_enrolments p
      join demo_sessions s on s.n = p.session_n
      join demo_employees em on em.n = p.employee_n
      join courses c on c.id = s.course_id
      cross join lateral (
        select (s.starts_on::timestamp - make_interval(mins => p.queued_minutes)) at time zone 'Europe/Stockholm' as queued_at,
               case when p.waiting = 0 and s.total_minutes > 0
                         and p.attended_minutes * 100 >= c.completion_threshold * s.total_minutes
                    then date '1970-01-01' + p.last_present end as completed_on
      ) q
`);
  await tx.execute(sql`
    insert into attendance (part_id, enrolment_id, status, marked_by_user_id, marked_at)
    select dp.id, ${enrolmentId},
           (${arrayParam(markNames.slice(1), 'text')})[(p.marks >> (2 * (dp.position - 1))) & 3],
           ${ids.trainerUserId}::uuid,
           dp.marked_at
      from demo_enrolments p
      join demo_parts dp on dp.session_n = p.session_n
     where p.marks <> 0 and (p.marks >> (2 * (dp.position - 1))) & 3 <> 0`);
  const [counts] = (
    await tx.execute<{ enrolments: number; attendance: number }>(
      sql`select (select count(*)::int from demo_enrolments) as enrolments,
                 (select count(*)::int from attendance) as attendance`,
    )
  ).rows;
  await tx.execute(sql`drop table demo_enrolments, demo_employees, demo_parts, demo_sessions`);
  // Each employee's first completion of each level, derived from the completions just written.
  await refreshEmployeeLevels(tx, 'all');

  return {
    courses: courseKeys.length,
    trainingSessions: sessions.length,
    enrolments: counts.enrolments,
    attendance: counts.attendance,
  };
}
