import type { Figure } from '../lib/figure.js';
import { employeesListPglite, employeesListPostgres } from './employees-list.js';
import { importMemory } from './import-memory.js';
import { importPglite, importPostgres, reimportPglite, reimportPostgres } from './import.js';
import { startup } from './startup.js';

/**
 * Every figure that `npm run bench` measures, in this order. A new figure adds itself here.
 * An import figure and its re-import figure share their runs (bench/figures/import.ts).
 */
export const figures: Figure[] = [
  startup,
  importPglite,
  reimportPglite,
  importPostgres,
  reimportPostgres,
  employeesListPglite,
  employeesListPostgres,
  importMemory,
];
