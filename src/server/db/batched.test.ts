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
    // All six are asked in the same turn of the event loop: runs of at most three.
    expect(runs).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(answers).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('takes together what is asked in the same phase of the event loop, though each run answers at once', async () => {
    // Like the embedded database: the work is done before its promise is first awaited.
    const runs: string[][] = [];
    const work = batched(async (items: string[]) => {
      runs.push(items);
      return items.length;
    });
    // Three requests read from their sockets in one phase: each asks from its own callback. Immediates
    // queued together run in one check phase (timers would not: on a loaded machine a timer set a
    // millisecond later expires in the next turn).
    const answers = await new Promise<Promise<number>[]>((resolve) => {
      const asked: Promise<number>[] = [];
      setImmediate(() => asked.push(work('a')));
      setImmediate(() => asked.push(work('b')));
      setImmediate(() => {
        asked.push(work('c'));
        resolve(asked);
      });
    });
    expect(await Promise.all(answers)).toEqual([3, 3, 3]);
    expect(runs).toEqual([['a', 'b', 'c']]);
    // What is asked after a run has started goes in a later run, never in one that began before it.
    const later = work('d');
    const during = new Promise<number>((resolve) => setImmediate(() => resolve(work('e'))));
    expect(await Promise.all([later, during])).toEqual([1, 1]);
    expect(runs.slice(1)).toEqual([['d'], ['e']]);
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
