import { describe, expect, it } from 'vitest';
import { batched } from './batched.js';

describe('batched work', () => {
  it('takes what is asked during a run together in the next one, at most max at a time', async () => {
    const runs: number[][] = [];
    const add = batched(async (items: number[]) => {
      runs.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.length;
    }, 3);
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => add(n)));
    // The first call starts a run alone; the five asked meanwhile go in runs of at most three.
    expect(runs).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(answers).toEqual([1, 3, 3, 3, 2, 2]);
  });

  it('fails the callers of a failed run, and runs again for the next', async () => {
    let fail = true;
    const work = batched(async () => {
      if (fail) throw new Error('down');
      return 'up';
    });
    await expect(work(undefined)).rejects.toThrow('down');
    fail = false;
    await expect(work(undefined)).resolves.toBe('up');
  });
});
