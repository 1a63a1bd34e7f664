import { Button, Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { EChart } from '../../charts/e-chart.js';
import { fmtNumber } from '../../format/format.js';
import { Link } from '../../router/link.js';
import { CommandStateTag } from './command-labels.js';
import type { PlanDetail, PlanVsActual } from './dispatch-api.js';
import { loadingOption } from './loading-option.js';
import { PlannerModelTag } from './planner-model-tag.js';
import { slotLabel } from './slot-time.js';

type TransformerView = PlanVsActual['transformers'][number];
type HouseholdRow = TransformerView['households'][number];

const peakPct = (loads: readonly (number | null)[], capW: readonly number[]): number | null => {
  let best: number | null = null;
  loads.forEach((w, i) => {
    const c = capW[i];
    if (w === null || c === undefined || !(c > 0)) return;
    const p = (w / c) * 100;
    if (best === null || p > best) best = p;
  });
  return best;
};

/** One transformer of the village on the chosen day: plan vs measurement in figures, the loading chart, its households. */
export function TransformerCard({ tr, siteNames, canOverride, onOverride }: {
  tr: TransformerView;
  siteNames: ReadonlyMap<string, string>;
  canOverride: boolean;
  onOverride: (siteId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const option = useMemo(() => loadingOption(tr, t), [tr, t]);
  const plannedPeak = peakPct(tr.plannedLoadW, tr.capacityW);
  const measuredPeak = peakPct(tr.measuredLoadW, tr.capacityW);
  const overloads = tr.overloadSlots.map((s) => slotLabel(tr.dayStartMs, tr.slotS, s));
  const name = (id: string) => siteNames.get(id) ?? id;
  const belowFloor = tr.households.filter((h) => h.actualComfortDeficitKh > 0).length;
  // Measurements cover the day up to the platform's now: say so next to every "actual" figure.
  const lastMeasured = tr.measuredLoadW.reduce<number>((last, w, i) => (w === null ? last : i), -1);
  const measuredUntil = lastMeasured < 0 ? null : slotLabel(tr.dayStartMs, tr.slotS, lastMeasured + 1);
  const untilNote = measuredUntil === null ? t('dispatch.noMeasurement') : t('dispatch.measuredUntil', { time: measuredUntil });
  // Which building model planned each household (the plan detail): fitted to its telemetry or registered, and why.
  const detail = useApi<PlanDetail>(`/dispatch/plans/${encodeURIComponent(tr.planId)}`);
  const models = useMemo(() => new Map((detail.data?.households ?? []).map((h) => [h.siteId, h.model])), [detail.data]);
  const identified = (detail.data?.households ?? []).filter((h) => h.model?.source === 'identified').length;
  const planned = (detail.data?.households ?? []).filter((h) => !h.excluded).length;

  return (
    <Card
      size="small"
      data-testid="transformer-card"
      data-transformer-id={tr.transformerId}
      title={t('dispatch.transformerTitle', { id: tr.transformerId })}
      extra={
        <Typography.Text type="secondary">
          {t('dispatch.planRevision', { revision: tr.revision })}
          {detail.data && <span data-testid="identified-count"> · {t('dispatch.plannerModel.title')}: {t('dispatch.plannerModel.identified')} {identified} / {planned}</span>}
        </Typography.Text>
      }
    >
      <Row gutter={[16, 8]}>
        <Col xs={12} md={6}>
          <Statistic title={t('dispatch.peakLoading')} value={`${fmtNumber(plannedPeak, lang, 0)} % / ${fmtNumber(measuredPeak, lang, 0)} %`} />
          <Typography.Text type="secondary">{t('dispatch.plannedSlashMeasured')}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dispatch.costYuan')} value={`${fmtNumber(tr.plannedCostYuan, lang, 1)} / ${fmtNumber(tr.actualCostYuan, lang, 1)}`} suffix={t('dispatch.yuan')} />
          <Typography.Text type="secondary">{t('dispatch.costHint')} · {untilNote}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dispatch.comfortKh')} value={`${fmtNumber(tr.plannedComfortDeficitKh, lang, 1)} / ${fmtNumber(tr.actualComfortDeficitKh, lang, 1)}`} suffix="K·h" />
          <Typography.Text type="secondary" data-testid="below-floor">{t('dispatch.belowFloor', { count: belowFloor })}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dispatch.overloadSlots')} value={tr.overloadSlots.length} valueStyle={tr.overloadSlots.length > 0 ? { color: '#cf1322' } : undefined} />
          <Typography.Text type="secondary" data-testid="overload-slots">{overloads.length > 0 ? overloads.slice(0, 8).join(', ') + (overloads.length > 8 ? ' …' : '') : t('dispatch.noOverload')}</Typography.Text>
        </Col>
      </Row>
      <div data-testid="loading-chart-box" data-rating-kw={(Math.max(0, ...tr.capacityW) / 1000).toFixed(1)} data-overload-slots={tr.overloadSlots.length}>
        <EChart option={option} height={320} testId="loading-chart" />
      </div>
      <Table<HouseholdRow>
        size="small"
        data-testid="household-table"
        rowKey="siteId"
        dataSource={tr.households}
        pagination={tr.households.length > 10 ? { pageSize: 10, size: 'small' } : false}
        columns={[
          { title: t('dispatch.household'), dataIndex: 'siteId', render: (id: string) => <Link to={`/sites/${encodeURIComponent(id)}`}>{name(id)}</Link> },
          { title: t('dispatch.plannedKWh'), dataIndex: 'plannedEnergyKWh', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
          { title: `${t('dispatch.actualKWh')} · ${untilNote}`, dataIndex: 'actualEnergyKWh', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
          { title: t('dispatch.plannerModel.title'), key: 'model', render: (_, h) => <PlannerModelTag model={models.get(h.siteId)} t={t} lang={lang} /> },
          { title: t('dispatch.householdComfortKh'), dataIndex: 'actualComfortDeficitKh', align: 'right', render: (v: number) => <span style={v > 0 ? { color: '#cf1322' } : undefined}>{fmtNumber(v, lang, 1)}</span> },
          {
            title: t('dispatch.control'),
            key: 'control',
            render: (_, h) => (
              <Flex gap={4} wrap>
                {h.overridden ? <Tag color="magenta" data-testid="overridden-tag">{t('dispatch.overrideActive')}</Tag> : <Tag>{t('dispatch.followsPlan')}</Tag>}
                {h.lastCommandState && <CommandStateTag state={h.lastCommandState} t={t} />}
              </Flex>
            ),
          },
          ...(canOverride
            ? [{ title: '', key: 'act', width: 110, render: (_: unknown, h: HouseholdRow) => <Button size="small" onClick={() => onOverride(h.siteId)} data-testid="override-household">{t('dispatch.override')}</Button> }]
            : []),
        ]}
      />
    </Card>
  );
}
