import { Button, Card, Checkbox, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { fmtDateTime } from '../../format/format.js';
import { Link } from '../../router/link.js';
import { itemsOf } from '../ops/list-response.js';
import { useServerText } from '../../i18n/server-texts.js';
import { AcknowledgeAlarmModal } from './acknowledge-alarm.js';
import { alarmText } from './dispatch-texts.js';
import { ALARM_STATES, dispatchPaths, type AlarmState, type DispatchAlarmView } from './dispatch-api.js';
import { useReloadOn } from './use-reload-on.js';

const KIND_COLOURS: Record<DispatchAlarmView['kind'], string> = { 'not-acknowledging': 'volcano', rejected: 'error', replanned: 'gold', 'plan-issue': 'orange' };

/**
 * Dispatch alarms of the village: devices that never acknowledged (named with their household: they run
 * their own fallback schedule), rejected commands with the device's reason, replans, plan issues. An operator
 * marks one as seen/handled with a note; who, when and the note stay on the alarm. Filters: day raised, open/acknowledged.
 */
export function AlarmsList({ villageId, day, siteNames, canAcknowledge, reloadKey }: {
  villageId: string;
  day: string;
  siteNames: ReadonlyMap<string, string>;
  canAcknowledge: boolean;
  reloadKey: number;
}) {
  const { t, i18n } = useTranslation();
  const srv = useServerText();
  const lang = i18n.language;
  const [state, setState] = useState<AlarmState>();
  const [onDay, setOnDay] = useState(true);
  const [acking, setAcking] = useState<DispatchAlarmView | null>(null);
  const { data, error, loading, reload } = useApi<{ items: DispatchAlarmView[] } | DispatchAlarmView[]>(dispatchPaths.alarms({ villageId, state, day: onDay ? day : undefined }));
  useReloadOn(reloadKey, reload);
  const rows = itemsOf(data);
  return (
    <Card size="small" title={t('dispatch.alarms')} data-testid="alarms-card" extra={<Button size="small" onClick={reload}>{t('dispatch.refresh')}</Button>}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<AlarmState>
          allowClear
          placeholder={t('dispatch.alarmState.title')}
          style={{ width: 160 }}
          value={state}
          onChange={setState}
          data-testid="filter-alarm-state"
          options={ALARM_STATES.map((s) => ({ value: s, label: t(`dispatch.alarmState.${s}`) }))}
        />
        <Checkbox checked={onDay} onChange={(e) => setOnDay(e.target.checked)} data-testid="filter-alarms-day" style={{ alignSelf: 'center' }}>{t('dispatch.raisedOnDay', { day })}</Checkbox>
      </Flex>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      <Table<DispatchAlarmView>
        size="small"
        data-testid="alarms-table"
        loading={loading}
        rowKey="id"
        dataSource={rows}
        locale={{ emptyText: t('dispatch.noAlarms') }}
        pagination={{ pageSize: 10, size: 'small' }}
        onRow={(a) => ({ 'data-alarm-id': a.id, 'data-state': a.acknowledgement ? 'acknowledged' : 'open' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('dispatch.time'), dataIndex: 'atMs', width: 150, render: (ms: number) => fmtDateTime(ms, lang) },
          { title: t('dispatch.alarmKind.title'), dataIndex: 'kind', render: (k: DispatchAlarmView['kind']) => <Tag color={KIND_COLOURS[k]} data-testid="alarm-kind">{t(`dispatch.alarmKind.${k}`)}</Tag> },
          {
            title: t('dispatch.household'),
            dataIndex: 'siteId',
            render: (id: string | null, a) =>
              id ? <Link to={`/sites/${encodeURIComponent(id)}`}>{siteNames.get(id) ?? id}</Link> : a.transformerId ? t('dispatch.transformerTitle', { id: a.transformerId }) : '—',
          },
          { title: t('dispatch.device'), dataIndex: 'deviceId', render: (d: string | null) => d ?? '—' },
          { title: t('dispatch.message'), key: 'message', render: (_, a) => <span data-testid="alarm-message" data-code={a.text?.code}>{alarmText(a, srv, lang)}</span> },
          {
            title: t('dispatch.alarmState.title'),
            key: 'ack',
            width: 260,
            render: (_, a) =>
              a.acknowledgement ? (
                <Flex vertical data-testid="alarm-ack">
                  <Tag color="green" style={{ width: 'fit-content' }}>{t('dispatch.alarmState.acknowledged')}</Tag>
                  <Typography.Text type="secondary">{t('dispatch.ackBy', { who: a.acknowledgement.byUsername, at: fmtDateTime(a.acknowledgement.atMs, lang) })}</Typography.Text>
                  <Typography.Text data-testid="alarm-ack-note">{a.acknowledgement.note}</Typography.Text>
                </Flex>
              ) : canAcknowledge ? (
                <Button size="small" onClick={() => setAcking(a)} data-testid="acknowledge-alarm">{t('dispatch.acknowledge')}</Button>
              ) : (
                <Tag color="volcano">{t('dispatch.alarmState.open')}</Tag>
              ),
          },
        ]}
      />
      {canAcknowledge && <AcknowledgeAlarmModal alarm={acking} siteNames={siteNames} onClose={() => setAcking(null)} onDone={() => { setAcking(null); reload(); }} />}
    </Card>
  );
}
