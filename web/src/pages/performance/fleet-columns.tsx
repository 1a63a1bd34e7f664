import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { fmtNumber } from '../../format/format.js';
import { serverText } from '../../i18n/server-texts.js';
import { Link } from '../../router/link.js';
import type { BoundaryKey, FleetRow, KpiColumn, SeasonKpiKey } from './api.js';
import { CodeTag, KpiTitle, KpiValue } from './kpi-labels.js';
import { unitPerformancePath } from './paths.js';
import { controlName, emitterName, unitTypeName } from './unit-facts.js';

const SPF_BOUNDARY: Partial<Record<SeasonKpiKey, BoundaryKey>> = { spfH1: 'h1', spfH2: 'h2', spfH3: 'h3', spfH4: 'h4' };

/** Why a row's figure is missing: SPF has its own reason per boundary, a unit without readings says "no data". */
const nullReason = (row: FleetRow, kpi: SeasonKpiKey): string | null => {
  if (row.status === 'no-data') return 'no-data';
  const b = SPF_BOUNDARY[kpi];
  return b ? row.spfReasons[b] : null;
};

export function fleetColumns(t: TFunction, lang: string, kpis: readonly SeasonKpiKey[], catalogue: readonly KpiColumn[], sort: string, order: 'asc' | 'desc', periodSearch: string): TableColumnsType<FleetRow> {
  const sortOrder = (key: string) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const fixed: TableColumnsType<FleetRow> = [
    {
      title: t('perf.unit'), key: 'unitId', dataIndex: 'unitId', fixed: 'left', width: 150, sorter: true, sortOrder: sortOrder('unitId'),
      render: (id: string, r) => (
        <Space size={4} direction="vertical">
          <Link to={unitPerformancePath(id, periodSearch)} data-testid="perf-unit-link">{id}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.siteName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('perf.makeModel'), key: 'model', width: 170,
      render: (_, r) => (
        <Space size={0} direction="vertical">
          <span>{r.manufacturer}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.model}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('perf.unitFacts'), key: 'facts', width: 190,
      render: (_, r) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {unitTypeName(r.unitType, lang)} · {controlName(r.capacityControl, t)} · {emitterName(r.emitter, t)} · {fmtNumber(r.nominalCapacityKw, lang, 1)} kW · {r.installedOn.slice(0, 4)}
        </Typography.Text>
      ),
    },
  ];
  const kpiCols: TableColumnsType<FleetRow> = kpis.map((k) => {
    const col = catalogue.find((c) => c.key === k);
    return {
      title: <KpiTitle kpi={k} unit={col?.unit} boundary={col?.boundary ?? null} />,
      key: k, align: 'right', width: 120, sorter: true, sortOrder: sortOrder(k),
      render: (_, r) => <KpiValue kpi={k} value={r.values[k]} reason={nullReason(r, k)} testId={`perf-cell-${k}`} />,
    };
  });
  const flags: TableColumnsType<FleetRow> = [
    {
      title: t('perf.dataQuality'), key: 'quality', width: 180,
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          {r.notEvaluable.map((c) => <CodeTag key={c} group="notEvaluable" code={c} color="red" />)}
          {r.excludedChannels.map((c) => <Tooltip key={c} title={t('perf.excludedChannelHint')}><Tag>{t('perf.excludedChannel', { channel: c })}</Tag></Tooltip>)}
          {r.warnings.length > 0 && <Tooltip title={<div data-testid="perf-warnings-tooltip">{r.warnings.map((w, i) => <div key={i}>{serverText(t, lang, 'unitWarning', r.warningRefs[i], w)}</div>)}</div>}><Tag color="gold" data-testid="perf-warnings-tag">{t('perf.warnings', { count: r.warnings.length })}</Tag></Tooltip>}
        </Space>
      ),
    },
  ];
  return [...fixed, ...kpiCols, ...flags];
}
