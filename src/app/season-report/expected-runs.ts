/**
 * Expected vs actual runs the digital twin once per unit and period (0.7–2.5 s for a 121-day season, measured
 * on this machine), so results are cached per (unit, period, boundary, data fingerprint) and the work per
 * request is bounded: a request computes while it is under its budget (runs and milliseconds), hands the rest
 * to one background queue, and names the units not computed yet — asking again returns them from the cache.
 */
import type { EvaluatedUnit } from '../../analytics/fleet-eval/evaluated-unit.js';
import { expectedVsActual, type ExpectedVsActual } from '../../analytics/fleet-eval/expected-vs-actual.js';
import type { HourlyTemperature } from '../../analytics/fleet-eval/measured-weather.js';
import type { Boundary } from '../../analytics/unit-kpis/index.js';
import type { WeatherSeries } from '../../sim/index.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';

export interface ExpectedRunOptions {
  /** Twin runs one request may compute before answering (default 8). */
  readonly maxRunsPerRequest: number;
  /** …and wall time it may spend on them (ms, default 8000); the first run always completes. */
  readonly budgetMs: number;
  /** Results kept (least recently used dropped first). Default 5000. */
  readonly cacheEntries: number;
}
export const DEFAULT_EXPECTED_RUN_OPTIONS: ExpectedRunOptions = { maxRunsPerRequest: 8, budgetMs: 8000, cacheEntries: 5000 };

export interface ExpectedOutcome { readonly result: ExpectedVsActual; readonly cached: boolean }
export interface ExpectedBatch {
  readonly results: ReadonlyMap<string, ExpectedOutcome>;
  readonly notComputed: readonly string[];
  readonly computed: number;
  readonly fromCache: number;
}

export interface ExpectedRuns {
  one(u: EvaluatedUnit, boundary: Boundary): Promise<ExpectedOutcome>;
  many(units: readonly EvaluatedUnit[], boundary: Boundary): Promise<ExpectedBatch>;
  readonly options: ExpectedRunOptions;
  /** Stops the background queue (platform shutdown). */
  stop(): void;
}

// The fingerprint changes when data arrive for the period (readings count, metered heat).
const keyOf = (u: EvaluatedUnit, b: Boundary) =>
  `${u.unit.id}|${u.kpis.period.fromMs}|${u.kpis.period.toMs}|${b}|${u.kpis.input.readingsInPeriod}|${u.kpis.energy.heatKWh.metered.kWh ?? 'null'}|${u.building ? JSON.stringify(u.building) : '-'}`;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createExpectedRuns(deps: { store: TelemetryStore; typicalWeather: WeatherSeries; options?: Partial<ExpectedRunOptions>; onError?: (e: unknown) => void }): ExpectedRuns {
  const options = { ...DEFAULT_EXPECTED_RUN_OPTIONS, ...deps.options };
  const cache = new Map<string, ExpectedVsActual>();
  const queue = new Map<string, { u: EvaluatedUnit; b: Boundary }>();
  let draining = false; let stopped = false;

  const remember = (k: string, r: ExpectedVsActual) => {
    cache.delete(k); cache.set(k, r);
    while (cache.size > options.cacheEntries) cache.delete(cache.keys().next().value as string);
  };
  const hourly = async (units: readonly EvaluatedUnit[]): Promise<Map<string, HourlyTemperature[]>> => {
    const out = new Map<string, HourlyTemperature[]>(units.map((u) => [u.unit.id, []]));
    const first = units[0];
    if (!first) return out;
    const rows = await deps.store.queryRollup({ unitIds: units.map((u) => u.unit.id), resolution: '1h', fromMs: first.kpis.period.fromMs, toMs: first.kpis.period.toMs });
    for (const r of rows) {
      const t = r.channels.outdoorTempC?.avg;
      if (t !== undefined && Number.isFinite(t)) out.get(r.unitId)?.push({ hourStartMs: r.bucketStartMs, tempC: t });
    }
    return out;
  };
  const run = (u: EvaluatedUnit, b: Boundary, hourlyOutdoorC: readonly HourlyTemperature[]): ExpectedVsActual =>
    expectedVsActual({ unit: u.unit, building: u.building, kpis: u.kpis, hourlyOutdoorC, typicalWeather: deps.typicalWeather }, { boundary: b });

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (!stopped && queue.size > 0) {
        const [k, job] = queue.entries().next().value as [string, { u: EvaluatedUnit; b: Boundary }];
        queue.delete(k);
        if (cache.has(k)) continue;
        await yieldToEventLoop();
        try {
          const h = await hourly([job.u]);
          remember(k, run(job.u, job.b, h.get(job.u.unit.id) ?? []));
        } catch (e) {
          deps.onError?.(e);
        }
      }
    } finally {
      draining = false;
    }
  };

  return {
    options,
    async one(u, b) {
      const k = keyOf(u, b);
      const hit = cache.get(k);
      if (hit) { remember(k, hit); return { result: hit, cached: true }; }
      const h = await hourly([u]);
      const r = run(u, b, h.get(u.unit.id) ?? []);
      remember(k, r);
      return { result: r, cached: false };
    },
    async many(units, b) {
      const results = new Map<string, ExpectedOutcome>();
      const missing: EvaluatedUnit[] = [];
      for (const u of units) {
        const hit = cache.get(keyOf(u, b));
        if (hit) results.set(u.unit.id, { result: hit, cached: true }); else missing.push(u);
      }
      const fromCache = results.size;
      const startMs = performance.now();
      const now = missing.slice(0, options.maxRunsPerRequest);
      const h = await hourly(now);
      let computed = 0;
      for (const u of now) {
        if (computed > 0 && performance.now() - startMs > options.budgetMs) break;
        const k = keyOf(u, b);
        queue.delete(k);
        const r = run(u, b, h.get(u.unit.id) ?? []);
        remember(k, r);
        results.set(u.unit.id, { result: r, cached: false });
        computed++;
        await yieldToEventLoop();
      }
      const notComputed = missing.filter((u) => !results.has(u.unit.id));
      for (const u of notComputed) queue.set(keyOf(u, b), { u, b });
      if (notComputed.length > 0) void drain();
      return { results, notComputed: notComputed.map((u) => u.unit.id), computed, fromCache };
    },
    stop() { stopped = true; queue.clear(); },
  };
}
