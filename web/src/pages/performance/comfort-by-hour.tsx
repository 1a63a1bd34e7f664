import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/e-chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { fmtNumber } from '../../format/format.js';
import type { UnitReport } from './api.js';

type Hour = UnitReport['comfortByHour'][number];

/** Share of covered hours below the target indoor temperature, and the degree-hours, by local hour of day. */
export function ComfortByHour({ hours }: { hours: Hour[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const option = useMemo<ChartOption>(() => ({
    animation: false,
    grid: { left: 56, right: 56, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`) },
    yAxis: [
      { type: 'value', name: '%', min: 0, max: 100 },
      { type: 'value', name: 'K·h', min: 0, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('unitPerf.shareBelow'), data: hours.map((h) => (h.coveredH > 0 ? Number(((100 * h.hoursBelow) / h.coveredH).toFixed(1)) : null)), itemStyle: { color: '#1677ff' } },
      { type: 'line', name: t('unitPerf.degreeHoursBelow'), yAxisIndex: 1, data: hours.map((h) => Number(h.degreeHoursBelowKh.toFixed(1))), itemStyle: { color: '#d4380d' } },
    ],
  }), [hours, t]);
  const covered = hours.reduce((a, h) => a + h.coveredH, 0);
  return (
    <Card size="small" title={t('unitPerf.comfortTitle')} data-testid="unit-comfort" extra={t('unitPerf.comfortCovered', { hours: fmtNumber(covered, lang, 0) })}>
      {covered > 0 ? <EChart option={option} height={260} testId="unit-comfort-chart" /> : <Empty description={t('nullReason.no-indoor-temperature')} />}
    </Card>
  );
}
