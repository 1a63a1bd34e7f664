/**
 * Defrost (defrost.md): episodes and duration from the `defrost` flag where reported, else from samples
 * of negative heat; energy = the sum of negative heat (heatpumpmonitor.org), reported as a positive kWh.
 */
import type { Grid } from './resample.js';

const WS_PER_KWH = 3.6e6;

export interface DefrostResult {
  readonly source: 'defrost-flag' | 'negative-heat' | null;
  readonly episodes: number;
  readonly durationH: number;
  /** Heat drawn back from the heating circuit (Σ of negative heat), kWh ≥ 0; null without a heat meter. */
  readonly energyKWh: number | null;
  /** Defrost energy as a share of gross (positive) heat. */
  readonly shareOfHeatPct: number | null;
}

export function computeDefrost(grid: Grid, heatUsable: boolean): DefrostResult {
  const flag = grid.series.get('defrost');
  const heat = heatUsable ? grid.series.get('heatPowerW') : undefined;
  const source = flag ? 'defrost-flag' : heat ? 'negative-heat' : null;
  let episodes = 0; let durationS = 0; let negWs = 0; let posWs = 0;
  let prev = false;
  for (let j = 0; j < grid.slots; j++) {
    const d = grid.durS[j] as number;
    const h = heat ? (heat.values[j] as number) : Number.NaN;
    if (h === h) { if (h < 0) negWs -= h * d; else posWs += h * d; }
    const f = flag ? (flag.values[j] as number) : Number.NaN;
    const known = flag ? f === f : h === h;
    const on = flag ? f >= 0.5 : h < 0;
    if (known && on) { if (!prev) episodes++; durationS += d; }
    prev = known && on; // a missing sample ends an episode
  }
  return {
    source,
    episodes,
    durationH: durationS / 3600,
    energyKWh: heat ? negWs / WS_PER_KWH : null,
    shareOfHeatPct: heat && posWs > 0 ? (100 * negWs) / posWs : null,
  };
}
