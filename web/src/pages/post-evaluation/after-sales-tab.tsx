import { Alert, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtNumber } from '../../format/format.js';
import { apiPath, type AfterSalesWire } from '../performance/api.js';
import { ReportContext } from '../performance/report-context.js';
import { scopeQuery, type Scope } from '../performance/scope.js';
import type { GroupBy } from './rankings-tab.js';

type Group = AfterSalesWire['groups'][number];

const codes = (byCode: Record<string, number>): string => Object.entries(byCode).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} × ${n}`).join(', ');

/** 售后: fault events from the units' own fault codes, per unit-season and per running hour, for the fleet and per model or manufacturer. */
export function AfterSalesTab({ scope, groupBy }: { scope: Scope; groupBy: GroupBy }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, error, loading, reload } = useApi<AfterSalesWire>(`${apiPath('afterSales')}${scopeQuery(scope, { groupBy })}`);
  const f = data?.fleet;
  return (
    <Flex vertical gap={12} data-testid="after-sales-tab">
      {error && <ApiErrorView error={error} onRetry={reload} />}
      {data && f && (
        <>
          <ReportContext period={data.period} population={data.population} notes={data.notes} notesZh={data.notesZh} />
          <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} title={t('afterSales.fleet')} data-testid="after-sales-fleet">
            <Descriptions.Item label={t('afterSales.units')}>{f.units}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.faultEvents')}>{f.faultEvents}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.perUnitSeason', { days: data.seasonDays })}>{fmtNumber(f.eventsPerUnitSeason, lang, 2)}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.unitsWithFaults')}>{f.unitsWithFaults} ({fmtNumber(f.unitsWithFaultsPct, lang, 1)} %)</Descriptions.Item>
            <Descriptions.Item label={`${t('afterSales.mtbf')} (h)`}>{fmtNumber(f.meanTimeBetweenFaultsH, lang, 0)}</Descriptions.Item>
            <Descriptions.Item label={`${t('afterSales.mtbfRunning')} (h)`}>{fmtNumber(f.meanRunningHoursBetweenFaults, lang, 0)}</Descriptions.Item>
            <Descriptions.Item label={`${t('afterSales.observed')} (h)`}>{fmtNumber(f.observedH, lang, 0)}</Descriptions.Item>
            <Descriptions.Item label={t('afterSales.byCode')}>{codes(f.byCode) || '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('afterSales.rule')}</Typography.Text>
          {!data.serviceRecords.available && <Alert type="info" showIcon title={t('afterSales.noServiceRecords')} data-testid="after-sales-no-service" />}
        </>
      )}
      <Table<Group>
        size="small"
        rowKey="key"
        loading={loading}
        pagination={false}
        data-testid="after-sales-table"
        dataSource={data?.groups ?? []}
        columns={[
          { title: t('field.manufacturer'), dataIndex: 'manufacturer' },
          ...(groupBy === 'model' ? [{ title: t('field.model'), dataIndex: 'model', render: (m: string | null) => m ?? '—' }] : []),
          { title: t('afterSales.units'), dataIndex: 'units', align: 'right' },
          { title: t('afterSales.faultEvents'), dataIndex: 'faultEvents', align: 'right' },
          { title: t('afterSales.perUnitSeason', { days: data?.seasonDays ?? 121 }), dataIndex: 'eventsPerUnitSeason', align: 'right', render: (v: number) => fmtNumber(v, lang, 2) },
          { title: `${t('afterSales.unitsWithFaults')} (%)`, dataIndex: 'unitsWithFaultsPct', align: 'right', render: (v: number) => fmtNumber(v, lang, 1) },
          { title: `${t('afterSales.mtbfRunning')} (h)`, dataIndex: 'meanRunningHoursBetweenFaults', align: 'right', render: (v: number | null) => fmtNumber(v, lang, 0) },
          { title: t('afterSales.byCode'), dataIndex: 'byCode', render: (b: Record<string, number>) => Object.entries(b).map(([c, n]) => <Tag key={c}>{c} × {n}</Tag>) },
        ]}
      />
    </Flex>
  );
}
