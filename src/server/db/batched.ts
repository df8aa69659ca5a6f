/**
 * Work that many requests ask for at once, done together: what is asked while a run is on its way
 * waits for the next run, which takes all of it (at most `max` items) in one go. Every caller gets the
 * answer (or the error) of the run that took its item, and no run began before its item was asked,
 * so a busy server makes one round trip per run instead of one per request.
 *
 * A run starts only after the event loop's current phase (setImmediate), so that it also takes what the
 * other requests read from their sockets in the same phase ask for. The embedded database answers
 * within the turn that asks it (its WebAssembly runs synchronously): started at once, every run would
 * be over before the next request was read, and each request would make its own round trip.
 */
export function batched<I, O>(work: (items: I[]) => Promise<O>, max = Number.POSITIVE_INFINITY): (item: I) => Promise<O> {
  let waiting: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  let running = false;

  async function run() {
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, max);
        waiting = waiting.slice(batch.length);
        try {
          const answer = await work(batch.map((w) => w.item));
          for (const w of batch) w.resolve(answer);
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) {
        running = true;
        setImmediate(() => void run());
      }
    });
}
