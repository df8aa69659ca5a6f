import { z } from 'zod';
import { isoDate } from './common.js';

// ---------------------------------------------------------------------------------------------
// Enrolments (anmälningar) and the waiting list

export const enrolmentStatuses = ['enrolled', 'waiting', 'cancelled'] as const;
export const enrolmentSources = ['self', 'manager', 'coordinator', 'walk_in'] as const;

export const enrolmentParams = z.object({ id: z.uuid(), employeeId: z.uuid() });
export const partParams = z.object({ id: z.uuid(), partId: z.uuid() });

const person = {
  enrolmentId: z.uuid(),
  employeeId: z.uuid(),
  name: z.string(),
  unitName: z.string(),
  source: z.enum(enrolmentSources),
  queuedAt: z.iso.datetime(),
};

export const enrolledPerson = z.object({
  ...person,
  enrolledAt: z.iso.datetime(),
  attendedMinutes: z.number().int(),
  completed: z.boolean(),
  completedOn: isoDate.nullable(),
  /** Whether the person has attendance marks (then the enrolment can no longer be cancelled). */
  hasAttendance: z.boolean(),
});
export type EnrolledPerson = z.infer<typeof enrolledPerson>;

export const waitingPerson = z.object({
  ...person,
  /** 1 for the first in line, counted over the whole list (also those the viewer does not see). */
  position: z.number().int().min(1),
});
export type WaitingPerson = z.infer<typeof waitingPerson>;

/**
 * The participants of a session, as far as the viewer may see them: coordinators and the session's
 * trainers everyone, managers their staff, an employee themselves. The counts are of everyone.
 */
export const sessionEnrolments = z.object({
  sessionId: z.uuid(),
  capacity: z.number().int(),
  enrolledCount: z.number().int(),
  waitingCount: z.number().int(),
  /** Whether the viewer sees every participant (else only those in their scope). */
  complete: z.boolean(),
  enrolled: z.array(enrolledPerson),
  waiting: z.array(waitingPerson),
});
export type SessionEnrolments = z.infer<typeof sessionEnrolments>;

const ids = (max: number) => z.array(z.uuid()).max(max).optional();

/** Nothing given: the signed-in person's own employee record. */
export const enrolBody = z.object({
  employeeIds: ids(1000),
  unitIds: ids(200),
  administrationIds: ids(50),
});
export type EnrolBody = z.infer<typeof enrolBody>;

export const skipReasons = ['already_enrolled', 'already_waiting', 'not_eligible', 'employment_ended'] as const;
export type SkipReason = (typeof skipReasons)[number];

const named = { employeeId: z.uuid(), name: z.string() };

export const enrolResult = z.object({
  enrolledCount: z.number().int(),
  waitingCount: z.number().int(),
  skippedCount: z.number().int(),
  enrolled: z.array(z.object(named)),
  waiting: z.array(z.object({ ...named, position: z.number().int() })),
  skipped: z.array(z.object({ ...named, reason: z.enum(skipReasons) })),
});
export type EnrolResult = z.infer<typeof enrolResult>;

export const cancelResult = z.object({
  status: z.literal('cancelled'),
  /** How many from the waiting list got the freed seat. */
  promotedCount: z.number().int(),
});
export type CancelResult = z.infer<typeof cancelResult>;

// ---------------------------------------------------------------------------------------------
// Attendance (närvaro), per part

export const attendanceStatuses = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceRow = z.object({
  enrolmentId: z.uuid(),
  employeeId: z.uuid(),
  name: z.string(),
  unitName: z.string(),
  source: z.enum(enrolmentSources),
  /** The mark on this part, or null when none is given yet. */
  status: z.enum(attendanceStatuses).nullable(),
  /** False when the person was enrolled after this part: never counted absent there, and not to be marked. */
  applicable: z.boolean(),
  attendedMinutes: z.number().int(),
  completed: z.boolean(),
});
export type AttendanceRow = z.infer<typeof attendanceRow>;

export const partAttendance = z.object({
  sessionId: z.uuid(),
  totalMinutes: z.number().int(),
  part: z.object({
    id: z.uuid(),
    position: z.number().int(),
    date: isoDate,
    startTime: z.string(),
    endTime: z.string(),
    place: z.string().nullable(),
  }),
  /** False for a part after today (Europe/Stockholm) or of a cancelled session. */
  markable: z.boolean(),
  rows: z.array(attendanceRow),
});
export type PartAttendance = z.infer<typeof partAttendance>;

export const attendanceBody = z.object({
  marks: z
    .array(z.object({ employeeId: z.uuid(), status: z.enum(attendanceStatuses) }))
    .max(1000)
    .refine((marks) => new Set(marks.map((m) => m.employeeId)).size === marks.length, { message: 'duplicate_employee' }),
  /** People who came without a seat: enrolled at the door (source walk_in), even beyond capacity. */
  walkIns: z.array(z.uuid()).max(200).optional(),
});
export type AttendanceBody = z.infer<typeof attendanceBody>;

/** Finding a walk-in by name or employee number (the session's trainers and coordinators). */
export const walkInQuery = z.object({ q: z.string().trim().min(2).max(100) });
export const walkInCandidates = z.object({
  items: z.array(z.object({ employeeId: z.uuid(), name: z.string(), unitName: z.string() })),
});
export type WalkInCandidates = z.infer<typeof walkInCandidates>;
