/**
 * Runs one strategy's closed loop on several threads: transformers are independent (their households
 * share nothing but the weather and the tariff), so each worker takes a share of the transformers, runs
 * `runClosedLoop` on their households, and the results are merged. This file is also the worker entry
 * (started with `strategiesWorker` in workerData).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadHighs, type ComfortGuarantee, type CoordinationOptions, type Tariff } from '../../optimize/index.js';
import { anomalyWeather, mergeResults, runClosedLoop, type ClosedLoopResult, type ForecastKind, type PlannerModel, type StrategyName, type TransformerSpec } from '../../optimize/strategies/index.js';
import { parseEpw, type FleetDefinition } from '../../sim/index.js';

export interface StrategyJob {
  readonly strategy: StrategyName;
  readonly fleet: FleetDefinition;
  readonly transformers: readonly TransformerSpec[];
  readonly weatherPath: string;
  readonly weatherSeed: number;
  readonly tariff: Tariff;
  readonly fromMs: number;
  readonly toMs: number;
  readonly forecast: ForecastKind;
  readonly planMarginK: number;
  readonly plannerModel?: PlannerModel;
  readonly horizonDays?: number;
  /** The envelope planner's air floor and plan flow (closed-loop input; absent = the defaults). */
  readonly envelopeAirFloor?: 'no-heat' | 'held';
  readonly planFlow?: 'heating-curve' | 'design';
  readonly coordination: CoordinationOptions;
  /** Load HiGHS for the fleet strategy's exact fallback per transformer. */
  readonly exactFallback: boolean;
  /** Rating guard in the closed loop (rating-guard.md). */
  readonly enforceRating?: boolean;
  /** A heating fee contract's comfort guarantee: K·h below it are measured (src/optimize/contracts/contracts.md). */
  readonly comfortGuarantee?: ComfortGuarantee;
  /** Optimised fleet: limit on the sum of all transformers' heat-pump load (W); couples all transformers, so one thread only. */
  readonly programmeMaxPowerW?: number;
}
interface WorkerInput { strategiesWorker: true; job: StrategyJob }
type Message = { day: number; days: number } | { result: ClosedLoopResult } | { error: string };

async function runShare(job: StrategyJob, onDay: (day: number, days: number) => void): Promise<ClosedLoopResult> {
  const typical = parseEpw(readFileSync(job.weatherPath, 'utf8'));
  const highs = job.strategy === 'optimised-fleet' && job.exactFallback ? await loadHighs() : undefined;
  return runClosedLoop({
    strategy: job.strategy, fleet: job.fleet, transformers: job.transformers, actualWeather: anomalyWeather(typical, { seed: job.weatherSeed }), typicalWeather: typical,
    tariff: job.tariff, fromMs: job.fromMs, toMs: job.toMs, forecast: job.forecast, planMarginK: job.planMarginK, ...(job.plannerModel ? { plannerModel: job.plannerModel } : {}), ...(job.horizonDays ? { horizonDays: job.horizonDays } : {}), ...(job.envelopeAirFloor ? { envelopeAirFloor: job.envelopeAirFloor } : {}), ...(job.planFlow ? { planFlow: job.planFlow } : {}), coordination: job.coordination,
    ...(highs ? { highs } : {}), ...(job.enforceRating ? { enforceRating: true } : {}), ...(job.comfortGuarantee ? { comfortGuarantee: job.comfortGuarantee } : {}),
    ...(job.programmeMaxPowerW !== undefined ? { programmeMaxPowerW: job.programmeMaxPowerW } : {}), onDay,
  });
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.strategiesWorker) {
  const post = (m: Message) => parentPort?.postMessage(m);
  try {
    const result = await runShare((workerData as WorkerInput).job, (day, days) => post({ day, days }));
    post({ result });
  } catch (e) {
    post({ error: (e as Error).message });
  }
}

/** The households of some transformers as a fleet of their own, with the transformers re-indexed into it. */
function share(job: StrategyJob, txs: readonly TransformerSpec[]): StrategyJob {
  const households = txs.flatMap((t) => t.householdIndices.map((i) => job.fleet.households[i] as FleetDefinition['households'][number]));
  let at = 0;
  const transformers = txs.map((t) => ({ ...t, householdIndices: t.householdIndices.map(() => at++) }));
  return { ...job, fleet: { name: job.fleet.name, households }, transformers };
}

/** Runs `job` on `workers` threads (1: in this thread); `onDay` reports the slowest share's progress. */
export async function runStrategyParallel(job: StrategyJob, workers: number, onDay: (day: number, days: number) => void): Promise<ClosedLoopResult> {
  const count = Math.max(1, Math.min(workers, job.transformers.length));
  if (count > 1 && job.programmeMaxPowerW !== undefined) throw new Error('--programme-cap-kw couples all transformers and cannot be split over --workers: use --workers 1 with --programme-cap-kw');
  if (count === 1) return runShare(job, onDay);
  const shares: TransformerSpec[][] = Array.from({ length: count }, () => []);
  const size = new Array<number>(count).fill(0);
  for (const t of [...job.transformers].sort((a, b) => b.householdIndices.length - a.householdIndices.length)) {
    const w = size.indexOf(Math.min(...size));
    shares[w]?.push(t);
    size[w] = (size[w] ?? 0) + t.householdIndices.length;
  }
  const self = import.meta.url;
  const start = (input: WorkerInput) => (self.endsWith('.ts')
    ? new Worker(`(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(self)}); })()`, { eval: true, workerData: input })
    : new Worker(fileURLToPath(self), { workerData: input }));
  const done = new Array<number>(count).fill(0);
  let reported = 0;
  const parts = await Promise.all(shares.map((txs, w) => new Promise<ClosedLoopResult>((resolvePart, reject) => {
    const worker = start({ strategiesWorker: true, job: share(job, txs) });
    worker.on('message', (m: Message) => {
      if ('day' in m) {
        done[w] = m.day;
        const slowest = Math.min(...done);
        if (slowest > reported) { reported = slowest; onDay(slowest, m.days); }
      } else if ('result' in m) { resolvePart(m.result); void worker.terminate(); } else reject(new Error(m.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`strategies worker ${w} exited with code ${code}`)); });
  })));
  // Back into the order of the job's transformers (each share's households in its transformers' order).
  const merged = mergeResults(parts);
  const order = new Map(job.transformers.map((t, g) => [t.id, g]));
  return { ...merged, transformers: [...merged.transformers].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)) };
}
