import { Breadcrumb, Flex, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveSitesEvent, Series, SiteDetail, SiteSummary } from '../../../../src/contract/api.js';
import { apiGet, query } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { useLiveSites } from '../../api/use-live-sites.js';
import { isHousehold, useUser } from '../../auth/session.js';
import type { TelemetryPoint } from '../../charts/telemetry-option.js';
import { ApiErrorView } from '../../components/api-error.js';
import { LiveBadge } from '../../components/live-badge.js';
import { Loading } from '../../components/loading.js';
import { Link } from '../../router/link.js';
import { StatusTag } from '../sites/site-columns.js';
import { HistoryChart } from './history-chart.js';
import { LatestValues } from './latest-values.js';
import { LiveChart } from './live-chart.js';
import { SERIES_CHANNELS, seriesToPoints } from './periods.js';
import { SiteAttributes } from './site-attributes.js';
import { WarmthCard } from './warmth-card.js';
import { MySeasonCard } from '../performance/my-season-card.js';
import { unitPerformancePath } from '../performance/paths.js';

const LIVE_KEEP = 300;
const LIVE_SEED_MS = 3 * 3_600_000;

const toPoint = (s: SiteSummary): TelemetryPoint | null => (s.latest ? { ...s.latest } : null);
const appendPoint = (prev: TelemetryPoint[], p: TelemetryPoint): TelemetryPoint[] =>
  prev.length && (prev[prev.length - 1]?.tsMs ?? 0) >= p.tsMs ? prev : [...prev, p].slice(-LIVE_KEEP);

/** One site: latest state, live chart fed by SSE, history by period; households see this as "my home". */
export function SitePage({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const household = isHousehold(user);
  const { data, error, loading, reload } = useApi<SiteDetail>(`/sites/${encodeURIComponent(siteId)}`);
  const [summary, setSummary] = useState<SiteSummary>();
  const [clockMs, setClockMs] = useState<number>();
  const [points, setPoints] = useState<TelemetryPoint[]>([]);

  useEffect(() => {
    if (!data) return;
    setSummary(data.summary);
    const first = toPoint(data.summary);
    setPoints(first ? [first] : []);
    // Seed the live chart with the last hours of raw readings of a single-unit site.
    const unitId = data.summary.unitIds.length === 1 ? data.summary.unitIds[0] : undefined;
    const to = data.summary.latest?.tsMs;
    if (!unitId || to === undefined) return;
    const ctrl = new AbortController();
    apiGet<Series>(`/units/${encodeURIComponent(unitId)}/series${query({ from: to - LIVE_SEED_MS, to: to + 1, resolution: 'raw', channels: SERIES_CHANNELS.join(',') })}`, ctrl.signal)
      .then((s) => setPoints((prev) => [...seriesToPoints(s).filter((p) => p.tsMs < (prev[0]?.tsMs ?? Infinity)), ...prev].slice(-LIVE_KEEP)))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [data]);

  const onLive = useCallback(
    (ev: LiveSitesEvent) => {
      setClockMs(ev.clockMs);
      const mine = ev.sites.find((s) => s.id === siteId);
      if (!mine) return;
      setSummary(mine);
      const p = toPoint(mine);
      if (p) setPoints((prev) => appendPoint(prev, p));
    },
    [siteId],
  );
  const live = useLiveSites(data ? `/live/sites/${encodeURIComponent(siteId)}` : null, onLive);

  if (!data && loading) return <Loading />;
  if (error && !data) return <ApiErrorView error={error} onRetry={reload} />;
  if (!data || !summary) return null;
  const nowMs = Math.max(clockMs ?? 0, summary.latest?.tsMs ?? 0) || data.summary.latest?.tsMs || 0;

  return (
    <Flex vertical gap={16} data-testid="site-page" data-site-id={siteId}>
      {!household && (
        <Breadcrumb
          items={[
            { title: <Link to="/">{t('nav.overview')}</Link> },
            { title: <Link to={`/sites?villageId=${encodeURIComponent(summary.villageId)}`}>{summary.villageName}</Link> },
            { title: summary.name },
          ]}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="site-title">
          {household ? t('home.title', { name: summary.name }) : summary.name} <StatusTag online={summary.online} t={t} />
        </Typography.Title>
        <LiveBadge status={live} clockMs={clockMs} />
      </Flex>
      {household && <WarmthCard latest={summary.latest} online={summary.online} />}
      {household && summary.unitIds[0] && <MySeasonCard unitId={summary.unitIds[0]} />}
      {!household && summary.unitIds.length > 0 && (
        <Flex gap={12} wrap data-testid="site-performance-links">
          {summary.unitIds.map((u) => (
            <Link key={u} to={unitPerformancePath(u)} data-testid="site-performance-link">{t('unitPerf.fromSite', { unit: u })}</Link>
          ))}
        </Flex>
      )}
      <LatestValues latest={summary.latest} />
      <LiveChart points={points} />
      {nowMs > 0 && <HistoryChart unitIds={summary.unitIds} nowMs={nowMs} />}
      <SiteAttributes detail={data} />
    </Flex>
  );
}
