import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/e-chart.js';
import { telemetryOption, type TelemetryPoint } from '../../charts/telemetry-option.js';

/** The last readings received by the live stream (seeded with the recent raw series). */
export function LiveChart({ points }: { points: TelemetryPoint[] }) {
  const { t } = useTranslation();
  const option = useMemo(() => telemetryOption(points, t), [points, t]);
  return (
    <Card size="small" title={t('live.chartTitle')} data-testid="live-card" extra={<Typography.Text type="secondary">{t('live.chartHint', { count: points.length })}</Typography.Text>}>
      <EChart option={option} height={300} testId="live-chart" />
    </Card>
  );
}
