/**
 * Default options of the KPI engine, each with where it comes from (docs/analytics/unit-kpis.md lists
 * them for users). Options are programmer input: an impossible value is a bug and throws.
 */
import type { KpiOptions } from './types.js';

export const DEFAULT_KPI_OPTIONS: KpiOptions = {
  // heatpumpmonitor.org / emoncms My Heatpump: resampled to a fixed interval, gaps < 15 min bridged, running ≥ 100 W.
  intervalS: 60,
  bridgeGapS: 15 * 60,
  runningThresholdW: 100,
  // GB 50736-2012: residential indoor design temperature for heating 18 °C.
  targetIndoorC: 18,
  // A convention, not a standard: on-times under 10 min are widely called short cycles; configurable.
  shortCycleMaxOnS: 10 * 60,
  // heatpumpmonitor.org heat-meter error rule: ΔT > 1.5 K and flow > 30 °C while heat reads 0.
  heatFaultMinDeltaTK: 1.5,
  heatFaultMinFlowC: 30,
  heatFaultMinEpisodeS: 10 * 60,
  // EN 1434 class 2 heat meters: MPE up to ≈ ±5 % at small ΔT; MID class B electricity meters ±1 %.
  registerToleranceRel: 0.05,
  registerToleranceAbsKWh: 0.5,
  kwAsWMedianW: 5,
  hddBaseC: 18,
  localUtcOffsetH: 8,
  heatMeterIncludesBackup: true,
};

export function resolveOptions(partial: Partial<KpiOptions> = {}): KpiOptions {
  const o: KpiOptions = { ...DEFAULT_KPI_OPTIONS, ...partial };
  const positive: (keyof KpiOptions)[] = ['intervalS', 'bridgeGapS', 'shortCycleMaxOnS', 'registerToleranceAbsKWh'];
  for (const k of positive) {
    const v = o[k];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new Error(`unit KPI option ${k}: ${String(v)} must be a positive number`);
  }
  for (const k of ['runningThresholdW', 'heatFaultMinDeltaTK', 'heatFaultMinEpisodeS', 'registerToleranceRel', 'kwAsWMedianW'] as const) {
    if (!(o[k] >= 0) || !Number.isFinite(o[k])) throw new Error(`unit KPI option ${k}: ${o[k]} must be a non-negative number`);
  }
  for (const k of ['targetIndoorC', 'heatFaultMinFlowC', 'hddBaseC', 'localUtcOffsetH'] as const) {
    if (!Number.isFinite(o[k])) throw new Error(`unit KPI option ${k}: ${o[k]} must be a finite number`);
  }
  return o;
}
