import os from 'node:os';

/** The machine a figure was measured on, in one line, with its load when the run began (other work skews the figures). */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os.loadavg()[0].toFixed(1);
  return `${os.availableParallelism()} CPUs (nproc; ${model}), ${memory} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}; load average ${load} at the start`;
}
