import fs from 'node:fs';
import { median, meetsTarget, type Figure, type FigureResult } from './figure.js';

export const header = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); \`npm run bench -- <name>\` measures one figure and rewrites only its
section. Each figure is the median of several runs, beside a baseline measured in the same run on the same machine:
the same work done in the plainest way (raw SQL, a bare Fastify route). Benchmarks are never timed tests.
`;

const round = (value: number) => (value >= 100 ? Math.round(value).toString() : value.toFixed(1));

export function targetText(figure: Figure): string {
  return `${figure.target.comparison === 'below' ? 'under' : 'over'} ${figure.target.value}`;
}

/** One figure's section of docs/BENCHMARKS.md, between markers so that a later run replaces only it. */
export function section(figure: Figure, result: FigureResult, date: Date, machine: string): string {
  const value = median(result.samples);
  const baseline = median(result.baselineSamples);
  const pass = meetsTarget(value, figure.target);
  const runs = (samples: number[]) => samples.map(round).join(', ');
  return `<!-- figure:${figure.name} -->
## ${figure.title}

- Date: ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC
- Machine: ${machine}
- Method: ${result.method}

| | median | runs |
| --- | ---: | --- |
| ${result.subject} | **${round(value)} ${result.unit}** | ${runs(result.samples)} |
| Baseline: ${result.baselineSubject} | ${round(baseline)} ${result.unit} | ${runs(result.baselineSamples)} |

- Target: ${targetText(figure)} ${result.unit}
- Result: **${pass ? 'pass' : 'FAIL'}** (${round(value)} ${result.unit}, ${(value / baseline).toFixed(1)} × the baseline)
<!-- /figure:${figure.name} -->
`;
}

/** Replaces (or appends) the sections of the figures measured; keeps every other section as it was. */
export function updateReport(file: string, sections: { name: string; text: string }[]) {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
  for (const { name, text: body } of sections) {
    const pattern = new RegExp(`<!-- figure:${name} -->[\\s\\S]*?<!-- /figure:${name} -->\\n?`);
    text = pattern.test(text) ? text.replace(pattern, body) : `${text.trimEnd()}\n\n${body}`;
  }
  fs.writeFileSync(file, text);
}
