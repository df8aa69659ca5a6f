import type { TrainingSettings } from '#shared/contracts/courses';
import type { SettingsRow } from './repository.js';

export function presentSettings(row: SettingsRow): TrainingSettings {
  return {
    newEmployeeMonths: row.newEmployeeMonths,
    reminderDaysBefore: row.reminderDaysBefore,
    updatedAt: row.updatedAt.toISOString(),
  };
}
