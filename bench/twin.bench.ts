/**
 * Twin speed: household-minute steps per second per core, measured on both cores with worker_threads
 * (each worker simulates its own half of a 10,000-household fleet at 1-minute steps on Beijing weather,
 * one January day after a two-hour warm-up, through `advance()` — the path a season run takes).
 * Target ≥ 10 M/s/core (a 10,000-household season at 1-minute steps in < 90 s on 2 cores).
 * The machine is shared: the figure is wall time of the slower worker, so contention lowers it.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

interface WorkerInput { twinBench: true; epw: string; count: number; seed: number; warmup: number; steps: number }

/** Worker side: the same file runs as a worker thread when started with `twinBench` in workerData. */
async function workerMain(d: WorkerInput): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const sim = await import('../src/sim/index.js');
  const w = sim.parseEpw(readFileSync(d.epw, 'utf8'));
  const fleet = sim.generateFleet({
    name: 'bench', count: d.count, areaM2: [67, 120, 216], envelope: { uninsulated: 1, 'partially-insulated': 1, retrofitted: 1 },
    emitter: { floor: 2, radiator: 3 }, unitType: { 'air-to-water': 1 }, inverterShare: 0.5, capacityKw: [8, 11, 14],
  }, d.seed);
  const s = sim.createFleetSimulation(fleet, w, { startMs: Date.parse('2019-01-05T00:00:00+08:00'), stepS: 60 });
  s.advance(d.warmup);
  const t0 = performance.now();
  s.advance(d.steps);
  parentPort?.postMessage({ steps: d.count * d.steps, seconds: (performance.now() - t0) / 1000 });
}
if (!isMainThread && (workerData as WorkerInput | undefined)?.twinBench) await workerMain(workerData as WorkerInput);

export async function run(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const cores = Math.min(2, availableParallelism());
  const epw = fileURLToPath(new URL('../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url));
  const count = Math.round(10_000 / cores);
  const results = await Promise.all(
    Array.from({ length: cores }, (_, c) =>
      new Promise<{ steps: number; seconds: number }>((resolveRun, reject) => {
        // The worker registers tsx's loader itself, then loads this file (which runs workerMain).
        const boot = `(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(import.meta.url)}); })()`;
        const w = new Worker(boot, { eval: true, workerData: { twinBench: true, epw, count, seed: c + 1, warmup: 120, steps: 1440 } satisfies WorkerInput });
        w.once('message', resolveRun);
        w.once('error', reject);
      }),
    ),
  );
  const wall = Math.max(...results.map((r) => r.seconds));
  const steps = results.reduce((s, r) => s + r.steps, 0);
  return [{ name: 'twin.steps_per_s_per_core', value: steps / wall / cores, unit: 'household-minute steps/s/core', target: '≥ 10,000,000' }];
}
