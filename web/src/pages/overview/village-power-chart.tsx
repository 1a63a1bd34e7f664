import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { VillageSummary } from '../../../../src/contract/api.js';
import { EChart } from '../../charts/e-chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { villageName } from './village-table.js';

const kw = (w: number): number => Math.round(w / 100) / 10;

/** Electric and heat power per village now, against each village transformer's kW limit (kVA × 0.9). */
export function VillagePowerChart({ villages }: { villages: VillageSummary[] }) {
  const { t, i18n } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const names = villages.map((v) => villageName(v, i18n.language));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} kW` },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', name: t('chart.powerAxis'), nameTextStyle: { align: 'left' } },
      series: [
        { name: t('chart.elecPower'), type: 'bar', data: villages.map((v) => kw(v.elecPowerW)) },
        { name: t('chart.heatPower'), type: 'bar', data: villages.map((v) => kw(v.heatPowerW)) },
        { name: t('chart.transformerLimit'), type: 'line', step: 'middle', symbol: 'none', lineStyle: { type: 'dashed' }, data: villages.map((v) => (v.transformerKva === null ? null : Math.round(v.transformerKva * 0.9))) },
      ],
    };
  }, [villages, t, i18n.language]);
  return <EChart option={option} height={280} testId="village-power-chart" />;
}
