/**
 * Port: where the digital twin runs for expected vs actual. A twin run is pure CPU (0.1–2.5 s per unit and
 * period on this machine), so the platform runs it in a worker thread (src/main/twin-worker.ts) and the event
 * loop stays free for ingest, SSE and other requests; the in-process runner is for tests and one-shot tools.
 * A job carries everything that determines its result except the typical-year weather, which the runner owns.
 */
import type { ExpectedVsActual } from '../../analytics/fleet-eval/expected-vs-actual.js';
import { expectedVsActual } from '../../analytics/fleet-eval/expected-vs-actual.js';
import type { HourlyTemperature } from '../../analytics/fleet-eval/measured-weather.js';
import type { Boundary, UnitKpis } from '../../analytics/unit-kpis/index.js';
import type { Building, HeatPumpUnit } from '../../domain/registry.js';
import type { WeatherSeries } from '../../sim/index.js';

/** Plain data (structured-clone safe): it crosses the worker boundary as is. */
export interface TwinJob {
  readonly unit: HeatPumpUnit;
  readonly building: Building | undefined;
  readonly kpis: UnitKpis;
  readonly hourlyOutdoorC: readonly HourlyTemperature[];
  readonly boundary: Boundary;
}

export interface TwinRunner {
  /** Jobs it runs at the same time (worker threads). */
  readonly slots: number;
  run(job: TwinJob): Promise<ExpectedVsActual>;
  close(): Promise<void>;
}

/** The twin run itself: the same function in a worker and in process. */
export const runTwinJob = (job: TwinJob, typicalWeather: WeatherSeries): ExpectedVsActual =>
  expectedVsActual({ unit: job.unit, building: job.building, kpis: job.kpis, hourlyOutdoorC: job.hourlyOutdoorC, typicalWeather }, { boundary: job.boundary });

/** Runs each job on the event loop after yielding once (tests, one-shot tools): simple, but blocks while it runs. */
export function inProcessTwinRunner(typicalWeather: WeatherSeries): TwinRunner {
  return {
    slots: 1,
    run: (job) => new Promise((resolve, reject) => setTimeout(() => {
      try { resolve(runTwinJob(job, typicalWeather)); } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); }
    }, 0)),
    close: () => Promise.resolve(),
  };
}
