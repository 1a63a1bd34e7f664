import { Progress, Table, Tag } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VillageSummary } from '../../../../src/contract/api.js';
import { fmtNumber, fmtPowerKw, fmtTempC } from '../../format/format.js';
import { navigate } from '../../router/router.js';

export const villageName = (v: { name: string; nameZh?: string | null }, lang: string): string => (lang.startsWith('zh') && v.nameZh ? v.nameZh : v.name);

/** One row per village; a click opens the site list filtered to that village. */
export function VillageTable({ villages }: { villages: VillageSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns: ColumnsType<VillageSummary> = [
    { title: t('village.name'), key: 'name', render: (_, v) => <a data-testid="village-link">{villageName(v, lang)}</a>, sorter: (a, b) => a.name.localeCompare(b.name) },
    { title: t('village.county'), dataIndex: 'countyName', render: (c: string | null) => c ?? '—' },
    { title: t('village.sites'), dataIndex: 'sites', align: 'right', sorter: (a, b) => a.sites - b.sites },
    {
      title: t('village.onlineOffline'),
      key: 'status',
      width: 200,
      render: (_, v) => (
        <span>
          <Tag color="green">{t('status.online')} {v.online}</Tag>
          <Tag color={v.offline > 0 ? 'red' : 'default'}>{t('status.offline')} {v.offline}</Tag>
          <Progress percent={v.sites ? Math.round((100 * v.online) / v.sites) : 0} size="small" showInfo={false} strokeColor="#52c41a" />
        </span>
      ),
    },
    { title: t('village.meanIndoor'), dataIndex: 'meanIndoorTempC', align: 'right', render: (x: number | null) => fmtTempC(x, lang), sorter: (a, b) => (a.meanIndoorTempC ?? -99) - (b.meanIndoorTempC ?? -99) },
    { title: t('village.below18'), dataIndex: 'sitesBelow18C', align: 'right', render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : n), sorter: (a, b) => a.sitesBelow18C - b.sitesBelow18C },
    { title: t('village.elecPower'), dataIndex: 'elecPowerW', align: 'right', render: (w: number) => fmtPowerKw(w, lang) },
    { title: t('village.heatPower'), dataIndex: 'heatPowerW', align: 'right', render: (w: number) => fmtPowerKw(w, lang) },
    { title: t('village.transformer'), dataIndex: 'transformerKva', align: 'right', render: (k: number | null) => (k === null ? '—' : `${fmtNumber(k, lang)} kVA`) },
  ];
  return (
    <Table<VillageSummary>
      rowKey="id"
      size="small"
      data-testid="village-table"
      columns={columns}
      dataSource={villages}
      pagination={villages.length > 20 ? { pageSize: 20 } : false}
      onRow={(v) => ({ onClick: () => navigate(`/sites?villageId=${encodeURIComponent(v.id)}`), style: { cursor: 'pointer' } })}
      locale={{ emptyText: t('common.empty') }}
    />
  );
}
