import { Tag } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { SiteSummary } from '../../../../src/contract/api.js';
import { fmtDateTime, fmtNumber, fmtPowerKw, fmtTempC } from '../../format/format.js';
import { Link } from '../../router/link.js';

export const StatusTag = ({ online, t }: { online: boolean; t: TFunction }) => (
  <Tag color={online ? 'green' : 'red'} data-testid="site-status">{t(online ? 'status.online' : 'status.offline')}</Tag>
);

export function siteColumns(t: TFunction, lang: string): ColumnsType<SiteSummary> {
  return [
    { title: t('site.name'), dataIndex: 'name', render: (name: string, s) => <Link to={`/sites/${encodeURIComponent(s.id)}`} data-testid="site-link">{name}</Link> },
    { title: t('site.village'), dataIndex: 'villageName' },
    { title: t('site.status'), dataIndex: 'online', render: (online: boolean) => <StatusTag online={online} t={t} /> },
    { title: t('channel.indoorTempC'), key: 'indoor', align: 'right', render: (_, s) => <span data-testid="site-indoor">{fmtTempC(s.latest?.indoorTempC, lang)}</span> },
    { title: t('channel.outdoorTempC'), key: 'outdoor', align: 'right', render: (_, s) => fmtTempC(s.latest?.outdoorTempC, lang) },
    { title: t('channel.supplyTempC'), key: 'supply', align: 'right', render: (_, s) => fmtTempC(s.latest?.supplyTempC, lang) },
    { title: t('site.elecPower'), key: 'elec', align: 'right', render: (_, s) => fmtPowerKw(s.latest?.elecPowerW, lang) },
    { title: t('channel.heatPowerW'), key: 'heat', align: 'right', render: (_, s) => fmtPowerKw(s.latest?.heatPowerW, lang) },
    { title: t('site.capacity'), dataIndex: 'capacityKw', align: 'right', render: (k: number) => `${fmtNumber(k, lang, 1)} kW` },
    { title: t('site.emitter'), dataIndex: 'emitter', render: (e: string | null) => (e ? t(`emitter.${e}`, { defaultValue: e }) : '—') },
    { title: t('site.readingTime'), key: 'ts', render: (_, s) => fmtDateTime(s.latest?.tsMs, lang) },
  ];
}
