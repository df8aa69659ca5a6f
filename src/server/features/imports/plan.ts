import type { DirectoryUnit } from '../units/bulk.js';
import type { BulkPlan, EmployeeChange, ImportedFields, StoredEmployee } from '../employees/bulk.js';
import { dayBefore, isCurrent } from '../employees/current.js';
import type { ColumnMapping } from './columns.js';
import type { ImportRecord, Problem } from './records.js';
import type { ImportSummary } from '#shared/contracts/imports';

/**
 * From the records of a file and what the database holds, what an import would do: who is new,
 * who changed and how, who is unchanged, and (in a full import) who is ended. Pure: the same input
 * gives the same plan, which is why importing the same file twice changes nothing.
 */

const comparedFields = ['firstName', 'lastName', 'email', 'unitId', 'title', 'gender', 'startDate', 'endDate'] as const;
type ComparedField = (typeof comparedFields)[number];

/** Which compared fields the file can speak for: an unmapped optional column leaves the stored value alone. */
function fieldsFromFile(mapping: ColumnMapping): Set<ComparedField> {
  const fields = new Set<ComparedField>(['firstName', 'lastName', 'unitId', 'startDate']);
  if (mapping.email !== undefined) fields.add('email');
  if (mapping.title !== undefined) fields.add('title');
  if (mapping.gender !== undefined) fields.add('gender');
  if (mapping.endDate !== undefined) fields.add('endDate');
  return fields;
}

export type UnitResolution = { unitId: string } | { missing: { administration: string; unit: string } } | { problem: Problem['code'] };

export function unitResolver(directory: { units: DirectoryUnit[]; administrations: { id: string; name: string }[] }) {
  const byAdministrationAndName = new Map<string, DirectoryUnit>();
  const byName = new Map<string, DirectoryUnit[]>();
  const byCode = new Map<string, DirectoryUnit>();
  for (const unit of directory.units) {
    byAdministrationAndName.set(`${unit.administrationName.toLowerCase()}|${unit.name.toLowerCase()}`, unit);
    byName.set(unit.name.toLowerCase(), [...(byName.get(unit.name.toLowerCase()) ?? []), unit]);
    if (unit.code) byCode.set(unit.code.toLowerCase(), unit);
  }
  const administrations = new Set(directory.administrations.map((a) => a.name.toLowerCase()));
  const cache = new Map<string, UnitResolution>();

  const resolve = (administration: string | null, unit: string): UnitResolution => {
    const unitKey = unit.toLowerCase();
    const found =
      administration !== null
        ? (byAdministrationAndName.get(`${administration.toLowerCase()}|${unitKey}`) ??
          [byCode.get(unitKey)].find((u) => u && u.administrationName.toLowerCase() === administration.toLowerCase()))
        : (byCode.get(unitKey) ?? (byName.get(unitKey)?.length === 1 ? byName.get(unitKey)![0] : undefined));
    if (found) return found.active ? { unitId: found.id } : { problem: 'unit_closed' };
    if (administration === null) return { problem: (byName.get(unitKey)?.length ?? 0) > 1 ? 'ambiguous_unit' : 'unknown_unit' };
    return { missing: { administration, unit } };
  };

  return {
    resolve(administration: string | null, unit: string): UnitResolution {
      const key = `${administration ?? ''}\u0000${unit}`;
      let result = cache.get(key);
      if (!result) cache.set(key, (result = resolve(administration, unit)));
      return result;
    },
    administrationExists: (name: string) => administrations.has(name.toLowerCase()),
  };
}

export type PendingUnit = { target: 'create' | 'update'; index: number; key: string };

export type ImportPlan = {
  plan: BulkPlan;
  /** Employees whose unit the commit creates first; their unitId is filled in then. */
  pendingUnits: PendingUnit[];
  summary: ImportSummary;
  problems: Problem[];
};

const sampleSize = 500;
const display = (value: unknown) => (value === null || value === undefined ? null : String(value));

