import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { median, meetsTarget, type Figure, type FigureResult } from './figure.js';
import { header, section, updateReport } from './report.js';

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
});
