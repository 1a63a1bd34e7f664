import { Input, Table } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryKind } from '../../../../src/domain/registry.js';
import { useApi } from '../../api/use-api.js';
import { ApiErrorView } from '../../components/api-error.js';

type Row = Record<string, unknown>;

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** Columns come from the entities themselves (first seen first), so every registry kind shares one table. */
const columnsOf = (items: Row[], label: (k: string) => string): ColumnsType<Row> => {
  const keys: string[] = [];
  for (const it of items.slice(0, 200)) for (const k of Object.keys(it)) if (!keys.includes(k)) keys.push(k);
  return keys.map((k) => ({
    title: label(k),
    dataIndex: k,
    key: k,
    ellipsis: true,
    render: (v: unknown) => show(v),
    sorter: (a: Row, b: Row) => show(a[k]).localeCompare(show(b[k]), undefined, { numeric: true }),
  }));
};

export function RegistryTable({ kind }: { kind: RegistryKind }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useApi<{ items: Row[] }>(`/registry/${kind}`);
  const [filter, setFilter] = useState('');
  const items = useMemo(() => data?.items ?? [], [data]);
  const columns = useMemo(() => columnsOf(items, (k) => t(`field.${k}`, { defaultValue: k })), [items, t]);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? items.filter((r) => Object.values(r).some((v) => show(v).toLowerCase().includes(f))) : items;
  }, [items, filter]);

  if (error) return <ApiErrorView error={error} onRetry={reload} />;
  return (
    <>
      <Input.Search allowClear placeholder={t('registry.filter')} style={{ width: 280, marginBottom: 12 }} onSearch={setFilter} onChange={(e) => !e.target.value && setFilter('')} />
      <Table<Row>
        rowKey={(r) => show(r.id ?? JSON.stringify(r))}
        size="small"
        loading={loading}
        data-testid={`registry-table-${kind}`}
        columns={columns}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showTotal: (n) => t('registry.total', { count: n }) }}
        locale={{ emptyText: t('common.empty') }}
      />
    </>
  );
}
