import type { TFunction } from 'i18next';
import { SHANGHAI_OFFSET_MS } from '../format/format.js';
import type { ChartOption } from './echarts.js';

/** One instant of a site's or unit's operating state, in SI units as on the wire. */
export interface TelemetryPoint {
  tsMs: number;
  indoorTempC?: number | null;
  outdoorTempC?: number | null;
  supplyTempC?: number | null;
  returnTempC?: number | null;
  /** Electric power at boundary H4 (unit + backup heater + circulation pump), W. */
  elecPowerW?: number | null;
  heatPowerW?: number | null;
}

type Key = Exclude<keyof TelemetryPoint, 'tsMs'>;
const TEMPS: { key: Key; color: string }[] = [
  { key: 'indoorTempC', color: '#d4380d' },
  { key: 'outdoorTempC', color: '#1677ff' },
  { key: 'supplyTempC', color: '#fa8c16' },
  { key: 'returnTempC', color: '#13c2c2' },
];
const POWERS: { key: Key; color: string }[] = [
  { key: 'elecPowerW', color: '#722ed1' },
  { key: 'heatPowerW', color: '#52c41a' },
];

const pad = (n: number): string => String(n).padStart(2, '0');
/** Axis times: points are shifted to UTC+8 and the chart runs in UTC, so labels read in Beijing time. */
const axisLabel = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}\n${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

/**
 * Temperatures (°C) on the left axis, electric and heat power (kW) on the right. Only channels that
 * have at least one value become series, so the legend never lists empty lines.
 */
export function telemetryOption(points: TelemetryPoint[], t: TFunction, opts: { title?: string; zoom?: boolean; animation?: boolean } = {}): ChartOption {
  const present = (k: Key): boolean => points.some((p) => typeof p[k] === 'number');
  const line = (k: Key, color: string, axis: 0 | 1, scale: number) => ({
    name: t(`chart.${k}`),
    type: 'line' as const,
    yAxisIndex: axis,
    showSymbol: points.length < 40,
    connectNulls: false,
    color,
    lineStyle: { width: axis === 1 ? 1.2 : 1.8 },
    ...(axis === 1 ? { areaStyle: { opacity: 0.08 } } : {}),
    data: points.map((p) => {
      const v = p[k];
      return [p.tsMs + SHANGHAI_OFFSET_MS, typeof v === 'number' ? Math.round((v / scale) * 100) / 100 : null];
    }),
  });
  const series = [
    ...TEMPS.filter((c) => present(c.key)).map((c) => line(c.key, c.color, 0, 1)),
    ...POWERS.filter((c) => present(c.key)).map((c) => line(c.key, c.color, 1, 1000)),
  ];
  return {
    animation: opts.animation ?? false,
    useUTC: true,
    title: opts.title ? { text: opts.title, left: 'center', top: 0, textStyle: { fontSize: 13, fontWeight: 'normal' } } : undefined,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross' },
      valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(1) : '—'),
    },
    legend: { top: opts.title ? 24 : 0, type: 'scroll' },
    grid: { left: 56, right: 64, top: opts.title ? 64 : 40, bottom: opts.zoom ? 72 : 40 },
    xAxis: { type: 'time', axisLabel: { formatter: (v: number) => axisLabel(v), hideOverlap: true } },
    yAxis: [
      { type: 'value', name: t('chart.tempAxis'), scale: true, axisLabel: { formatter: '{value}' } },
      { type: 'value', name: t('chart.powerAxis'), min: 0, splitLine: { show: false } },
    ],
    dataZoom: opts.zoom ? [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 12, labelFormatter: (v: number) => axisLabel(v).replace('\n', ' ') }] : [],
    series,
  };
}
