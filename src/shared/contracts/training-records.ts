import { z } from 'zod';
import { isoDate } from './common.js';

/** Hours as the API speaks them (the database keeps whole minutes): at most two decimals. */
export const hours = z.number().nonnegative();

export const enrolmentStatus = z.enum(['enrolled', 'waiting', 'cancelled']);

/** One enrolment in a person's training record. */
export const trainingRecordEntry = z.object({
  enrolmentId: z.uuid(),
  sessionId: z.uuid(),
  courseId: z.uuid(),
  courseName: z.string(),
  sessionTitle: z.string().nullable(),
  topic: z.string(),
  levelKey: z.string(),
  levelNameSv: z.string(),
  levelNameEn: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  sessionStatus: z.enum(['planned', 'cancelled']),
  status: enrolmentStatus,
  attendedHours: hours,
  totalHours: hours,
  completedOn: isoDate.nullable(),
  /** completedOn plus the course's refresher years; null when not completed or never due. */
  refresherDueOn: isoDate.nullable(),
  /** A certificate can be downloaded and checked on the public page. */
  verificationAvailable: z.boolean(),
});
export type TrainingRecordEntry = z.infer<typeof trainingRecordEntry>;

export const employeeTraining = z.object({
  employeeId: z.uuid(),
  name: z.string(),
  items: z.array(trainingRecordEntry),
});
export type EmployeeTraining = z.infer<typeof employeeTraining>;

export const sessionPartSummary = z.object({
  id: z.uuid(),
  position: z.number().int(),
  date: isoDate,
  startTime: z.string(),
  endTime: z.string(),
  place: z.string().nullable(),
});
export type SessionPartSummary = z.infer<typeof sessionPartSummary>;

/** A session one is booked on or queued for. queuePosition: 1 for the first in line; null when enrolled. */
export const upcomingEnrolment = z.object({
  enrolmentId: z.uuid(),
  sessionId: z.uuid(),
  courseName: z.string(),
  sessionTitle: z.string().nullable(),
  status: z.enum(['enrolled', 'waiting']),
  queuePosition: z.number().int().nullable(),
  startsOn: isoDate,
  endsOn: isoDate,
  parts: z.array(sessionPartSummary),
});
export type UpcomingEnrolment = z.infer<typeof upcomingEnrolment>;

/** A planned session one may sign up to. freeSeats 0: signing up puts one on the waiting list. */
export const openSession = z.object({
  sessionId: z.uuid(),
  courseName: z.string(),
  sessionTitle: z.string().nullable(),
  levelKey: z.string(),
  levelNameSv: z.string(),
  levelNameEn: z.string(),
  startsOn: isoDate,
  endsOn: isoDate,
  totalHours: hours,
  capacity: z.number().int(),
  freeSeats: z.number().int(),
  waitingCount: z.number().int(),
  parts: z.array(sessionPartSummary),
});
export type OpenSession = z.infer<typeof openSession>;

export const myTraining = z.object({
  /** null: the account is linked to no employee record, so there is no record to show. */
  employee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  record: z.array(trainingRecordEntry),
  upcoming: z.array(upcomingEnrolment),
  open: z.array(openSession),
  /** When one's calendar address was made; null when there is none. */
  calendarFeed: z.object({ createdAt: z.iso.datetime() }).nullable(),
});
export type MyTraining = z.infer<typeof myTraining>;

/** A certificate code as typed: spaces and dashes are ignored, case does not matter. */
export const certificateCodeParams = z.object({ code: z.string().trim().min(1).max(64) });

export const certificateVerification = z.object({
  valid: z.literal(true),
  name: z.string(),
  course: z.string(),
  hours,
  completedOn: isoDate,
});
export type CertificateVerification = z.infer<typeof certificateVerification>;

export const calendarFeedCreated = z.object({ url: z.string(), createdAt: z.iso.datetime() });
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreated>;

export const calendarTokenParams = z.object({ token: z.string().min(1).max(200) });

/** Groups a certificate code for reading aloud and typing: 4-character groups. */
export const formatCertificateCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/**
 * The code as stored: upper case, without the separators a person may type, and with the letters
 * no code contains read as the digits they are mistaken for (O as 0, I and L as 1; Crockford's rule).
 */
export const normaliseCertificateCode = (code: string) =>
  code
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
