import fs from 'node:fs';
import {
  figurePasses,
  median,
  meetsTarget,
  measuresOf,
  threshold,
  type Figure,
  type FigureResult,
  type Target,
} from './figure.js';

export const header = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); \`npm run bench -- <name> [<name> ...]\` measures the figures named and rewrites
only their sections (\`--runs N\` overrides each figure's number of runs, \`--no-write\` only prints). Each figure is the
median of several runs, beside a baseline measured in the same run on the same machine: the same work done in the
plainest way (raw SQL, a bare Fastify route). A target is either a value or a share of that baseline. Benchmarks are
never timed tests. The machine line of each figure gives the load average at its start and end: other work on the
machine (tests, browsers) slows the figures down, so compare figures measured under a similar load.

The PostgreSQL figures create and drop databases named \`inkludera_bench_<pid>_*\` on \`BENCH_DATABASE_URL\` (default
\`postgres://postgres@127.0.0.1:5432/postgres\`); the embedded figures work in temporary directories. The figures that
start a server run it from dist/, built first when stale.
`;

export const round = (value: number) => (Math.abs(value) >= 100 ? Math.round(value).toString() : value.toFixed(1));

const words: Record<Target['comparison'], string> = { below: 'under', above: 'over', atLeast: 'at least', atMost: 'at most' };

/** "under 3000 ms", or for a target relative to the baseline "at least 50% of the baseline (1234 req/s)". */
export function targetText(target: Target, unit: string, baseline?: number): string {
  if ('value' in target) return `${words[target.comparison]} ${target.value} ${unit}`;
  const share = `${words[target.comparison]} ${+(target.ofBaseline * 100).toFixed(1)}% of the baseline`;
  return baseline === undefined || !Number.isFinite(baseline)
    ? share
    : `${share} (${round(threshold(target, baseline))} ${unit})`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One figure's section of docs/BENCHMARKS.md, between markers so that a later run replaces only it. */
export function section(figure: Figure, result: FigureResult, date: Date, machine: string): string {
  const measures = measuresOf(figure, result).map((m) => {
    const value = median(m.samples);
    const baseline = median(m.baselineSamples);
    return { ...m, value, baseline, pass: meetsTarget(value, m.target, baseline) };
  });
  const several = measures.length > 1;
  const runs = (samples: number[]) => samples.map(round).join(', ');
  const rows = measures.flatMap((m) => [
    `| ${m.label ? `${capitalised(m.label)}: ` : ''}${m.subject} | **${round(m.value)} ${m.unit}** | ${runs(m.samples)} |`,
    `| Baseline: ${m.baselineSubject} | ${round(m.baseline)} ${m.unit} | ${runs(m.baselineSamples)} |`,
  ]);
  const targets = measures
    .map((m) => `${m.label && several ? `${m.label} ` : ''}${targetText(m.target, m.unit, m.baseline)}`)
    .join('; ');
  const outcomes = measures
    .map((m) => {
      const ratio = `${round(m.value)} ${m.unit}, ${(m.value / m.baseline).toFixed(m.value / m.baseline < 10 ? 2 : 1)} × the baseline`;
      return several ? `${m.label ?? m.subject} ${ratio}: ${m.pass ? 'pass' : 'FAIL'}` : ratio;
    })
    .join('; ');
  const checks = (result.checks ?? []).map((c) => `- Check: ${c.text}: **${c.pass ? 'pass' : 'FAIL'}**\n`).join('');
  const details = (result.details ?? []).map((line) => `- ${line}\n`).join('');
  return `<!-- figure:${figure.name} -->
## ${figure.title}

- Date: ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC
- Machine: ${machine}
- Method: ${result.method}

| | median | runs |
| --- | ---: | --- |
${rows.join('\n')}

- Target: ${targets}
${checks}- Result: **${figurePasses(figure, result) ? 'pass' : 'FAIL'}** (${outcomes})
${details}<!-- /figure:${figure.name} -->
`;
}

/**
 * Replaces (or appends) the sections of the figures measured; keeps every other section as it was.
 * With intro (a run of every figure), the text before the first section is replaced by it too.
 */
export function updateReport(file: string, sections: { name: string; text: string }[], intro?: string) {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : (intro ?? header);
  if (intro !== undefined) {
    const firstSection = text.indexOf('<!-- figure:');
    text = firstSection === -1 ? intro : `${intro.trimEnd()}\n\n${text.slice(firstSection)}`;
  }
  for (const { name, text: body } of sections) {
    const pattern = new RegExp(`<!-- figure:${name} -->[\\s\\S]*?<!-- /figure:${name} -->\\n?`);
    text = pattern.test(text) ? text.replace(pattern, body) : `${text.trimEnd()}\n\n${body}`;
  }
  fs.writeFileSync(file, text);
}
