/**
 * `npm run bench [-- name ...] [--runs N] [--no-write]`: measures the figures named (all by default),
 * prints a table and updates their sections in docs/BENCHMARKS.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { figures } from './figures/index.js';
import { median, meetsTarget, type FigureResult, type Figure } from './lib/figure.js';
import { describeMachine } from './lib/machine.js';
import { root } from './lib/processes.js';
import { section, targetText, updateReport } from './lib/report.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, 'no-write': { type: 'boolean', default: false } },
});

const selected = positionals.length === 0 ? figures : positionals.map((name) => figures.find((f) => f.name === name) ?? name);
const unknown = selected.filter((f): f is string => typeof f === 'string');
if (unknown.length > 0) {
  console.error(`Unknown figure(s): ${unknown.join(', ')}. Known: ${figures.map((f) => f.name).join(', ')}.`);
  process.exit(2);
}
const runs = Number.parseInt(values.runs!, 10);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive integer');
  process.exit(2);
}

const machine = describeMachine();
const date = new Date();
console.log(`Machine: ${machine}`);

const results: { figure: Figure; result: FigureResult }[] = [];
for (const figure of selected as Figure[]) {
  console.log(`\n${figure.name}: ${figure.title} (${runs} runs)`);
  results.push({ figure, result: await figure.measure({ runs, log: (line) => console.log(line) }) });
}

const rows = results.map(({ figure, result }) => {
  const value = median(result.samples);
  return {
    figure: figure.name,
    median: `${Math.round(value)} ${result.unit}`,
    baseline: `${Math.round(median(result.baselineSamples))} ${result.unit}`,
    target: `${targetText(figure)} ${result.unit}`,
    result: meetsTarget(value, figure.target) ? 'pass' : 'FAIL',
  };
});
console.log('');
console.table(rows);

if (!values['no-write']) {
  const file = path.join(root, 'docs/BENCHMARKS.md');
  updateReport(
    file,
    results.map(({ figure, result }) => ({ name: figure.name, text: section(figure, result, date, machine) })),
  );
  console.log(`Wrote ${path.relative(root, file)}`);
}
