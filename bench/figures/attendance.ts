import type { DatabaseKind } from '#server/db/client';
import type { Figure, FigureResult } from '../lib/figure.js';
import { partSize, requestsPerRun, trainingRuns } from '../lib/training.js';

/**
 * Issue 4: marking attendance for a 30-person part is one request under 100 ms, in the large
 * municipality (60,000 employees, a million attendance marks), beside a bare route that upserts the
 * same marks and derives the outcomes again in plain SQL.
 */

const databaseName = { postgres: 'PostgreSQL', pglite: 'the embedded database (PGlite)' } as const;

function attendanceFigure(kind: DatabaseKind): Figure {
  return {
    name: `attendance-${kind}`,
    title: `PUT the attendance of a ${partSize}-person part in one request, 60,000 employees and a million attendance marks, on ${databaseName[kind]}`,
    target: { comparison: 'below', value: 100 },
    runs: 5,
    async measure({ runs, log }): Promise<FigureResult> {
      const session = await trainingRuns(kind, runs, log);
      const a = session.attendance;
      return {
        subject: `PUT /api/training-sessions/:id/parts/:partId/attendance (${partSize} marks) with the trainer's API token`,
        baselineSubject:
          'a bare Fastify route in the same process: the marks upserted in one statement and recomputeOutcomes, one transaction',
        unit: 'ms',
        samples: a.api,
        baselineSamples: a.bare,
        checks: [
          { text: `answers other than 200: ${a.failures}, must be 0`, pass: a.failures === 0 },
          { text: `every answer lists the ${partSize} people, each with a mark`, pass: a.marked },
        ],
        method:
          `In the database of figure coverage-${kind} (the demo municipality at 60,000 employees with its training history), a one-part workshop held yesterday ` +
          `with ${partSize} enrolled employees of one unit and the demo's trainer. The trainer's API token sends all ${partSize} marks in one request; ` +
          `every request changes every mark (present, absent, excused in turn), so each writes ${partSize} marks, their audit entries and the derived outcomes. ` +
          `${requestsPerRun.attendance} requests one after another per run, after two untimed ones; a run's value is their median. API and bare route alternate, run by run.`,
      };
    },
  };
}

export const attendancePostgres = attendanceFigure('postgres');
export const attendancePglite = attendanceFigure('pglite');
