import type { Series } from '../../../../src/contract/api.js';
import type { TelemetryPoint } from '../../charts/telemetry-option.js';
import { shanghaiMidnight, shanghaiParts } from '../../format/format.js';

export type PeriodKey = '24h' | '7d' | 'season';
export type Resolution = Series['resolution'];

export const PERIODS: { key: PeriodKey; defaultResolution: Resolution; resolutions: Resolution[] }[] = [
  { key: '24h', defaultResolution: '15m', resolutions: ['raw', '15m', '1h'] },
  { key: '7d', defaultResolution: '1h', resolutions: ['15m', '1h', '1d'] },
  { key: 'season', defaultResolution: '1d', resolutions: ['1h', '1d'] },
];

const DAY_MS = 86_400_000;

/**
 * The heating season (15 Nov – 15 Mar, Beijing) that contains `nowMs`, or the last one if `nowMs`
 * falls outside a season; clipped to `nowMs`.
 */
export function seasonRange(nowMs: number): { from: number; to: number } {
  const { year, month, day } = shanghaiParts(nowMs);
  const afterStart = month > 11 || (month === 11 && day >= 15);
  const startYear = afterStart ? year : year - 1;
  const from = shanghaiMidnight(startYear, 11, 15);
  const end = shanghaiMidnight(startYear + 1, 3, 16);
  return { from, to: Math.min(nowMs, end) };
}

export function periodRange(period: PeriodKey, nowMs: number): { from: number; to: number } {
  if (period === '24h') return { from: nowMs - DAY_MS, to: nowMs };
  if (period === '7d') return { from: nowMs - 7 * DAY_MS, to: nowMs };
  return seasonRange(nowMs);
}

/** Channels asked of the series endpoint; electric power is summed to boundary H4 like the site summary. */
export const SERIES_CHANNELS = ['indoorTempC', 'outdoorTempC', 'supplyTempC', 'returnTempC', 'unitPowerW', 'backupPowerW', 'pumpPowerW', 'heatPowerW'] as const;

export function seriesToPoints(series: Series): TelemetryPoint[] {
  return series.points.map((p) => {
    const v = p.values;
    const parts = [v.unitPowerW, v.backupPowerW, v.pumpPowerW].filter((x): x is number => typeof x === 'number');
    return {
      tsMs: p.tsMs,
      indoorTempC: v.indoorTempC,
      outdoorTempC: v.outdoorTempC,
      supplyTempC: v.supplyTempC,
      returnTempC: v.returnTempC,
      elecPowerW: parts.length ? parts.reduce((a, b) => a + b, 0) : undefined,
      heatPowerW: v.heatPowerW,
    };
  });
}
