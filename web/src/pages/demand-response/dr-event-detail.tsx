import { Button, Card, Col, Descriptions, Flex, InputNumber, Row, Statistic, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { EChart } from '../../charts/e-chart.js';
import { ApiErrorView } from '../../components/api-error.js';
import { Loading } from '../../components/loading.js';
import { useServerText } from '../../i18n/server-texts.js';
import { fmtNumber } from '../../format/format.js';
import { Link } from '../../router/link.js';
import { drPaths, type DrEventDetail } from './dr-api.js';
import { DrCancel, DrCancellation } from './dr-cancel.js';
import { DrDirectionTag, DrStatusTag } from './dr-labels.js';
import { deliveryOption, flexibilityOption } from './dr-option.js';

/**
 * One event: the village's firm offer and its per-slot flexibility, the commitment (with the rebound it
 * causes), and the flexibility delivered per slot against the committed power.
 */
export function DrEventDetailCard({ eventId, listedStatus, villageName, siteNames, canCommit, clockMs, onChanged }: {
  eventId: string;
  /** The status the events list shows; when the event has moved on since, the list is refreshed. */
  listedStatus: DrEventDetail['status'];
  villageName: string;
  siteNames: ReadonlyMap<string, string>;
  canCommit: boolean;
  /** Platform time (epoch ms): an event whose window is over can no longer be cancelled. */
  clockMs: number | undefined;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const srv = useServerText();
  const lang = i18n.language;
  const { data: e, error, loading, reload } = useApi<DrEventDetail>(drPaths.event(eventId));
  const flexOption = useMemo(() => (e ? flexibilityOption(e, t) : null), [e, t]);
  const delivOption = useMemo(() => (e ? deliveryOption(e, t) : null), [e, t]);
  const [commitKw, setCommitKw] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [commitError, setCommitError] = useState<ApiError>();
  const status = e?.status;
  useEffect(() => {
    if (status !== undefined && status !== listedStatus) onChanged();
  }, [status, listedStatus, onChanged]);

  if (!e && loading) return <Loading />;
  if (!e && error) return <ApiErrorView error={error} onRetry={reload} />;
  if (!e) return null;
  const kw = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${fmtNumber(v, lang, digits)} kW`);

  const commit = async (): Promise<void> => {
    setBusy(true);
    setCommitError(undefined);
    try {
      await apiRequest(drPaths.commit(e.id), { method: 'POST', body: commitKw === null ? {} : { requestedKw: commitKw } });
      reload();
      onChanged();
    } catch (err) {
      setCommitError(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" data-testid="dr-event-detail" data-event-id={e.id} title={<Flex gap={8} align="center">{t('dr.eventTitle', { id: e.id })} <DrDirectionTag direction={e.direction} t={t} /> <DrStatusTag status={e.status} t={t} /></Flex>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('dispatch.village')}>{villageName}</Descriptions.Item>
        <Descriptions.Item label={t('dr.window')}>{`${e.day} ${e.from}–${e.to}（${t('dr.beijingTime')}）`}</Descriptions.Item>
        <Descriptions.Item label={t('dr.source')}>{e.source}</Descriptions.Item>
        <Descriptions.Item label={t('dispatch.tariff')}>{t(`dispatch.tariffName.${e.tariffId}`, { defaultValue: e.tariffId })}</Descriptions.Item>
        <Descriptions.Item label={t('dr.participating')}>{e.offer.participating}</Descriptions.Item>
        <Descriptions.Item label={t('dr.windowEnergy')}>{`${fmtNumber(e.offer.windowKWh, lang, 1)} kWh`}</Descriptions.Item>
      </Descriptions>
      <Row gutter={[16, 8]}>
        <Col xs={12} md={6}><Statistic title={t('dr.requested')} value={kw(e.requestedKw)} /></Col>
        <Col xs={12} md={6}><Statistic title={t('dr.firmOffer')} value={kw(e.firmOfferKw)} /><Typography.Text type="secondary">{t('dr.firmHint')}</Typography.Text></Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dr.committed')} value={kw(e.commitment?.committedKw ?? null)} />
          {e.commitment && e.commitment.shortfallKw > 0 && <Typography.Text type="warning">{t('dr.shortfall', { kw: fmtNumber(e.commitment.shortfallKw, lang, 1) })}</Typography.Text>}
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dr.deliveredMean')} value={kw(e.deliveredKw)} />
          {e.delivery && <Typography.Text type="secondary" data-testid="dr-delivery-pct">{t('dr.pctOfCommitted', { pct: fmtNumber(e.delivery.pctOfCommitted, lang, 0) })}</Typography.Text>}
        </Col>
      </Row>
      {canCommit && e.status === 'offered' && (
        <Flex gap={8} align="center" style={{ margin: '12px 0' }} data-testid="dr-commit-form">
          <Typography.Text>{t('dr.commitPower')}</Typography.Text>
          <InputNumber<number> min={0.1} max={Math.max(0.1, e.firmOfferKw)} step={0.5} suffix="kW" placeholder={fmtNumber(Math.min(e.requestedKw, e.firmOfferKw), lang, 1)} value={commitKw} onChange={setCommitKw} style={{ width: 150 }} />
          <Button type="primary" loading={busy} onClick={() => void commit()} data-testid="dr-commit">{t('dr.commit')}</Button>
          <Typography.Text type="secondary">{t('dr.commitHint')}</Typography.Text>
        </Flex>
      )}
      {commitError && <ApiErrorView error={commitError} />}
      {canCommit && (e.status === 'offered' || e.status === 'committed') && (clockMs === undefined || clockMs < e.windowEndMs) && (
        <DrCancel event={e} onDone={() => { reload(); onChanged(); }} />
      )}
      <DrCancellation event={e} />
      <Typography.Title level={5}>{t('dr.flexPerSlot')}</Typography.Title>
      {flexOption && <EChart option={flexOption} height={300} testId="dr-flex-chart" />}
      {e.commitment && (
        <Typography.Paragraph type="secondary">
          {t('dr.commitmentLine', { cost: fmtNumber(e.commitment.extraCostYuan, lang, 2), before: fmtNumber(e.commitment.peakBeforeKw, lang, 1), after: fmtNumber(e.commitment.peakAfterKw, lang, 1), commands: e.commitment.commandIds.length })}
        </Typography.Paragraph>
      )}
      {delivOption && (
        <>
          <Typography.Title level={5}>{t('dr.villagePower')}</Typography.Title>
          <EChart option={delivOption} height={260} testId="dr-delivery-chart" />
          <Typography.Paragraph type="secondary">
            {t('dr.deliveryLine', { kwh: fmtNumber(e.delivery?.deliveredKWh, lang, 1), short: e.delivery?.slotsShort ?? 0, unmeasured: e.delivery?.slotsUnmeasured ?? 0 })}
          </Typography.Paragraph>
        </>
      )}
      <Row gutter={16}>
        {e.commitment && (
          <Col xs={24} md={12}>
            <Table
              size="small"
              title={() => t('dr.participants')}
              rowKey="siteId"
              dataSource={[...e.commitment.households].sort((a, b) => b.share - a.share)}
              pagination={{ pageSize: 8, size: 'small' }}
              columns={[
                { title: t('dispatch.household'), dataIndex: 'siteId', render: (id: string) => <Link to={`/sites/${encodeURIComponent(id)}`}>{siteNames.get(id) ?? id}</Link> },
                { title: t('dr.share'), dataIndex: 'share', align: 'right', render: (s: number) => `${fmtNumber(s * 100, lang, 0)} %` },
              ]}
            />
          </Col>
        )}
        {e.offer.excluded.length > 0 && (
          <Col xs={24} md={12}>
            <Table
              size="small"
              title={() => t('dr.excluded')}
              rowKey="siteId"
              dataSource={e.offer.excluded}
              pagination={{ pageSize: 8, size: 'small' }}
              columns={[
                { title: t('dispatch.household'), dataIndex: 'siteId', render: (id: string) => <Link to={`/sites/${encodeURIComponent(id)}`}>{siteNames.get(id) ?? id}</Link> },
                { title: t('dispatch.reason'), key: 'reason', render: (_, x) => srv('householdNote', x.reasonRef, x.reason) },
              ]}
            />
          </Col>
        )}
      </Row>
    </Card>
  );
}
