import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtDateTime, fmtNumber } from '../../format/format.js';
import { DrDirectionTag, DrStatusTag } from './dr-labels.js';
import type { DrDirection, DrEventSummary, DrStatus } from './dr-api.js';

const kw = (v: number | null, lang: string): string => (v === null ? '—' : `${fmtNumber(v, lang, 1)} kW`);

/** Demand-response events, newest window first; a click opens the event. */
export function DrEventsTable({ events, villageNames, loading, selectedId, onSelect }: {
  events: readonly DrEventSummary[];
  villageNames: ReadonlyMap<string, string>;
  loading: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = [...events].sort((a, b) => b.windowStartMs - a.windowStartMs);
  return (
    <Table<DrEventSummary>
      size="small"
      data-testid="dr-events-table"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      locale={{ emptyText: t('dr.noEvents') }}
      pagination={{ pageSize: 10, size: 'small' }}
      onRow={(e) => ({ onClick: () => onSelect(e.id), style: { cursor: 'pointer', background: e.id === selectedId ? '#fff2e8' : undefined } })}
      columns={[
        { title: t('dr.event'), dataIndex: 'id', render: (id: string) => <a data-testid="dr-event-link" onClick={(ev) => { ev.preventDefault(); onSelect(id); }} href={`?event=${encodeURIComponent(id)}`}>{id}</a> },
        { title: t('dispatch.village'), dataIndex: 'villageId', render: (id: string) => villageNames.get(id) ?? id },
        { title: t('dr.window'), key: 'window', render: (_, e) => `${e.day} ${e.from}–${e.to}` },
        { title: t('dr.directionTitle'), dataIndex: 'direction', render: (d: DrDirection) => <DrDirectionTag direction={d} t={t} /> },
        { title: t('dr.requested'), dataIndex: 'requestedKw', align: 'right', render: (v: number) => kw(v, lang) },
        { title: t('dr.firmOffer'), dataIndex: 'firmOfferKw', align: 'right', render: (v: number) => kw(v, lang) },
        { title: t('dr.committed'), dataIndex: 'committedKw', align: 'right', render: (v: number | null) => kw(v, lang) },
        { title: t('dr.deliveredMean'), dataIndex: 'deliveredKw', align: 'right', render: (v: number | null) => kw(v, lang) },
        { title: t('dispatch.status'), dataIndex: 'status', render: (s: DrStatus) => <DrStatusTag status={s} t={t} /> },
        { title: t('dr.source'), dataIndex: 'source' },
        { title: t('dispatch.createdAt'), dataIndex: 'createdAtMs', render: (ms: number) => fmtDateTime(ms, lang) },
      ]}
    />
  );
}
