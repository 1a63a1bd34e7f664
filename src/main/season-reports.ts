/**
 * Composition of the season reports: the default credit rules from data/credit-rules.json (checked at start-up:
 * a bad file stops the platform with the field named), the typical-year weather for the twin's expectations,
 * and the bounded cache of twin runs.
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
import { createExpectedRuns, createSeasonReports, type ExpectedRunOptions, type SeasonReports } from '../app/season-report/index.js';
import { CreditRuleWireSchema } from '../contract/season-report.js';
import { parseEpw } from '../sim/index.js';
import { DEMO_WEATHER_FILE } from './demo/start-demo.js';

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
}): { reports: SeasonReports; stop: () => void } {
  const file = deps.creditRulesFile ?? DEFAULT_CREDIT_RULES_FILE;
  const rules = loadCreditRulesFile(file);
  const expected = createExpectedRuns({ store: deps.telemetry, typicalWeather: parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8')), onError: deps.onError, ...(deps.expectedRuns ? { options: deps.expectedRuns } : {}) });
  const reports = createSeasonReports({
    index: deps.index, kpiDays: deps.kpiDays, faults: deps.faults, clock: deps.clock, expected,
    defaultCreditRules: { rules: rules.rules, source: 'data/credit-rules.json' },
  });
  return { reports, stop: () => expected.stop() };
}
