import { Flex, InputNumber, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetOverview } from '../../../../src/contract/api.js';
import type { HeatPumpUnit, Programme } from '../../../../src/domain/registry.js';
import { useApi } from '../../api/use-api.js';
import { villageName } from '../overview/village-table.js';
import { PeriodPicker } from './period-picker.js';
import { CAPACITY_BANDS, capacityBandOf, listValue, withCapacityBand, withList, type CapacityBandKey, type ListFilter, type Scope } from './scope.js';
import { controlName, emitterName, unitTypeName } from './unit-facts.js';

const distinct = (xs: string[]): string[] => [...new Set(xs)].sort((a, b) => a.localeCompare(b));

/**
 * Every fleet filter the season report knows, with options from the caller's own registry scope (so an
 * operator is never offered another company's villages or models), plus the period in local days.
 */
export function PerformanceFilters({ scope, onChange }: { scope: Scope; onChange: (next: Scope) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const overview = useApi<FleetOverview>('/fleet/overview');
  const units = useApi<{ items: HeatPumpUnit[] }>('/registry/units');
  const programmes = useApi<{ items: Programme[] }>('/registry/programmes');

  const options = useMemo(() => {
    const u = units.data?.items ?? [];
    const chosenMakers = listValue(scope, 'manufacturer');
    const years = distinct(u.map((x) => x.installedOn.slice(0, 4)));
    return {
      village: (overview.data?.villages ?? []).map((v) => ({ value: v.id, label: villageName(v, lang) })),
      programme: (programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.year})` })),
      manufacturer: distinct(u.map((x) => x.manufacturer)).map((m) => ({ value: m, label: m })),
      // Models of the chosen manufacturers only, once some are chosen.
      model: distinct(u.filter((x) => chosenMakers.length === 0 || chosenMakers.includes(x.manufacturer)).map((x) => x.model)).map((m) => ({ value: m, label: m })),
      unitType: distinct(u.map((x) => x.type)).map((k) => ({ value: k, label: unitTypeName(k, lang) })),
      capacityControl: distinct(u.map((x) => x.capacityControl)).map((k) => ({ value: k, label: controlName(k, t) })),
      emitter: distinct(u.map((x) => x.emitter)).map((k) => ({ value: k, label: emitterName(k, t) })),
      years: years.map(Number),
    };
  }, [units.data, programmes.data, overview.data, scope, lang, t]);

  const multi = (key: ListFilter, width = 180) => (
    <Select
      key={key}
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width }}
      placeholder={t(`perfFilter.${key}`)}
      value={listValue(scope, key)}
      options={options[key]}
      data-testid={`perf-filter-${key}`}
      onChange={(v: string[]) => onChange(withList(scope, key, v))}
    />
  );
  const minYear = options.years[0] ?? 2000;
  const maxYear = options.years[options.years.length - 1] ?? 2100;

  return (
    <Flex vertical gap={8} data-testid="perf-filters">
      <PeriodPicker key={`${scope.from ?? ''}|${scope.to ?? ''}`} scope={scope} onChange={(p) => onChange({ ...scope, ...p })} />
      <Flex gap={8} wrap align="center">
        {multi('village')}
        {multi('programme')}
        {multi('manufacturer')}
        {multi('model')}
        {multi('unitType')}
        {multi('capacityControl', 140)}
        {multi('emitter', 160)}
        <Select<CapacityBandKey>
          allowClear
          style={{ width: 150 }}
          placeholder={t('perfFilter.capacityBand')}
          value={capacityBandOf(scope)}
          options={CAPACITY_BANDS.map((b) => ({ value: b.key, label: t(`capacityBand.${b.key}`) }))}
          data-testid="perf-filter-capacity"
          onChange={(k?: CapacityBandKey) => onChange(withCapacityBand(scope, k))}
        />
        <Typography.Text type="secondary">{t('perfFilter.installed')}</Typography.Text>
        <InputNumber<number>
          style={{ width: 100 }}
          min={minYear}
          max={maxYear}
          placeholder={String(minYear)}
          value={scope.installedFrom ? Number(scope.installedFrom) : null}
          onChange={(y) => onChange({ ...scope, installedFrom: y ? String(y) : undefined })}
          data-testid="perf-filter-installed-from"
        />
        <span>–</span>
        <InputNumber<number>
          style={{ width: 100 }}
          min={minYear}
          max={maxYear}
          placeholder={String(maxYear)}
          value={scope.installedTo ? Number(scope.installedTo) : null}
          onChange={(y) => onChange({ ...scope, installedTo: y ? String(y) : undefined })}
          data-testid="perf-filter-installed-to"
        />
      </Flex>
    </Flex>
  );
}
