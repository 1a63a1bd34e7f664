/**
 * Runs the optimiser off the main thread: HiGHS and the fleet coordination block their thread, so each
 * job runs in its own worker_threads worker. Transformer groups are independent problems, split over
 * the workers (one per core by default) and merged back into one FleetPlan. This file is both the
 * pool (main thread, workers kept and reused) and the worker entry (when started with `heatfleetOptimize` in workerData).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { coordinateFleet, fleetPlanOf, solveFleetMonolithic, warmUpFleetSolvers, type CoordinationOptions, type FleetPlan, type MonolithicResult, type TransformerGroup } from '../optimize/fleet/index.js';
import { loadHighs } from '../optimize/load-highs.js';
import { chooseHouseholdModels, type ModelDecision, type ModelJob } from '../optimize/planner-model/index.js';

type Job =
  | { kind: 'coordinate'; groups: TransformerGroup[]; options: CoordinationOptions }
  | { kind: 'monolithic'; groups: TransformerGroup[]; timeLimitS?: number }
  | { kind: 'warm-up' }
  | { kind: 'choose-models'; jobs: ModelJob[]; slotS: number };
type JobResult = { plan: FleetPlan; seconds: number } | { monolithic: MonolithicResult } | { warmUpS: number } | { models: ModelDecision[] };
type Envelope = { id: number; job: Job };
type Reply = { id: number; result: JobResult } | { id: number; error: string };

/** Worker side: HiGHS is loaded once per worker, then jobs are served until the pool closes it. */
async function workerMain(): Promise<void> {
  const highs = await loadHighs();
  parentPort?.on('message', ({ id, job }: Envelope) => {
    try {
      const t0 = performance.now();
      const result: JobResult = job.kind === 'coordinate'
        ? { plan: coordinateFleet(job.groups, job.options, highs), seconds: (performance.now() - t0) / 1000 }
        : job.kind === 'monolithic' ? { monolithic: solveFleetMonolithic(highs, job.groups, job.timeLimitS) }
          : job.kind === 'choose-models' ? { models: chooseHouseholdModels(job.jobs, job.slotS) } : { warmUpS: warmUpFleetSolvers(highs) };
      parentPort?.postMessage({ id, result } satisfies Reply);
    } catch (e) {
      parentPort?.postMessage({ id, error: (e as Error).stack ?? String(e) } satisfies Reply);
    }
  });
  parentPort?.postMessage({ ready: true });
}
if (!isMainThread && (workerData as { heatfleetOptimize?: boolean } | undefined)?.heatfleetOptimize) await workerMain();

/**
 * Main side: a small pool of long-lived workers. Starting a worker (module loading and the HiGHS WASM
 * runtime) costs about a second, more than planning a transformer group, so workers are kept and reused;
 * they do not keep the process alive while idle.
 */
interface PooledWorker { readonly worker: Worker; readonly ready: Promise<void>; busy: number }
const pool: PooledWorker[] = [];
const pending = new Map<number, { resolve: (r: JobResult) => void; reject: (e: Error) => void }>();
let nextId = 1;

function startWorker(): PooledWorker {
  const self = import.meta.url;
  const workerData = { heatfleetOptimize: true };
  // Under tsx (tests, bench) the worker registers tsx's loader itself, then loads this file.
  const worker = self.endsWith('.ts')
    ? new Worker(`(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(self)}); })()`, { eval: true, workerData })
    : new Worker(new URL(self), { workerData });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: Reply | { ready: true }) => {
      if ('ready' in m) { resolve(); return; }
      const p = pending.get(m.id);
      pending.delete(m.id);
      if ('error' in m) p?.reject(new Error(`optimize worker: ${m.error}`)); else p?.resolve(m.result);
    });
    worker.once('error', (e) => { reject(e); fail(entry, e); });
    worker.once('exit', (code) => { fail(entry, new Error(`optimize worker exited with code ${code}`)); });
  });
  const entry: PooledWorker = { worker, ready, busy: 0 };
  pool.push(entry);
  return entry;
}

/** A worker died: drop it from the pool and fail every job waiting on it (a new worker is started on demand). */
function fail(entry: PooledWorker, e: Error): void {
  const i = pool.indexOf(entry);
  if (i >= 0) pool.splice(i, 1);
  for (const [id, p] of pending) if (owners.get(id) === entry) { pending.delete(id); p.reject(e); }
}
const owners = new Map<number, PooledWorker>();

