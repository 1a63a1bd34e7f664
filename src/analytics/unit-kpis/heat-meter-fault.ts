/**
 * Heat-meter fault detection (heat-meter-fault.md, after heatpumpmonitor.org): the unit draws running
 * electricity, the water shows a real temperature rise (ΔT above the limit, flow above the limit) and
 * yet the heat meter reads zero. Episodes shorter than the minimum duration are ignored.
 */
import type { Grid } from './resample.js';
import type { RunningMask } from './running.js';
import type { KpiOptions, NullReason } from './types.js';

/** A heat reading below this magnitude (W) counts as zero: the last digit of a W reading. */
export const HEAT_ZERO_W = 1;

export interface HeatMeterFaultResult {
  readonly detected: boolean | null;
  readonly reason: NullReason | null;
  readonly episodes: number;
  readonly durationH: number;
  /** Electricity (running channel) drawn during the fault episodes, kWh: heat is missing for it. */
  readonly electricityKWh: number;
}

export function detectHeatMeterFault(grid: Grid, run: RunningMask, heatUsable: boolean, o: KpiOptions): HeatMeterFaultResult {
  const heat = heatUsable ? grid.series.get('heatPowerW') : undefined;
  const flow = grid.series.get('supplyTempC');
  const ret = grid.series.get('returnTempC');
  const defrost = grid.series.get('defrost');
  const elec = run.channel ? grid.series.get(run.channel) : undefined;
  if (!heat || !flow || !ret || !elec) {
    return { detected: null, reason: !heat ? 'no-heat-meter' : !elec ? 'no-unit-meter' : 'no-temperatures', episodes: 0, durationH: 0, electricityKWh: 0 };
  }
  let episodes = 0; let durationS = 0; let elecWs = 0;
  let curS = 0; let curWs = 0;
  const close = () => {
    if (curS >= o.heatFaultMinEpisodeS) { episodes++; durationS += curS; elecWs += curWs; }
    curS = 0; curWs = 0;
  };
  for (let j = 0; j < grid.slots; j++) {
    const q = heat.values[j] as number;
    const f = flow.values[j] as number;
    const r = ret.values[j] as number;
    const inDefrost = defrost ? (defrost.values[j] as number) >= 0.5 : false;
    const fault = run.state[j] === 1 && Math.abs(q) < HEAT_ZERO_W && f - r > o.heatFaultMinDeltaTK && f > o.heatFaultMinFlowC && !inDefrost;
    if (fault) { const d = grid.durS[j] as number; curS += d; curWs += (elec.values[j] as number) * d; } else close();
  }
  close();
  return { detected: episodes > 0, reason: null, episodes, durationH: durationS / 3600, electricityKWh: elecWs / 3.6e6 };
}
