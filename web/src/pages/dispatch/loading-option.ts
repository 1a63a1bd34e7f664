import type { TFunction } from 'i18next';
import type { ChartOption } from '../../charts/echarts.js';
import type { PlanVsActual } from './dispatch-api.js';
import { slotLabels } from './slot-time.js';

type TransformerView = PlanVsActual['transformers'][number];

const kw = (w: number | null | undefined): number | null => (w === null || w === undefined || !Number.isFinite(w) ? null : Math.round(w / 100) / 10);
const pct = (w: number | null | undefined, capW: number | undefined): number | null =>
  w === null || w === undefined || !capW || capW <= 0 ? null : Math.round((w / capW) * 1000) / 10;

/**
 * Planned vs measured transformer loading per slot in kW (left axis), with the heating capacity (the rating
 * line, kVA × power factor less the non-heating load) drawn dashed; the right axis reads the same scale as a
 * percentage of the largest rating of the day, and the tooltip gives each slot's loading against that slot's rating.
 */
export function loadingOption(tr: TransformerView, t: TFunction): ChartOption {
  const n = Math.max(tr.plannedLoadW.length, tr.capacityW.length, tr.measuredLoadW.length);
  const labels = slotLabels(tr.dayStartMs, tr.slotS, n);
  const ratingW = Math.max(0, ...tr.capacityW.filter((c) => Number.isFinite(c)));
  const peakW = Math.max(ratingW, ...tr.plannedLoadW, ...tr.measuredLoadW.map((v) => v ?? 0));
  const axisMaxKw = Math.max(1, Math.ceil((peakW * 1.1) / 1000));
  const planned = t('dispatch.plannedLoad');
  const measured = t('dispatch.measuredLoad');
  const rating = t('dispatch.ratingLine');
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const i = list[0]?.dataIndex ?? 0;
        const cap = tr.capacityW[i];
        const line = (name: string, w: number | null | undefined, withPct: boolean) => {
          const v = kw(w);
          const p = withPct ? pct(w, cap) : null;
          return `${name}: ${v === null ? '—' : `${v} kW`}${p === null ? '' : ` (${p} %)`}`;
        };
        return [labels[i] ?? '', line(planned, tr.plannedLoadW[i], true), line(measured, tr.measuredLoadW[i], true), line(rating, cap, false)].join('<br/>');
      },
    },
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 40, bottom: 56 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: [
      { type: 'value', name: 'kW', min: 0, max: axisMaxKw },
      {
        type: 'value',
        name: t('dispatch.pctOfRating'),
        min: 0,
        max: ratingW > 0 ? Math.round(((axisMaxKw * 1000) / ratingW) * 100) : 100,
        splitLine: { show: false },
        axisLabel: { formatter: '{value} %' },
      },
    ],
    series: [
      { name: planned, type: 'line', step: 'end', symbol: 'none', data: tr.plannedLoadW.map(kw), lineStyle: { width: 2 } },
      { name: measured, type: 'line', symbol: 'none', data: tr.measuredLoadW.map(kw), connectNulls: false, lineStyle: { width: 2 } },
      {
        name: rating,
        type: 'line',
        step: 'end',
        symbol: 'none',
        data: tr.capacityW.map(kw),
        lineStyle: { type: 'dashed', color: '#cf1322', width: 2 },
        itemStyle: { color: '#cf1322' },
      },
    ],
  };
}
