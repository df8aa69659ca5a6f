import type { TrainingRecordEntry, SessionPartSummary } from '#shared/contracts/training-records';
import type { PartRow, RecordRow } from './repository.js';

/** Minutes as hours with at most two decimals (20 h 30 min: 20.5). */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The verification code itself stays out of the record: it is on the certificate, which has its own check. */
export function presentRecordEntry(row: RecordRow): TrainingRecordEntry {
  return {
    enrolmentId: row.enrolmentId,
    sessionId: row.sessionId,
    courseId: row.courseId,
    courseName: row.courseName,
    sessionTitle: row.sessionTitle,
    topic: row.topic,
    levelKey: row.levelKey,
    levelNameSv: row.levelNameSv,
    levelNameEn: row.levelNameEn,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    sessionStatus: row.sessionStatus === 'cancelled' ? 'cancelled' : 'planned',
    status: row.status as TrainingRecordEntry['status'],
    attendedHours: hoursOf(row.attendedMinutes),
    totalHours: hoursOf(row.totalMinutes),
    completedOn: row.completedOn,
    refresherDueOn: row.refresherDueOn,
    verificationAvailable: row.completedOn !== null && row.verificationCode !== null,
  };
}

/** 'HH:MM:SS' from the database as 'HH:MM'. */
export const hhmm = (time: string) => time.slice(0, 5);

export function presentPart(row: PartRow): SessionPartSummary {
  return {
    id: row.id,
    position: row.position,
    date: row.date,
    startTime: hhmm(row.startTime),
    endTime: hhmm(row.endTime),
    place: row.place,
  };
}
