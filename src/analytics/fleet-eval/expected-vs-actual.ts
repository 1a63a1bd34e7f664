/**
 * Expected vs actual (expected-vs-actual.md): the twin runs the unit's registered building, emitter and
 * unit (a typical household, src/sim/registry-mapping.ts) in the period's measured outdoor temperature;
 * the measured KPIs are compared at the same SEPEMO boundary; the gap is ranked across the fleet and
 * explained by likely causes. A metering fault makes a unit "not evaluable" — never a bad performer.
 */
import { z } from 'zod';
import type { Building, HeatPumpUnit } from '../../domain/registry.js';
import { householdFromRegistry, type TypicalHouseholdAssumptions, type WeatherSeries } from '../../sim/index.js';
import { DEFAULT_KPI_OPTIONS, type Boundary, type UnitKpis } from '../unit-kpis/index.js';
import { CauseThresholdsSchema, diagnoseCauses, type Cause } from './causes.js';
import { METERING_CODES, notEvaluableReasons, type NotEvaluableReason, type NotEvaluableText } from './evaluability.js';
import { runExpected, type ExpectedFigures } from './expected-performance.js';
import { periodWeather, type HourlyTemperature } from './measured-weather.js';
import { BoundarySchema } from './rankings.js';
import { parseOrExplain } from './zod-errors.js';

export const ExpectedVsActualOptionsSchema = z.object({
  boundary: BoundarySchema.default('h2'),
  /** Twin reporting step (s); the physics runs at ≤ 60 s inside it. Default 300. */
  stepS: z.number().int().min(60).max(3600).default(300),
  /** Warm-up before the period so the building's mass starts in a realistic state (h). Default 72. */
  warmupH: z.number().min(0).max(24 * 30).default(72),
  /** Below this share of measured hours the weather is flagged as leaning on the typical year (%). */
  minMeasuredWeatherPct: z.number().min(0).max(100).default(90),
  thresholds: CauseThresholdsSchema.prefault({}),
}).strict();
export type ExpectedVsActualOptions = z.input<typeof ExpectedVsActualOptionsSchema>;

export interface ExpectedVsActualInput {
  readonly unit: HeatPumpUnit;
  readonly building: Building | undefined;
  readonly kpis: UnitKpis;
  /** The unit's own hourly mean outdoor temperature over the period (empty: typical year, with a warning). */
  readonly hourlyOutdoorC: readonly HourlyTemperature[];
  /** Typical-year weather of the site (EPW), the fallback and the source of humidity and sun. */
  readonly typicalWeather: WeatherSeries;
  readonly assumptions?: TypicalHouseholdAssumptions;
}

export interface ActualFigures {
  readonly spf: Readonly<Record<Boundary, number | null>>;
  readonly heatKWh: number | null; readonly electricityKWh: number | null;
  readonly hoursBelowTarget: number | null; readonly heatWeightedFlowC: number | null; readonly carnotPct: number | null;
  readonly startsPerRunningHour: number | null; readonly loadRatio: number | null; readonly defrostSharePct: number | null;
}

export interface ExpectedVsActual {
  readonly unitId: string;
  readonly period: { readonly fromIso: string; readonly toIso: string };
  readonly boundary: Boundary;
  readonly boundaryLabel: string;
  readonly status: 'evaluated' | 'not-evaluable';
  readonly notEvaluable: readonly NotEvaluableReason[] | readonly { readonly code: 'no-building'; readonly detail: string; readonly text: NotEvaluableText }[];
  readonly weather: { readonly source: 'measured' | 'mixed' | 'typical-year'; readonly measuredHoursPct: number };
  readonly expected: ExpectedFigures | null;
  readonly actual: ActualFigures;
  /** actual − expected at the boundary; `electricityExcessKWh` = actual electricity − actual heat / expected SPF. */
  readonly gap: { readonly spf: number; readonly spfPct: number; readonly electricityExcessKWh: number } | null;
  readonly causes: readonly Cause[];
  readonly warnings: readonly string[];
}

function actualOf(k: UnitKpis, b: Boundary): ActualFigures {
  const be = k.energy.boundaries[b];
  return {
    spf: k.spf, heatKWh: be.spf === null ? null : be.heatKWh, electricityKWh: be.spf === null ? null : be.electricityKWh,
    hoursBelowTarget: k.comfort.reason ? null : k.comfort.hoursBelow, heatWeightedFlowC: k.temperatures.heatWeightedFlowC, carnotPct: k.temperatures.carnotPct,
    startsPerRunningHour: k.cycling.startsPerRunningHour, loadRatio: k.loadRatio.value, defrostSharePct: k.defrost.shareOfHeatPct,
  };
}

/** First and last local day of [fromMs, toMs), both inclusive (Asia/Shanghai, the KPIs' local offset). */
function localDaysLabel(fromMs: number, toMs: number): string {
  const offsetMs = DEFAULT_KPI_OPTIONS.localUtcOffsetH * 3_600_000;
  const day = (ms: number) => new Date(ms + offsetMs).toISOString().slice(0, 10);
  return `${day(fromMs)}..${day(Math.max(fromMs, toMs - 1))}`;
}

