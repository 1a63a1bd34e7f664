import { Card, Descriptions, Empty, Flex, InputNumber, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { EChart } from '../../charts/e-chart.js';
import { ApiErrorView } from '../../components/api-error.js';
import { apiPath, KPI_KEYS, type Distribution, type SeasonKpiKey } from './api.js';
import { distributionOption } from './distribution-option.js';
import { fmtKpi, KpiTitle } from './kpi-labels.js';
import { asChartOption } from './perf-echarts.js';
import { scopeQuery, type Scope } from './scope.js';

/** How one KPI is spread over the filtered fleet: histogram, box plot and the quantiles as numbers. */
export function DistributionCard({ scope }: { scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [kpi, setKpi] = useState<SeasonKpiKey>('spfH2');
  const [bins, setBins] = useState(12);
  const { data, error, loading, reload } = useApi<Distribution>(`${apiPath('distribution')}${scopeQuery(scope, { kpi, bins })}`);
  const option = useMemo(() => (data ? asChartOption(distributionOption(data, t, lang)) : null), [data, t, lang]);
  const q = data?.quantiles;

  return (
    <Card
      size="small"
      title={t('perf.distributionTitle')}
      data-testid="perf-distribution"
      loading={loading && !data}
      extra={
        <Flex gap={8} align="center">
          <Select<SeasonKpiKey>
            style={{ width: 240 }}
            value={kpi}
            onChange={setKpi}
            showSearch={{ optionFilterProp: 'label' }}
            options={KPI_KEYS.map((k) => ({ value: k, label: t(`perfKpi.${k}`) + (k.startsWith('spfH') ? ` ${k.slice(3)}` : '') }))}
            data-testid="perf-distribution-kpi"
          />
          <Typography.Text type="secondary">{t('perf.bins')}</Typography.Text>
          <InputNumber<number> style={{ width: 70 }} min={2} max={60} value={bins} onChange={(b) => b && setBins(b)} />
        </Flex>
      }
    >
      {error && <ApiErrorView error={error} onRetry={reload} />}
      {data && (
        <Flex vertical gap={8}>
          <Typography.Text>
            <KpiTitle kpi={data.kpi} unit={data.unit} boundary={data.boundary} /> · {t('perf.distributionN', { n: data.n, missing: data.nMissing })}
          </Typography.Text>
          {data.n === 0 || !option ? (
            <Empty description={t('perf.distributionEmpty')} data-testid="perf-distribution-empty" />
          ) : (
            <EChart option={option} height={300} testId="perf-distribution-chart" />
          )}
          {q && (
            <Descriptions size="small" column={{ xs: 2, md: 4, lg: 8 }} data-testid="perf-quantiles">
              {(['p0', 'p10', 'p25', 'p50', 'p75', 'p90', 'p100'] as const).map((p) => (
                <Descriptions.Item key={p} label={t(`quantile.${p}`)}>{fmtKpi(data.kpi, q[p], lang)}</Descriptions.Item>
              ))}
              <Descriptions.Item label={t('perf.mean')}>{fmtKpi(data.kpi, data.mean, lang)}</Descriptions.Item>
            </Descriptions>
          )}
        </Flex>
      )}
    </Card>
  );
}
