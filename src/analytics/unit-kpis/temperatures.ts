/**
 * Flow temperature weighted by heat, mean ΔT and % of Carnot (temperatures.md). The ideal COP follows
 * heatpumpmonitor.org: condensing at flow + 2 K, evaporating at source − 6 K (Carnot, in kelvin).
 */
import { heatPumpType } from '../../domain/heat-pump-types.js';
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import type { Grid } from './resample.js';
import type { RunningMask } from './running.js';
import type { NullReason, UnitFacts } from './types.js';

export const KELVIN = 273.15;
/** heatpumpmonitor.org's approach temperatures: condenser 2 K above flow, evaporator 6 K below the source. */
export const CONDENSER_APPROACH_K = 2;
export const EVAPORATOR_APPROACH_K = 6;

/** Carnot heating COP from flow and source temperature (°C); null where the lift is not positive. */
export function idealCarnotCop(flowC: number, sourceC: number): number | null {
  const condK = flowC + CONDENSER_APPROACH_K + KELVIN;
  const lift = flowC + CONDENSER_APPROACH_K - (sourceC - EVAPORATOR_APPROACH_K);
  return lift > 0 ? condK / lift : null;
}

export interface TemperatureResult {
  /** Σ(flow·heat)/Σheat over samples with positive heat (°C). */
  readonly heatWeightedFlowC: number | null;
  /** Σ((flow − return)·heat)/Σheat over the same samples (K). */
  readonly heatWeightedDeltaTK: number | null;
  /** Σ heat / Σ(electricity · Carnot COP) over running samples, in %; the electricity of the running channel. */
  readonly carnotPct: number | null;
  readonly carnotBoundary: 'h1' | 'h2' | null;
  readonly sourceTempChannel: ChannelKey;
  readonly reason: NullReason | null;
}

/** `hpHeat(j)` is the heat-pump heat of slot j (NaN where unknown). */
export function computeTemperatures(grid: Grid, facts: UnitFacts, run: RunningMask, hpHeat: ((j: number) => number) | null): TemperatureResult {
  const sourceTempChannel = heatPumpType(facts.type).sourceTempChannel;
  const flow = grid.series.get('supplyTempC');
  const ret = grid.series.get('returnTempC');
  const src = grid.series.get(sourceTempChannel);
  const elec = run.channel ? grid.series.get(run.channel) : undefined;
  let wq = 0; let wFlow = 0; let wqDt = 0; let wDt = 0; let heatC = 0; let idealC = 0;
  if (hpHeat && flow) for (let j = 0; j < grid.slots; j++) {
    const q = hpHeat(j);
    const f = flow.values[j] as number;
    if (!(q > 0) || f !== f) continue;
    const d = grid.durS[j] as number;
    wq += q * d; wFlow += f * q * d;
    const r = ret ? (ret.values[j] as number) : Number.NaN;
    if (r === r) { wqDt += q * d; wDt += (f - r) * q * d; }
    if (run.state[j] !== 1 || !src || !elec) continue;
    const s = src.values[j] as number;
    const e = elec.values[j] as number;
    const cop = s === s ? idealCarnotCop(f, s) : null;
    if (cop === null || e !== e) continue;
    heatC += q * d; idealC += e * cop * d;
  }
  const boundary = run.channel === 'unitPowerW' ? 'h2' : run.channel === 'compressorPowerW' ? 'h1' : null;
  return {
    heatWeightedFlowC: wq > 0 ? wFlow / wq : null,
    heatWeightedDeltaTK: wqDt > 0 ? wDt / wqDt : null,
    carnotPct: idealC > 0 ? (100 * heatC) / idealC : null,
    carnotBoundary: boundary,
    sourceTempChannel,
    reason: !hpHeat ? 'no-heat-meter' : !flow ? 'no-temperatures' : wq === 0 ? 'no-running-samples' : null,
  };
}
