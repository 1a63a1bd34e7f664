/**
 * The occupants' setpoints as the unit reports them (`setpointC`), for the twin's expectation: the day
 * setpoint is the 90th percentile of the reported values and the night setback the distance to the 10th
 * (robust to the short overrides and boosts a schedule sees). Comfort is then judged against what the
 * household asked for, not against an assumed 18.5 °C. Null when the unit does not report a setpoint.
 */
import type { Reading } from '../../domain/telemetry-channels.js';
import type { TypicalHouseholdAssumptions } from '../../sim/index.js';
import { quantileSorted, sortedCopy } from './stats.js';

export function setpointsFromReadings(readings: readonly Reading[], period: { fromMs: number; toMs: number }): Pick<TypicalHouseholdAssumptions, 'daySetpointC' | 'nightSetbackK'> | null {
  const v = readings.filter((r) => r.tsMs >= period.fromMs && r.tsMs < period.toMs).map((r) => r.values.setpointC).filter((x): x is number => x !== undefined && Number.isFinite(x));
  if (v.length === 0) return null;
  const s = sortedCopy(v);
  const day = quantileSorted(s, 0.9);
  return { daySetpointC: day, nightSetbackK: Math.max(0, day - quantileSorted(s, 0.1)) };
}
