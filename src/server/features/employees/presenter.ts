import type { Employee, EmployeeDetail, Gender } from '#shared/contracts/organisation';
import type { Actor } from '../../context.js';
import { isCurrent, stockholmDate } from './current.js';
import { canSeeGender } from './policy.js';
import type { EmployeeRow, HistoryRow } from './repository.js';

/** Who is looking, and on which day: decides which fields leave the server. */
export type Viewer = { showGender: boolean; today: string };

export const viewerOf = (actor: Pick<Actor, 'roles'>, now: Date): Viewer => ({
  showGender: canSeeGender(actor),
  today: stockholmDate(now),
});

export function presentEmployee(row: EmployeeRow, viewer: Viewer): Employee {
  return {
    id: row.id,
    employeeNumber: row.employeeNumber,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    unitId: row.unitId,
    unitName: row.unitName,
    administrationId: row.administrationId,
    administrationName: row.administrationName,
    title: row.title,
    gender: viewer.showGender ? (row.gender as Gender) : null,
    startDate: row.startDate,
    endDate: row.endDate,
    active: isCurrent(row.endDate, viewer.today),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentEmployeeDetail(row: EmployeeRow, history: HistoryRow[], viewer: Viewer): EmployeeDetail {
  return { ...presentEmployee(row, viewer), unitHistory: history.map((h) => ({ ...h })) };
}
