import type { TFunction } from 'i18next';
import type { ChartOption } from '../../charts/echarts.js';
import { slotLabels } from '../dispatch/slot-time.js';
import type { DrEventDetail } from './dr-api.js';

const r1 = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10) / 10);

const base = (labels: string[]): Pick<ChartOption, 'tooltip' | 'legend' | 'grid' | 'xAxis' | 'yAxis'> => ({
  tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)} kW`) },
  legend: { top: 0 },
  grid: { left: 56, right: 24, top: 40, bottom: 32 },
  xAxis: { type: 'category', data: labels },
  yAxis: { type: 'value', name: 'kW', min: 0 },
});

/** Flexibility per window slot: what the fleet offers, what was requested and committed, what is expected and what was delivered. */
export function flexibilityOption(e: DrEventDetail, t: TFunction): ChartOption {
  const n = e.offer.perSlotKw.length;
  const labels = slotLabels(e.windowStartMs, e.slotS, n);
  const flat = (v: number | null) => Array.from({ length: n }, () => r1(v));
  const series: NonNullable<ChartOption['series']> = [
    { name: t('dr.offerPerSlot'), type: 'bar', data: e.offer.perSlotKw.map(r1), itemStyle: { color: '#91caff' }, barMaxWidth: 24 },
    { name: t('dr.requested'), type: 'line', symbol: 'none', data: flat(e.requestedKw), lineStyle: { type: 'dotted', color: '#8c8c8c' }, itemStyle: { color: '#8c8c8c' } },
    { name: t('dr.firmOffer'), type: 'line', symbol: 'none', data: flat(e.firmOfferKw), lineStyle: { type: 'dashed', color: '#1677ff' }, itemStyle: { color: '#1677ff' } },
  ];
  if (e.commitment) {
    series.push(
      { name: t('dr.committed'), type: 'line', symbol: 'none', data: flat(e.commitment.committedKw), lineStyle: { color: '#d4380d', width: 2 }, itemStyle: { color: '#d4380d' } },
      { name: t('dr.expected'), type: 'line', symbol: 'none', step: 'middle', data: e.commitment.expectedPerSlotKw.map(r1), lineStyle: { type: 'dashed', color: '#fa8c16' }, itemStyle: { color: '#fa8c16' } },
    );
  }
  if (e.delivery) {
    series.push({ name: t('dr.delivered'), type: 'line', symbol: 'circle', symbolSize: 5, data: e.delivery.deliveredKw.map((v, i) => (e.delivery?.measuredKw[i] === null ? null : r1(v))), lineStyle: { color: '#389e0d', width: 2 }, itemStyle: { color: '#389e0d' } });
  }
  return { ...base(labels), series };
}

/** Village power during the window: the committed pre-event baseline against the measurement. */
export function deliveryOption(e: DrEventDetail, t: TFunction): ChartOption | null {
  if (!e.delivery) return null;
  const labels = slotLabels(e.windowStartMs, e.slotS, e.delivery.baselineKw.length);
  return {
    ...base(labels),
    series: [
      { name: t('dr.baseline'), type: 'line', step: 'middle', symbol: 'none', data: e.delivery.baselineKw.map(r1), lineStyle: { type: 'dashed' } },
      { name: t('dr.measured'), type: 'line', symbol: 'circle', symbolSize: 5, data: e.delivery.measuredKw.map(r1), connectNulls: false },
    ],
  };
}
