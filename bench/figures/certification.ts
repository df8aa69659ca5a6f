import type { DatabaseKind } from '#server/db/client';
import type { Figure, FigureResult } from '../lib/figure.js';
import { benchEmployees } from '../lib/municipality.js';
import { median } from '../lib/figure.js';
import { certificationRuns, groupSize, requestsPerRun, stepsText } from '../lib/certification.js';

/**
 * Issue 5, with the large municipality: the checklist of a unit of 100 staff answers in under 100 ms;
 * the list of all 600 units with their certification status in under 300 ms; both within 2x of their
 * aggregates as single SQL queries (from psql) in the same run. On the embedded database for
 * information, beside the same queries through a bare route.
 */

const databaseName = { postgres: 'PostgreSQL', pglite: 'the embedded database (PGlite)' } as const;

/** Where the API's time goes: its steps timed alone in the server's process, and what is left for HTTP. */
function whereTheTimeGoes(api: number[], steps: Record<string, number[]>, whole: string) {
  const inProcess = median(steps['auth (token and roles)'] ?? [0]) + median(steps[whole] ?? [0]);
  return (
    `Where the API's time goes, each step alone in the server's process (medians of the runs): ${stepsText(steps)}. ` +
    `The authentication and the service call together: ${inProcess.toFixed(1)} ms; the rest of the API's ${median(api).toFixed(1)} ms ` +
    `(${(median(api) - inProcess).toFixed(1)} ms) is the HTTP round trip, Fastify's hooks, the response schema and the request log.`
  );
}

function method(kind: DatabaseKind, loadMs: number, what: string) {
  return (
    `The demo municipality at ${benchEmployees.toLocaleString('en')} employees (loadDemo, with its training and certification history, ` +
    `${(loadMs / 1000).toFixed(0)} s to load) on ${databaseName[kind]}${kind === 'postgres' ? ' (VACUUM ANALYZE after the load)' : ''}; ` +
    `a server process runs Inkludera from dist/ (request logging at info level, to a file) and, sharing its database, bare routes. ` +
    `An administrator's API token asks ${what} one after another per run, after two untimed ones; a run's value is their median. ` +
    (kind === 'postgres'
      ? 'The baseline, in the same run: the hand-written single query (bench/lib/certification-sql.ts) from psql, as many times in one session after one untimed run (\\timing, no JIT).'
      : 'The baseline, in the same run: the hand-written single query (bench/lib/certification-sql.ts) through the bare route.')
  );
}

function checklistFigure(kind: DatabaseKind): Figure {
  return {
    name: `certification-checklist-${kind}`,
    title: `GET /api/certification/processes/:id, the live checklist of a unit of about 100 staff, 60,000 employees, on ${databaseName[kind]}`,
    target: { comparison: 'below', value: 100 },
    runs: 5,
    async measure({ runs, log }): Promise<FigureResult> {
      const session = await certificationRuns(kind, runs, log);
      const c = session.checklist;
      return {
        subject: 'GET /api/certification/processes/:id (the process, its checklist and its group) with an API token',
        baselineSubject:
          kind === 'postgres'
            ? 'the checklist computed values as one hand-written SQL query from psql'
            : 'the checklist computed values as one hand-written SQL query through a bare route',
        unit: 'ms',
        samples: c.api,
        baselineSamples: c.baseline,
        more:
          kind === 'postgres'
            ? [
                {
                  label: 'against the query',
                  subject: 'GET /api/certification/processes/:id',
                  baselineSubject: 'the same values from psql',
                  unit: 'ms',
                  samples: c.api,
                  baselineSamples: c.baseline,
                  target: { comparison: 'atMost', ofBaseline: 2 },
                },
              ]
            : undefined,
        checks: [
          { text: `answers other than 200: ${c.failures}, must be 0`, pass: c.failures === 0 },
          { text: 'the API counts the same staff, trained staff, sessions, group and confirmation as the query', pass: c.same },
        ],
        method:
          method(
            kind,
            session.loadMs,
            `for the process of ${session.unit.name} (${session.unit.staff} current staff), ${requestsPerRun.checklist} requests`,
          ) +
          ` The scheme has one criterion of each kind: 80 % of the staff through the certification course, two sessions for the unit, a group of five (${groupSize} named), a confirmed routine.`,
        details: [
          ...(kind === 'postgres'
            ? [`The same query through the bare route (per run): ${c.bareRoute.map((v) => v.toFixed(1)).join(', ')} ms.`]
            : []),
          whereTheTimeGoes(c.api, c.steps, 'service.getProcess (whole)'),
        ],
      };
    },
  };
}

function unitsFigure(kind: DatabaseKind): Figure {
  return {
    name: `certification-units-${kind}`,
    title: `GET /api/certification/units, every unit with its certification status, 60,000 employees, on ${databaseName[kind]}`,
    target: { comparison: 'below', value: 300 },
    runs: 5,
    async measure({ runs, log }): Promise<FigureResult> {
      const session = await certificationRuns(kind, runs, log);
      const l = session.list;
      return {
        subject: `GET /api/certification/units?pageSize=1000 (all ${session.units} active units, with the below-threshold flags of the certified ones) with an API token`,
        baselineSubject:
          kind === 'postgres'
            ? "every active unit's status and below-threshold count as one hand-written SQL query from psql"
            : "every active unit's status and below-threshold count as one hand-written SQL query through a bare route",
        unit: 'ms',
        samples: l.api,
        baselineSamples: l.baseline,
        more:
          kind === 'postgres'
            ? [
                {
                  label: 'against the query',
                  subject: 'GET /api/certification/units',
                  baselineSubject: 'the same statuses from psql',
                  unit: 'ms',
                  samples: l.api,
                  baselineSamples: l.baseline,
                  target: { comparison: 'atMost', ofBaseline: 2 },
                },
              ]
            : undefined,
        checks: [
          { text: `answers other than 200: ${l.failures}, must be 0`, pass: l.failures === 0 },
          {
            text: `the API counts the same ${session.units} units by status, and the same ${l.flagged} certified units below a threshold, as the query`,
            pass: l.same,
          },
        ],
        method: method(kind, session.loadMs, `for every active unit, ${requestsPerRun.units} requests`),
        details: [
          `Units by status: ${Object.entries(l.counts)
            .map(([status, n]) => `${status} ${n}`)
            .join(', ')}.`,
          ...(kind === 'postgres'
            ? [`The same query through the bare route (per run): ${l.bareRoute.map((v) => v.toFixed(1)).join(', ')} ms.`]
            : []),
          whereTheTimeGoes(l.api, l.steps, 'service.listUnitStatuses (whole)'),
        ],
      };
    },
  };
}

export const certificationChecklistPostgres = checklistFigure('postgres');
export const certificationUnitsPostgres = unitsFigure('postgres');
export const certificationChecklistPglite = checklistFigure('pglite');
export const certificationUnitsPglite = unitsFigure('pglite');
