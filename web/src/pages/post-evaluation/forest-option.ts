import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import { fmtNumber } from '../../format/format.js';
import type { PerfChartOption } from '../performance/perf-echarts.js';

export interface ForestRow { label: string; estimate: number; low: number; high: number }

/** Horizontal whisker from the interval's low to high end, with caps (ECharts custom series). */
function whisker(_p: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn {
  const y = api.value(0);
  const lo = api.coord([api.value(1), y]);
  const hi = api.coord([api.value(2), y]);
  const cap = 6;
  const style = { stroke: '#595959', lineWidth: 1.5 };
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
      { type: 'line', shape: { x1: lo[0], y1: (lo[1] ?? 0) - cap, x2: lo[0], y2: (lo[1] ?? 0) + cap }, style },
      { type: 'line', shape: { x1: hi[0], y1: (hi[1] ?? 0) - cap, x2: hi[0], y2: (hi[1] ?? 0) + cap }, style },
    ],
  };
}

/** Forest plot: each effect's estimate (dot) and its 95 % interval (whisker) against a zero line. */
export function forestOption(rows: readonly ForestRow[], xName: string, lang: string): PerfChartOption {
  const labels = rows.map((r) => r.label);
  return {
    animation: false,
    grid: { left: 8, right: 32, top: 16, bottom: 40, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = rows[(p as { dataIndex: number }).dataIndex];
        return r ? `${r.label}<br/>${fmtNumber(r.estimate, lang, 3)} [${fmtNumber(r.low, lang, 3)}, ${fmtNumber(r.high, lang, 3)}]` : '';
      },
    },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 260, overflow: 'truncate' } },
    series: [
      { type: 'custom', name: '95 %', renderItem: whisker, encode: { x: [1, 2], y: 0 }, data: rows.map((r, i) => [i, r.low, r.high]), z: 1 },
      {
        type: 'scatter', name: 'estimate', symbolSize: 10, itemStyle: { color: '#d4380d' }, data: rows.map((r, i) => [r.estimate, i]), z: 2,
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#8c8c8c', type: 'dashed' }, data: [{ xAxis: 0 }], label: { show: false } },
      },
    ],
  };
}
