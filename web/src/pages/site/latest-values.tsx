import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LatestView } from '../../../../src/contract/api.js';
import { DASH, fmtDateTime, fmtNumber } from '../../format/format.js';

type NumKey = 'indoorTempC' | 'outdoorTempC' | 'supplyTempC' | 'returnTempC' | 'setpointC' | 'elecPowerW' | 'heatPowerW';
const ITEMS: { key: NumKey; unit: '°C' | 'kW'; labelKey: string }[] = [
  { key: 'indoorTempC', unit: '°C', labelKey: 'channel.indoorTempC' },
  { key: 'outdoorTempC', unit: '°C', labelKey: 'channel.outdoorTempC' },
  { key: 'supplyTempC', unit: '°C', labelKey: 'channel.supplyTempC' },
  { key: 'returnTempC', unit: '°C', labelKey: 'channel.returnTempC' },
  { key: 'setpointC', unit: '°C', labelKey: 'channel.setpointC' },
  { key: 'elecPowerW', unit: 'kW', labelKey: 'site.elecPower' },
  { key: 'heatPowerW', unit: 'kW', labelKey: 'channel.heatPowerW' },
];

/** Heat-pump state flags as tags: compressor, defrost, fault. */
export function UnitStateTags({ latest }: { latest: LatestView | null }) {
  const { t } = useTranslation();
  if (!latest) return <Tag>{t('state.unknown')}</Tag>;
  return (
    <span data-testid="unit-state">
      <Tag color={latest.compressorOn === 1 ? 'green' : 'default'}>{t(latest.compressorOn === 1 ? 'state.compressorOn' : latest.compressorOn === 0 ? 'state.compressorOff' : 'state.compressorUnknown')}</Tag>
      {latest.defrost === 1 && <Tag color="blue">{t('state.defrost')}</Tag>}
      {latest.faultCode ? <Tag color="red">{t('state.fault', { code: latest.faultCode })}</Tag> : <Tag color="green">{t('state.noFault')}</Tag>}
    </span>
  );
}

export function LatestValues({ latest }: { latest: LatestView | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const value = (k: NumKey): string => {
    const v = latest?.[k];
    if (v === null || v === undefined) return DASH;
    return ITEMS.find((i) => i.key === k)?.unit === 'kW' ? fmtNumber(v / 1000, lang, 1) : fmtNumber(v, lang, 1);
  };
  return (
    <Card
      size="small"
      title={t('site.latestTitle')}
      data-testid="latest-card"
      extra={
        <Typography.Text type="secondary">
          {t('site.readingTime')}: <span data-testid="latest-ts">{fmtDateTime(latest?.tsMs, lang, true)}</span>
        </Typography.Text>
      }
    >
      {!latest && <Typography.Text type="secondary">{t('site.noReadings')}</Typography.Text>}
      <Row gutter={[16, 16]}>
        {ITEMS.map((i) => (
          <Col key={i.key} flex="1 1 130px">
            <Statistic title={t(i.labelKey)} value={value(i.key)} suffix={i.unit} data-testid={`latest-${i.key}`} />
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('site.unitState')}: </Typography.Text>
        <UnitStateTags latest={latest} />
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{t('site.elecBoundary')}</Typography.Text>
      </div>
    </Card>
  );
}
