/**
 * The digital twin for expected vs actual in worker threads (docs/analytics/reports.md): a twin run is pure
 * CPU, so on the event loop it would stall ingest, SSE and every other request. Workers are started on first
 * use, kept for later jobs (each loads the typical-year weather once) and do not keep the process alive while
 * idle; a worker that dies fails its jobs and is replaced on the next one. This file is both the pool (main
 * thread) and the worker entry (started with `heatfleetTwin` in workerData).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ExpectedVsActual } from '../analytics/fleet-eval/expected-vs-actual.js';
import { runTwinJob, type TwinJob, type TwinRunner } from '../app/season-report/twin-runner.js';
import { parseEpw } from '../sim/index.js';

interface TwinWorkerData { heatfleetTwin: true; weatherFile: string }
type Request = { id: number; job: TwinJob };
type Reply = { id: number; result: ExpectedVsActual } | { id: number; error: string } | { ready: true };

function workerMain(d: TwinWorkerData): void {
  const weather = parseEpw(readFileSync(d.weatherFile, 'utf8'));
  parentPort?.on('message', ({ id, job }: Request) => {
    try {
      parentPort?.postMessage({ id, result: runTwinJob(job, weather) } satisfies Reply);
    } catch (e) {
      parentPort?.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies Reply);
    }
  });
  parentPort?.postMessage({ ready: true } satisfies Reply);
}
if (!isMainThread && (workerData as Partial<TwinWorkerData> | undefined)?.heatfleetTwin) workerMain(workerData as TwinWorkerData);

interface Slot { worker: Worker; ready: Promise<void>; jobs: Map<number, { resolve: (r: ExpectedVsActual) => void; reject: (e: Error) => void }> }

/** A runner over `workers` threads (default 1: the other core serves ingest and the API). */
export function createWorkerTwinRunner(o: { weatherFile: string; workers?: number }): TwinRunner {
  const count = Math.max(1, o.workers ?? 1);
  const slots: (Slot | null)[] = Array.from({ length: count }, () => null);
  let nextId = 1;
  let closed = false;

  const start = (i: number): Slot => {
    const self = import.meta.url;
    const data: TwinWorkerData = { heatfleetTwin: true, weatherFile: o.weatherFile };
    // Under tsx (tests, development) the worker registers tsx's loader itself; the built platform starts the .js.
    const worker = self.endsWith('.ts')
      ? new Worker(`(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(self)}); })()`, { eval: true, workerData: data })
      : new Worker(fileURLToPath(self), { workerData: data });
    worker.unref();
    const slot: Slot = { worker, ready: Promise.resolve(), jobs: new Map() };
    const fail = (e: Error) => {
      if (slots[i] === slot) slots[i] = null;
      for (const j of slot.jobs.values()) j.reject(e);
      slot.jobs.clear();
    };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: Reply) => {
        if ('ready' in m) { resolve(); return; }
        const j = slot.jobs.get(m.id);
        slot.jobs.delete(m.id);
        if (slot.jobs.size === 0) worker.unref();
        if ('error' in m) j?.reject(new Error(`twin run: ${m.error}`)); else j?.resolve(m.result);
      });
      worker.once('error', (e) => { reject(e); fail(e); });
      worker.once('exit', (code) => { const e = new Error(`twin worker exited with code ${code}`); reject(e); fail(e); });
    });
    slot.ready.catch(() => undefined);
    slots[i] = slot;
    return slot;
  };
  // The least busy worker, started when missing.
  const pick = (): Slot => {
    let best = 0;
    for (let i = 1; i < count; i++) if ((slots[i]?.jobs.size ?? 0) < (slots[best]?.jobs.size ?? 0)) best = i;
    return slots[best] ?? start(best);
  };

  return {
    slots: count,
    async run(job) {
      if (closed) throw new Error('twin runner closed');
      const slot = pick();
      await slot.ready;
      const id = nextId++;
      return new Promise<ExpectedVsActual>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        slot.worker.ref(); // a job in flight keeps the process alive
        slot.worker.postMessage({ id, job } satisfies Request);
      });
    },
    async close() {
      closed = true;
      const all = slots.splice(0, slots.length).filter((s): s is Slot => s !== null);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
