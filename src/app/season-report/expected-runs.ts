/**
 * Expected vs actual runs the digital twin once per unit and period. A request never waits for the twin for
 * long: it takes what the cache holds, queues the rest for the twin runner (a worker thread on the platform),
 * waits at most `waitMs` for them, and answers with the progress — the caller asks again for the rest.
 *
 * The cache key is everything that determines a result: the unit, boundary, period and a fingerprint of the
 * registered unit, its building and the unit's KPIs for the period (new readings change the KPIs, so they
 * invalidate the entry). The typical-year weather and the twin's options are fixed per process.
 */
import type { EvaluatedUnit } from '../../analytics/fleet-eval/evaluated-unit.js';
import type { ExpectedVsActual } from '../../analytics/fleet-eval/expected-vs-actual.js';
import type { HourlyTemperature } from '../../analytics/fleet-eval/measured-weather.js';
import type { Boundary } from '../../analytics/unit-kpis/index.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';
import { fingerprint } from './fingerprint.js';
import type { TwinRunner } from './twin-runner.js';

export interface ExpectedRunOptions {
  /** How long a request waits for queued twin runs before answering with the progress (ms, default 1500). */
  readonly waitMs: number;
  /** Results kept (least recently used dropped first). Default 5000. */
  readonly cacheEntries: number;
}
export const DEFAULT_EXPECTED_RUN_OPTIONS: ExpectedRunOptions = { waitMs: 1500, cacheEntries: 5000 };

export interface ExpectedOutcome { readonly result: ExpectedVsActual; readonly cached: boolean }

/** Where the twin stands for the units of one request. */
export interface TwinProgress {
  readonly state: 'complete' | 'computing';
  readonly total: number;
  /** Results ready (from the cache or computed while the request waited). */
  readonly done: number;
  /** Queued or running. */
  readonly pending: number;
  /** Runs that failed (reported once; asking again retries them). */
  readonly failed: number;
  /** Jobs of other requests ahead of this request's first pending unit. */
  readonly queuedAhead: number;
}

export interface ExpectedLookup {
  readonly results: ReadonlyMap<string, ExpectedOutcome>;
  readonly pending: readonly string[];
  readonly failed: ReadonlyMap<string, string>;
  readonly progress: TwinProgress;
}

export interface ExpectedRuns {
  /**
   * Results for the units, from the cache or computed within `waitMs`; the rest stay queued. `urgent` puts the
   * units at the head of the queue (one unit's page), else at its tail (a fleet ranking).
   */
  lookup(units: readonly EvaluatedUnit[], boundary: Boundary, o?: { urgent?: boolean; waitMs?: number }): Promise<ExpectedLookup>;
  readonly options: ExpectedRunOptions;
  /** Drops the queue and closes the runner (platform shutdown). */
  stop(): Promise<void>;
}

interface Job { readonly key: string; readonly u: EvaluatedUnit; readonly boundary: Boundary; readonly done: Promise<void>; finish: () => void }

export const expectedKeyOf = (u: EvaluatedUnit, b: Boundary): string =>
  `${u.unit.id}|${b}|${u.kpis.period.fromMs}|${u.kpis.period.toMs}|${fingerprint(JSON.stringify([u.unit, u.building ?? null, u.kpis]))}`;

