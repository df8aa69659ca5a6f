import type { Unit } from '#shared/contracts/organisation';
import type { PersonRef } from '../users/roles.js';
import type { UnitRow } from './repository.js';

export type UnitView = { row: UnitRow; manager: PersonRef | null; employeeCount: number };

export function presentUnit(view: UnitView): Unit {
  const { row } = view;
  return {
    id: row.id,
    administrationId: row.administrationId,
    administrationName: row.administrationName,
    name: row.name,
    code: row.code,
    worksWithChildren: row.worksWithChildren,
    active: row.active,
    closedAt: row.closedAt?.toISOString() ?? null,
    manager: view.manager,
    employeeCount: view.employeeCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
