import { Button, Card, Flex, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { navigate, useLocation } from '../../router/router.js';
import { apiPath, DEFAULT_TABLE_KPIS, isKpiKey, KPI_KEYS, type FleetRow, type FleetTable, type SeasonKpiKey } from './api.js';
import { ComparisonCard } from './comparison-card.js';
import { DistributionCard } from './distribution-card.js';
import { ExportButtons } from './export-buttons.js';
import { fleetColumns } from './fleet-columns.js';
import { PerformanceFilters } from './performance-filters.js';
import { ReportContext } from './report-context.js';
import { scopeFromParams, scopeQuery, type Scope } from './scope.js';

const PAGE_SIZE = 20;
const MAX_COMPARE = 50;

interface View { page: number; pageSize: number; sort: string; order: 'asc' | 'desc'; cols: SeasonKpiKey[]; compare: string[] }

function viewFromParams(p: URLSearchParams): View {
  const cols = (p.get('cols') ?? '').split(',').filter(isKpiKey);
  const sort = p.get('sort');
  return {
    page: Number(p.get('page')) || 1,
    pageSize: Number(p.get('pageSize')) || PAGE_SIZE,
    sort: sort === 'unitId' || isKpiKey(sort) ? sort : 'unitId',
    order: p.get('order') === 'desc' ? 'desc' : 'asc',
    cols: cols.length ? cols : [...DEFAULT_TABLE_KPIS],
    compare: (p.get('compare') ?? '').split(',').filter(Boolean).slice(0, MAX_COMPARE),
  };
}

/** 性能分析: the fleet's season KPIs per unit (server-paged and sorted), their distribution, and chosen units side by side. */
export function PerformancePage() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const scope = scopeFromParams(params);
  const view = viewFromParams(params);
  const { data, error, loading, reload } = useApi<FleetTable>(
    `${apiPath('units')}${scopeQuery(scope, { page: view.page, pageSize: view.pageSize, sort: view.sort, order: view.order })}`,
  );

  const go = (s: Scope, v: Partial<View>): void => {
    const next = { ...view, ...v };
    navigate(`/performance${scopeQuery(s, {
      page: next.page > 1 ? next.page : undefined,
      pageSize: next.pageSize !== PAGE_SIZE ? next.pageSize : undefined,
      sort: next.sort !== 'unitId' ? next.sort : undefined,
      order: next.order !== 'asc' ? next.order : undefined,
      cols: next.cols.join(',') !== DEFAULT_TABLE_KPIS.join(',') ? next.cols.join(',') : undefined,
      compare: next.compare.length ? next.compare.join(',') : undefined,
    })}`);
  };
  const periodSearch = scopeQuery({ from: scope.from, to: scope.to });
  const columns = useMemo(
    () => fleetColumns(t, i18n.language, view.cols, data?.columns ?? [], view.sort, view.order, periodSearch),
    [t, i18n.language, view.cols, data?.columns, view.sort, view.order, periodSearch],
  );

  const onTable: TableProps<FleetRow>['onChange'] = (pg, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey) : 'unitId';
    const order = s?.order === 'descend' ? 'desc' : 'asc';
    const pageSize = pg.pageSize ?? view.pageSize;
    const sortChanged = key !== view.sort || order !== view.order;
    go(scope, { sort: key, order, pageSize, page: sortChanged || pageSize !== view.pageSize ? 1 : (pg.current ?? 1) });
  };

  return (
    <Flex vertical gap={16} data-testid="performance-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('perf.title')}</Typography.Title>
        <ExportButtons scope={scope} />
      </Flex>
      <Card size="small">
        <PerformanceFilters scope={scope} onChange={(s) => go(s, { page: 1 })} />
      </Card>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      {data && <ReportContext period={data.period} population={data.population} notes={data.notes} notesZh={data.notesZh} />}
      <Card
        size="small"
        title={t('perf.tableTitle')}
        extra={
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">{t('perf.columns')}</Typography.Text>
            <Select<SeasonKpiKey[]>
              mode="multiple"
              maxTagCount="responsive"
              style={{ width: 320 }}
              value={view.cols}
              options={KPI_KEYS.map((k) => ({ value: k, label: t(`perfKpi.${k}`) + (k.startsWith('spfH') ? ` ${k.slice(3)}` : '') }))}
              onChange={(cols) => go(scope, { cols: cols.length ? cols : [...DEFAULT_TABLE_KPIS] })}
              data-testid="perf-columns"
            />
            <Button
              type="primary"
              disabled={view.compare.length === 0}
              onClick={() => document.getElementById('perf-comparison')?.scrollIntoView({ behavior: 'smooth' })}
              data-testid="perf-compare"
            >
              {t('perf.compareSelected', { count: view.compare.length })}
            </Button>
          </Flex>
        }
      >
        <Table<FleetRow>
          rowKey="unitId"
          size="small"
          data-testid="perf-table"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 700 + 120 * view.cols.length }}
          locale={{ emptyText: data && data.population.unitsMatched === 0 ? t('perf.noUnitsMatch') : t('perf.tableEmpty') }}
          rowSelection={{
            selectedRowKeys: view.compare,
            preserveSelectedRowKeys: true,
            onChange: (keys) => go(scope, { compare: keys.map(String).slice(0, MAX_COMPARE) }),
            getCheckboxProps: (r) => ({ 'data-testid': `perf-select-${r.unitId}` }) as object,
          }}
          onChange={onTable}
          pagination={{
            current: view.page,
            pageSize: view.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('perf.total', { count: total }),
          }}
        />
      </Card>
      {view.compare.length > 0 && (
        <div id="perf-comparison">
          <ComparisonCard unitIds={view.compare} scope={scope} onClear={() => go(scope, { compare: [] })} />
        </div>
      )}
      <DistributionCard scope={scope} />
    </Flex>
  );
}
