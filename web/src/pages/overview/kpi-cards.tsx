import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FleetOverview } from '../../../../src/contract/api.js';
import { DASH, fmtNumber } from '../../format/format.js';

/** Fleet totals; every figure carries its unit. */
export function KpiCards({ totals }: { totals: FleetOverview['totals'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cards: { key: string; title: string; value: string; suffix?: string; color?: string }[] = [
    { key: 'sites', title: t('kpi.sites'), value: fmtNumber(totals.sites, lang), suffix: t('unit.sites') },
    { key: 'online', title: t('kpi.online'), value: fmtNumber(totals.online, lang), suffix: t('unit.sites'), color: '#389e0d' },
    { key: 'offline', title: t('kpi.offline'), value: fmtNumber(totals.offline, lang), suffix: t('unit.sites'), color: totals.offline > 0 ? '#cf1322' : undefined },
    { key: 'indoor', title: t('kpi.meanIndoor'), value: totals.meanIndoorTempC === null ? DASH : fmtNumber(totals.meanIndoorTempC, lang, 1), suffix: '°C' },
    { key: 'below18', title: t('kpi.below18'), value: fmtNumber(totals.sitesBelow18C, lang), suffix: t('unit.sites'), color: totals.sitesBelow18C > 0 ? '#d46b08' : undefined },
    { key: 'elec', title: t('kpi.elecPower'), value: fmtNumber(totals.elecPowerW / 1000, lang, 1), suffix: 'kW' },
    { key: 'heat', title: t('kpi.heatPower'), value: fmtNumber(totals.heatPowerW / 1000, lang, 1), suffix: 'kW' },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="kpi-cards">
      {cards.map((c) => (
        <Col key={c.key} flex="1 1 170px">
          <Card size="small" data-testid={`kpi-${c.key}`}>
            <Statistic title={c.title} value={c.value} suffix={c.suffix} styles={{ content: { color: c.color } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
