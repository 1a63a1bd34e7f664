import { Breadcrumb, Card, Descriptions, Flex, Segmented, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { Loading } from '../../components/loading.js';
import { fmtNumber } from '../../format/format.js';
import { Link } from '../../router/link.js';
import { navigate, useLocation } from '../../router/router.js';
import { apiPath, BOUNDARY_KEYS, type BoundaryKey, type UnitReport } from './api.js';
import { ComfortByHour } from './comfort-by-hour.js';
import { ExpectedVsActualCard } from './expected-vs-actual-card.js';
import { useRefreshWhileComputing } from './use-refresh-while-computing.js';
import { PeriodPicker } from './period-picker.js';
import { ReportContext } from './report-context.js';
import { scopeQuery, type Scope } from './scope.js';
import { UnitBoundaries } from './unit-boundaries.js';
import { UnitDataQuality } from './unit-data-quality.js';
import { controlName, emitterName, unitTypeName } from './unit-facts.js';
import { UnitFigures } from './unit-figures.js';

const isBoundary = (s: string | null): s is BoundaryKey => (BOUNDARY_KEYS as readonly string[]).includes(s ?? '');

/** One unit's season: every KPI grouped, SPF per boundary, data quality, comfort by hour, and expected vs actual from the twin. */
export function UnitPerformancePage({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { params } = useLocation();
  const period: Scope = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const boundary: BoundaryKey = isBoundary(params.get('boundary')) ? (params.get('boundary') as BoundaryKey) : 'h2';
  const { data, error, loading, reload } = useApi<UnitReport>(`${apiPath('unit', unitId)}${query({ ...period, boundary })}`);
  // The twin's expectation comes from the server's worker thread: the page asks again until it is there.
  useRefreshWhileComputing(data, data?.expectedVsActualStatus.retryAfterMs ?? null, reload);
  const go = (p: Scope, b: BoundaryKey): void =>
    navigate(`/performance/units/${encodeURIComponent(unitId)}${scopeQuery({ from: p.from, to: p.to }, { boundary: b === 'h2' ? undefined : b })}`);

  if (!data && loading) return <Loading tip={t('unitPerf.loadingTwin')} />;
  if (error && !data) return <ApiErrorView error={error} onRetry={reload} />;
  if (!data) return null;
  const u = data.unit;

  return (
    <Flex vertical gap={16} data-testid="unit-performance-page" data-unit-id={unitId}>
      <Breadcrumb items={[{ title: <Link to={`/performance${scopeQuery({ from: period.from, to: period.to })}`}>{t('nav.performance')}</Link> }, { title: u.unitId }]} />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('unitPerf.title', { unit: u.unitId })} {data.status === 'no-data' && <Tag color="default">{t('nullReason.no-data')}</Tag>}
        </Typography.Title>
        <Link to={`/sites/${encodeURIComponent(u.siteId)}`} data-testid="unit-site-link">{t('unitPerf.toSite', { site: u.siteName })}</Link>
      </Flex>
      <Card size="small">
        <Flex vertical gap={12}>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} data-testid="unit-facts">
            <Descriptions.Item label={t('hp.model')}>{u.manufacturer} {u.model}</Descriptions.Item>
            <Descriptions.Item label={t('hp.type')}>{unitTypeName(u.unitType, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('hp.control')}>{controlName(u.capacityControl, t)}</Descriptions.Item>
            <Descriptions.Item label={t('site.emitter')}>{emitterName(u.emitter, t)}</Descriptions.Item>
            <Descriptions.Item label={t('hp.capacity')}>{fmtNumber(u.nominalCapacityKw, lang, 1)} kW</Descriptions.Item>
            <Descriptions.Item label={t('hp.installedOn')}>{u.installedOn}</Descriptions.Item>
            <Descriptions.Item label={t('site.building')}>
              {u.building ? t('site.buildingText', { area: fmtNumber(u.building.heatedAreaM2, lang), year: u.building.constructionYear, storeys: u.building.storeys, envelope: t(`envelope.${u.building.envelope}`, { defaultValue: u.building.envelope }) }) : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Flex gap={16} wrap align="center">
            <PeriodPicker key={`${period.from ?? ''}|${period.to ?? ''}`} scope={period} onChange={(p) => go(p, boundary)} />
            <Flex gap={8} align="center">
              <Typography.Text type="secondary">{t('unitPerf.evaBoundary')}</Typography.Text>
              <Segmented<BoundaryKey> value={boundary} onChange={(b) => go(period, b)} options={BOUNDARY_KEYS.map((b) => ({ value: b, label: b.toUpperCase() }))} data-testid="unit-eva-boundary" />
            </Flex>
          </Flex>
          <ReportContext period={data.period} population={data.population} notes={data.notes} notesZh={data.notesZh} />
        </Flex>
      </Card>
      <UnitBoundaries boundaries={data.boundaries} />
      <ExpectedVsActualCard eva={data.expectedVsActual} status={data.expectedVsActualStatus} />
      <UnitFigures figures={data.figures} />
      <ComfortByHour hours={data.comfortByHour} />
      <UnitDataQuality report={data} />
    </Flex>
  );
}