export function expectedVsActual(input: ExpectedVsActualInput, optionsInput: ExpectedVsActualOptions = {}): ExpectedVsActual {
  const o = parseOrExplain(ExpectedVsActualOptionsSchema, optionsInput, 'expected-vs-actual options');
  const k = input.kpis;
  if (k.unitId !== input.unit.id) throw new Error(`expected vs actual: KPIs of ${k.unitId} given for unit ${input.unit.id}`);
  const b = o.boundary;
  const base = {
    unitId: input.unit.id, period: { fromIso: k.period.fromIso, toIso: k.period.toIso }, boundary: b,
    boundaryLabel: `SPF ${b.toUpperCase()}, ${localDaysLabel(k.period.fromMs, k.period.toMs)}`,
    actual: actualOf(k, b),
  };
  if (!input.building) {
    return { ...base, status: 'not-evaluable', notEvaluable: [{ code: 'no-building', detail: 'no building registered for the unit\'s site: the twin has nothing to simulate', text: { code: 'no-building', params: {} } }], weather: { source: 'typical-year', measuredHoursPct: 0 }, expected: null, gap: null, causes: [], warnings: [] };
  }
  const period = { fromMs: k.period.fromMs, toMs: k.period.toMs };
  const w = periodWeather(input.typicalWeather, input.hourlyOutdoorC, period, o.minMeasuredWeatherPct);
  const household = householdFromRegistry(input.unit, input.building, input.assumptions);
  const expected = runExpected(household, w.weather, period, { stepS: o.stepS, warmupH: o.warmupH, targetIndoorC: k.comfort.targetIndoorC });
  const metering = notEvaluableReasons(k, { boundary: b, minCoveragePct: 0, minHeatKWh: 0 }).filter((r) => METERING_CODES.includes(r.code) || r.code === 'boundary-not-available');
  const weather = { source: w.source, measuredHoursPct: w.measuredHoursPct };
  const warnings = [...w.warnings];
  if (metering.length > 0) return { ...base, status: 'not-evaluable', notEvaluable: metering, weather, expected, gap: null, causes: [], warnings };
  const act = k.spf[b] as number;
  const exp = expected.spf[b];
  if (exp === null) return { ...base, status: 'not-evaluable', notEvaluable: [{ code: 'boundary-not-available', detail: `the twin gives no SPF ${b.toUpperCase()} (no electricity in the period)`, text: { code: 'twin-no-spf', params: { boundary: b.toUpperCase() } } }], weather, expected, gap: null, causes: [], warnings };
  const be = k.energy.boundaries[b];
  return {
    ...base, status: 'evaluated', notEvaluable: [], weather, expected,
    gap: { spf: act - exp, spfPct: (100 * (act - exp)) / exp, electricityExcessKWh: be.electricityKWh - be.heatKWh / exp },
    causes: diagnoseCauses(k, expected, o.thresholds),
    warnings,
  };
}

export interface ShortfallRanking {
  readonly boundary: Boundary;
  readonly period: { readonly fromIso: string; readonly toIso: string } | null;
  readonly population: { readonly units: number; readonly evaluated: number; readonly notEvaluable: number };
  /** Largest shortfall first (most negative gap in %). */
  readonly ranked: readonly { readonly rank: number; readonly unitId: string; readonly gapSpf: number; readonly gapPct: number; readonly actualSpf: number; readonly expectedSpf: number; readonly causes: readonly string[] }[];
  readonly notEvaluable: readonly { readonly unitId: string; readonly reasons: readonly string[] }[];
}

export function rankByShortfall(results: readonly ExpectedVsActual[]): ShortfallRanking {
  const b = results[0]?.boundary ?? 'h2';
  const mixed = results.find((r) => r.boundary !== b);
  if (mixed) throw new Error(`shortfall ranking: ${mixed.unitId} is at ${mixed.boundary.toUpperCase()}, others at ${b.toUpperCase()}`);
  const ok = results.filter((r) => r.status === 'evaluated' && r.gap !== null);
  const ranked = [...ok].sort((x, y) => (x.gap?.spfPct ?? 0) - (y.gap?.spfPct ?? 0) || x.unitId.localeCompare(y.unitId)).map((r, i) => ({
    rank: i + 1, unitId: r.unitId, gapSpf: r.gap?.spf ?? 0, gapPct: r.gap?.spfPct ?? 0,
    actualSpf: r.actual.spf[b] as number, expectedSpf: r.expected?.spf[b] as number, causes: r.causes.map((c) => c.code),
  }));
  return {
    boundary: b, period: results[0]?.period ?? null,
    population: { units: results.length, evaluated: ok.length, notEvaluable: results.length - ok.length },
    ranked,
    notEvaluable: results.filter((r) => r.status === 'not-evaluable').map((r) => ({ unitId: r.unitId, reasons: r.notEvaluable.map((x) => `${x.code}: ${x.detail}`) })),
  };
}
