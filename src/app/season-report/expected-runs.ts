/**
 * Expected vs actual runs the digital twin once per unit and period. A request never waits for the twin for
 * long: it takes what the cache holds, queues the rest for the twin runner (a worker thread on the platform),
 * waits at most `waitMs` for them, and answers with the progress — the caller asks again for the rest.
 *
 * The cache key is everything that determines a result: the unit, boundary, period and a fingerprint of the
 * registered unit, its building and the unit's KPIs for the period (new readings change the KPIs, so they
 * invalidate the entry). The typical-year weather and the twin's options are fixed per process.
 *
 * With a TwinResultStore, finished runs are also stored (key prefixed by `resultVersion`, which the composition
 * root derives from the twin's code and weather) and read back for keys the memory cache lacks, so a restarted
 * platform answers at once. A stored result of a key that no longer matches is never served; storing a slot's new
 * result drops its old ones, and the store is pruned to `storedEntries`.
 */
import type { EvaluatedUnit } from '../../analytics/fleet-eval/evaluated-unit.js';
import type { ExpectedVsActual } from '../../analytics/fleet-eval/expected-vs-actual.js';
import type { HourlyTemperature } from '../../analytics/fleet-eval/measured-weather.js';
import type { Boundary } from '../../analytics/unit-kpis/index.js';
import type { Clock } from '../ports/clock.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';
import type { TwinResultStore } from '../ports/twin-result-store.js';
import { fingerprint } from '../fingerprint.js';
import type { TwinRunner } from './twin-runner.js';

export interface ExpectedRunOptions {
  /** How long a request waits for queued twin runs before answering with the progress (ms, default 1500). */
  readonly waitMs: number;
  /** Results kept (least recently used dropped first). Default 5000. */
  readonly cacheEntries: number;
  /** Results kept in the TwinResultStore (most recently stored). Default 20000. */
  readonly storedEntries: number;
}
export const DEFAULT_EXPECTED_RUN_OPTIONS: ExpectedRunOptions = { waitMs: 1500, cacheEntries: 5000, storedEntries: 20_000 };
/** Stored results between two prunes of the store. */
const PRUNE_EVERY = 200;

/** Where results come from over the life of the process (for metrics and tests). */
export interface ExpectedRunCounts {
  /** Twin runs finished in this process. */
  readonly twinRuns: number;
  /** Results read back from the TwinResultStore. */
  readonly restored: number;
  /** Stored results that did not fit and were dropped. */
  readonly unreadable: number;
}

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
  counts(): ExpectedRunCounts;
  /** Drops the queue and closes the runner (platform shutdown). */
  stop(): Promise<void>;
}

interface Job { readonly key: string; readonly u: EvaluatedUnit; readonly boundary: Boundary; readonly done: Promise<void>; finish: () => void }

export const expectedKeyOf = (u: EvaluatedUnit, b: Boundary): string =>
  `${u.unit.id}|${b}|${u.kpis.period.fromMs}|${u.kpis.period.toMs}|${fingerprint(JSON.stringify([u.unit, u.building ?? null, u.kpis]))}`;

const slotOf = (u: EvaluatedUnit, b: Boundary): string => `${u.unit.id}|${b}|${u.kpis.period.fromMs}|${u.kpis.period.toMs}`;

/** A stored result is served only if it is an object for the same unit and boundary (else it is dropped and recomputed). */
function readStored(json: string, unitId: string, boundary: Boundary): ExpectedVsActual | null {
  try {
    const v = JSON.parse(json) as unknown;
    if (typeof v !== 'object' || v === null) return null;
    const r = v as Partial<ExpectedVsActual>;
    return r.unitId === unitId && r.boundary === boundary && Array.isArray(r.causes) && typeof r.actual === 'object' ? (v as ExpectedVsActual) : null;
  } catch {
    return null;
  }
}

export function createExpectedRuns(deps: {
  store: Pick<TelemetryStore, 'queryRollup'>; runner: TwinRunner; options?: Partial<ExpectedRunOptions>; onError?: (e: unknown) => void;
  /** Keeps finished runs across restarts; `resultVersion` names the twin's code and weather that produced them. */
  results?: { store: TwinResultStore; resultVersion: string; clock: Clock };
}): ExpectedRuns {
  const options = { ...DEFAULT_EXPECTED_RUN_OPTIONS, ...deps.options };
  const persisted = deps.results;
  const storedKeyOf = (key: string): string => `${persisted?.resultVersion ?? ''}|${key}`;
  let twinRuns = 0;
  let restored = 0;
  let unreadable = 0;
  let storedSincePrune = PRUNE_EVERY; // the first store also prunes what earlier processes left
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
      const result = await deps.runner.run({ unit: job.u.unit, building: job.u.building, kpis: job.u.kpis, hourlyOutdoorC: h, boundary: job.boundary });
      twinRuns++;
      await persist(job, result); // stored before it is served: what a request saw survives a restart
      remember(job.key, result);
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
  // A failed write only costs a recomputation after the next restart: reported, not thrown.
  const persist = async (job: Job, result: ExpectedVsActual): Promise<void> => {
    if (!persisted || stopped) return;
    try {
      await persisted.store.put([{ key: storedKeyOf(job.key), slot: slotOf(job.u, job.boundary), unitId: job.u.unit.id, storedAtMs: persisted.clock.nowMs(), resultJson: JSON.stringify(result) }]);
      if (++storedSincePrune >= PRUNE_EVERY) {
        storedSincePrune = 0;
        await persisted.store.prune(options.storedEntries);
      }
    } catch (e) {
      deps.onError?.(e);
    }
  };
  /** Reads stored results of keys neither cached nor queued into the memory cache. */
  const restore = async (units: readonly EvaluatedUnit[], keys: ReadonlyMap<string, string>, boundary: Boundary): Promise<void> => {
    if (!persisted || stopped) return;
    const wanted = units.filter((u) => { const k = keys.get(u.unit.id) as string; return !cache.has(k) && !jobs.has(k) && !failures.has(k); });
    if (wanted.length === 0) return;
    try {
      const found = await persisted.store.get(wanted.map((u) => storedKeyOf(keys.get(u.unit.id) as string)));
      const bad: string[] = [];
      for (const u of wanted) {
        const k = keys.get(u.unit.id) as string;
        const json = found.get(storedKeyOf(k));
        if (json === undefined) continue;
        const r = readStored(json, u.unit.id, boundary);
        if (r === null) { bad.push(storedKeyOf(k)); continue; }
        restored++;
        remember(k, r);
      }
      if (bad.length > 0) { unreadable += bad.length; await persisted.store.drop(bad); }
    } catch (e) {
      deps.onError?.(e); // the store is unreachable: compute as if nothing had been stored
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
      await restore(units, keys, boundary);
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
    counts: () => ({ twinRuns, restored, unreadable }),
    async stop() {
      stopped = true;
      for (const j of queue.splice(0, queue.length)) { jobs.delete(j.key); j.finish(); }
      await deps.runner.close();
    },
  };
}
