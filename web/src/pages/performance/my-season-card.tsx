import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { DASH, fmtNumber } from '../../format/format.js';
import { apiPath, type BoundaryKey, type UnitReport } from './api.js';
import { reasonText } from './kpi-labels.js';

/** The household's bill covers every electric part (H4); a unit without those meters falls back to the widest boundary it has. */
const PREFERRED: readonly BoundaryKey[] = ['h4', 'h3', 'h2', 'h1'];

/** 我的供暖: the household's heat pump this season in plain words: how much heat per unit of electricity, and how often it was cold. */
export function MySeasonCard({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, error } = useApi<UnitReport>(`${apiPath('unit', unitId)}${query({ expected: 'false' })}`);
  if (error) return <Alert type="info" showIcon data-testid="my-season" title={t('mySeason.title')} description={t('mySeason.unavailable')} />;
  if (!data) return <Card loading data-testid="my-season" />;

  const best = PREFERRED.map((b) => data.boundaries.find((x) => x.boundary === b)).find((x) => x && x.spf !== null) ?? data.boundaries.find((x) => x.boundary === 'h4') ?? null;
  const covered = data.comfortByHour.reduce((a, h) => a + h.coveredH, 0);
  const below = data.comfortByHour.reduce((a, h) => a + h.hoursBelow, 0);
  const noData = data.status === 'no-data';

  return (
    <Card title={t('mySeason.title')} data-testid="my-season" extra={<Typography.Text type="secondary">{data.period.label}</Typography.Text>}>
      {noData ? (
        <Typography.Text data-testid="my-season-no-data">{t('mySeason.noData', { period: data.period.label })}</Typography.Text>
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} md={9}>
            <Statistic
              title={t('mySeason.spf')}
              value={best?.spf == null ? DASH : fmtNumber(best.spf, lang, 1)}
              styles={{ content: { fontSize: 40, color: '#d4380d' } }}
              data-testid="my-season-spf"
            />
            <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="my-season-spf-words">
              {best?.spf != null
                ? t('mySeason.spfWords', { spf: fmtNumber(best.spf, lang, 1) })
                : t('mySeason.spfMissing', { reason: best?.reason ? reasonText(best.reason, t) : DASH })}
            </Typography.Paragraph>
            {best && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`mySeason.boundary.${best.boundary}`)}</Typography.Text>}
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={t('mySeason.heat')} value={best && best.heatKWh > 0 ? fmtNumber(best.heatKWh, lang, 0) : DASH} suffix={t('mySeason.kwhUnit')} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={t('mySeason.electricity')} value={best && best.electricityKWh > 0 ? fmtNumber(best.electricityKWh, lang, 0) : DASH} suffix={t('mySeason.kwhUnit')} />
          </Col>
          <Col xs={24} md={5}>
            <Statistic title={t('mySeason.coldHours')} value={covered > 0 ? fmtNumber(below, lang, 0) : DASH} suffix={t('mySeason.hoursUnit')} data-testid="my-season-cold" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {covered > 0 ? t('mySeason.coldWords', { pct: fmtNumber((100 * below) / covered, lang, 0) }) : reasonText('no-indoor-temperature', t)}
            </Typography.Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}
