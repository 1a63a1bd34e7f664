import { Alert, Card, Flex, Segmented, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../../src/contract/api.js';
import { query } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { EChart } from '../../charts/e-chart.js';
import { telemetryOption } from '../../charts/telemetry-option.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtDateTime } from '../../format/format.js';
import { PERIODS, periodRange, SERIES_CHANNELS, seriesToPoints, type PeriodKey, type Resolution } from './periods.js';

/** Minute precision is enough for the query and keeps the URL stable between live ticks. */
const MINUTE_MS = 60_000;

export function HistoryChart({ unitIds, nowMs }: { unitIds: string[]; nowMs: number }) {
  const { t, i18n } = useTranslation();
  const [unitId, setUnitId] = useState(unitIds[0]);
  const [period, setPeriod] = useState<PeriodKey>('24h');
  const spec = PERIODS.find((p) => p.key === period) ?? PERIODS[0]!;
  const [resolution, setResolution] = useState<Resolution>(spec.defaultResolution);
  // The period is anchored when chosen, not re-fetched on every live tick.
  const [anchorMs, setAnchorMs] = useState(() => Math.floor(nowMs / MINUTE_MS) * MINUTE_MS);
  const { from, to } = periodRange(period, anchorMs);

  const path = unitId ? `/units/${encodeURIComponent(unitId)}/series${query({ from, to, resolution, channels: SERIES_CHANNELS.join(',') })}` : null;
  const { data, error, loading } = useApi<Series>(path);

  const lang = i18n.language;
  const title = t('history.chartTitle', { from: fmtDateTime(from, lang), to: fmtDateTime(to, lang), resolution: t(`resolution.${resolution}`) });
  const option = useMemo(() => telemetryOption(data ? seriesToPoints(data) : [], t, { zoom: true }), [data, t]);

  const choosePeriod = (p: PeriodKey): void => {
    setPeriod(p);
    setResolution(PERIODS.find((x) => x.key === p)?.defaultResolution ?? '1h');
    setAnchorMs(Math.floor(nowMs / MINUTE_MS) * MINUTE_MS);
  };

  return (
    <Card
      size="small"
      title={t('history.title')}
      data-testid="history-card"
      extra={
        <Flex gap={8} wrap align="center">
          {unitIds.length > 1 && (
            <Select size="small" style={{ width: 160 }} value={unitId} onChange={setUnitId} options={unitIds.map((u) => ({ value: u, label: u }))} />
          )}
          <Segmented<PeriodKey>
            size="small"
            data-testid="period-picker"
            value={period}
            onChange={choosePeriod}
            options={PERIODS.map((p) => ({ value: p.key, label: t(`period.${p.key}`) }))}
          />
          <Select<Resolution>
            size="small"
            style={{ width: 150 }}
            data-testid="resolution-picker"
            value={resolution}
            onChange={setResolution}
            options={spec.resolutions.map((r) => ({ value: r, label: t(`resolution.${r}`) }))}
          />
        </Flex>
      }
    >
      {error && <ApiErrorView error={error} />}
      {!unitId && <Typography.Text type="secondary">{t('history.noUnit')}</Typography.Text>}
      {data?.truncated && <Alert type="warning" showIcon title={t('history.truncated')} style={{ marginBottom: 8 }} />}
      {unitId && !error && (
        <div style={{ position: 'relative' }}>
          <Typography.Text strong style={{ display: 'block', textAlign: 'center' }} data-testid="history-period">
            {unitIds.length > 1 ? `${unitId} · ` : ''}
            {title}
          </Typography.Text>
          <EChart option={option} height={380} testId="history-chart" />
          {!loading && data && data.points.length === 0 && (
            <Typography.Text type="secondary" data-testid="history-empty" style={{ position: 'absolute', top: '50%', width: '100%', textAlign: 'center' }}>
              {t('history.empty')}
            </Typography.Text>
          )}
          {loading && <Typography.Text type="secondary" style={{ position: 'absolute', top: 8, left: 8 }}>{t('common.loading')}</Typography.Text>}
        </div>
      )}
    </Card>
  );
}
