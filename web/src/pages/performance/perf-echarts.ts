/**
 * The extra ECharts pieces the performance pages draw with (box plot, error bars, scatter, reference lines),
 * registered when these lazily loaded pages are, so the fleet and household pages do not carry them.
 */
import { BoxplotChart, CustomChart, ScatterChart, type BarSeriesOption, type BoxplotSeriesOption, type CustomSeriesOption, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import { MarkLineComponent, type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption, type TitleComponentOption, type TooltipComponentOption } from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import type { ChartOption } from '../../charts/echarts.js';

use([BoxplotChart, CustomChart, ScatterChart, MarkLineComponent]);

export type PerfChartOption = ComposeOption<
  | BarSeriesOption | LineSeriesOption | BoxplotSeriesOption | CustomSeriesOption | ScatterSeriesOption
  | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption | MarkLineComponentOption
>;

/** The shared EChart wrapper takes the dashboard's base option type; these options only add registered series. */
export const asChartOption = (o: PerfChartOption): ChartOption => o as unknown as ChartOption;
