/**
 * Each household's planner model for a day (src/optimize/planner-model/model-choice.md): its 15-minute rollups of the
 * 14 days before the day's local midnight (room, outdoor, heat meter; south-facade irradiance from the planning
 * weather) are fitted in the optimiser's worker pool, and the decision is cached per household and day — the
 * day-ahead plan, every replan of that day and the thermal-model endpoint share one fit. The key also holds a
 * fingerprint of the registered household (its building and unit as the planner sees them) and whether it has a heat
 * meter, so a registry edit during the day is fitted again instead of being planned on the old registration.
 */
import { PLANNER_MODEL_WINDOW_DAYS, registeredChoice, type ModelDecision, type ModelJob } from '../../optimize/planner-model/index.js';
import type { RcSample } from '../../optimize/identify/index.js';
import { emptyWeatherSample, sampleWeather, type WeatherSeries } from '../../sim/index.js';
import type { FleetIndex } from '../fleet-index.js';
import type { TelemetryStore } from '../ports/telemetry-store.js';
import { fingerprint } from '../fingerprint.js';
import type { SteerableHousehold } from './transformer-households.js';

/** Decisions per site id for the households of one day (`day` = local date, YYYY-MM-DD). */
export type PlannerModelSource = (households: readonly SteerableHousehold[], day: string) => Promise<ReadonlyMap<string, ModelDecision>>;

/** Runs the fits (the worker pool in the platform, in process in tests of the pure parts). */
export type ModelChooser = (jobs: readonly ModelJob[], slotS: number) => Promise<ModelDecision[]>;

const SLOT_S = 900;
const SLOT_MS = SLOT_S * 1000;
/** Asia/Shanghai has no daylight saving: local midnight is UTC 16:00 of the day before. */
const LOCAL_OFFSET_MS = 8 * 3_600_000;
/** Decisions kept (households × days); the oldest day is dropped first. */
const CACHE_DAYS = 3;

export function createPlannerModels(deps: {
  readonly index: () => FleetIndex;
  readonly telemetry: Pick<TelemetryStore, 'queryRollup'>;
  /** Irradiance for the fit's gains column (the planning weather); null: fitted without irradiance. */
  readonly weather: () => WeatherSeries | null;
  readonly choose: ModelChooser;
}): PlannerModelSource {
  const cache = new Map<string, Map<string, Promise<ModelDecision>>>();

  const heatMetered = (): Set<string> => new Set(deps.index().snapshot.meters.filter((m) => m.kind === 'heat').map((m) => m.unitId));

  async function fit(households: readonly SteerableHousehold[], day: string, metered: ReadonlySet<string>): Promise<ModelDecision[]> {
    const dayStartMs = Date.parse(`${day}T00:00:00+08:00`);
    const fromMs = dayStartMs - PLANNER_MODEL_WINDOW_DAYS * 86_400_000;
    const rows = await deps.telemetry.queryRollup({ unitIds: households.map((h) => h.unitId), resolution: '15m', fromMs, toMs: dayStartMs });
    const byUnit = new Map<string, RcSample[]>();
    const weather = deps.weather();
    const ws = emptyWeatherSample();
    for (const r of rows) {
      const c = r.channels;
      const solarWm2 = weather ? sampleWeather(weather, r.bucketStartMs + SLOT_MS / 2, ws).southWm2 : null;
      // Sample times in local time, so the fit's free runs restart at local midnight as the day's plan does.
      const s: RcSample = { tsMs: r.bucketStartMs + LOCAL_OFFSET_MS, indoorC: c.indoorTempC?.avg ?? null, outdoorC: c.outdoorTempC?.avg ?? null, heatW: c.heatPowerW?.avg ?? null, solarWm2 };
      const list = byUnit.get(r.unitId);
      if (list) list.push(s); else byUnit.set(r.unitId, [s]);
    }
    const jobs: ModelJob[] = households.map((h) => ({ definition: h.definition, samples: byUnit.get(h.unitId) ?? [], hasHeatMeter: metered.has(h.unitId) }));
    return deps.choose(jobs, SLOT_S);
  }

  return async (households, day) => {
    let forDay = cache.get(day);
    if (!forDay) {
      forDay = new Map();
      cache.set(day, forDay);
      while (cache.size > CACHE_DAYS) cache.delete(cache.keys().next().value as string);
    }
    const metered = heatMetered();
    const keys = households.map((h) => `${h.siteId}|${h.unitId}|${fingerprint(JSON.stringify([h.definition, metered.has(h.unitId)]))}`);
    const missing = households.flatMap((h, i) => (forDay.has(keys[i] as string) ? [] : [{ h, key: keys[i] as string }]));
    if (missing.length > 0) {
      const batch = fit(missing.map((m) => m.h), day, metered);
      missing.forEach(({ h, key }, i) => forDay.set(key, batch.then((d) => d[i] as ModelDecision, (e: unknown) => {
        // The plan goes ahead on the registered building; a failed fit is not cached, the next plan tries again.
        forDay.delete(key);
        return { choice: registeredChoice(h.definition, 'fit-failed', `the model fit failed: ${(e as Error).message}`.slice(0, 500)), model: null };
      })));
    }
    const out = new Map<string, ModelDecision>();
    for (const [i, h] of households.entries()) out.set(h.siteId, await (forDay.get(keys[i] as string) as Promise<ModelDecision>));
    return out;
  };
}

/** Without a model source every household is planned on its registered building, saying so. */
export function registeredModels(households: readonly SteerableHousehold[]): ReadonlyMap<string, ModelDecision> {
  return new Map(households.map((h) => [h.siteId, { choice: registeredChoice(h.definition, 'no-model-source', 'no telemetry-based model configured for this planner: registered building'), model: null }]));
}
