/**
 * A figure is one number that an issue promises (e.g. "start-up under 3 s"), measured several times
 * beside a baseline that does the same work in the plainest way, in the same run.
 * A new figure is a file in bench/figures/ that exports a Figure, listed in bench/figures/index.ts.
 */

/** under (<), over (>), at least (>=), at most (<=). */
export type Comparison = 'below' | 'above' | 'atLeast' | 'atMost';

/**
 * What the median must be: either a value in the figure's unit ("under 3000 ms"), or a share of the
 * baseline's median measured in the same run ("at least 50% of the baseline": ofBaseline 0.5).
 */
export type Target = { comparison: Comparison; value: number } | { comparison: Comparison; ofBaseline: number };

/** One number of a figure, with its baseline. */
export type Measure = {
  /** What the number is when a figure has more than one (e.g. "throughput", "p95 latency"). */
  label?: string;
  /** What was measured, and the baseline beside it, in a few words each. */
  subject: string;
  baselineSubject: string;
  unit: string;
  /** Every run's value; the figure is their median. */
  samples: number[];
  baselineSamples: number[];
};

export type FigureResult = Measure & {
  /** How it was measured, in a sentence or two (goes into docs/BENCHMARKS.md). */
  method: string;
  /** Further numbers from the same runs, each with its own target (e.g. p95 latency beside throughput). */
  more?: (Measure & { target: Target })[];
  /** Conditions the runs must meet for the figure to pass, e.g. "no answer other than 2xx". */
  checks?: { text: string; pass: boolean }[];
  /** Further lines for the report: where the time goes, counts, sizes. */
  details?: string[];
};

export type Figure = {
  /** Short name used on the command line and as the section's key in docs/BENCHMARKS.md. */
  name: string;
  title: string;
  target: Target;
  /** Runs when --runs is not given (default 5): long figures take fewer. */
  runs?: number;
  measure: (options: { runs: number; log: (line: string) => void }) => Promise<FigureResult>;
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The p-th percentile (0-100) by the nearest-rank method: the smallest value with at least p% of the values at or below it. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The value the median is compared with: the target's own, or its share of the baseline's median. */
export function threshold(target: Target, baseline?: number): number {
  if ('value' in target) return target.value;
  if (baseline === undefined || !Number.isFinite(baseline))
    throw new Error('a target relative to the baseline needs the baseline');
  return target.ofBaseline * baseline;
}

export function meetsTarget(value: number, target: Target, baseline?: number): boolean {
  const limit = threshold(target, baseline);
  switch (target.comparison) {
    case 'below':
      return value < limit;
    case 'above':
      return value > limit;
    case 'atLeast':
      return value >= limit;
    case 'atMost':
      return value <= limit;
  }
}

/** Every measure of a result with its target: the figure's own first. */
export function measuresOf(figure: Pick<Figure, 'target'>, result: FigureResult): (Measure & { target: Target })[] {
  return [{ ...result, target: figure.target }, ...(result.more ?? [])];
}

/** A figure passes when every measure meets its target and every check holds. */
export function figurePasses(figure: Pick<Figure, 'target'>, result: FigureResult): boolean {
  return (
    measuresOf(figure, result).every((m) => meetsTarget(median(m.samples), m.target, median(m.baselineSamples))) &&
    (result.checks ?? []).every((c) => c.pass)
  );
}
