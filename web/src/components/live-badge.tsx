import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../api/use-live-sites.js';
import { fmtDateTime } from '../format/format.js';

/** "Live" indicator plus the platform clock (simulated time in the demo), in Beijing time. */
export function LiveBadge({ status, clockMs }: { status: LiveStatus; clockMs: number | undefined }) {
  const { t, i18n } = useTranslation();
  const color = status === 'open' ? 'green' : status === 'error' ? 'red' : 'gold';
  return (
    <Tooltip title={t('live.clockHint')}>
      <span data-testid="live-status" data-status={status}>
        <Badge color={color} text={t(`live.${status}`)} />
        {clockMs !== undefined && (
          <span style={{ marginLeft: 12, color: 'rgba(0,0,0,0.55)' }}>
            {t('live.platformTime')}: <span data-testid="platform-clock">{fmtDateTime(clockMs, i18n.language, true)}</span>
          </span>
        )}
      </span>
    </Tooltip>
  );
}
