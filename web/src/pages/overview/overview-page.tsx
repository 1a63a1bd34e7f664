import { Card, Flex, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetOverview, LiveSitesEvent } from '../../../../src/contract/api.js';
import { useApi } from '../../api/use-api.js';
import { useLiveSites } from '../../api/use-live-sites.js';
import { ApiErrorView } from '../../components/api-error.js';
import { LiveBadge } from '../../components/live-badge.js';
import { Loading } from '../../components/loading.js';
import { KpiCards } from './kpi-cards.js';
import { VillageTable } from './village-table.js';
import { VillagePowerChart } from './village-power-chart.js';

/** Aggregates are recomputed by the server; a live event just triggers a (throttled) refresh. */
const REFRESH_MIN_MS = 2_000;

export function OverviewPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useApi<FleetOverview>('/fleet/overview');
  const [liveClock, setLiveClock] = useState<number>();
  const lastReload = useRef(0);

  const onLive = useCallback(
    (ev: LiveSitesEvent) => {
      setLiveClock(ev.clockMs);
      const now = performance.now();
      if (ev.sites.length > 0 && now - lastReload.current > REFRESH_MIN_MS) {
        lastReload.current = now;
        reload();
      }
    },
    [reload],
  );
  const live = useLiveSites('/live/fleet', onLive);

  if (!data && loading) return <Loading />;
  if (!data && error) return <ApiErrorView error={error} onRetry={reload} />;
  if (!data) return null;
  const clockMs = Math.max(data.clockMs, liveClock ?? 0);

  return (
    <Flex vertical gap={16} data-testid="overview-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('overview.title')}</Typography.Title>
        <LiveBadge status={live} clockMs={clockMs} />
      </Flex>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      <KpiCards totals={data.totals} />
      <Card title={t('overview.villages')} size="small" extra={<Typography.Text type="secondary">{t('overview.villagesHint')}</Typography.Text>}>
        <VillageTable villages={data.villages} />
      </Card>
      {data.villages.length > 0 && (
        <Card title={t('overview.powerByVillage')} size="small">
          <VillagePowerChart villages={data.villages} />
        </Card>
      )}
    </Flex>
  );
}
