/**
 * Runs the optimiser off the main thread: HiGHS and the fleet coordination block their thread, so each
 * job runs in its own worker_threads worker. Transformer groups are independent problems, split over
 * the workers (one per core by default) and merged back into one FleetPlan. This file is both the
 * pool (main thread) and the worker entry (when started with `heatfleetOptimize` in workerData).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { coordinateFleet, fleetPlanOf, solveFleetMonolithic, type CoordinationOptions, type FleetPlan, type MonolithicResult, type TransformerGroup } from '../optimize/fleet/index.js';
import { loadHighs } from '../optimize/load-highs.js';

type Job =
  | { heatfleetOptimize: true; kind: 'coordinate'; groups: TransformerGroup[]; options: CoordinationOptions }
  | { heatfleetOptimize: true; kind: 'monolithic'; groups: TransformerGroup[]; timeLimitS?: number };
type JobResult = { plan: FleetPlan; seconds: number } | { monolithic: MonolithicResult };

async function workerMain(job: Job): Promise<void> {
  if (job.kind === 'coordinate') {
    const highs = await loadHighs();
    const t0 = performance.now();
    const plan = coordinateFleet(job.groups, job.options, highs);
    parentPort?.postMessage({ plan, seconds: (performance.now() - t0) / 1000 } satisfies JobResult);
  } else {
    const highs = await loadHighs();
    parentPort?.postMessage({ monolithic: solveFleetMonolithic(highs, job.groups, job.timeLimitS) } satisfies JobResult);
  }
}
if (!isMainThread && (workerData as Job | undefined)?.heatfleetOptimize) await workerMain(workerData as Job);

function runJob(job: Job): Promise<JobResult> {
  const self = import.meta.url;
  // Under tsx (tests, bench) the worker registers tsx's loader itself, then loads this file.
  const worker = self.endsWith('.ts')
    ? new Worker(`(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(self)}); })()`, { eval: true, workerData: job })
    : new Worker(new URL(self), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: JobResult) => { resolve(m); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`optimize worker exited with code ${code}`)); });
  });
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
  const results = await Promise.all(shares.map((s) => runJob({ heatfleetOptimize: true, kind: 'coordinate', groups: s, options })));
  const plans = results.map((r) => ('plan' in r ? r : null)).filter((r): r is { plan: FleetPlan; seconds: number } => r !== null);
  const order = new Map(groups.map((g, i) => [g.id, i]));
  const merged = plans.flatMap((r) => r.plan.groups).sort((a, b) => (order.get(a.transformerId) ?? 0) - (order.get(b.transformerId) ?? 0));
  return { ...fleetPlanOf(merged, plans.flatMap((r) => r.plan.issues)), workerSeconds: plans.map((r) => r.seconds) };
}

/** The exact monolithic fleet LP, solved by HiGHS in one worker thread. */
export async function solveMonolithicInWorker(groups: readonly TransformerGroup[], timeLimitS?: number): Promise<MonolithicResult> {
  const r = await runJob({ heatfleetOptimize: true, kind: 'monolithic', groups: [...groups], ...(timeLimitS !== undefined ? { timeLimitS } : {}) });
  if (!('monolithic' in r)) throw new Error('optimize worker returned no monolithic result');
  return r.monolithic;
}
