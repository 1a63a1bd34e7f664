/**
 * Data coverage per channel (resample.md): measured samples as a percentage of the samples expected in
 * the period at the resampling interval (heatpumpmonitor.org "data quality"); bridged samples are counted
 * apart. The energy and temperature channels the KPIs rely on are listed even when never reported.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import { SLOT_BRIDGED, SLOT_MEASURED, type Grid } from './resample.js';
import type { ChannelCoverage } from './types.js';

export const KEY_CHANNELS: readonly ChannelKey[] = ['heatPowerW', 'unitPowerW', 'supplyTempC', 'returnTempC', 'outdoorTempC', 'indoorTempC'];

export function computeCoverage(grid: Grid): Partial<Record<ChannelKey, ChannelCoverage>> {
  const out: Partial<Record<ChannelKey, ChannelCoverage>> = {};
  const keys = new Set<ChannelKey>([...KEY_CHANNELS, ...grid.series.keys()]);
  for (const k of keys) {
    const s = grid.series.get(k);
    let measured = 0; let bridged = 0;
    if (s) for (let j = 0; j < grid.slots; j++) {
      if (s.state[j] === SLOT_MEASURED) measured++;
      else if (s.state[j] === SLOT_BRIDGED) bridged++;
    }
    out[k] = { measured, bridged, missing: grid.slots - measured - bridged, coveragePct: grid.slots > 0 ? (100 * measured) / grid.slots : 0 };
  }
  return out;
}
