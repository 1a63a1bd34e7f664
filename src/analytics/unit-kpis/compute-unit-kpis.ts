/**
 * The per-unit, per-period KPI engine: resample the unit's readings, judge their plausibility, then compute
 * every KPI from the same grid (docs/analytics/unit-kpis.md). Pure and deterministic.
 */
import type { ChannelKey, Reading } from '../../domain/telemetry-channels.js';
import { computeComfort, type ComfortResult } from './comfort.js';
import { computeCoverage } from './coverage.js';
import { computeCycling, type CyclingResult } from './cycling.js';
import { computeDefrost, type DefrostResult } from './defrost.js';
import { computeDegreeDays, type DegreeDayResult } from './degree-days.js';
import { computeEnergy, heatSlots, type EnergyResult } from './energy.js';
import { detectHeatMeterFault, type HeatMeterFaultResult } from './heat-meter-fault.js';
import { computeLoadRatio, type LoadRatioResult } from './load-ratio.js';
import { resolveOptions } from './options.js';
import { kwAsWFlags } from './plausibility.js';
import { checkRegisters } from './register-check.js';
import { resample, type Grid } from './resample.js';
import { compressorRunning, electricRunning } from './running.js';
import { computeTemperatures, type TemperatureResult } from './temperatures.js';
import { UNIT_WARNINGS, warningList, type UnitWarningCode } from './warnings.js';
import type { Boundary, ChannelCoverage, KpiOptions, NullReason, PlausibilityFlag, RegisterCheck, UnitFacts } from './types.js';

export interface UnitKpis {
  readonly unitId: string;
  readonly period: { readonly fromMs: number; readonly toMs: number; readonly fromIso: string; readonly toIso: string; readonly hours: number; readonly intervalS: number };
  /** 'no-data': no reading of the unit in the period; every figure is null with reason 'no-data'. */
  readonly status: 'ok' | 'no-data';
  readonly input: Grid['stats'];
  /** SPF at H1–H4 (Σ heat / Σ electricity), null where the boundary is not computable (see energy.boundaries[b].reason). */
  readonly spf: Readonly<Record<Boundary, number | null>>;
  readonly boundaryAvailable: Readonly<Record<Boundary, boolean>>;
  readonly energy: EnergyResult;
  readonly defrost: DefrostResult;
  readonly cycling: CyclingResult;
  readonly loadRatio: LoadRatioResult;
  readonly temperatures: TemperatureResult;
  readonly comfort: ComfortResult;
  readonly coverage: Partial<Record<ChannelKey, ChannelCoverage>>;
  readonly registers: readonly RegisterCheck[];
  readonly heatMeterFault: HeatMeterFaultResult;
  readonly plausibility: { readonly flags: readonly PlausibilityFlag[]; readonly excludedChannels: readonly ChannelKey[] };
  readonly weather: DegreeDayResult;
  /** Human-readable notes on assumptions and detected problems, in the order found. */
  readonly warnings: readonly string[];
  /** The same warnings, same order, as codes with their numbers (warnings.ts; worded in zh-CN and English by src/contract/texts/unit-texts.ts). */
  readonly warningRefs: readonly { readonly code: UnitWarningCode; readonly params: Readonly<Record<string, string | number>> }[];
}

/** Replaces every non-null `reason` with 'no-data' (a period without readings says so everywhere). */
function markNoData<T>(x: T): T {
  if (Array.isArray(x)) return x.map(markNoData) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = k === 'reason' && v !== null ? ('no-data' satisfies NullReason) : markNoData(v);
  return out as T;
}

export function computeUnitKpis(readings: readonly Reading[], facts: UnitFacts, period: { fromMs: number; toMs: number }, options: Partial<KpiOptions> = {}): UnitKpis {
  const o = resolveOptions(options);
  const { fromMs, toMs } = period;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) throw new Error(`unit KPIs: period [${fromMs}, ${toMs}) is empty or not a time range`);
  if (!(facts.nominalCapacityKw > 0)) throw new Error(`unit KPIs: ${facts.unitId} nominal capacity ${facts.nominalCapacityKw} kW must be positive`);
  const own = readings.filter((r) => r.unitId === facts.unitId);
  const grid = resample(own, fromMs, toMs, o.intervalS, o.bridgeGapS);
  const { add, texts: warnings, refs: warningRefs } = warningList();
  if (own.length < readings.length) add(UNIT_WARNINGS.otherUnitsIgnored(readings.length - own.length));
  if (grid.stats.conflictingValues > 0) add(UNIT_WARNINGS.conflictingDuplicates(grid.stats.conflictingValues));

  const kwFlags = kwAsWFlags(grid, facts, o);
  const flags: PlausibilityFlag[] = [...kwFlags];
  const excluded = new Set<ChannelKey>(kwFlags.map((f) => f.channel));
  for (const f of kwFlags) add(UNIT_WARNINGS.kwSentAsW(f.channel, f.medianPositiveW));
  const elecRun = electricRunning(grid, excluded, o.runningThresholdW);
  const compRun = compressorRunning(grid, excluded, o.runningThresholdW);
  const hs = heatSlots(grid, facts, o, excluded);
  for (const a of hs.assumptions) add(a);
  const energy = computeEnergy(grid, excluded, elecRun, hs);
  const heatUsable = hs.heatRaw !== null;
  const temperatures = computeTemperatures(grid, facts, elecRun, hs.hpHeat);
  if (temperatures.carnotPct !== null && temperatures.carnotPct > 100 && elecRun.channel) {
    flags.push({ channel: elecRun.channel, code: 'exceeds-carnot', carnotPct: temperatures.carnotPct });
    add(UNIT_WARNINGS.exceedsCarnot(temperatures.carnotPct));
  }
  const registers = checkRegisters(grid, o, excluded);
  for (const r of registers) if (r.status === 'disagree' || r.status === 'register-went-backwards') add(UNIT_WARNINGS.register(r.register, r.power, r.status));
  const heatMeterFault = detectHeatMeterFault(grid, elecRun, heatUsable, o);
  if (heatMeterFault.detected) add(UNIT_WARNINGS.heatMeterFault(heatMeterFault.durationH));
  const result: UnitKpis = {
    unitId: facts.unitId,
    period: { fromMs, toMs, fromIso: new Date(fromMs).toISOString(), toIso: new Date(toMs).toISOString(), hours: (toMs - fromMs) / 3_600_000, intervalS: o.intervalS },
    status: grid.stats.readingsInPeriod === 0 ? 'no-data' : 'ok',
    input: grid.stats,
    spf: energy.spf,
    boundaryAvailable: energy.boundaryAvailable,
    energy,
    defrost: computeDefrost(grid, heatUsable),
    cycling: computeCycling(grid, compRun, o.shortCycleMaxOnS),
    loadRatio: computeLoadRatio(grid, elecRun, hs.hpHeat, facts.nominalCapacityKw),
    temperatures,
    comfort: computeComfort(grid, o.targetIndoorC, o.localUtcOffsetH),
    coverage: computeCoverage(grid),
    registers,
    heatMeterFault,
    plausibility: { flags, excludedChannels: [...excluded] },
    weather: computeDegreeDays(grid, o.hddBaseC, o.localUtcOffsetH, energy.heatKWh.metered.kWh),
    warnings,
    warningRefs,
  };
  if (result.status === 'no-data') return markNoData({ ...result, warnings: [...warnings, UNIT_WARNINGS.noReadings().text], warningRefs: [...warningRefs, { code: 'no-readings', params: {} }] });
  return result;
}
