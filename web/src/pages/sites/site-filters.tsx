import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FleetOverview } from '../../../../src/contract/api.js';
import { useApi } from '../../api/use-api.js';
import { villageName } from '../overview/village-table.js';

export interface SiteFilterValues {
  villageId?: string;
  status?: 'online' | 'offline';
  q?: string;
}

/** Village (from the caller's overview, so only villages they may see), status and free-text search. */
export function SiteFilters({ value, onChange }: { value: SiteFilterValues; onChange: (v: SiteFilterValues) => void }) {
  const { t, i18n } = useTranslation();
  const { data } = useApi<FleetOverview>('/fleet/overview');
  return (
    <Space wrap>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 220 }}
        placeholder={t('sites.allVillages')}
        value={value.villageId}
        data-testid="filter-village"
        options={(data?.villages ?? []).map((v) => ({ value: v.id, label: villageName(v, i18n.language) }))}
        onChange={(villageId?: string) => onChange({ ...value, villageId })}
      />
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder={t('sites.allStatus')}
        value={value.status}
        data-testid="filter-status"
        options={[
          { value: 'online', label: t('status.online') },
          { value: 'offline', label: t('status.offline') },
        ]}
        onChange={(status?: 'online' | 'offline') => onChange({ ...value, status })}
      />
      <Input.Search
        allowClear
        style={{ width: 260 }}
        placeholder={t('sites.searchPlaceholder')}
        defaultValue={value.q}
        data-testid="filter-q"
        onSearch={(q) => onChange({ ...value, q: q || undefined })}
      />
    </Space>
  );
}
