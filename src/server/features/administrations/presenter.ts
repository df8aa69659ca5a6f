import type { Administration } from '#shared/contracts/organisation';
import type { PersonRef } from '../users/roles.js';
import type { AdministrationRow } from './repository.js';

export type AdministrationView = {
  row: AdministrationRow;
  processLeader: PersonRef | null;
  unitCount: number;
  employeeCount: number;
};

export function presentAdministration(view: AdministrationView): Administration {
  const { row } = view;
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    description: row.description,
    active: row.active,
    closedAt: row.closedAt?.toISOString() ?? null,
    processLeader: view.processLeader,
    unitCount: view.unitCount,
    employeeCount: view.employeeCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
