import type {
  AttendanceRow,
  EnrolledPerson,
  PartAttendance,
  SessionEnrolments,
  WaitingPerson,
} from '#shared/contracts/enrolments';
import type { AttendanceRowDb, ParticipantRow, PartFacts } from './repository.js';

type Source = EnrolledPerson['source'];

/** Only what the participant lists need: no e-mail, no gender, nothing else of the register. */
export function presentParticipants(
  sessionId: string,
  capacity: number,
  complete: boolean,
  rows: ParticipantRow[],
  totals: { enrolled: number; waiting: number },
): SessionEnrolments {
  const enrolled: EnrolledPerson[] = [];
  const waiting: WaitingPerson[] = [];
  for (const row of rows) {
    const person = {
      enrolmentId: row.enrolment_id,
      employeeId: row.employee_id,
      name: row.name,
      unitName: row.unit_name,
      source: row.source as Source,
      queuedAt: row.queued_at,
    };
    if (row.status === 'enrolled') {
      enrolled.push({
        ...person,
        enrolledAt: row.enrolled_at ?? row.queued_at,
        attendedMinutes: row.attended_minutes,
        completed: row.completed_on !== null,
        completedOn: row.completed_on,
        hasAttendance: row.has_attendance,
      });
    } else {
      waiting.push({ ...person, position: Number(row.position) });
    }
  }
  return { sessionId, capacity, enrolledCount: totals.enrolled, waitingCount: totals.waiting, complete, enrolled, waiting };
}

export function presentAttendance(view: { facts: PartFacts; markable: boolean; rows: AttendanceRowDb[] }): PartAttendance {
  return {
    sessionId: view.facts.id,
    totalMinutes: view.facts.totalMinutes,
    part: view.facts.part,
    markable: view.markable,
    rows: view.rows.map((row): AttendanceRow => ({
      enrolmentId: row.enrolment_id,
      employeeId: row.employee_id,
      name: row.name,
      unitName: row.unit_name,
      source: row.source as Source,
      status: row.status,
      applicable: row.applicable,
      attendedMinutes: row.attended_minutes,
      completed: row.completed,
    })),
  };
}