export function createExpectedRuns(deps: { store: Pick<TelemetryStore, 'queryRollup'>; runner: TwinRunner; options?: Partial<ExpectedRunOptions>; onError?: (e: unknown) => void }): ExpectedRuns {
  const options = { ...DEFAULT_EXPECTED_RUN_OPTIONS, ...deps.options };
  const cache = new Map<string, ExpectedVsActual>();
  const failures = new Map<string, string>();
  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  let running = 0;
  let stopped = false;

  const remember = (k: string, r: ExpectedVsActual) => {
    cache.delete(k); cache.set(k, r);
    while (cache.size > options.cacheEntries) cache.delete(cache.keys().next().value as string);
  };
  const hourly = async (u: EvaluatedUnit): Promise<HourlyTemperature[]> => {
    const rows = await deps.store.queryRollup({ unitIds: [u.unit.id], resolution: '1h', fromMs: u.kpis.period.fromMs, toMs: u.kpis.period.toMs });
    const out: HourlyTemperature[] = [];
    for (const r of rows) {
      const t = r.channels.outdoorTempC?.avg;
      if (t !== undefined && Number.isFinite(t)) out.push({ hourStartMs: r.bucketStartMs, tempC: t });
    }
    return out;
  };

  const execute = async (job: Job) => {
    try {
      const h = await hourly(job.u);
      if (stopped) return;
      remember(job.key, await deps.runner.run({ unit: job.u.unit, building: job.u.building, kpis: job.u.kpis, hourlyOutdoorC: h, boundary: job.boundary }));
    } catch (e) {
      failures.set(job.key, e instanceof Error ? e.message : String(e));
      deps.onError?.(e);
    } finally {
      jobs.delete(job.key);
      running--;
      job.finish();
      pump();
    }
  };
  function pump(): void {
    while (!stopped && running < deps.runner.slots && queue.length > 0) {
      const job = queue.shift() as Job;
      running++;
      void execute(job);
    }
  }
  const enqueue = (key: string, u: EvaluatedUnit, boundary: Boundary, urgent: boolean): Job => {
    const queued = jobs.get(key);
    if (queued) {
      const at = queue.indexOf(queued);
      if (urgent && at > 0) { queue.splice(at, 1); queue.unshift(queued); }
      return queued;
    }
    let finish = () => {};
    const done = new Promise<void>((resolve) => { finish = resolve; });
    const job: Job = { key, u, boundary, done, finish };
    jobs.set(key, job);
    if (urgent) queue.unshift(job); else queue.push(job);
    return job;
  };

  return {
    options,
    async lookup(units, boundary, o = {}) {
      const keys = new Map(units.map((u) => [u.unit.id, expectedKeyOf(u, boundary)]));
      const cachedBefore = new Set([...keys.values()].filter((k) => cache.has(k)));
      const failed = new Map<string, string>();
      const waiting: Job[] = [];
      const toQueue = units.filter((u) => !cache.has(keys.get(u.unit.id) as string));
      // Urgent units go to the head in their own order.
      for (const u of o.urgent ? [...toQueue].reverse() : toQueue) {
        const k = keys.get(u.unit.id) as string;
        const reason = failures.get(k);
        if (reason !== undefined) { failures.delete(k); failed.set(u.unit.id, reason); continue; }
        if (!stopped) waiting.push(enqueue(k, u, boundary, o.urgent ?? false));
      }
      pump();
      const waitMs = o.waitMs ?? options.waitMs;
      if (waiting.length > 0 && waitMs > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([Promise.all(waiting.map((j) => j.done)), new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); })]);
        clearTimeout(timer);
      }
      const results = new Map<string, ExpectedOutcome>();
      const pending: string[] = [];
      for (const u of units) {
        const k = keys.get(u.unit.id) as string;
        const hit = cache.get(k);
        if (hit) { remember(k, hit); results.set(u.unit.id, { result: hit, cached: cachedBefore.has(k) }); continue; }
        if (failed.has(u.unit.id)) continue;
        const reason = failures.get(k);
        if (reason !== undefined && !jobs.has(k)) { failures.delete(k); failed.set(u.unit.id, reason); continue; }
        pending.push(u.unit.id);
      }
      const firstPending = pending.length > 0 ? jobs.get(keys.get(pending[0] as string) as string) : undefined;
      const at = firstPending ? queue.indexOf(firstPending) : -1;
      return {
        results, pending, failed,
        progress: { state: pending.length > 0 ? 'computing' : 'complete', total: units.length, done: results.size, pending: pending.length, failed: failed.size, queuedAhead: at < 0 ? 0 : at },
      };
    },
    async stop() {
      stopped = true;
      for (const j of queue.splice(0, queue.length)) { jobs.delete(j.key); j.finish(); }
      await deps.runner.close();
    },
  };
}
