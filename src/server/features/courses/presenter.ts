import { minutesToHours, type Course, type TrainingLevel } from '#shared/contracts/courses';
import type { CourseRow, LevelView } from './repository.js';

export function presentLevel(row: LevelView): TrainingLevel {
  return { id: row.id, key: row.key, nameSv: row.nameSv, nameEn: row.nameEn, rank: row.rank, active: row.active };
}

export function presentCourse(row: CourseRow): Course {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    topic: row.topic as Course['topic'],
    levelId: row.levelId,
    level: presentLevel(row.level),
    hours: minutesToHours(row.nominalMinutes),
    completionThreshold: row.completionThreshold,
    provider: row.provider,
    refresherYears: row.refresherYears,
    offeredYearly: row.offeredYearly,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
