import { Button, Card, Empty, Flex, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetOverview, SiteList } from '../../../../src/contract/api.js';
import { query } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { may, useUser } from '../../auth/session.js';
import { ApiErrorView } from '../../components/api-error.js';
import { Loading } from '../../components/loading.js';
import { navigate, useLocation } from '../../router/router.js';
import { shanghaiDay } from '../dispatch/slot-time.js';
import { itemsOf } from '../ops/list-response.js';
import { villageName } from '../overview/village-table.js';
import { drPaths, type DrEventSummary } from './dr-api.js';
import { DrCreateForm } from './dr-create-form.js';
import { DrEventDetailCard } from './dr-event-detail.js';
import { DrEventsTable } from './dr-events-table.js';

/**
 * 需求响应: the grid operator's requests to shave the peak (削峰) or fill the valley (填谷) over a window, what
 * each village offered without breaking comfort, what was committed and what was delivered.
 */
export function DemandResponsePage() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const canCommand = may(user, 'device:command');
  const { params } = useLocation();
  const villageId = params.get('villageId') ?? undefined;
  const eventId = params.get('event') ?? undefined;
  const overview = useApi<FleetOverview>('/fleet/overview');
  const events = useApi<{ items: DrEventSummary[] } | DrEventSummary[]>(drPaths.events(villageId));
  const [creating, setCreating] = useState(false);

  const villageNames = useMemo(() => new Map((overview.data?.villages ?? []).map((v) => [v.id, villageName(v, i18n.language)])), [overview.data, i18n.language]);
  const list = useMemo(() => itemsOf(events.data), [events.data]);
  const selected = list.find((e) => e.id === eventId);
  const sites = useApi<SiteList>(selected ? `/sites${query({ villageId: selected.villageId, pageSize: 500 })}` : null);
  const siteNames = useMemo(() => new Map((sites.data?.items ?? []).map((s) => [s.id, s.name])), [sites.data]);
  const go = (next: { villageId?: string | undefined; event?: string | undefined }) =>
    navigate(`/demand-response${query({ villageId: 'villageId' in next ? next.villageId : villageId, event: 'event' in next ? next.event : eventId })}`, { replace: true });

  if (overview.loading && !overview.data) return <Loading />;
  if (overview.error && !overview.data) return <ApiErrorView error={overview.error} onRetry={overview.reload} />;
  const villageOptions = [...villageNames].map(([value, label]) => ({ value, label }));

  return (
    <Flex vertical gap={16} data-testid="dr-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('dr.title')}</Typography.Title>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('dispatch.village')}</Typography.Text>
          <Select<string> allowClear placeholder={t('dr.allVillages')} style={{ minWidth: 200 }} value={villageId} onChange={(v) => go({ villageId: v, event: undefined })} options={villageOptions} data-testid="dr-village-filter" />
          {canCommand && <Button type="primary" onClick={() => setCreating(true)} data-testid="dr-new-event">{t('dr.newEvent')}</Button>}
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('dr.intro')}</Typography.Paragraph>
      <Card size="small" title={t('dr.events')}>
        {events.error ? <ApiErrorView error={events.error} onRetry={events.reload} /> : <DrEventsTable events={list} villageNames={villageNames} loading={events.loading} selectedId={eventId} onSelect={(id) => go({ event: id })} />}
      </Card>
      {eventId && selected && (
        <DrEventDetailCard key={eventId} eventId={eventId} listedStatus={selected.status} villageName={villageNames.get(selected.villageId) ?? selected.villageId} siteNames={siteNames} canCommit={canCommand} clockMs={overview.data?.clockMs} onChanged={events.reload} />
      )}
      {eventId && !selected && !events.loading && <Empty description={t('dr.eventNotFound', { id: eventId })} />}
      {canCommand && (
        <DrCreateForm
          open={creating}
          villages={villageOptions}
          defaultVillageId={villageId ?? villageOptions[0]?.value}
          defaultDay={overview.data ? shanghaiDay(overview.data.clockMs) : ''}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            events.reload();
            go({ event: id });
          }}
        />
      )}
    </Flex>
  );
}
