/**
 * A figure is one number that an issue promises (e.g. "start-up under 3 s"), measured several times
 * beside a baseline that does the same work in the plainest way, in the same run.
 * A new figure is a file in bench/figures/ that exports a Figure, listed in bench/figures/index.ts.
 */
export type Target = { comparison: 'below' | 'above'; value: number };

export type FigureResult = {
  /** What was measured, and the baseline beside it, in a few words each. */
  subject: string;
  baselineSubject: string;
  unit: string;
  /** Every run's value; the figure is their median. */
  samples: number[];
  baselineSamples: number[];
  /** How it was measured, in a sentence or two (goes into docs/BENCHMARKS.md). */
  method: string;
};

export type Figure = {
  /** Short name used on the command line and as the section's key in docs/BENCHMARKS.md. */
  name: string;
  title: string;
  target: Target;
  measure: (options: { runs: number; log: (line: string) => void }) => Promise<FigureResult>;
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function meetsTarget(value: number, target: Target): boolean {
  return target.comparison === 'below' ? value < target.value : value > target.value;
}
