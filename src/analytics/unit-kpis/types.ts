/**
 * Inputs and outputs of the per-unit, per-period KPI engine. Every figure names its unit in its key
 * (kWh, h, C, K, Pct) and its SEPEMO boundary (h1…h4) where it has one; the period is on the result.
 * A figure that cannot be computed is `null` next to a reason code — never NaN, never a guess.
 */
import type { EmitterType, HeatPumpTypeKey } from '../../domain/heat-pump-types.js';
import type { ChannelKey } from '../../domain/telemetry-channels.js';

/** What the registry knows about the unit (HeatPumpUnit in src/domain/registry.ts). */
export interface UnitFacts {
  readonly unitId: string;
  readonly nominalCapacityKw: number;
  readonly type: HeatPumpTypeKey;
  readonly emitter: EmitterType;
  /**
   * true when the registry records that the unit has no backup heater: H3 then equals H2 even without a
   * `backupPowerW` channel. Left out, a missing backup channel makes H3 and H4 not computable.
   */
  readonly hasNoBackupHeater?: boolean;
}

export interface KpiOptions {
  /** Resampling interval (s); default 60. */
  readonly intervalS: number;
  /** Gaps between readings up to this length (s) are bridged with the last value; longer gaps are left out. Default 900. */
  readonly bridgeGapS: number;
  /** A sample is "running" when its electricity is at least this (W). Default 100 (heatpumpmonitor.org). */
  readonly runningThresholdW: number;
  /** Comfort target (°C). Default 18 (GB 50736-2012 residential design indoor temperature). */
  readonly targetIndoorC: number;
  /** Compressor on-times shorter than this (s) count as short cycles. Default 600. */
  readonly shortCycleMaxOnS: number;
  /** Heat-meter fault: ΔT above this (K) with flow above `heatFaultMinFlowC` while heat reads 0. Defaults 1.5 K, 30 °C. */
  readonly heatFaultMinDeltaTK: number;
  readonly heatFaultMinFlowC: number;
  /** Heat-meter fault episodes shorter than this (s) are ignored. Default 600. */
  readonly heatFaultMinEpisodeS: number;
  /** Register vs integrated power: flagged beyond max(rel·|integrated|, abs). Defaults 5 %, 0.5 kWh. */
  readonly registerToleranceRel: number;
  readonly registerToleranceAbsKWh: number;
  /** A power channel whose median positive value is below this (W) on a unit of ≥ 1 kW looks like kW sent as W. Default 5. */
  readonly kwAsWMedianW: number;
  /** Heating degree-day base (°C). Default 18 (GB 50176 / JGJ 26 use HDD18 for northern China). */
  readonly hddBaseC: number;
  /** Offset of local time for hour-of-day bins and degree-day days (h). Default 8 (Asia/Shanghai, no DST). */
  readonly localUtcOffsetH: number;
  /** The heat meter sits downstream of the backup heater, so metered heat includes backup heat. Default true. */
  readonly heatMeterIncludesBackup: boolean;
}

export type Boundary = 'h1' | 'h2' | 'h3' | 'h4';

export type NullReason =
  | 'no-data'
  | 'no-heat-meter'
  | 'no-compressor-meter'
  | 'no-unit-meter'
  | 'no-backup-meter'
  | 'no-pump-meter'
  | 'implausible-units'
  | 'no-overlapping-samples'
  | 'zero-electricity'
  | 'no-running-samples'
  | 'no-temperatures'
  | 'no-outdoor-temperature'
  | 'zero-degree-days'
  | 'no-indoor-temperature';

/** A figure with the reason it is missing (reason is null when value is a number). */
export interface Figure<T = number> { readonly value: T | null; readonly reason: NullReason | null }

export interface BoundaryEnergy {
  readonly spf: number | null;
  readonly reason: NullReason | null;
  /** Heat counted at this boundary (kWh) over the samples where every channel of the boundary is present. */
  readonly heatKWh: number;
  readonly electricityKWh: number;
  /** Hours of samples where every channel of the boundary is present. */
  readonly coveredH: number;
  /** Channels the boundary needs (for the label). */
  readonly channels: readonly ChannelKey[];
}

export interface ChannelCoverage {
  /** Samples holding a measured value, bridged value, and neither. */
  readonly measured: number;
  readonly bridged: number;
  readonly missing: number;
  /** Measured samples as a percentage of the expected samples in the period. */
  readonly coveragePct: number;
}

export type PlausibilityFlag = { readonly channel: ChannelKey; readonly code: 'looks-like-kw-sent-as-w'; readonly medianPositiveW: number }
  | { readonly channel: ChannelKey; readonly code: 'exceeds-carnot'; readonly carnotPct: number };

export interface RegisterCheck {
  readonly register: ChannelKey;
  readonly power: ChannelKey;
  /** Register difference over [fromMs, toMs] of its first and last reading (kWh). */
  readonly registerKWh: number;
  /** Integrated power over the same span (kWh); for heat both net (with defrost) and positive-only. */
  readonly integratedKWh: number | null;
  readonly integratedPositiveKWh: number | null;
  readonly toleranceKWh: number;
  readonly status: 'agree' | 'disagree' | 'register-went-backwards' | 'power-not-covered' | 'power-not-reported' | 'single-reading';
}
