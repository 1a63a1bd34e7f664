/**
 * Per-unit, per-period KPIs (heatpumpmonitor.org / emoncms My Heatpump definitions, SEPEMO boundaries)
 * and their fleet aggregation. Pure: callers fetch readings and rollups through the TelemetryStore port.
 */
export { computeUnitKpis, type UnitKpis } from './compute-unit-kpis.js';
export { DEFAULT_KPI_OPTIONS, resolveOptions } from './options.js';
export type {
  UnitFacts, KpiOptions, Boundary, NullReason, Figure, BoundaryEnergy, ChannelCoverage, PlausibilityFlag, RegisterCheck,
} from './types.js';
export type { EnergyResult, ComponentEnergy } from './energy.js';
export type { DefrostResult } from './defrost.js';
export type { CyclingResult } from './cycling.js';
export type { LoadRatioResult } from './load-ratio.js';
export type { TemperatureResult } from './temperatures.js';
export { idealCarnotCop } from './temperatures.js';
export type { ComfortResult, ComfortBin } from './comfort.js';
export type { HeatMeterFaultResult } from './heat-meter-fault.js';
export type { DegreeDayResult } from './degree-days.js';
export { fleetSpf, energyFromRollups, RAW_ONLY_KPIS, type FleetSpfResult, type FleetBoundary, type RollupEnergy, type RollupBoundary, type RollupBucket, type ChannelAggregate } from './fleet.js';
