/**
 * Progress of long work this process does for a person (committing an employee import, writing the
 * follow-up report as a document): kept in memory, so a person may leave the page and come back to
 * it while the server runs; the page asks for it again every second.
 */
export type Progress = { done: number; total: number; startedAt: number };

/** Seconds left at the pace so far; null before anything is done. */
export function etaSeconds(progress: Progress, now = Date.now()): number | null {
  if (progress.done <= 0 || progress.total <= 0) return null;
  if (progress.done >= progress.total) return 0;
  const elapsed = (now - progress.startedAt) / 1000;
  return Math.round((elapsed / progress.done) * (progress.total - progress.done));
}
