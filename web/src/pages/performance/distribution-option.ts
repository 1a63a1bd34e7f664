import type { TFunction } from 'i18next';
import { fmtNumber } from '../../format/format.js';
import type { Distribution } from './api.js';
import { fmtKpi, unitSuffix } from './kpi-labels.js';
import type { PerfChartOption } from './perf-echarts.js';

/** Histogram of one KPI over the fleet (top) and its box plot P10–P25–P50–P75–P90 (bottom). */
export function distributionOption(d: Distribution, t: TFunction, lang: string): PerfChartOption {
  const name = `${t(`perfKpi.${d.kpi}`)}${d.boundary ? ` ${d.boundary.toUpperCase()}` : ''}`;
  const unit = unitSuffix(d.unit, t);
  const bins = d.histogram.map((b) => `${fmtKpi(d.kpi, b.fromIncl, lang)}–${fmtKpi(d.kpi, b.toExcl, lang)}`);
  const q = d.quantiles;
  return {
    animation: false,
    grid: [
      { left: 56, right: 24, top: 32, height: '58%' },
      { left: 56, right: 24, bottom: 28, height: 56 },
    ],
    tooltip: { trigger: 'item' },
    xAxis: [
      { type: 'category', data: bins, gridIndex: 0, name: unit ? `${name} (${unit})` : name, nameLocation: 'middle', nameGap: 26, axisLabel: { fontSize: 10 } },
      { type: 'value', gridIndex: 1, scale: true, axisLabel: { formatter: (v: number) => fmtNumber(v, lang, 1) } },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: t('perf.unitsAxis'), minInterval: 1 },
      { type: 'category', gridIndex: 1, data: [name], axisLabel: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('perf.unitsAxis'), xAxisIndex: 0, yAxisIndex: 0, data: d.histogram.map((b) => b.count), itemStyle: { color: '#d4380d' }, barCategoryGap: '8%' },
      {
        type: 'boxplot', name: t('perf.boxplot'), xAxisIndex: 1, yAxisIndex: 1, layout: 'horizontal',
        data: q ? [[q.p10, q.p25, q.p50, q.p75, q.p90]] : [],
        itemStyle: { color: '#fff2e8', borderColor: '#d4380d' },
        tooltip: { formatter: () => (q ? `P10 ${fmtKpi(d.kpi, q.p10, lang)} · P25 ${fmtKpi(d.kpi, q.p25, lang)} · ${t('perf.median')} ${fmtKpi(d.kpi, q.p50, lang)} · P75 ${fmtKpi(d.kpi, q.p75, lang)} · P90 ${fmtKpi(d.kpi, q.p90, lang)}` : '') },
      },
    ],
  };
}
