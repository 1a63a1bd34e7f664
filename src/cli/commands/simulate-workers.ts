/**
 * A season without telemetry on several cores: households are independent, so the fleet is split into
 * contiguous shares, each worker thread runs its share through the cache-blocked `advance()` and sends
 * back its accumulators, and the summary is computed once over all of them (same numbers as one thread).
 * This file is also the worker's entry point (started with `simWorker` in workerData).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createFleetSimulation, parseEpw, summarise, type FleetDefinition, type FleetSimulation, type SeasonSummary } from '../../sim/index.js';

interface WorkerInput { simWorker: true; fleet: FleetDefinition; weatherPath: string; fromMs: number; stepS: number; steps: number }
type FleetState = FleetSimulation['state'];
type Accumulators = FleetState['a'];

/** Days per progress message from a worker. */
const CHUNK_S = 86_400;

function workerMain(d: WorkerInput): void {
  // The main thread has parsed this file already (errors name it there); the worker reads it again.
  const sim = createFleetSimulation(d.fleet, parseEpw(readFileSync(d.weatherPath, 'utf8')), { startMs: d.fromMs, stepS: d.stepS });
  const perChunk = Math.max(1, Math.round(CHUNK_S / d.stepS));
  for (let k = 0; k < d.steps; k += perChunk) {
    const n = Math.min(perChunk, d.steps - k);
    sim.advance(n);
    parentPort?.postMessage({ progress: n });
  }
  const a = sim.state.a;
  parentPort?.postMessage({ accumulators: a, tsMs: sim.tsMs }, Object.values(a).map((x) => x.buffer as ArrayBuffer));
}
if (!isMainThread && (workerData as WorkerInput | undefined)?.simWorker) workerMain(workerData as WorkerInput);

/** Runs `fleet` from `fromMs` for `steps` steps of `stepS` on `workers` threads; `tick(n)` reports finished steps of the slowest share. */
export async function simulateSeasonParallel(
  fleet: FleetDefinition, weatherPath: string, o: { fromMs: number; stepS: number; steps: number; workers: number; tick?: (n: number) => void },
): Promise<SeasonSummary> {
  const n = fleet.households.length;
  const shares = Math.max(1, Math.min(o.workers, n));
  const self = import.meta.url;
  // Under tsx (development, tests) the worker registers tsx's loader first; the built CLI starts the .js directly.
  const start = (input: WorkerInput) => (self.endsWith('.ts')
    ? new Worker(`(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(self)}); })()`, { eval: true, workerData: input })
    : new Worker(fileURLToPath(self), { workerData: input }));
  const done = new Array<number>(shares).fill(0);
  let reported = 0;
  const parts = await Promise.all(Array.from({ length: shares }, (_, w) => {
    const households = fleet.households.slice(Math.floor((w * n) / shares), Math.floor(((w + 1) * n) / shares));
    return new Promise<{ accumulators: Accumulators; tsMs: number }>((resolvePart, reject) => {
      const worker = start({ simWorker: true, fleet: { name: fleet.name, households }, weatherPath, fromMs: o.fromMs, stepS: o.stepS, steps: o.steps });
      worker.on('message', (m: { progress?: number; accumulators?: Accumulators; tsMs?: number }) => {
        if (m.progress !== undefined) {
          done[w] = (done[w] as number) + m.progress;
          const slowest = Math.min(...done);
          if (slowest > reported) { o.tick?.(slowest - reported); reported = slowest; }
        } else if (m.accumulators) {
          resolvePart({ accumulators: m.accumulators, tsMs: m.tsMs as number });
          void worker.terminate();
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => { if (code !== 0) reject(new Error(`simulation worker ${w} exited with code ${code}`)); });
    });
  }));
  // Concatenate each accumulator in household order: the summary then sees one fleet.
  const first = parts[0]?.accumulators as Accumulators;
  const merged = Object.fromEntries(Object.keys(first).map((k) => {
    const out = new Float64Array(n);
    let at = 0;
    for (const p of parts) { const x = p.accumulators[k as keyof Accumulators]; out.set(x, at); at += x.length; }
    return [k, out];
  })) as Accumulators;
  const toMs = parts[0]?.tsMs as number;
  return summarise(fleet, { a: merged } as FleetState, { from: new Date(o.fromMs).toISOString(), to: new Date(toMs).toISOString() });
}
