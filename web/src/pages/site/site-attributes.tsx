import { Card, Descriptions, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SiteDetail } from '../../../../src/contract/api.js';
import { HEAT_PUMP_TYPES } from '../../../../src/domain/heat-pump-types.js';
import { fmtNumber } from '../../format/format.js';
import { villageName } from '../overview/village-table.js';

type Unit = SiteDetail['units'][number];

const typeName = (key: string, lang: string): string => {
  const spec = HEAT_PUMP_TYPES.find((h) => h.key === key);
  return spec ? (lang.startsWith('zh') ? spec.nameZh : spec.nameEn) : key;
};

/** Registry facts about the site: where it is, who runs it, the building and its heat pump(s). */
export function SiteAttributes({ detail }: { detail: SiteDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { site, village, operator, programme, transformer, buildings } = detail;
  const orgName = (o: { name: string; nameZh?: string } | null): string => (o ? villageName(o, lang) : '—');
  const building = buildings[0];

  return (
    <Card size="small" title={t('site.attributesTitle')} data-testid="attributes-card">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
        <Descriptions.Item label={t('site.village')}>{village ? villageName(village, lang) : site.villageId}</Descriptions.Item>
        <Descriptions.Item label={t('site.address')}>{site.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('site.operator')}>{orgName(operator)}</Descriptions.Item>
        <Descriptions.Item label={t('site.programme')}>{programme ? `${programme.name} (${programme.year})` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('site.transformer')}>
          {transformer ? `${transformer.name} · ${fmtNumber(transformer.ratingKva, lang)} kVA` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('site.building')}>
          {building
            ? t('site.buildingText', {
                area: fmtNumber(building.heatedAreaM2, lang),
                year: building.constructionYear,
                storeys: building.storeys,
                envelope: t(`envelope.${building.envelope}`, { defaultValue: building.envelope }),
              })
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table<Unit>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        pagination={false}
        data-testid="units-table"
        dataSource={detail.units}
        locale={{ emptyText: t('common.empty') }}
        columns={[
          { title: t('hp.type'), dataIndex: 'type', render: (k: string) => <span data-testid="unit-type">{typeName(k, lang)}</span> },
          { title: t('hp.model'), key: 'model', render: (_, u) => `${u.manufacturer} ${u.model}` },
          { title: t('hp.capacity'), dataIndex: 'nominalCapacityKw', align: 'right', render: (k: number) => `${fmtNumber(k, lang, 1)} kW` },
          { title: t('hp.control'), dataIndex: 'capacityControl', render: (c: string) => <Tag>{t(`control.${c}`, { defaultValue: c })}</Tag> },
          { title: t('site.emitter'), dataIndex: 'emitter', render: (e: string) => t(`emitter.${e}`, { defaultValue: e }) },
          { title: t('hp.refrigerant'), dataIndex: 'refrigerant' },
          { title: t('hp.installedOn'), dataIndex: 'installedOn' },
        ]}
      />
    </Card>
  );
}
