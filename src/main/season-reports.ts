/**
 * Composition of the season reports: the default credit rules from data/credit-rules.json (checked at start-up:
 * a bad file stops the platform with the field named), the twin's expectations in a worker thread with their
 * cache (kept in the store across restarts when a TwinResultStore is given), and the background upkeep of the day aggregates (kpi_day) so that a report request only composes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseCreditRules } from '../analytics/fleet-eval/credit-rules.js';
import type { FleetIndex } from '../app/fleet-index.js';
import type { Clock } from '../app/ports/clock.js';
import type { FaultEventStore } from '../app/ports/fault-event-store.js';
import type { KpiDayStore } from '../app/ports/kpi-day-store.js';
import type { TelemetryStore } from '../app/ports/telemetry-store.js';
import type { TwinResultStore } from '../app/ports/twin-result-store.js';
import { createExpectedRuns, createSeasonReports, type ExpectedRunOptions, type ExpectedRuns, type SeasonReports } from '../app/season-report/index.js';
import { createKpiDayUpkeep, type KpiDayUpkeepOptions } from '../app/season-report/kpi-day-upkeep.js';
import { inProcessTwinRunner } from '../app/season-report/twin-runner.js';
import { CreditRuleWireSchema } from '../contract/season-report.js';
import { parseEpw } from '../sim/index.js';
import { DEMO_WEATHER_FILE } from './demo/start-demo.js';
import { twinResultVersion } from './twin-result-version.js';
import { createWorkerTwinRunner } from './twin-worker.js';

export const DEFAULT_CREDIT_RULES_FILE = fileURLToPath(new URL('../../data/credit-rules.json', import.meta.url));

const CreditRulesFileSchema = z.object({ description: z.string().optional(), rules: z.array(CreditRuleWireSchema).min(1) }).strict();

export function loadCreditRulesFile(path: string): z.infer<typeof CreditRulesFileSchema> {
  const parsed = CreditRulesFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`credit rules file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  parseCreditRules(parsed.data.rules); // the analytics' own schema agrees
  return parsed.data;
}

export function createPlatformSeasonReports(deps: {
  index: () => FleetIndex; kpiDays: KpiDayStore; faults: FaultEventStore; telemetry: TelemetryStore; clock: Clock;
  creditRulesFile?: string; expectedRuns?: Partial<ExpectedRunOptions>; onError: (e: unknown) => void;
  /** Twin worker threads; 0 runs the twin on the event loop (one-shot tools). Default 1. */
  twinWorkers?: number;
  /** Background rebuild of dirty day aggregates; `false` leaves it to the report requests. */
  kpiUpkeep?: Partial<KpiDayUpkeepOptions> | false;
  onUpkeepPass?: (rebuilt: number, ms: number) => void;
  /** Finished twin runs kept across restarts (the platform's store); without it they live in memory only. */
  twinResults?: TwinResultStore;
  /** Stamps stored twin runs (pruning keeps the newest); the demo's platform clock restarts at each start. Default `clock`. */
  wallClock?: Clock;
}): { reports: SeasonReports; expected: ExpectedRuns; stop: () => Promise<void> } {
  const file = deps.creditRulesFile ?? DEFAULT_CREDIT_RULES_FILE;
  const rules = loadCreditRulesFile(file);
  const workers = deps.twinWorkers ?? 1;
  const runner = workers > 0 ? createWorkerTwinRunner({ weatherFile: DEMO_WEATHER_FILE, workers }) : inProcessTwinRunner(parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8')));
  const expected = createExpectedRuns({
    store: deps.telemetry, runner, onError: deps.onError, ...(deps.expectedRuns ? { options: deps.expectedRuns } : {}),
    ...(deps.twinResults ? { results: { store: deps.twinResults, resultVersion: twinResultVersion(DEMO_WEATHER_FILE), clock: deps.wallClock ?? deps.clock } } : {}),
  });
  const upkeep = deps.kpiUpkeep === false ? null : createKpiDayUpkeep({
    store: deps.kpiDays, clock: deps.clock, onError: (e) => deps.onError(e), ...(deps.kpiUpkeep ? { options: deps.kpiUpkeep } : {}), ...(deps.onUpkeepPass ? { onPass: deps.onUpkeepPass } : {}),
  });
  upkeep?.start();
  const reports = createSeasonReports({
    index: deps.index, kpiDays: deps.kpiDays, faults: deps.faults, clock: deps.clock, expected,
    defaultCreditRules: { rules: rules.rules, source: 'data/credit-rules.json' },
  });
  return { reports, expected, stop: async () => { await upkeep?.stop(); await expected.stop(); } };
}
