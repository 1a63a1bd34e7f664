import { describe, expect, it } from 'vitest';
import { BusyError, createBoundedWork } from './bounded-work.js';

const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { opened, open };
};

describe('bounded work', () => {
  it('runs at most `concurrency` tasks at once, the rest in arrival order, and refuses beyond the queue', async () => {
    const work = createBoundedWork({ what: 'checks', concurrency: 2, maxQueued: 2 });
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) => work.run(async () => { started.push(i); await g.opened; return i; }));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(work.load()).toEqual({ running: 2, queued: 2 });
    await expect(work.run(async () => 99)).rejects.toBeInstanceOf(BusyError);
    gates[1]?.open();
    expect(await runs[1]).toBe(1);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(work.load()).toEqual({ running: 0, queued: 0 });
  });

  it('frees the slot of a task that fails', async () => {
    const work = createBoundedWork({ what: 'checks', concurrency: 1, maxQueued: 0 });
    await expect(work.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await work.run(async () => 'next')).toBe('next');
  });

  it('names a bad setting', () => {
    expect(() => createBoundedWork({ what: 'checks', concurrency: 0, maxQueued: 1 })).toThrow(/checks: concurrency must be an integer ≥ 1, got 0/);
    expect(() => createBoundedWork({ what: 'checks', concurrency: 1, maxQueued: -1 })).toThrow(/maxQueued/);
  });
});
