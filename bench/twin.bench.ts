/**
 * Twin speed: household-minute steps per second per core, measured on both cores with worker_threads
 * (each worker simulates its own half of a 10,000-household fleet at 1-minute steps on Beijing weather,
 * one January day after a one-day warm-up: V8 deoptimises and recompiles the kernel when rare branches
 * (defrost, backup heater) are first reached, which a season amortises but a short window would not),
 * through `advance()`, the path a season run takes.
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
  // Barrier: every worker measures the same window (the main thread reads the process CPU time around it).
  parentPort?.postMessage({ ready: true });
  await new Promise((go) => parentPort?.once('message', go));
  const t0 = performance.now();
  s.advance(d.steps);
  parentPort?.postMessage({ steps: d.count * d.steps, seconds: (performance.now() - t0) / 1000 });
}
if (!isMainThread && (workerData as WorkerInput | undefined)?.twinBench) await workerMain(workerData as WorkerInput);

export async function run(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const cores = Math.min(2, availableParallelism());
  const epw = fileURLToPath(new URL('../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url));
  const count = Math.round(10_000 / cores);
  const workers: Worker[] = [];
  const ready = Array.from({ length: cores }, (_, c) =>
    new Promise<Worker>((resolveReady, reject) => {
      // The worker registers tsx's loader itself, then loads this file (which runs workerMain).
      const boot = `(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(import.meta.url)}); })()`;
      const w = new Worker(boot, { eval: true, workerData: { twinBench: true, epw, count, seed: c + 1, warmup: 1440, steps: 1440 } satisfies WorkerInput });
      workers.push(w);
      w.once('message', () => resolveReady(w));
      w.once('error', reject);
    }),
  );
  const started = await Promise.all(ready);
  const done = started.map((w) => new Promise<{ steps: number; seconds: number }>((resolveRun, reject) => { w.once('message', resolveRun); w.once('error', reject); }));
  const cpu0 = process.cpuUsage();
  for (const w of started) w.postMessage('go');
  const results = await Promise.all(done);
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(workers.map((w) => w.terminate()));
  const wall = Math.max(...results.map((r) => r.seconds));
  const steps = results.reduce((s, r) => s + r.steps, 0);
  // Wall clock is the target's measure (a season in < 90 s); on a shared machine other processes take cores from
  // the workers, so the CPU-time figure (steps per CPU-second the process used in the window) is printed beside it.
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return [
    { name: 'twin.steps_per_s_per_core', value: steps / wall / cores, unit: 'household-minute steps/s/core', target: '≥ 10,000,000' },
    { name: 'twin.steps_per_cpu_s', value: steps / cpuS, unit: 'household-minute steps/CPU-second (same window)' },
  ];
}
