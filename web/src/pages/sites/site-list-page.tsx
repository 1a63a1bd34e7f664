import { Card, Flex, Table, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveSitesEvent, SiteList, SiteSummary } from '../../../../src/contract/api.js';
import { query } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { useLiveSites } from '../../api/use-live-sites.js';
import { ApiErrorView } from '../../components/api-error.js';
import { LiveBadge } from '../../components/live-badge.js';
import { navigate, useLocation } from '../../router/router.js';
import { siteColumns } from './site-columns.js';
import { SiteFilters, type SiteFilterValues } from './site-filters.js';

const PAGE_SIZE = 20;

/** Server-side paged site list; filters live in the URL so a village link or reload keeps them. */
export function SiteListPage() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const filters: SiteFilterValues = {
    villageId: params.get('villageId') ?? undefined,
    status: (params.get('status') as SiteFilterValues['status']) ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? PAGE_SIZE) || PAGE_SIZE;
  const apiPath = `/sites${query({ ...filters, page, pageSize })}`;
  const { data, error, loading, reload } = useApi<SiteList>(apiPath);

  // Live events carry changed sites only: patch the rows on screen in place.
  const [rows, setRows] = useState<SiteSummary[]>([]);
  const [clockMs, setClockMs] = useState<number>();
  useEffect(() => setRows(data?.items ?? []), [data]);
  const onLive = useCallback((ev: LiveSitesEvent) => {
    setClockMs(ev.clockMs);
    const changed = new Map(ev.sites.map((s) => [s.id, s]));
    setRows((prev) => (prev.some((r) => changed.has(r.id)) ? prev.map((r) => changed.get(r.id) ?? r) : prev));
  }, []);
  const live = useLiveSites('/live/fleet', onLive);

  const go = (next: SiteFilterValues & { page?: number; pageSize?: number }): void =>
    navigate(`/sites${query({ ...next, page: next.page && next.page > 1 ? next.page : undefined, pageSize: next.pageSize && next.pageSize !== PAGE_SIZE ? next.pageSize : undefined })}`);
  const columns = useMemo(() => siteColumns(t, i18n.language), [t, i18n.language]);

  return (
    <Flex vertical gap={16} data-testid="site-list-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('sites.title')}</Typography.Title>
        <LiveBadge status={live} clockMs={clockMs} />
      </Flex>
      <Card size="small">
        <Flex vertical gap={12}>
          <SiteFilters key={params.toString()} value={filters} onChange={(f) => go({ ...f, pageSize })} />
          {error && <ApiErrorView error={error} onRetry={reload} />}
          <Table<SiteSummary>
            rowKey="id"
            size="small"
            data-testid="site-table"
            loading={loading}
            columns={columns}
            dataSource={rows}
            scroll={{ x: 1100 }}
            locale={{ emptyText: t('sites.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('sites.total', { count: total }),
              onChange: (p, ps) => go({ ...filters, page: ps !== pageSize ? 1 : p, pageSize: ps }),
            }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
