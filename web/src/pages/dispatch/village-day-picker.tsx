import { Flex, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VillageSummary } from '../../../../src/contract/api.js';
import { villageName } from '../overview/village-table.js';

/** Which village and which local (Beijing) day the page shows. */
export function VillageDayPicker({ villages, villageId, day, onChange }: {
  villages: readonly VillageSummary[];
  villageId: string;
  day: string;
  onChange: (next: { villageId: string; day: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Flex gap={8} align="center" wrap data-testid="village-day-picker">
      <Typography.Text type="secondary">{t('dispatch.village')}</Typography.Text>
      <Select<string>
        style={{ minWidth: 200 }}
        value={villageId || undefined}
        onChange={(v) => onChange({ villageId: v, day })}
        options={villages.map((v) => ({ value: v.id, label: villageName(v, i18n.language) }))}
        data-testid="village-select"
      />
      <Typography.Text type="secondary">{t('dispatch.day')}</Typography.Text>
      <Input
        type="date"
        style={{ width: 160 }}
        value={day}
        onChange={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && onChange({ villageId, day: e.target.value })}
        aria-label={t('dispatch.day')}
        data-testid="day-input"
      />
    </Flex>
  );
}