export function planImport(options: {
  records: ImportRecord[];
  fileProblems: Problem[];
  mapping: ColumnMapping;
  mode: 'full' | 'partial';
  stored: Map<string, StoredEmployee>;
  resolver: ReturnType<typeof unitResolver>;
  unitNames: Map<string, string>;
  today: string;
  rows: number;
}): ImportPlan {
  const { records, mapping, stored, resolver, today } = options;
  const fromFile = fieldsFromFile(mapping);
  const problems = [...options.fileProblems];
  const create: ImportedFields[] = [];
  const update: EmployeeChange[] = [];
  const pendingUnits: PendingUnit[] = [];
  const missingUnits = new Map<string, { administration: string; unit: string; rows: number }>();
  const changes: ImportSummary['changes'] = [];
  const newEmployees: ImportSummary['newEmployees'] = [];
  let unchanged = 0;
  const seen = new Set<string>();

  for (const record of records) {
    seen.add(record.employeeNumber);
    const resolution = resolver.resolve(record.administration, record.unit);
    let unitId: string;
    let pendingKey: string | null = null;
    if ('problem' in resolution) {
      problems.push({ line: record.line, column: 'unit', code: resolution.problem, value: record.unit });
      continue;
    } else if ('missing' in resolution) {
      pendingKey = `${resolution.missing.administration.toLowerCase()}|${resolution.missing.unit.toLowerCase()}`;
      const entry = missingUnits.get(pendingKey) ?? { ...resolution.missing, rows: 0 };
      entry.rows++;
      missingUnits.set(pendingKey, entry);
      unitId = '';
    } else {
      unitId = resolution.unitId;
    }

    const existing = stored.get(record.employeeNumber);
    const next: ImportedFields = {
      employeeNumber: record.employeeNumber,
      firstName: record.firstName,
      lastName: record.lastName,
      email: fromFile.has('email') ? record.email : (existing?.email ?? null),
      unitId,
      title: fromFile.has('title') ? record.title : (existing?.title ?? null),
      gender: fromFile.has('gender') ? record.gender : (existing?.gender ?? 'not_stated'),
      startDate: record.startDate,
      endDate: fromFile.has('endDate') ? record.endDate : (existing?.endDate ?? null),
    };
    const name = `${record.firstName} ${record.lastName}`;
    if (!existing) {
      if (pendingKey) pendingUnits.push({ target: 'create', index: create.length, key: pendingKey });
      create.push(next);
      if (newEmployees.length < sampleSize) newEmployees.push({ employeeNumber: record.employeeNumber, name, unit: record.unit });
      continue;
    }
    const before: Partial<ImportedFields> = {};
    const after: Partial<ImportedFields> = {};
    for (const field of comparedFields) {
      if (field === 'unitId' && pendingKey) {
        before.unitId = existing.unitId;
        after.unitId = '';
        continue;
      }
      if ((existing[field] ?? null) !== (next[field] ?? null)) {
        (before as Record<string, unknown>)[field] = existing[field];
        (after as Record<string, unknown>)[field] = next[field];
      }
    }
    if (Object.keys(after).length === 0) {
      unchanged++;
      continue;
    }
    if (pendingKey) pendingUnits.push({ target: 'update', index: update.length, key: pendingKey });
    update.push({ id: existing.id, before, after, next });
    if (changes.length < sampleSize) {
      changes.push({
        employeeNumber: record.employeeNumber,
        name,
        fields: Object.keys(after).map((field) => ({
          field,
          before: field === 'unitId' ? (options.unitNames.get(String(before.unitId)) ?? null) : display(before[field as ComparedField]),
          after: field === 'unitId' ? (pendingKey ? record.unit : (options.unitNames.get(String(after.unitId)) ?? record.unit)) : display(after[field as ComparedField]),
        })),
      });
    }
  }

  const end: BulkPlan['end'] = [];
  const endedEmployees: ImportSummary['endedEmployees'] = [];
  const yesterday = dayBefore(today);
  if (options.mode === 'full') {
    for (const employee of stored.values()) {
      if (seen.has(employee.employeeNumber) || !isCurrent(employee.endDate, today)) continue;
      end.push({ id: employee.id, endDate: employee.endDate });
      if (endedEmployees.length < sampleSize) {
        endedEmployees.push({ employeeNumber: employee.employeeNumber, name: `${employee.firstName} ${employee.lastName}` });
      }
    }
  }

  problems.sort((a, b) => a.line - b.line);
  const missing = [...missingUnits.values()];
  return {
    plan: { create, update, end, endOn: yesterday, movedOn: today },
    pendingUnits,
    problems,
    summary: {
      rows: options.rows,
      new: create.length,
      changed: update.length,
      unchanged,
      ended: end.length,
      problems: problems.length,
      missingUnits: missing,
      missingAdministrations: [...new Set(missing.map((m) => m.administration))].filter((a) => !resolver.administrationExists(a)),
      unmappedRequired: [],
      dateFormatCandidates: [],
      changes,
      newEmployees,
      endedEmployees,
    },
  };
}
