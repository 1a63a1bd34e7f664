import { Button, Card, Checkbox, Flex, Select, Table, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';
import { useServerText } from '../../i18n/server-texts.js';
import { fmtDateTime } from '../../format/format.js';
import { itemsOf } from '../ops/list-response.js';
import { useReloadOn } from './use-reload-on.js';
import { CommandOriginTag, CommandStateTag, describeCommand } from './command-labels.js';
import { COMMAND_ORIGINS, COMMAND_STATES, dispatchPaths, type CommandOrigin, type CommandState, type CommandView } from './dispatch-api.js';

const LIMIT = 500;

/**
 * Commands to the village's devices, newest first, with their delivery state. An operator override is
 * marked and the plan commands it replaced show as superseded: the override wins until it expires. The API
 * filters by village, local day of issue, state and household; the origin is filtered here.
 */
export function CommandsTable({ villageId, day, siteNames, reloadKey }: { villageId: string; day: string; siteNames: ReadonlyMap<string, string>; reloadKey: number }) {
  const { t, i18n } = useTranslation();
  const srv = useServerText();
  const lang = i18n.language;
  const [state, setState] = useState<CommandState>();
  const [origin, setOrigin] = useState<CommandOrigin>();
  const [siteId, setSiteId] = useState<string>();
  const [onDay, setOnDay] = useState(true);
  const { data, error, loading, reload } = useApi<{ items: CommandView[] } | CommandView[]>(dispatchPaths.commands({ villageId, state, siteId, day: onDay ? day : undefined, limit: LIMIT }));
  useReloadOn(reloadKey, reload);

  const rows = useMemo(
    () => itemsOf(data).filter((c) => origin === undefined || c.origin === origin).sort((a, b) => b.issuedAtMs - a.issuedAtMs),
    [data, origin],
  );
  const siteOptions = useMemo(() => [...siteNames].map(([value, label]) => ({ value, label })), [siteNames]);

  return (
    <Card
      size="small"
      title={t('dispatch.commands')}
      data-testid="commands-card"
      extra={<Button size="small" onClick={reload}>{t('dispatch.refresh')}</Button>}
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<CommandState>
          allowClear
          placeholder={t('dispatch.filterState')}
          style={{ width: 160 }}
          value={state}
          onChange={setState}
          data-testid="filter-state"
          options={COMMAND_STATES.map((s) => ({ value: s, label: t(`dispatch.state.${s}`) }))}
        />
        <Select<CommandOrigin>
          allowClear
          placeholder={t('dispatch.filterOrigin')}
          style={{ width: 160 }}
          value={origin}
          onChange={setOrigin}
          data-testid="filter-origin"
          options={COMMAND_ORIGINS.map((o) => ({ value: o, label: t(`dispatch.origin.${o}`) }))}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('dispatch.filterHousehold')}
          style={{ width: 220 }}
          value={siteId}
          onChange={setSiteId}
          data-testid="filter-site"
          options={siteOptions}
        />
        <Checkbox checked={onDay} onChange={(e) => setOnDay(e.target.checked)} data-testid="filter-commands-day" style={{ alignSelf: 'center' }}>{t('dispatch.issuedOnDay', { day })}</Checkbox>
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('dispatch.commandsHint', { limit: LIMIT })}</Typography.Text>
      </Flex>
      {error && <ApiErrorView error={error} onRetry={reload} />}
      <Table<CommandView>
        size="small"
        data-testid="commands-table"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 15, size: 'small', showTotal: (n) => t('dispatch.total', { count: n }) }}
        rowClassName={(c) => (c.origin === 'override' ? 'hf-override-row' : '')}
        onRow={(c) => ({ 'data-origin': c.origin, 'data-site-id': c.siteId, style: c.origin === 'override' ? { background: '#fff0f6' } : undefined }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('dispatch.issuedAt'), dataIndex: 'issuedAtMs', width: 150, render: (ms: number) => fmtDateTime(ms, lang) },
          { title: t('dispatch.household'), dataIndex: 'siteId', render: (id: string) => siteNames.get(id) ?? id },
          { title: t('dispatch.origin.title'), dataIndex: 'origin', render: (o: CommandOrigin) => <CommandOriginTag origin={o} t={t} /> },
          { title: t('dispatch.command'), key: 'command', render: (_, c) => describeCommand(c.command, t, lang) },
          { title: t('dispatch.state.title'), dataIndex: 'state', render: (s: CommandState) => <CommandStateTag state={s} t={t} /> },
          { title: t('dispatch.attempts'), dataIndex: 'attempts', align: 'right', width: 90 },
          { title: t('dispatch.actor'), dataIndex: 'actor', render: (a: string) => (a === 'system' ? t('dispatch.system') : a) },
          { title: t('dispatch.reason'), key: 'reason', render: (_, c) => (c.reason === null ? '—' : srv('commandReason', c.reasonRef, c.reason)) },
        ]}
      />
    </Card>
  );
}
