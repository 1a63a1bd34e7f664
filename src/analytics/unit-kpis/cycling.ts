/**
 * Compressor starts and short cycling (cycling.md): a start is a 0→1 transition of the running state
 * between two consecutive known samples; an on-time is a run of running samples bounded by off samples
 * on both sides, and one shorter than the short-cycle limit is a short cycle.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import type { Grid } from './resample.js';
import type { RunningMask } from './running.js';

export interface CyclingResult {
  readonly source: ChannelKey | null;
  readonly starts: number;
  readonly runningH: number;
  readonly startsPerRunningHour: number | null;
  /** On-times bounded by off samples on both sides (runs touching a gap or the period edge are not judged). */
  readonly completeCycles: number;
  readonly shortCycles: number;
  readonly shortCycleMaxOnS: number;
  readonly medianOnTimeMin: number | null;
}

export function computeCycling(grid: Grid, run: RunningMask, shortCycleMaxOnS: number): CyclingResult {
  const st = run.state;
  let starts = 0; let runningS = 0; let shortCycles = 0;
  const onTimesS: number[] = [];
  let runStartedAfterOff = false; let onS = 0;
  for (let j = 0; j < grid.slots; j++) {
    const s = st[j] as number;
    const prev = j > 0 ? (st[j - 1] as number) : -1;
    if (s === 1) {
      runningS += grid.durS[j] as number;
      if (prev === 0) { starts++; runStartedAfterOff = true; onS = 0; }
      else if (prev !== 1) runStartedAfterOff = false;
      onS += grid.durS[j] as number;
    } else if (s === 0 && prev === 1 && runStartedAfterOff) {
      onTimesS.push(onS);
      if (onS < shortCycleMaxOnS) shortCycles++;
    }
  }
  const sorted = onTimesS.sort((a, b) => a - b);
  const m = sorted.length >> 1;
  const medianS = sorted.length === 0 ? null : sorted.length % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
  return {
    source: run.channel,
    starts,
    runningH: runningS / 3600,
    startsPerRunningHour: runningS > 0 ? starts / (runningS / 3600) : null,
    completeCycles: onTimesS.length,
    shortCycles,
    shortCycleMaxOnS,
    medianOnTimeMin: medianS === null ? null : medianS / 60,
  };
}
