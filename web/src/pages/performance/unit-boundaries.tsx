import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtNumber } from '../../format/format.js';
import type { UnitReport } from './api.js';
import { BoundaryTag, KpiValue } from './kpi-labels.js';

type Row = UnitReport['boundaries'][number];

/** SPF at each SEPEMO boundary with the energy behind it: what is counted, over how many hours, or why it cannot be. */
export function UnitBoundaries({ boundaries }: { boundaries: Row[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Card size="small" title={t('unitPerf.boundariesTitle')} data-testid="unit-boundaries">
      <Table<Row>
        size="small"
        rowKey="boundary"
        pagination={false}
        dataSource={boundaries}
        columns={[
          { title: t('unitPerf.boundary'), key: 'b', width: 70, render: (_, r) => <BoundaryTag boundary={r.boundary} /> },
          { title: t('unitPerf.definition'), key: 'def', render: (_, r) => <Typography.Text style={{ fontSize: 12 }}>{t(`boundary.${r.boundary}`)}</Typography.Text> },
          { title: 'SPF', key: 'spf', align: 'right', width: 120, render: (_, r) => <KpiValue kpi="spfH2" value={r.spf} reason={r.reason} testId={`unit-spf-${r.boundary}`} /> },
          { title: `${t('unitPerf.heat')} (kWh)`, key: 'heat', align: 'right', width: 110, render: (_, r) => fmtNumber(r.heatKWh, lang, 0) },
          { title: `${t('unitPerf.electricity')} (kWh)`, key: 'elec', align: 'right', width: 110, render: (_, r) => fmtNumber(r.electricityKWh, lang, 0) },
          { title: `${t('unitPerf.coveredH')} (h)`, key: 'h', align: 'right', width: 100, render: (_, r) => fmtNumber(r.coveredH, lang, 0) },
          { title: t('unitPerf.channels'), key: 'ch', render: (_, r) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.channels.map((c) => t(`channelName.${c}`, { defaultValue: c })).join(' + ')}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
