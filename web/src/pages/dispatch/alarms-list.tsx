import { Button, Card, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtDateTime } from '../../format/format.js';
import { Link } from '../../router/link.js';
import { itemsOf } from '../ops/list-response.js';
import { dispatchPaths, type DispatchAlarm } from './dispatch-api.js';
import { useReloadOn } from './use-reload-on.js';

const KIND_COLOURS: Record<DispatchAlarm['kind'], string> = { 'not-acknowledging': 'volcano', rejected: 'error', replanned: 'gold', 'plan-issue': 'orange' };

/**
 * Dispatch alarms of the village: devices that never acknowledged (named with their household: they run
 * their own fallback schedule), rejected commands with the device's reason, replans, plan issues.
 */
export function AlarmsList({ siteNames, transformerIds, reloadKey }: {
  siteNames: ReadonlyMap<string, string>;
  transformerIds: ReadonlySet<string>;
  reloadKey: number;
}) {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useApi<{ items: DispatchAlarm[] } | DispatchAlarm[]>(dispatchPaths.alarms());
  useReloadOn(reloadKey, reload);
  // Keep what belongs to this village even if the server answered more.
  const rows = useMemo(
    () =>
      itemsOf(data)
        .filter((a) => (a.siteId !== null ? siteNames.has(a.siteId) : a.transformerId === null || transformerIds.has(a.transformerId)))
        .sort((a, b) => b.atMs - a.atMs),
    [data, siteNames, transformerIds],
  );
  return (
    <Card size="small" title={t('dispatch.alarms')} data-testid="alarms-card" extra={<Button size="small" onClick={reload}>{t('dispatch.refresh')}</Button>}>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      <Table<DispatchAlarm>
        size="small"
        data-testid="alarms-table"
        loading={loading}
        rowKey={(a) => `${a.atMs}|${a.kind}|${a.commandId ?? ''}|${a.siteId ?? ''}|${a.transformerId ?? ''}`}
        dataSource={rows}
        locale={{ emptyText: t('dispatch.noAlarms') }}
        pagination={{ pageSize: 10, size: 'small' }}
        columns={[
          { title: t('dispatch.time'), dataIndex: 'atMs', width: 150, render: (ms: number) => fmtDateTime(ms, i18n.language) },
          { title: t('dispatch.alarmKind.title'), dataIndex: 'kind', render: (k: DispatchAlarm['kind']) => <Tag color={KIND_COLOURS[k]} data-testid="alarm-kind">{t(`dispatch.alarmKind.${k}`)}</Tag> },
          {
            title: t('dispatch.household'),
            dataIndex: 'siteId',
            render: (id: string | null, a) =>
              id ? <Link to={`/sites/${encodeURIComponent(id)}`}>{siteNames.get(id) ?? id}</Link> : a.transformerId ? t('dispatch.transformerTitle', { id: a.transformerId }) : '—',
          },
          { title: t('dispatch.device'), dataIndex: 'deviceId', render: (d: string | null) => d ?? '—' },
          { title: t('dispatch.message'), dataIndex: 'message' },
        ]}
      />
    </Card>
  );
}