async function runJob(job: Job, worker: PooledWorker): Promise<JobResult> {
  await worker.ready;
  const id = nextId++;
  if (worker.busy++ === 0) worker.worker.ref(); // a job in flight keeps the process alive
  owners.set(id, worker);
  try {
    return await new Promise<JobResult>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.worker.postMessage({ id, job } satisfies Envelope);
    });
  } finally {
    owners.delete(id);
    if (--worker.busy === 0) worker.worker.unref();
  }
}

/**
 * Starts (or keeps) `count` workers, waits until each has HiGHS loaded and has planned a small synthetic
 * group (warm-up.ts: a fresh thread's first plan runs 2–3× slower while V8 optimises the hot code), as a
 * service does once at start; returns the seconds it took. Workers started on demand skip the warm-up.
 */
export async function warmOptimizeWorkers(count = availableParallelism()): Promise<number> {
  const t0 = performance.now();
  while (pool.length < count) startWorker();
  await Promise.all(pool.slice(0, count).map((w) => runJob({ kind: 'warm-up' }, w)));
  return (performance.now() - t0) / 1000;
}

/** Ends the pooled workers (tests, shutdown). Jobs still running fail. */
export async function closeOptimizeWorkers(): Promise<void> {
  const all = pool.splice(0, pool.length);
  await Promise.all(all.map((w) => w.worker.terminate()));
}

function workers(count: number): PooledWorker[] {
  while (pool.length < count) startWorker();
  return pool.slice(0, count);
}

export interface WorkerPlanOptions extends CoordinationOptions {
  /** Worker threads to use (default: one per core, at most the number of groups). */
  readonly workers?: number;
}

/** Plans the fleet on `workers` threads; groups are dealt largest first to the least-loaded worker. */
export async function planFleetInWorkers(groups: readonly TransformerGroup[], opts: WorkerPlanOptions = {}): Promise<FleetPlan & { workerSeconds: number[] }> {
  const count = Math.max(1, Math.min(opts.workers ?? availableParallelism(), groups.length));
  const shares: TransformerGroup[][] = Array.from({ length: count }, () => []);
  const size = new Array<number>(count).fill(0);
  for (const g of [...groups].sort((a, b) => b.households.length - a.households.length)) {
    const w = size.indexOf(Math.min(...size));
    shares[w]?.push(g);
    size[w] = (size[w] ?? 0) + g.households.length;
  }
  const { workers: _w, ...options } = opts;
  const pooled = workers(count);
  const results = await Promise.all(shares.map((s, i) => runJob({ kind: 'coordinate', groups: s, options }, pooled[i] as PooledWorker)));
  const plans = results.map((r) => ('plan' in r ? r : null)).filter((r): r is { plan: FleetPlan; seconds: number } => r !== null);
  const order = new Map(groups.map((g, i) => [g.id, i]));
  const merged = plans.flatMap((r) => r.plan.groups).sort((a, b) => (order.get(a.transformerId) ?? 0) - (order.get(b.transformerId) ?? 0));
  return { ...fleetPlanOf(merged, plans.flatMap((r) => r.plan.issues)), workerSeconds: plans.map((r) => r.seconds) };
}

/** The exact monolithic fleet LP, solved by HiGHS in one worker thread. */
export async function solveMonolithicInWorker(groups: readonly TransformerGroup[], timeLimitS?: number): Promise<MonolithicResult> {
  const [w] = workers(1);
  const r = await runJob({ kind: 'monolithic', groups: [...groups], ...(timeLimitS !== undefined ? { timeLimitS } : {}) }, w as PooledWorker);
  if (!('monolithic' in r)) throw new Error('optimize worker returned no monolithic result');
  return r.monolithic;
}

/**
 * Fits and chooses each household's planner model (src/optimize/planner-model/model-choice.md) in the pool: one
 * output-error fit per household over 14 days of slots, dealt in equal shares to at most `workers` threads.
 */
export async function chooseModelsInWorkers(jobs: readonly ModelJob[], slotS: number, opts: { workers?: number } = {}): Promise<ModelDecision[]> {
  if (jobs.length === 0) return [];
  const count = Math.max(1, Math.min(opts.workers ?? availableParallelism(), jobs.length));
  const pooled = workers(count);
  const size = Math.ceil(jobs.length / count);
  const parts = await Promise.all(pooled.map((w, i) => runJob({ kind: 'choose-models', jobs: jobs.slice(i * size, (i + 1) * size), slotS }, w)));
  return parts.flatMap((r) => ('models' in r ? r.models : []));
}
