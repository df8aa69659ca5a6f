/**
 * `npm run bench [-- name ...] [--runs N] [--no-write]`: measures the figures named (all by default),
 * prints a table and updates their sections in docs/BENCHMARKS.md.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { figures } from './figures/index.js';
import { figurePasses, measuresOf, median, meetsTarget, type FigureResult, type Figure } from './lib/figure.js';
import { describeMachine } from './lib/machine.js';
import { root } from './lib/processes.js';
import { header, round, section, targetText, updateReport } from './lib/report.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string' }, 'no-write': { type: 'boolean', default: false } },
});

const selected = positionals.length === 0 ? figures : positionals.map((name) => figures.find((f) => f.name === name) ?? name);
const unknown = selected.filter((f): f is string => typeof f === 'string');
if (unknown.length > 0) {
  console.error(`Unknown figure(s): ${unknown.join(', ')}. Known: ${figures.map((f) => f.name).join(', ')}.`);
  process.exit(2);
}
const runsOption = values.runs === undefined ? undefined : Number.parseInt(values.runs, 10);
if (runsOption !== undefined && (!Number.isInteger(runsOption) || runsOption < 1)) {
  console.error('--runs must be a positive integer');
  process.exit(2);
}

const startedAt = performance.now();
const date = new Date();
console.log(`Machine: ${describeMachine()}`);

const results: { figure: Figure; result: FigureResult; machine: string }[] = [];
const failed: { figure: Figure; error: unknown }[] = [];
for (const figure of selected as Figure[]) {
  const runs = runsOption ?? figure.runs ?? 5;
  // The load is noted per figure, at its start and its end: other work on the machine skews the figures.
  const machine = describeMachine();
  const figureStartedAt = performance.now();
  console.log(`\n${figure.name}: ${figure.title} (${runs} runs)`);
  try {
    const result = await figure.measure({ runs, log: (line) => console.log(line) });
    const seconds = (performance.now() - figureStartedAt) / 1000;
    results.push({
      figure,
      result,
      // A figure measured in the runs of another (a re-import) takes no time of its own.
      machine: `${machine}, ${os.loadavg()[0].toFixed(1)} at the end${seconds >= 1 ? ` (${Math.round(seconds)} s for the figure)` : ''}`,
    });
  } catch (error) {
    console.error(`  ${figure.name} could not be measured:`, error);
    failed.push({ figure, error });
  }
}
const totalSeconds = (performance.now() - startedAt) / 1000;

const rows = results.flatMap(({ figure, result }) =>
  measuresOf(figure, result).map((m) => {
    const value = median(m.samples);
    const baseline = median(m.baselineSamples);
    return {
      figure: m.label ? `${figure.name} (${m.label})` : figure.name,
      median: `${round(value)} ${m.unit}`,
      baseline: `${round(baseline)} ${m.unit}`,
      target: targetText(m.target, m.unit, baseline),
      result: meetsTarget(value, m.target, baseline) ? 'pass' : 'FAIL',
    };
  }),
);
console.log('');
console.table(rows);
for (const { figure, result } of results) {
  for (const check of result.checks ?? []) if (!check.pass) console.log(`${figure.name}: check failed: ${check.text}`);
}
console.log(
  `${results.filter((r) => figurePasses(r.figure, r.result)).length} of ${selected.length} figures pass; ${Math.round(totalSeconds)} s in all.`,
);

if (!values['no-write'] && results.length > 0) {
  const file = path.join(root, 'docs/BENCHMARKS.md');
  // A run of every figure with its default runs also records how long the whole benchmark takes.
  const complete = positionals.length === 0 && runsOption === undefined && failed.length === 0;
  const intro = complete
    ? `${header}\nThe last full run (\`npm run bench\`, every figure below with its default number of runs) took ${Math.round(totalSeconds / 60)} minutes (${Math.round(totalSeconds)} s), on ${date.toISOString().slice(0, 10)}.\n`
    : undefined;
  updateReport(
    file,
    results.map(({ figure, result, machine }) => ({ name: figure.name, text: section(figure, result, date, machine) })),
    intro,
  );
  console.log(`Wrote ${path.relative(root, file)}`);
}
if (failed.length > 0) {
  console.error(`Not measured: ${failed.map((f) => f.figure.name).join(', ')}.`);
  process.exit(1);
}
