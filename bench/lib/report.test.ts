import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { figurePasses, median, meetsTarget, percentile, threshold, type Figure, type FigureResult } from './figure.js';
import { header, section, targetText, updateReport } from './report.js';

const figure = (name: string): Figure => ({
  name,
  title: `Figure ${name}`,
  target: { comparison: 'below', value: 3000 },
  measure: async () => {
    throw new Error('not measured here');
  },
});
const result = (value: number): FigureResult => ({
  subject: 'the thing',
  baselineSubject: 'the plain thing',
  unit: 'ms',
  samples: [value, value + 10, value - 10],
  baselineSamples: [100, 120, 110],
  method: 'by hand',
});

describe('the benchmark report', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-report-'));
  const file = path.join(dir, 'BENCHMARKS.md');
  afterEach(() => fs.rmSync(file, { force: true }));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the median and judges it against the target', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(meetsTarget(2999, figure('a').target)).toBe(true);
    expect(meetsTarget(3000, figure('a').target)).toBe(false);
    expect(meetsTarget(10, { comparison: 'above', value: 5 })).toBe(true);
  });

  it('replaces the sections measured and keeps the others', () => {
    const date = new Date('2026-11-23T12:00:00Z');
    updateReport(file, [
      { name: 'a', text: section(figure('a'), result(1000), date, 'machine one') },
      { name: 'b', text: section(figure('b'), result(5000), date, 'machine one') },
    ]);
    let text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith(header)).toBe(true);
    expect(text).toContain('**1000 ms**');
    expect(text).toContain('Result: **FAIL** (5000 ms');

    updateReport(file, [{ name: 'a', text: section(figure('a'), result(2000), date, 'machine two') }]);
    text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('**1000 ms**');
    expect(text).toContain('**2000 ms**');
    expect(text).toContain('**5000 ms**');
    expect(text.indexOf('figure:a')).toBeLessThan(text.indexOf('figure:b'));
    expect(text.match(/<!-- figure:a -->/g)).toHaveLength(1);
  });

  it('judges a target relative to the baseline measured in the same run', () => {
    const atLeastHalf = { comparison: 'atLeast', ofBaseline: 0.5 } as const;
    expect(threshold(atLeastHalf, 1000)).toBe(500);
    expect(meetsTarget(500, atLeastHalf, 1000)).toBe(true);
    expect(meetsTarget(499, atLeastHalf, 1000)).toBe(false);
    expect(meetsTarget(4999, { comparison: 'below', ofBaseline: 0.5 }, 10_000)).toBe(true);
    expect(meetsTarget(5000, { comparison: 'below', ofBaseline: 0.5 }, 10_000)).toBe(false);
    expect(meetsTarget(10, { comparison: 'atMost', value: 10 })).toBe(true);
    expect(() => meetsTarget(1, atLeastHalf)).toThrow(/baseline/);
    expect(targetText(atLeastHalf, 'req/s', 1234)).toBe('at least 50% of the baseline (617 req/s)');
    expect(targetText({ comparison: 'below', value: 20_000 }, 'ms')).toBe('under 20000 ms');
  });

  it('takes percentiles by the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it('writes a relative target with its value, further measures and checks, and fails the figure when one fails', () => {
    const date = new Date('2026-11-23T12:00:00Z');
    const throughput: Figure = { ...figure('list'), target: { comparison: 'atLeast', ofBaseline: 0.5 } };
    const measured: FigureResult = {
      label: 'throughput',
      subject: 'the API',
      baselineSubject: 'a bare route',
      unit: 'req/s',
      samples: [600, 700, 650],
      baselineSamples: [1000, 1000, 1000],
      method: 'by hand',
      more: [
        {
          label: 'p95 latency',
          subject: 'the API',
          baselineSubject: 'a bare route',
          unit: 'ms',
          samples: [40, 45, 42],
          baselineSamples: [20, 20, 20],
          target: { comparison: 'below', value: 50 },
        },
      ],
      checks: [{ text: 'answers other than 2xx: 0, must be 0', pass: true }],
      details: ['Where the time goes: the count.'],
    };
    const text = section(throughput, measured, date, 'machine');
    expect(text).toContain('| Throughput: the API | **650 req/s** | 600, 700, 650 |');
    expect(text).toContain('| P95 latency: the API | **42.0 ms** | 40.0, 45.0, 42.0 |');
    expect(text).toContain('- Target: throughput at least 50% of the baseline (500 req/s); p95 latency under 50 ms');
    expect(text).toContain('- Check: answers other than 2xx: 0, must be 0: **pass**');
    expect(text).toContain(
      '- Result: **pass** (throughput 650 req/s, 0.65 × the baseline: pass; p95 latency 42.0 ms, 2.10 × the baseline: pass)',
    );
    expect(text).toContain('- Where the time goes: the count.');
    expect(figurePasses(throughput, measured)).toBe(true);

    const slow = { ...measured, more: [{ ...measured.more![0], samples: [60, 70, 80] }] };
    expect(figurePasses(throughput, slow)).toBe(false);
    expect(section(throughput, slow, date, 'machine')).toContain('- Result: **FAIL** (');
    const failedCheck = { ...measured, checks: [{ text: '3 answers other than 2xx', pass: false }] };
    expect(figurePasses(throughput, failedCheck)).toBe(false);
    expect(section(throughput, failedCheck, date, 'machine')).toContain('- Check: 3 answers other than 2xx: **FAIL**');
  });

  it('replaces the introduction only when given one, keeping the sections', () => {
    const date = new Date('2026-11-23T12:00:00Z');
    updateReport(file, [{ name: 'a', text: section(figure('a'), result(1000), date, 'machine') }]);
    updateReport(file, [], `${header}\nA full run took 9 minutes.\n`);
    let text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('A full run took 9 minutes.');
    expect(text).toContain('**1000 ms**');
    updateReport(file, [{ name: 'b', text: section(figure('b'), result(2000), date, 'machine') }]);
    text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('A full run took 9 minutes.');
    expect(text.indexOf('figure:a')).toBeLessThan(text.indexOf('figure:b'));
  });
});
