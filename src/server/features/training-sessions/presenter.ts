import type { TrainingSession } from '#shared/contracts/training-sessions';
import type { EligibilityOf, Named, PartRow, SessionRow } from './repository.js';

export type SessionView = { row: SessionRow; parts: PartRow[]; trainers: Named[]; eligibility: EligibilityOf };

/** '09:00:00' from the database as '09:00'. */
export const hhmm = (time: string) => time.slice(0, 5);

export function presentSession(view: SessionView): TrainingSession {
  const { row } = view;
  return {
    id: row.id,
    courseId: row.courseId,
    courseName: row.courseName,
    title: row.title,
    capacity: row.capacity,
    status: row.status as TrainingSession['status'],
    cancelReason: row.cancelReason,
    eligibility: row.eligibility as TrainingSession['eligibility'],
    programmeId: row.programmeId,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    totalMinutes: row.totalMinutes,
    parts: view.parts.map((p) => ({
      id: p.id,
      position: p.position,
      date: p.date,
      startTime: hhmm(p.startTime),
      endTime: hhmm(p.endTime),
      place: p.place,
    })),
    trainers: view.trainers,
    eligibleAdministrationIds: view.eligibility.administrations.map((a) => a.id),
    eligibleUnitIds: view.eligibility.units.map((u) => u.id),
    eligibleAdministrations: view.eligibility.administrations,
    eligibleUnits: view.eligibility.units,
    enrolledCount: row.enrolledCount,
    waitingCount: row.waitingCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
