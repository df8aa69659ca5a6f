import type { GrantStatus, Programme, ProgrammePopulation, ProgrammeSummary } from '#shared/contracts/programmes';
import type { GrantRow, ProgrammeWithTotals, TargetRow } from './repository.js';

export function presentProgrammeSummary(row: ProgrammeWithTotals): ProgrammeSummary {
  const p = row.programme;
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    startDate: p.startDate,
    endDate: p.endDate,
    targetCount: row.targetCount,
    appliedTotal: row.appliedTotal,
    receivedTotal: row.receivedTotal,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export const presentTarget = (t: TargetRow) => ({
  id: t.id,
  population: t.population as ProgrammePopulation,
  levelId: t.levelId,
  levelNameSv: t.levelNameSv,
  levelNameEn: t.levelNameEn,
  targetPercent: t.targetPercent,
});

export const presentGrant = (g: GrantRow) => ({
  id: g.id,
  funder: g.funder,
  appliedAmount: g.appliedAmount,
  receivedAmount: g.receivedAmount,
  status: g.status as GrantStatus,
  decidedOn: g.decidedOn,
  note: g.note,
});

export function presentProgramme(row: ProgrammeWithTotals, targets: TargetRow[], grants: GrantRow[]): Programme {
  return { ...presentProgrammeSummary(row), targets: targets.map(presentTarget), grants: grants.map(presentGrant) };
}
