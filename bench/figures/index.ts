import type { Figure } from '../lib/figure.js';
import { attendancePglite, attendancePostgres } from './attendance.js';
import {
  certificationChecklistPglite,
  certificationChecklistPostgres,
  certificationUnitsPglite,
  certificationUnitsPostgres,
} from './certification.js';
import { coveragePglite, coveragePostgres } from './coverage.js';
import { employeesListPglite, employeesListPostgres } from './employees-list.js';
import { importMemory } from './import-memory.js';
import { messagesLoadPglite, messagesLoadPostgres } from './messages-load.js';
import { importPglite, importPostgres, reimportPglite, reimportPostgres } from './import.js';
import { plansDashboardPostgres } from './plans-dashboard.js';
import { plansReportPostgres } from './plans-report.js';
import { publicStartPage } from './public-site.js';
import { startup } from './startup.js';

/**
 * Every figure that `npm run bench` measures, in this order. A new figure adds itself here.
 * An import figure and its re-import figure share their runs (bench/figures/import.ts); so do the
 * coverage and attendance figures of a database (bench/lib/training.ts); so do the two certification
 * figures of a database (bench/lib/certification.ts).
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
  coveragePglite,
  attendancePglite,
  coveragePostgres,
  attendancePostgres,
  certificationChecklistPglite,
  certificationUnitsPglite,
  certificationChecklistPostgres,
  certificationUnitsPostgres,
  plansDashboardPostgres,
  plansReportPostgres,
  publicStartPage,
  messagesLoadPglite,
  messagesLoadPostgres,
];
