/**
 * At most `concurrency` tasks at a time, at most `maxQueued` waiting in FIFO order; a task beyond that is
 * refused at once with `BusyError` (the caller answers "try again later"). Used for the slow legacy check of
 * device secrets (device-directory.ts), so that a reconnect storm cannot occupy every libuv thread (file
 * system, DNS and the rest share them) or queue without bound.
 */
export class BusyError extends Error {
  constructor(what: string, maxQueued: number) {
    super(`${what}: more than ${maxQueued} waiting; try again later`);
    this.name = 'BusyError';
  }
}

export interface BoundedWork {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Running and waiting tasks (for metrics and tests). */
  load(): { running: number; queued: number };
}

export function createBoundedWork(o: { what: string; concurrency: number; maxQueued: number }): BoundedWork {
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw new Error(`${o.what}: concurrency must be an integer ≥ 1, got ${o.concurrency}`);
  if (!Number.isInteger(o.maxQueued) || o.maxQueued < 0) throw new Error(`${o.what}: maxQueued must be an integer ≥ 0, got ${o.maxQueued}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) { running++; next(); }
  };
  return {
    async run(task) {
      if (running >= o.concurrency) {
        if (waiting.length >= o.maxQueued) throw new BusyError(o.what, o.maxQueued);
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
    load: () => ({ running, queued: waiting.length }),
  };
}
