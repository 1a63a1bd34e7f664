import { Card, Flex, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LatestView } from '../../../../src/contract/api.js';
import { DASH, fmtDateTime, fmtNumber } from '../../format/format.js';
import { UnitStateTags } from './latest-values.js';

/** Residential indoor design temperature (GB 50736), the comfort line households are promised. */
const DESIGN_INDOOR_C = 18;

/** "My warmth": the household's room temperature now, against the 18 °C design line, and its heat pump's state. */
export function WarmthCard({ latest, online }: { latest: LatestView | null; online: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const indoor = latest?.indoorTempC ?? null;
  const warm = indoor !== null && indoor >= DESIGN_INDOOR_C;
  return (
    <Card data-testid="warmth-card" style={{ background: warm ? '#fff7e6' : '#f0f5ff' }}>
      <Flex gap={48} wrap align="center">
        <Statistic
          title={t('home.indoorNow')}
          value={indoor === null ? DASH : fmtNumber(indoor, lang, 1)}
          suffix="°C"
          styles={{ content: { fontSize: 48, color: warm ? '#d4380d' : '#1677ff' } }}
          data-testid="home-indoor"
        />
        <Flex vertical gap={8}>
          {indoor !== null && <Tag color={warm ? 'orange' : 'blue'} style={{ fontSize: 14, padding: '2px 10px' }}>{t(warm ? 'home.warm' : 'home.cool', { design: DESIGN_INDOOR_C })}</Tag>}
          <Typography.Text>
            {t('channel.outdoorTempC')}: {latest?.outdoorTempC == null ? DASH : `${fmtNumber(latest.outdoorTempC, lang, 1)} °C`}
            {' · '}
            {t('channel.setpointC')}: {latest?.setpointC == null ? DASH : `${fmtNumber(latest.setpointC, lang, 1)} °C`}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('home.myHeatPump')}: </Typography.Text>
            <Tag color={online ? 'green' : 'red'}>{t(online ? 'status.online' : 'status.offline')}</Tag>
            <UnitStateTags latest={latest} />
          </div>
          <Typography.Text type="secondary">{t('site.readingTime')}: {fmtDateTime(latest?.tsMs, lang, true)}</Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
